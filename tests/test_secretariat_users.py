"""Secretariat: users (list and filters, invite, pending invitations, role changes, deactivation)."""
from datetime import timedelta
from urllib.parse import urlsplit

from portal.extensions import db
from portal.models import Invitation, OutboxMail, User, utcnow
from tests.conftest import login, post_form
from tests.test_secretariat_orgs import (assert_only_secretariat, events, same_query_count,
                                         secretariat_client, text)


# --- list ---------------------------------------------------------------------------------------

def test_list_filters_by_organisation_role_and_text(app, make_user, make_org):
    olive = make_org(slug="olive", name_en="Olive")
    cedar = make_org(slug="cedar", name_en="Cedar")
    make_user(org=olive, name="Amal Staff", email="amal@olive.org")
    make_user(org=olive, org_admin=True, name="Basel Focal", email="basel@olive.org")
    make_user(org=cedar, name="Carim Cedar", email="carim@cedar.org")
    client, _ = secretariat_client(app, make_user, name="Dana Secretariat")

    html = text(client.get("/secretariat/users"))
    assert all(n in html for n in ("Amal Staff", "Basel Focal", "Carim Cedar", "Dana Secretariat"))

    html = text(client.get("/secretariat/users?org=olive"))
    assert "Amal Staff" in html and "Basel Focal" in html and "Carim Cedar" not in html

    html = text(client.get("/secretariat/users?role=focal"))
    assert "Basel Focal" in html and "Amal Staff" not in html

    html = text(client.get("/secretariat/users?role=secretariat"))
    assert "Dana Secretariat" in html and "Amal Staff" not in html

    html = text(client.get("/secretariat/users?q=CEDAR.ORG"))
    assert "Carim Cedar" in html and "Amal Staff" not in html
    assert 'value="CEDAR.ORG"' in html  # the filter stays in the form

    html = text(client.get("/secretariat/users?q=%25"))  # a literal %, not a wildcard
    assert "No account matches." in html


def test_unknown_filter_values_do_not_break_the_list(app, make_user):
    client, _ = secretariat_client(app, make_user, name="Still Listed")
    response = client.get("/secretariat/users?org=nowhere&role=king&page=abc")
    assert response.status_code == 200
    assert "Still Listed" in text(response)  # unknown choices are ignored, not guessed at


def test_list_costs_the_same_queries_for_3_and_30_users(app, make_user, make_org, count_queries):
    client, _ = secretariat_client(app, make_user)
    app.config["PAGE_SIZE"] = 50

    def add(n):
        for i in range(n):
            make_user(org_admin=bool(i % 2), email=f"listed{n}-{i}@example.org")

    def check(html, total):
        assert html.count("@example.org<") >= total

    same_query_count(client, count_queries, "/secretariat/users", add, check)


# --- invitations --------------------------------------------------------------------------------

def test_invite_a_focal_point(app, make_user, make_org):
    org = make_org(slug="olive", name_en="Olive")
    client, me = secretariat_client(app, make_user)
    form = client.get("/secretariat/users/invite?org=olive")
    assert f'<option selected value="{org.id}">' in text(form) or f'value="{org.id}" selected' in text(form)
    response = post_form(client, "/secretariat/users/invite", {
        "email": "New.Person@Example.org", "name": "New Person", "role": "member",
        "org": str(org.id), "org_admin": "y"})
    assert response.status_code == 302
    invitation = db.session.scalar(db.select(Invitation))
    assert invitation.email == "new.person@example.org"
    assert invitation.org_id == org.id and invitation.is_org_admin and invitation.role == "member"
    assert invitation.invited_by_id == me.id
    assert db.session.scalar(db.select(OutboxMail.recipient)) == "new.person@example.org"
    (event,) = events("invitation.sent")
    assert event.after["org"] == "olive" and event.after["org_admin"] is True

    html = text(client.get("/secretariat/users/invitations"))
    assert "new.person@example.org" in html and me.name in html and "Focal point" in html


def test_invite_a_secretariat_colleague_without_organisation(app, make_user, make_org):
    org = make_org()
    client, _ = secretariat_client(app, make_user)
    response = post_form(client, "/secretariat/users/invite", {
        "email": "colleague@example.org", "role": "secretariat", "org": str(org.id), "org_admin": "y"})
    assert response.status_code == 302
    invitation = db.session.scalar(db.select(Invitation))
    assert invitation.role == "secretariat" and invitation.org_id is None and not invitation.is_org_admin


def test_a_member_invitation_needs_an_organisation(app, make_user):
    client, _ = secretariat_client(app, make_user)
    response = post_form(client, "/secretariat/users/invite", {
        "email": "lost@example.org", "name": "Lost Soul", "role": "member", "org": ""})
    assert response.status_code == 200
    html = text(response)
    assert "Choose the organisation of a member." in html
    assert 'value="lost@example.org"' in html and 'value="Lost Soul"' in html
    assert db.session.scalar(db.select(Invitation.id)) is None


def test_bad_invitation_input_is_explained(app, make_user, make_org):
    existing = make_user(email="here@example.org")
    client, _ = secretariat_client(app, make_user)
    html = text(post_form(client, "/secretariat/users/invite", {
        "email": "here@example.org", "role": "member", "org": str(existing.org_id)}))
    assert "An account with this email already exists." in html
    html = text(post_form(client, "/secretariat/users/invite", {
        "email": "not-an-email", "role": "emperor", "org": ""}))
    assert "Enter a valid email address." in html and "Choose a role from the list." in html
    assert db.session.scalar(db.select(Invitation.id)) is None


