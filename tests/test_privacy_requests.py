"""Subject-access requests at /secretariat/privacy: find, export as JSON, erase or anonymise."""
import json
from datetime import timedelta

import pytest

from portal.extensions import db
from portal.models import (AuditEvent, Invitation, OutboxMail, PasswordReset, User,
                           VolunteerApplication, utcnow)
from portal.models.audit import AuditLogIsAppendOnly
from portal.models.session import UserSession
from portal.privacy import services
from tests.clock import clock  # noqa: F401
from tests.conftest import PASSWORD, login, post_form
from tests.test_secretariat_orgs import assert_only_secretariat, events, secretariat_client, text

URL = "/secretariat/privacy"
EMAIL = "rana@example.org"


@pytest.fixture
def subject(app, make_user):
    """Rana: an account that logged in, a volunteer application (typed with capitals), mail,
    an invitation, a reset link and audit entries; and someone else's data beside them."""
    rana = make_user(email=EMAIL, name="رنا حداد", locale="en")
    other = make_user(email="jrana@example.org", name="Other Person")
    rana_client = app.test_client()
    assert login(rana_client, rana).status_code == 302
    now = utcnow()
    db.session.add_all([
        VolunteerApplication(name="رنا حداد", email="Rana@Example.org", phone="+90 555 1",
                             skills="First aid", consent_at=now, created_at=now),
        VolunteerApplication(name="Other Person", email="jrana@example.org", skills="x",
                             consent_at=now, created_at=now),
        OutboxMail(recipient=EMAIL, subject="Reset your password", body="link SECRET", kind="reset"),
        OutboxMail(recipient="jrana@example.org", subject="Other mail", body="other", kind="reset"),
        Invitation(email=EMAIL, role="secretariat", token_hash="i" * 64, created_at=now,
                   expires_at=now + timedelta(days=3)),
        PasswordReset(user_id=rana.id, token_hash="r" * 64, created_at=now,
                      expires_at=now + timedelta(hours=1)),
        AuditEvent(action="invitation.sent", actor_label="boss@example.org", object_kind="invitation",
                   object_id="1", after={"email": EMAIL, "role": "secretariat"}, ip="198.51.100.9"),
        AuditEvent(action="invitation.sent", actor_label="boss@example.org", object_kind="invitation",
                   object_id="2", after={"email": "jrana@example.org"}, ip="198.51.100.9"),
        AuditEvent(action="login.failed", actor_label=EMAIL.upper(), object_kind="user",
                   ip="203.0.113.5"),
    ])
    db.session.commit()
    return {"user": rana, "other": other, "client": rana_client}


def find(client, email=EMAIL, url=URL):
    return post_form(client, url, {"email": email}, form_url=URL)


def test_search_lists_everything_held_about_the_address(app, make_user, subject):
    client, _ = secretariat_client(app, make_user)
    assert 'href="/secretariat/privacy"' in text(client.get("/secretariat/"))
    html = text(find(client, "  RANA@example.org "))
    assert "Accounts: 1" in html and "رنا حداد" in html
    assert "Volunteer applications: 1" in html and "+90 555 1" in html
    assert "Mail to this address: 1" in html and "Reset your password" in html
    assert "Invitations: 1" in html and "Password reset links: 1" in html
    # login.succeeded (by her), login.failed (label), invitation.sent (in the JSON)
    assert "Audit entries naming it: 3" in html
    assert "Other Person" not in html and "Other mail" not in html
    assert "Download everything as JSON" in html and "Erase or anonymise" in html


def test_an_address_with_nothing_held(app, make_user):
    client, _ = secretariat_client(app, make_user)
    response = find(client, "nobody@example.org")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert "Nothing is held about this address." in text(response)


def test_bad_address_gets_a_translated_message_and_is_kept(app, make_user):
    client, _ = secretariat_client(app, make_user)
    html = text(find(client, "not-an-address"))
    assert "Enter a valid email address" in html and 'value="not-an-address"' in html
    assert "Enter the email address the request is about." in text(find(client, ""))
    for action in ("/export", "/erase"):  # a tampered button: the same page, not a 500
        response = find(client, "bad", url=URL + action)
        assert response.status_code == 200 and "Enter a valid email address" in text(response)
    html = text(post_form(client, URL + "?lang=ar", {"email": "not-an-address"}, form_url=URL))
    assert "أدخل عنواناً إلكترونياً صحيحاً" in html and 'value="not-an-address"' in html


def test_only_the_secretariat(app, make_user):
    assert_only_secretariat(app, make_user, gets=[URL],
                            posts=[URL, URL + "/export", URL + "/erase"])


def test_export_is_utf8_json_without_secrets_and_audited(app, make_user, subject):
    client, me = secretariat_client(app, make_user)
    response = find(client, EMAIL, url=URL + "/export")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    raw = response.get_data()
    assert "رنا حداد".encode("utf-8") in raw  # readable UTF-8, not \\u escapes
    data = json.loads(raw.decode("utf-8"))
    assert data["email"] == EMAIL
    assert [a["email"] for a in data["accounts"]] == [EMAIL]
    assert data["volunteer_applications"][0]["phone"] == "+90 555 1"
    assert data["mail"][0]["body"] == "link SECRET"
    assert len(data["audit_events"]) == 3 and len(data["invitations"]) == 1
    assert len(data["password_resets"]) == 1
    for secret in ("password_hash", "session_token", "token_hash", "i" * 64, "r" * 64):
        assert secret not in raw.decode("utf-8")
    (event,) = events("privacy.exported")
    assert event.actor_id == me.id and event.after["accounts"] == 1


