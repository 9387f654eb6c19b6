"""Seats, quotas, the waiting list and promotions, through the services."""
from datetime import timedelta

import pytest

from portal.extensions import db
from portal.meetings import convening, services
from portal.models import utcnow
from tests.test_meetings_support import audit_actions, count, mails_to, make_meeting, statuses  # noqa: F401


@pytest.fixture
def people(make_org, make_user):
    """Two organisations with three staff each: (org_a, [a1, a2, a3], org_b, [b1, b2, b3])."""
    org_a, org_b = make_org(), make_org()
    return (org_a, [make_user(org=org_a, locale="en") for _ in range(3)],
            org_b, [make_user(org=org_b) for _ in range(3)])


def test_confirmed_within_seats_then_waiting_in_order(make_meeting, people):
    _org_a, a, _org_b, b = people
    meeting = make_meeting(seats=2)
    for person in (a[0], b[0], a[1], b[1]):
        services.register(person, meeting, person)
    assert statuses(meeting) == {a[0].id: "confirmed", b[0].id: "confirmed",
                                 a[1].id: "waiting", b[1].id: "waiting"}
    assert audit_actions() == ["meeting.registered"] * 4


def test_quota_sends_the_second_of_an_organisation_to_the_waiting_list(make_meeting, people):
    _org_a, a, _org_b, b = people
    meeting = make_meeting(seats=5, org_quota=1)
    services.register(a[0], meeting, a[0])
    services.register(a[1], meeting, a[1])
    services.register(b[0], meeting, b[0])
    assert statuses(meeting) == {a[0].id: "confirmed", a[1].id: "waiting", b[0].id: "confirmed"}


def test_cancelling_promotes_the_first_eligible_person_and_mails_them(make_meeting, people):
    _org_a, a, _org_b, b = people
    meeting = make_meeting(seats=2, org_quota=1)
    services.register(a[0], meeting, a[0])   # confirmed
    services.register(b[0], meeting, b[0])   # confirmed (meeting now full)
    services.register(a[1], meeting, a[1])   # waiting, first
    services.register(b[1], meeting, b[1])   # waiting, second
    registration = next(r for r in _registrations(meeting) if r.user_id == b[0].id)
    promoted = services.cancel(b[0], registration)
    # a[1] is first in line but org A is at its quota: b[1] is the first eligible.
    assert [r.user_id for r in promoted] == [b[1].id]
    assert statuses(meeting)[a[1].id] == "waiting"
    assert statuses(meeting)[b[1].id] == "confirmed"
    assert len(mails_to(b[1].email, "meeting_promoted")) == 1
    assert not mails_to(a[1].email)
    assert audit_actions() == ["meeting.registered"] * 4 + [
        "meeting.registration.cancelled", "meeting.registration.promoted"]


def test_promotion_follows_the_waiting_order(make_meeting, people):
    _org_a, a, _org_b, b = people
    meeting = make_meeting(seats=1)
    for person in (a[0], b[2], a[2], b[1]):
        services.register(person, meeting, person)
    services.cancel(a[0], _registration(meeting, a[0]))
    assert statuses(meeting)[b[2].id] == "confirmed"
    services.cancel(b[2], _registration(meeting, b[2]))
    assert statuses(meeting)[a[2].id] == "confirmed"
    assert statuses(meeting)[b[1].id] == "waiting"


def test_promotion_mail_is_in_the_recipients_language(make_meeting, people):
    _org_a, a, _org_b, b = people
    meeting = make_meeting(seats=1)
    services.register(b[0], meeting, b[0])
    services.register(a[0], meeting, a[0])    # English speaker, waiting
    services.cancel(b[0], _registration(meeting, b[0]))
    (mail,) = mails_to(a[0].email, "meeting_promoted")
    assert mail.locale == "en" and "Advocacy meeting" in mail.subject
    assert "/meetings/%d" % meeting.id in mail.body


def test_raising_the_seats_promotes_waiting_people_in_order(make_meeting, people, make_user):
    _org_a, a, _org_b, b = people
    secretariat = make_user(role="secretariat")
    meeting = make_meeting(seats=1)
    for person in (a[0], b[0], a[1], b[1]):
        services.register(person, meeting, person)
    values = _values(meeting, seats=3)
    convening.update_meeting(secretariat, meeting, values)
    assert statuses(meeting) == {a[0].id: "confirmed", b[0].id: "confirmed",
                                 a[1].id: "confirmed", b[1].id: "waiting"}
    assert "meeting.registration.promoted" in audit_actions()


