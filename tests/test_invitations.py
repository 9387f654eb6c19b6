"""Invitations: single-use links valid 72 hours; role and organisation come from the invitation."""
import re
from datetime import timedelta

import pytest

from portal.extensions import db
from portal.members import services as member_services
from portal.models import AuditEvent, Invitation, OutboxMail, User, utcnow
from tests.conftest import login, post_form

PW = "a long and private passphrase"


def _link(mail):
    return re.search(r"https?://\S+", mail.body).group(0).split("portal.test", 1)[1]


def _invite_as_focal(client, focal, email="new.colleague@example.org", org_admin=False):
    login(client, focal)
    data = {"email": email, "name": "New Colleague"}
    if org_admin:
        data["org_admin"] = "y"
    return post_form(client, f"/members/{focal.org.slug}/invite", data)


def test_focal_point_invites_a_colleague_who_joins_their_org(app, client, make_user):
    focal = make_user(org_admin=True)
    assert _invite_as_focal(client, focal).status_code == 302
    mail = db.session.scalar(db.select(OutboxMail))
    assert mail.recipient == "new.colleague@example.org"
    other = app.test_client()
    response = post_form(other, _link(mail), {"name": "Rana", "password": PW, "confirm": PW})
    assert response.status_code == 302
    user = db.session.scalar(db.select(User).where(User.email == "new.colleague@example.org"))
    assert user.org_id == focal.org_id and user.role == "member" and not user.is_org_admin
    assert other.get("/dashboard").status_code == 200
    actions = set(db.session.scalars(db.select(AuditEvent.action)))
    assert {"invitation.sent", "invitation.accepted"} <= actions


def test_role_and_org_never_come_from_the_form(app, client, make_user, make_org):
    focal = make_user(org_admin=True)
    elsewhere = make_org()
    _invite_as_focal(client, focal)
    link = _link(db.session.scalar(db.select(OutboxMail)))
    post_form(app.test_client(), link, {"name": "Sneaky", "password": PW, "confirm": PW,
                                        "role": "secretariat", "org_id": str(elsewhere.id),
                                        "is_org_admin": "y", "org_admin": "y"})
    user = db.session.scalar(db.select(User).where(User.email == "new.colleague@example.org"))
    assert (user.role, user.org_id, user.is_org_admin) == ("member", focal.org_id, False)


def test_focal_point_cannot_invite_to_another_org(client, make_user, make_org):
    focal = make_user(org_admin=True)
    other_org = make_org()
    login(client, focal)
    response = post_form(client, f"/members/{other_org.slug}/invite", {"email": "x@example.org"},
                         form_url=f"/members/{focal.org.slug}/invite")
    assert response.status_code == 403
    assert db.session.scalar(db.select(db.func.count(Invitation.id))) == 0


def test_staff_who_are_not_focal_points_cannot_invite(client, make_user):
    staff = make_user()
    login(client, staff)
    assert client.get(f"/members/{staff.org.slug}/invite").status_code == 403


def test_service_refuses_focal_point_inviting_secretariat(app, make_user):
    focal = make_user(org_admin=True)
    with app.test_request_context():
        with pytest.raises(member_services.NotAllowed):
            member_services.invite(focal, "boss@example.org", role="secretariat")


def test_invitation_is_valid_72_hours(app, client, make_user):
    focal = make_user(org_admin=True)
    _invite_as_focal(client, focal)
    invitation = db.session.scalar(db.select(Invitation))
    created = invitation.created_at if invitation.created_at.tzinfo else invitation.created_at
    delta = invitation.expires_at - created
    assert timedelta(hours=71, minutes=59) < delta <= timedelta(hours=72, seconds=1)
    invitation.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert app.test_client().get(_link(db.session.scalar(db.select(OutboxMail)))).status_code == 404


def test_invitation_link_works_once(app, client, make_user):
    focal = make_user(org_admin=True)
    _invite_as_focal(client, focal)
    link = _link(db.session.scalar(db.select(OutboxMail)))
    post_form(app.test_client(), link, {"name": "Rana", "password": PW, "confirm": PW})
    assert app.test_client().get(link).status_code == 404


def test_invitation_form_errors_keep_the_name(app, client, make_user):
    focal = make_user(org_admin=True)
    _invite_as_focal(client, focal)
    link = _link(db.session.scalar(db.select(OutboxMail)))
    response = post_form(app.test_client(), link, {"name": "رنا الحلبي", "password": PW, "confirm": "different"})
    assert response.status_code == 200
    assert 'value="رنا الحلبي"' in response.get_data(as_text=True)


def test_inviting_an_existing_account_is_refused_with_a_message(app, client, make_user):
    focal = make_user(org_admin=True)
    existing = make_user()
    login(client, focal)
    url = f"/members/{focal.org.slug}/invite?lang=en"
    response = post_form(client, url, {"email": existing.email.upper(), "name": "Again"})
    assert response.status_code == 200
    assert "An account with this email already exists." in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Invitation.id))) == 0
    assert db.session.scalar(db.select(db.func.count(OutboxMail.id))) == 0
