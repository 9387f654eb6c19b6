"""The migrations build the schema the models describe, on SQLite and on PostgreSQL."""
import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from portal import create_app
from portal.extensions import db
from tests.conftest import TEST_CONFIG

PG_URL = os.environ.get("TEST_DATABASE_URL", "")


def _pg_scratch_url():
    import psycopg

    base = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS portal_migration_test")
        conn.execute("CREATE DATABASE portal_migration_test")
    return base.rsplit("/", 1)[0] + "/portal_migration_test"


@pytest.fixture
def scratch_url(tmp_path):
    if PG_URL:
        return _pg_scratch_url().replace("postgresql://", "postgresql+psycopg://")
    return f"sqlite:///{tmp_path}/migrated.db"


def test_upgrade_builds_the_models_schema_and_downgrade_undoes_it(scratch_url):
    app = create_app(dict(TEST_CONFIG, SQLALCHEMY_DATABASE_URI=scratch_url))
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"render_as_batch": True}),
                                    db.metadata)
        assert diff == [], f"models and migrations differ: {diff}"
        downgrade(revision="base")
        with db.engine.connect() as conn:
            tables = set(db.inspect(conn).get_table_names()) - {"alembic_version"}
        assert tables == set()
        db.engine.dispose()