def test_erase_asks_first_and_says_what_will_happen(app, make_user, subject):
    client, _ = secretariat_client(app, make_user)
    html = text(find(client, EMAIL, url=URL + "/erase"))
    for words in ("Volunteer applications deleted: 1.", "Mail to this address deleted from the outbox: 1.",
                  "Invitations deleted: 1.", "Password reset links deleted: 1.",
                  "Accounts anonymised: 1.", "deleted-12@invalid", "logged out everywhere",
                  "Audit entries naming the address: 3.", 'name="confirmed" value="yes"',
                  "Erase for good"):
        assert words in html, words
    assert db.session.scalar(db.select(User).where(User.email == EMAIL)) is not None
    assert db.session.scalar(db.select(db.func.count(VolunteerApplication.id))) == 2


def _erase(client, email=EMAIL):
    return post_form(client, URL + "/erase", {"email": email, "confirmed": "yes"}, form_url=URL)


def test_erase_deletes_anonymises_and_a_second_search_finds_nothing(app, make_user, subject):
    client, me = secretariat_client(app, make_user)
    rana = subject["user"]
    rana_id, old_token = rana.id, rana.session_token
    ids_before = db.session.scalars(db.select(AuditEvent.id).order_by(AuditEvent.id)).all()
    actions_before = db.session.scalars(db.select(AuditEvent.action).order_by(AuditEvent.id)).all()
    response = _erase(client)
    assert response.status_code == 302
    assert "Accounts anonymised: 1." in text(client.get(URL))

    db.session.expire_all()
    account = db.session.get(User, rana_id)
    assert account.email == account.name == f"deleted-{rana_id}@invalid"
    assert not account.active and account.session_token != old_token
    assert subject["client"].get("/dashboard").status_code == 302  # her session has ended
    assert login(app.test_client(), f"deleted-{rana_id}@invalid").status_code == 200  # refused
    assert db.session.scalars(db.select(VolunteerApplication.name)).all() == ["Other Person"]
    assert db.session.scalars(db.select(OutboxMail.recipient)).all() == ["jrana@example.org"]
    assert db.session.scalar(db.select(db.func.count(Invitation.id))) == 0
    assert db.session.scalar(db.select(db.func.count(PasswordReset.id))) == 0
    assert db.session.scalar(db.select(db.func.count(UserSession.id))
                             .where(UserSession.user_id == rana_id)) == 0  # her devices too

    # The audit log keeps every event, id and action; only the personal data went.
    after = db.session.scalars(db.select(AuditEvent).where(AuditEvent.id.in_(ids_before))
                               .order_by(AuditEvent.id)).all()
    assert [e.id for e in after] == ids_before and [e.action for e in after] == actions_before
    dump = json.dumps([[e.actor_label, e.before, e.after, e.reason] for e in after])
    assert f'"{EMAIL}"' not in dump.lower()
    assert "jrana@example.org" in dump  # someone else's entry is untouched
    by_her = [e for e in after if e.actor_id == rana_id or e.action == "login.failed"]
    assert by_her and all(e.ip == "" for e in by_her)
    invited = next(e for e in after if e.object_id == "1" and e.action == "invitation.sent")
    assert invited.after == {"email": f"deleted-{rana_id}@invalid", "role": "secretariat"}
    assert invited.ip == "198.51.100.9"  # the secretariat's own address is not hers

    (erased,) = events("privacy.erased")
    assert erased.actor_id == me.id and erased.after["accounts_anonymised"] == 1
    assert erased.after["account_ids"] == [rana_id] and erased.after["volunteer_applications"] == 1
    assert EMAIL not in json.dumps(erased.after) and "rana" not in json.dumps(erased.after).lower()

    assert "Nothing is held about this address." in text(find(client))


def test_the_audit_guard_still_refuses_ordinary_changes(app, make_user, subject):
    secretary = make_user(role="secretariat")
    services.erase(secretary, EMAIL)
    event = db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id)).first()
    event.actor_label = "tampered"
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.commit()
    db.session.rollback()
    db.session.delete(db.session.scalars(db.select(AuditEvent)).first())
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.commit()
    db.session.rollback()


def test_the_secretariat_cannot_erase_its_own_account(app, make_user):
    client, me = secretariat_client(app, make_user)
    assert "This is your own account" in text(find(client, me.email, url=URL + "/erase"))
    response = _erase(client, me.email)
    assert response.status_code == 302
    assert "You cannot erase your own account" in text(client.get(URL))
    db.session.expire_all()
    assert db.session.get(User, me.id).email == me.email and not events("privacy.erased")


def test_her_logged_in_devices_are_listed_and_exported(app, make_user, subject):
    client, _me = secretariat_client(app, make_user)
    assert "Logged-in devices: 1" in text(find(client))
    response = post_form(client, URL + "/export", {"email": EMAIL}, form_url=URL)
    (device,) = json.loads(response.get_data(as_text=True))["sessions"]
    assert device["user_id"] == subject["user"].id and "ip_prefix" in device
    assert "key_hash" not in device


def test_the_password_is_asked_again_after_a_while(app, make_user, subject, clock):
    client, _me = secretariat_client(app, make_user)
    clock.move(minutes=20)
    response = client.get(URL)
    assert response.status_code == 302 and "/account/confirm" in response.headers["Location"]
    response = post_form(client, URL + "/erase", {"email": EMAIL, "confirmed": "yes"}, form_url="/secretariat/")
    assert response.status_code == 302 and "/account/confirm" in response.headers["Location"]
    assert db.session.get(User, subject["user"].id).email == EMAIL  # nothing was erased