def test_seats_cannot_fall_below_those_confirmed(make_meeting, people, make_user):
    _org_a, a, _org_b, b = people
    secretariat = make_user(role="secretariat")
    meeting = make_meeting(seats=3, org_quota=2)
    for person in (a[0], a[1], b[0]):
        services.register(person, meeting, person)
    with pytest.raises(convening.MeetingProblem) as seats:
        convening.update_meeting(secretariat, meeting, _values(meeting, seats=2))
    assert seats.value.field == "seats" and seats.value.n == 3
    with pytest.raises(convening.MeetingProblem) as quota:
        convening.update_meeting(secretariat, meeting, _values(meeting, org_quota=1))
    assert quota.value.field == "org_quota" and quota.value.n == 2
    db.session.expire_all()
    assert meeting.seats == 3 and meeting.org_quota == 2


def test_registering_twice_is_refused_and_makes_one_row(make_meeting, people):
    _org_a, a, _org_b, _b = people
    meeting = make_meeting()
    services.register(a[0], meeting, a[0])
    with pytest.raises(services.Refused) as refused:
        services.register(a[0], meeting, a[0])
    assert refused.value.reason == "already"
    assert len(statuses(meeting)) == 1


def test_registering_again_after_cancelling_goes_to_the_back_of_the_line(make_meeting, people):
    _org_a, a, _org_b, b = people
    meeting = make_meeting(seats=1)
    for person in (a[0], b[0], a[1]):
        services.register(person, meeting, person)
    services.cancel(b[0], _registration(meeting, b[0]))           # leaves the waiting list
    services.register(b[0], meeting, b[0])                        # back, behind a[1]
    services.cancel(a[0], _registration(meeting, a[0]))
    assert statuses(meeting) == {a[0].id: "cancelled", a[1].id: "confirmed", b[0].id: "waiting"}


def test_focal_point_registers_a_colleague_not_another_organisation(make_meeting, people, make_user):
    org_a, a, _org_b, b = people
    focal = make_user(org=org_a, org_admin=True)
    meeting = make_meeting()
    services.register(focal, meeting, a[2])
    assert statuses(meeting) == {a[2].id: "confirmed"}
    assert len(mails_to(a[2].email, "meeting_registered")) == 1
    with pytest.raises(services.Refused) as refused:
        services.register(focal, meeting, b[0])
    assert refused.value.reason == "not_allowed"
    with pytest.raises(services.Refused):
        services.register(a[0], meeting, a[1])   # staff cannot register colleagues


@pytest.mark.parametrize("state", ["draft", "closed", "cancelled"])
def test_no_registration_unless_open(make_meeting, people, state):
    _org_a, a, _org_b, _b = people
    meeting = make_meeting(state=state)
    with pytest.raises(services.Refused) as refused:
        services.register(a[0], meeting, a[0])
    assert refused.value.reason == "closed"
    assert statuses(meeting) == {}


def test_registration_window_and_start(make_meeting, people):
    _org_a, a, _org_b, _b = people
    now = utcnow()
    not_yet = make_meeting(registration_opens_at=now + timedelta(days=1))
    over = make_meeting(registration_closes_at=now - timedelta(minutes=1))
    started = make_meeting(starts_at=now - timedelta(minutes=5))
    for meeting in (not_yet, over, started):
        with pytest.raises(services.Refused):
            services.register(a[0], meeting, a[0])


def test_no_cancelling_once_started(make_meeting, people):
    _org_a, a, _org_b, _b = people
    meeting = make_meeting()
    services.register(a[0], meeting, a[0])
    meeting.starts_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    with pytest.raises(services.Refused) as refused:
        services.cancel(a[0], _registration(meeting, a[0]))
    assert refused.value.reason == "over"


def test_secretariat_confirms_by_hand_into_a_free_seat_only(make_meeting, people, make_user):
    _org_a, a, _org_b, b = people
    secretariat = make_user(role="secretariat")
    meeting = make_meeting(seats=3, org_quota=1)
    for person in (a[0], a[1], b[0]):
        services.register(person, meeting, person)
    # A seat is free, but a[1]'s organisation is at its quota: the secretariat may decide.
    services.confirm_by_hand(secretariat, _registration(meeting, a[1]))
    assert count(meeting, "confirmed") == 3
    services.register(b[1], meeting, b[1])
    with pytest.raises(services.Refused) as full:
        services.confirm_by_hand(secretariat, _registration(meeting, b[1]))
    assert full.value.reason == "full"
    with pytest.raises(services.Refused):
        services.confirm_by_hand(a[0], _registration(meeting, b[1]))
    assert "meeting.registration.confirmed_by_hand" in audit_actions()


def _registrations(meeting):
    from portal.models import Registration

    db.session.expire_all()
    return db.session.scalars(db.select(Registration).where(Registration.meeting_id == meeting.id)).all()


def _registration(meeting, person):
    return next(r for r in _registrations(meeting) if r.user_id == person.id)


def _values(meeting, **changes):
    values = {f: getattr(meeting, f) for f in convening.FIELDS}
    values.update(changes)
    return values
