"""The import migration keeps today's activities and adds the empty columns and table."""
import logging

import pytest
from flask_migrate import downgrade, upgrade

from portal import create_app
from portal.extensions import db
from tests.conftest import TEST_CONFIG
from tests.test_migrations import scratch_url  # noqa: F401  (fixture)


@pytest.fixture(autouse=True)
def _keep_loggers():
    """Alembic's env.py runs ``fileConfig``, which disables the portal's loggers: enable them
    again for the tests that follow."""
    yield
    for logger in logging.root.manager.loggerDict.values():
        if isinstance(logger, logging.Logger):
            logger.disabled = False


def test_upgrade_from_resources_keeps_activities(scratch_url):  # noqa: F811
    app = create_app(dict(TEST_CONFIG, SQLALCHEMY_DATABASE_URI=scratch_url))
    with app.app_context():
        upgrade(revision="0004_resources")
        with db.engine.begin() as conn:
            conn.execute(db.text("INSERT INTO organisation (id, slug, name_ar, name_en, acronym, website, "
                                 "description_ar, description_en, active, is_demo, created_at) VALUES "
                                 "(1, 'o', 'م', 'O', '', '', '', '', true, false, CURRENT_TIMESTAMP)"))
            conn.execute(db.text("INSERT INTO sector (id, code, name_ar, name_en, position) "
                                 "VALUES (1, 'HEALTH', 'الصحة', 'Health', 1)"))
            conn.execute(db.text(
                "INSERT INTO activity (id, org_id, primary_sector_id, start_date, status, visibility, "
                "title_ar, title_en, description_ar, description_en, created_at, updated_at, "
                "review_state, is_published, review_note, lock_version, reached_total) VALUES "
                "(7, 1, 1, '2026-01-01', 'ongoing', 'public', 'عيادة', 'Clinic', '', '', "
                "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'approved', true, '', 3, 120)"))
        upgrade()
        with db.engine.connect() as conn:
            row = conn.execute(db.text("SELECT title_en, reached_total, lock_version, org_ref, "
                                       "import_batch_id FROM activity WHERE id = 7")).one()
        assert tuple(row) == ("Clinic", 120, 3, None, None)
        downgrade(revision="0004_resources")
        with db.engine.connect() as conn:
            assert conn.execute(db.text("SELECT title_en FROM activity")).scalar() == "Clinic"
        downgrade(revision="base")
        db.engine.dispose()
