"""Writing thousands of rows in the caller's transaction, fast: COPY on PostgreSQL (one
stream, no statement per row), multi-row INSERTs elsewhere. Only for plain values (numbers,
text, dates, JSON given as dicts or lists); no ORM events run."""
import json

from ...extensions import db


def _postgres():
    return db.session.get_bind().dialect.name == "postgresql"


def new_ids(table, count):
    """``count`` fresh primary keys of ``table`` (PostgreSQL: from its sequence), or None
    where the database assigns them on INSERT."""
    if not _postgres() or not count:
        return None
    return db.session.scalars(
        db.text(f"SELECT nextval(pg_get_serial_sequence('{table.name}', 'id')) "
                "FROM generate_series(1, :n)"), {"n": count}).all()


def _copy_value(value):
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else value


def insert(table, rows):
    """Add ``rows`` (dicts with the same keys) to ``table``."""
    if not rows:
        return
    if not _postgres():
        db.session.execute(db.insert(table), rows)
        return
    columns = list(rows[0])
    names = ", ".join(f'"{c}"' for c in columns)
    cursor = db.session.connection().connection.dbapi_connection.cursor()
    with cursor, cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([_copy_value(row[c]) for c in columns])