def test_inactive_organisations_are_not_offered_for_invitations(app, make_user, make_org):
    closed = make_org(name_en="Closed Org", active=False)
    client, _ = secretariat_client(app, make_user)
    assert "Closed Org" not in text(client.get("/secretariat/users/invite"))
    response = post_form(client, "/secretariat/users/invite", {
        "email": "x@example.org", "role": "member", "org": str(closed.id)})
    assert response.status_code == 200
    assert db.session.scalar(db.select(Invitation.id)) is None


def test_pending_invitations_leave_out_used_and_expired_ones(app, make_user, make_org, count_queries):
    org = make_org()
    inviter = make_user(role="secretariat", name="Inviter Name")
    client, _ = secretariat_client(app, make_user)
    now = utcnow()

    def invitation(email, **kw):
        kw.setdefault("expires_at", now + timedelta(hours=10))
        db.session.add(Invitation(email=email, role="member", org=org, token_hash=email,
                                  invited_by=inviter, **kw))

    invitation("pending@example.org")
    invitation("used@example.org", used_at=now)
    invitation("expired@example.org", expires_at=now - timedelta(hours=1))
    db.session.commit()
    html = text(client.get("/secretariat/users/invitations"))
    assert "pending@example.org" in html and "Inviter Name" in html
    assert "used@example.org" not in html and "expired@example.org" not in html

    app.config["PAGE_SIZE"] = 50

    def add(n):
        for i in range(n):
            invitation(f"more{n}-{i}@example.org")
        db.session.commit()

    same_query_count(client, count_queries, "/secretariat/users/invitations", add)


# --- one account: role, organisation, activation ------------------------------------------------

def test_change_role_and_organisation(app, make_user, make_org):
    olive, cedar = make_org(slug="olive"), make_org(slug="cedar")
    target = make_user(org=olive, name="Moving Person")
    old_token = target.session_token
    client, _ = secretariat_client(app, make_user)
    url = f"/secretariat/users/{target.id}"
    assert "Moving Person" in text(client.get(url))
    response = post_form(client, url, {"role": "member", "org": str(cedar.id), "org_admin": "y"})
    assert response.status_code == 302
    db.session.refresh(target)
    assert target.org_id == cedar.id and target.is_org_admin
    assert target.session_token != old_token
    (event,) = events("user.role_changed")
    assert event.before["org_id"] == olive.id and event.after["org_id"] == cedar.id

    post_form(client, url, {"role": "secretariat", "org": str(cedar.id)})
    db.session.refresh(target)
    assert target.role == "secretariat" and target.org_id is None and not target.is_org_admin


def test_a_member_role_needs_an_organisation(app, make_user):
    target = make_user(role="secretariat")
    client, _ = secretariat_client(app, make_user)
    response = post_form(client, f"/secretariat/users/{target.id}", {"role": "member", "org": ""})
    assert response.status_code == 200
    assert "Choose the organisation of a member." in text(response)
    db.session.refresh(target)
    assert target.role == "secretariat"


def test_deactivate_and_reactivate_a_user(app, make_user):
    target = make_user()
    target_client = app.test_client()
    login(target_client, target)
    client, _ = secretariat_client(app, make_user)
    response = post_form(client, f"/secretariat/users/{target.id}/deactivate", form_url="/secretariat/users")
    assert response.status_code == 302
    db.session.refresh(target)
    assert not target.active
    assert urlsplit(target_client.get("/dashboard").location).path == "/login"
    assert len(events("user.deactivated")) == 1

    post_form(client, f"/secretariat/users/{target.id}/reactivate", form_url="/secretariat/users")
    db.session.refresh(target)
    assert target.active
    assert len(events("user.activated")) == 1
    assert login(app.test_client(), target).status_code == 302


def test_the_secretariat_cannot_deactivate_or_demote_itself(app, make_user, make_org):
    org = make_org()
    client, me = secretariat_client(app, make_user)
    page = text(client.get(f"/secretariat/users/{me.id}"))
    assert f"/secretariat/users/{me.id}/deactivate" not in page
    response = post_form(client, f"/secretariat/users/{me.id}/deactivate", form_url="/secretariat/users",
                         follow_redirects=True)
    assert "You cannot deactivate your own account." in text(response)
    response = post_form(client, f"/secretariat/users/{me.id}", {"role": "member", "org": str(org.id)},
                         form_url="/secretariat/users", follow_redirects=True)
    assert "You cannot change your own account here." in text(response)
    db.session.refresh(me)
    assert me.active and me.role == "secretariat"
    assert events("user.deactivated") == [] and events("user.role_changed") == []


def test_unknown_user_is_404(app, make_user):
    client, _ = secretariat_client(app, make_user)
    assert client.get("/secretariat/users/9999").status_code == 404
    response = post_form(client, "/secretariat/users/9999/deactivate", form_url="/secretariat/users")
    assert response.status_code == 404


# --- permissions --------------------------------------------------------------------------------

def test_only_the_secretariat_manages_users(app, make_user):
    target = make_user()
    assert_only_secretariat(
        app, make_user,
        gets=["/secretariat/users", "/secretariat/users/invitations", "/secretariat/users/invite",
              f"/secretariat/users/{target.id}"],
        posts=["/secretariat/users/invite", f"/secretariat/users/{target.id}",
               f"/secretariat/users/{target.id}/deactivate", f"/secretariat/users/{target.id}/reactivate"],
    )
    db.session.refresh(target)
    assert target.active and target.role == "member"
    assert db.session.scalar(db.select(Invitation.id)) is None
    assert db.session.scalar(db.select(db.func.count(User.id))) == 3
