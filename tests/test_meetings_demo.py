"""Demo meetings: upcoming and past, with registrations within seats and quotas, added once."""
from sqlalchemy import func

from portal.extensions import db
from portal.meetings.demo import seed_demo_meetings
from portal.models import Meeting, Registration
from portal.seeding import seed_demo


def test_demo_meetings_are_added_once_and_respect_seats_and_quotas(app):
    assert seed_demo_meetings() == 0          # no demo organisations yet: nothing to show
    seed_demo()
    added = seed_demo_meetings()
    assert added >= 3
    assert seed_demo_meetings() == 0
    meetings = db.session.scalars(db.select(Meeting)).all()
    assert len(meetings) == added
    assert {m.state for m in meetings} >= {"open", "closed", "draft"}
    for meeting in meetings:
        rows = db.session.execute(
            db.select(Registration.org_id, func.count())
            .where(Registration.meeting_id == meeting.id, Registration.status == "confirmed")
            .group_by(Registration.org_id)).all()
        assert sum(n for _org, n in rows) <= meeting.seats
        assert all(n <= (meeting.org_quota or n) for _org, n in rows)
    assert db.session.scalar(db.select(func.count()).select_from(Registration)
                             .where(Registration.status == "waiting")) >= 1


def test_seed_demo_command_reports_meetings(app, runner):
    result = runner.invoke(args=["seed", "--demo"])
    assert "meetings: " in result.output and "meetings: 0 added" not in result.output
