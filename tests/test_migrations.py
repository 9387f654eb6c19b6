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


def test_places_upgrade_keeps_every_area_and_link(scratch_url):
    """From the governorate-only schema: areas and the activities' places stay as they were."""
    app = create_app(dict(TEST_CONFIG, SQLALCHEMY_DATABASE_URI=scratch_url))
    with app.app_context():
        upgrade(revision="0004_resources")
        with db.engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO area (id, code, kind, name_ar, name_en, position) "
                                 "VALUES (7, 'SY07', 'governorate', 'إدلب', 'Idleb', 6)")
            conn.exec_driver_sql("INSERT INTO sector (id, code, name_ar, name_en, position) "
                                 "VALUES (1, 'HEALTH', 'الصحة', 'Health', 0)")
            conn.exec_driver_sql(
                "INSERT INTO organisation (id, slug, name_ar, name_en, acronym, website, description_ar, "
                "description_en, active, is_demo, created_at) VALUES (1, 'o', 'م', 'O', '', '', "
                "'', '', true, false, CURRENT_TIMESTAMP)")
            conn.exec_driver_sql(
                "INSERT INTO activity (id, org_id, primary_sector_id, start_date, status, visibility, "
                "reached_total, title_ar, title_en, description_ar, description_en, review_state, "
                "is_published, review_note, lock_version, created_at, updated_at) VALUES (1, 1, 1, "
                "'2026-01-01', 'ongoing', 'public', 120, 'ن', 'A', '', '', 'approved', true, '', 1, "
                "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
            conn.exec_driver_sql("INSERT INTO activity_area (activity_id, area_id) VALUES (1, 7)")
        upgrade()
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT code, kind, parent_id, adm1_id FROM area").all() == \
                [("SY07", "governorate", None, None)]
            assert conn.exec_driver_sql("SELECT activity_id, area_id FROM activity_area").all() == [(1, 7)]
            assert conn.exec_driver_sql("SELECT reached_total FROM activity").scalar() == 120
        db.engine.dispose()
