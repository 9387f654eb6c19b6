"""Sensitive actions ask for the password (or a code) again when it was last given more than
15 minutes ago; the confirmation leads back to the page that holds the button."""
import pyotp
import pytest

from portal.extensions import db
from portal.models import Page, PageRevision, VolunteerApplication, utcnow
from tests.conftest import PASSWORD, login, post_form
from tests.test_two_factor import enrol


@pytest.fixture
def boss(app, client, make_user, clock):
    user = make_user(role="secretariat")
    login(client, user)
    clock.move(minutes=16)
    return user


def _confirm(client, next_url, password=PASSWORD, code=""):
    url = "/account/confirm?next=" + next_url
    return post_form(client, url, {"password": password, "code": code, "next": next_url}, form_url=url)


def _asked_to_confirm(response, back_to):
    assert response.status_code == 302, response.status_code
    location = response.headers["Location"]
    assert location.startswith("/account/confirm?next="), location
    from urllib.parse import parse_qs, urlsplit

    assert parse_qs(urlsplit(location).query)["next"] == [back_to]


def test_role_change_needs_a_recent_password(client, boss, make_user, make_org):
    target = make_user()
    org = make_org()
    page = f"/secretariat/users/{target.id}"
    data = {"role": "member", "org": str(org.id), "org_admin": "y"}
    response = post_form(client, page, data, headers={"Referer": "http://portal.test" + page})
    _asked_to_confirm(response, page)
    db.session.refresh(target)
    assert not target.is_org_admin
    assert client.get(page).status_code == 200  # looking needs no confirmation
    assert _confirm(client, page).headers["Location"] == page
    assert post_form(client, page, data).status_code == 302
    db.session.refresh(target)
    assert target.is_org_admin and target.org_id == org.id


def test_user_deactivation_needs_a_recent_password(client, boss, make_user):
    target = make_user()
    page = f"/secretariat/users/{target.id}"
    response = post_form(client, f"{page}/deactivate", form_url=page,
                         headers={"Referer": "http://portal.test" + page})
    _asked_to_confirm(response, page)
    db.session.refresh(target)
    assert target.active
    _confirm(client, page)
    post_form(client, f"{page}/deactivate", form_url=page)
    db.session.refresh(target)
    assert not target.active


def test_wrong_password_does_not_confirm(client, boss, make_user):
    target = make_user()
    page = f"/secretariat/users/{target.id}"
    response = _confirm(client, page, password="not the password")
    assert response.status_code == 200
    response = post_form(client, f"{page}/deactivate", form_url=page)
    assert response.headers["Location"].startswith("/account/confirm")


def test_focal_point_staff_deactivation_needs_a_recent_password(app, client, make_user, clock):
    focal = make_user(org_admin=True)
    staff = make_user(org=focal.org)
    login(client, focal)
    clock.move(minutes=16)
    url = f"/members/{focal.org.slug}/staff/{staff.id}/deactivate"
    response = post_form(client, url, form_url="/dashboard",
                         headers={"Referer": "http://portal.test/dashboard"})
    _asked_to_confirm(response, "/dashboard")
    db.session.refresh(staff)
    assert staff.active
    _confirm(client, "/dashboard")
    post_form(client, url, form_url="/dashboard")
    db.session.refresh(staff)
    assert not staff.active


def test_org_deactivation_needs_a_recent_password(client, boss, make_org):
    org = make_org()
    page = f"/secretariat/orgs/{org.slug}/edit"
    response = post_form(client, f"/secretariat/orgs/{org.slug}/deactivate", form_url=page,
                         headers={"Referer": "http://portal.test" + page})
    _asked_to_confirm(response, page)
    db.session.refresh(org)
    assert org.active
    _confirm(client, page)
    post_form(client, f"/secretariat/orgs/{org.slug}/deactivate", form_url=page)
    db.session.refresh(org)
    assert not org.active


def test_volunteer_export_needs_a_recent_password(client, boss):
    db.session.add(VolunteerApplication(name="Rana", email="rana@example.org", skills="x",
                                        consent_at=utcnow()))
    db.session.commit()
    response = client.get("/secretariat/volunteers/export.csv?status=open")
    _asked_to_confirm(response, "/secretariat/volunteers/export.csv?status=open")
    response = _confirm(client, "/secretariat/volunteers/export.csv?status=open")
    assert response.headers["Location"] == "/secretariat/volunteers/export.csv?status=open"
    assert "Rana" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_volunteer_deletion_needs_a_recent_password(client, boss):
    application = VolunteerApplication(name="Rana", email="rana@example.org", skills="x",
                                       consent_at=utcnow())
    db.session.add(application)
    db.session.commit()
    application_id = application.id
    url = f"/secretariat/volunteers/{application_id}/delete"
    _asked_to_confirm(client.get(url), url)
    _confirm(client, url)
    assert client.get(url).status_code == 200
    assert post_form(client, url).status_code == 302
    assert db.session.get(VolunteerApplication, application_id) is None


def test_page_restore_needs_a_recent_password(client, boss):
    page = db.session.scalar(db.select(Page).where(Page.slug == "charter"))
    revision = db.session.scalar(db.select(PageRevision).where(PageRevision.page_id == page.id))
    before = db.session.scalar(db.select(db.func.count(PageRevision.id)))
    holder = f"/secretariat/pages/charter/revisions/{revision.id}"
    response = post_form(client, f"{holder}/restore", form_url=holder,
                         headers={"Referer": "http://portal.test" + holder})
    _asked_to_confirm(response, holder)
    assert db.session.scalar(db.select(db.func.count(PageRevision.id))) == before
    _confirm(client, holder)
    assert post_form(client, f"{holder}/restore", form_url=holder).status_code == 302
    assert db.session.scalar(db.select(db.func.count(PageRevision.id))) == before + 1


def test_two_factor_changes_need_a_recent_password(app, client, make_user, clock):
    focal = make_user(org_admin=True)
    login(client, focal)
    clock.move(minutes=16)
    _asked_to_confirm(client.get("/account/security/two-factor"), "/account/security/two-factor")
    edit = f"/members/{focal.org.slug}/edit"
    response = post_form(client, f"/members/{focal.org.slug}/two-factor?required=1", form_url=edit,
                         headers={"Referer": "http://portal.test" + edit})
    _asked_to_confirm(response, edit)
    db.session.refresh(focal.org)
    assert not focal.org.require_2fa


def test_a_code_confirms_too(app, client, make_user, clock):
    user = make_user()
    login(client, user)
    secret, _ = enrol(client, clock)
    clock.move(minutes=16)
    _asked_to_confirm(client.get("/account/security/two-factor"), "/account/security/two-factor")
    response = _confirm(client, "/account/security", password="", code=pyotp.TOTP(secret).at(clock.now()))
    assert response.headers["Location"] == "/account/security"


def test_a_post_without_referrer_goes_back_to_the_dashboard(client, boss, make_user):
    target = make_user()
    response = post_form(client, f"/secretariat/users/{target.id}/deactivate",
                         form_url=f"/secretariat/users/{target.id}")
    _asked_to_confirm(response, "/dashboard")


def test_confirm_next_never_leads_off_site(client, boss):
    response = _confirm(client, "//evil.example/x")
    assert response.headers["Location"] == "/dashboard"
