"""The monthly progress migration keeps every activity's own figures: after the upgrade an
activity without reports still reached what it said, and the downgrade loses nothing either."""
import os
from datetime import date, datetime, timezone

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from portal import create_app
from portal.extensions import db
from tests.conftest import TEST_CONFIG

PG_URL = os.environ.get("TEST_DATABASE_URL", "")
BEFORE = "0004_resources"
FIGURES = {"reached_total": 400, "reached_women": 150, "reached_men": 100, "reached_girls": 90,
           "reached_boys": 60, "targeted_total": 1000}


@pytest.fixture
def scratch_url(tmp_path):
    if not PG_URL:
        return f"sqlite:///{tmp_path}/migrated.db"
    import psycopg

    base = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    name = base.rsplit("/", 1)[1] + "_progress_migration"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return base.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://") + "/" + name


def _filler(column):
    """A value for a NOT NULL column the test does not care about (the schema as it was)."""
    kind = column["type"].python_type
    return {str: "", int: 0, bool: False, date: date(2025, 1, 1),
            datetime: datetime(2025, 1, 1, tzinfo=timezone.utc)}.get(kind, "")


def _insert(conn, table, **values):
    """Insert a row giving only ``values``, whatever other columns the table had then."""
    for column in sa.inspect(conn).get_columns(table):
        if (column["name"] not in values and not column["nullable"] and column["default"] is None
                and not column.get("autoincrement") is True and column["name"] != "id"):
            values[column["name"]] = _filler(column)
    names = ", ".join(values)
    params = ", ".join(f":{k}" for k in values)
    return conn.execute(sa.text(f"INSERT INTO {table} ({names}) VALUES ({params}) RETURNING id"),
                        values).scalar_one()


def test_upgrade_from_0004_keeps_the_activities_figures(scratch_url):
    app = create_app(dict(TEST_CONFIG, SQLALCHEMY_DATABASE_URI=scratch_url))
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as conn:
            org = _insert(conn, "organisation", slug="olive", name_ar="زيتون", name_en="Olive")
            sector = _insert(conn, "sector", code="FSL", name_ar="أمن غذائي", name_en="Food")
            activity = _insert(conn, "activity", org_id=org, primary_sector_id=sector,
                               start_date=date(2025, 1, 1), status="ongoing", visibility="public",
                               title_en="Food baskets", review_state="approved", is_published=True,
                               lock_version=1, **FIGURES)
        upgrade()
        from portal.activities.reached import reached_of

        with db.engine.connect() as conn:
            row = conn.execute(sa.text("SELECT reached_total, reached_women, reached_men, reached_girls, "
                                       "reached_boys, targeted_total, title_en FROM activity")).one()
            assert tuple(row) == (400, 150, 100, 90, 60, 1000, "Food baskets")
            assert conn.execute(sa.text("SELECT count(*) FROM activity_progress")).scalar() == 0
        assert reached_of(activity) == {"total": 400, "women": 150, "men": 100, "girls": 90, "boys": 60}
        db.session.remove()
        downgrade(revision=BEFORE)
        with db.engine.connect() as conn:
            assert "activity_progress" not in sa.inspect(conn).get_table_names()
            assert conn.execute(sa.text("SELECT reached_total FROM activity")).scalar() == 400
        db.engine.dispose()
