"""Secretariat: organisations (list, create, edit, deactivate, reactivate), and the helpers the
other secretariat test modules share."""
from urllib.parse import urlsplit

from portal.extensions import db
from portal.models import AuditEvent, Organisation
from tests.conftest import login, post_form


# --- helpers shared by the secretariat tests ----------------------------------------------------

def secretariat_client(app, make_user, **kw):
    """A client logged in as a secretariat user who reads the portal in English."""
    user = make_user(role="secretariat", locale="en", **kw)
    client = app.test_client()
    assert login(client, user).status_code == 302
    return client, user


def events(action):
    return db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == action)
                              .order_by(AuditEvent.id)).all()


def text(response):
    return response.get_data(as_text=True)


def assert_only_secretariat(app, make_user, gets=(), posts=()):
    """Anonymous visitors are sent to the login page; a member and a focal point get 403,
    for every GET and POST given (POSTs carry a valid CSRF token)."""
    anonymous = app.test_client()
    for url in gets:
        response = anonymous.get(url)
        assert response.status_code == 302 and urlsplit(response.location).path == "/login", url
    for url in posts:
        response = post_form(anonymous, url, {}, form_url="/login")
        assert response.status_code == 302 and urlsplit(response.location).path == "/login", url
    for outsider in (make_user(locale="en"), make_user(org_admin=True, locale="en")):
        client = app.test_client()
        login(client, outsider)
        for url in gets:
            assert client.get(url).status_code == 403, url
        for url in posts:
            assert post_form(client, url, {}, form_url="/dashboard").status_code == 403, url


def same_query_count(client, count_queries, url, add_rows, check=None):
    """The number of SQL queries for ``url`` is the same with 3 rows and with 30 rows.

    ``add_rows(n)`` adds n rows; ``check(html, total)`` checks that the page shows them all."""
    counts = []
    for added, total in ((3, 3), (27, 30)):
        add_rows(added)
        with count_queries() as q:
            response = client.get(url)
        assert response.status_code == 200
        if check:
            check(text(response), total)
        counts.append(q.count)
    assert counts[0] == counts[1], counts


# --- list ---------------------------------------------------------------------------------------

def test_list_shows_active_and_inactive_organisations(app, make_user, make_org):
    client, _ = secretariat_client(app, make_user)
    make_org(name_en="Olive Branch", slug="olive")
    make_org(name_en="Closed Relief", slug="closed", active=False)
    html = text(client.get("/secretariat/orgs?lang=en"))
    assert "Olive Branch" in html and "Closed Relief" in html
    assert "/secretariat/orgs/olive/deactivate" in html
    assert "/secretariat/orgs/closed/reactivate" in html
    assert "Inactive" in html


def test_list_costs_the_same_queries_for_3_and_30_organisations(app, make_user, make_org, count_queries):
    client, _ = secretariat_client(app, make_user)
    app.config["PAGE_SIZE"] = 50

    def add(n):
        for _ in range(n):
            make_org(active=bool(n % 2))

    def check(html, total):
        assert html.count('/deactivate"') + html.count('/reactivate"') == total

    same_query_count(client, count_queries, "/secretariat/orgs", add, check)


# --- create -------------------------------------------------------------------------------------

def test_create_organisation(app, make_user):
    client, user = secretariat_client(app, make_user)
    response = post_form(client, "/secretariat/orgs/new", {
        "slug": " New-Hope ", "name_ar": "الأمل الجديد", "name_en": "New Hope", "acronym": "NH",
        "website": "https://newhope.example.org"})
    assert response.status_code == 302
    assert urlsplit(response.location).path == "/secretariat/orgs/new-hope/edit"
    org = db.session.scalar(db.select(Organisation).where(Organisation.slug == "new-hope"))
    assert org.name_ar == "الأمل الجديد" and org.acronym == "NH" and org.active
    (event,) = events("org.created")
    assert event.actor_id == user.id and event.object_id == str(org.id)
    assert event.after["slug"] == "new-hope"
    assert "New Hope" in text(client.get("/members"))


def test_duplicate_slug_is_refused_with_the_input_kept(app, make_user, make_org):
    make_org(slug="taken")
    client, _ = secretariat_client(app, make_user)
    response = post_form(client, "/secretariat/orgs/new", {
        "slug": "taken", "name_ar": "اسم", "name_en": "Second Org", "acronym": "", "website": ""})
    assert response.status_code == 200
    html = text(response)
    assert "Another organisation already uses this slug" in html
    assert 'value="Second Org"' in html
    assert db.session.scalar(db.select(db.func.count(Organisation.id))) == 1
    assert events("org.created") == []


def test_bad_slug_and_missing_names_are_explained(app, make_user):
    client, _ = secretariat_client(app, make_user)
    response = post_form(client, "/secretariat/orgs/new", {
        "slug": "Not a slug!", "name_ar": "", "name_en": "Kept Name", "website": "not a url"})
    assert response.status_code == 200
    html = text(response)
    assert "Use lowercase Latin letters, digits and single hyphens." in html
    assert "This field is required." in html
    assert "Enter a full address" in html
    assert 'value="Kept Name"' in html
    assert db.session.scalar(db.select(Organisation.id)) is None


# --- edit ---------------------------------------------------------------------------------------

def test_edit_profile_of_an_inactive_organisation(app, make_user, make_org):
    org = make_org(slug="dormant", name_en="Dormant", active=False)
    client, _ = secretariat_client(app, make_user)
    url = "/secretariat/orgs/dormant/edit"
    assert "Dormant" in text(client.get(url))
    response = post_form(client, url, {"name_ar": "نائمة", "name_en": "Dormant Again",
                                       "acronym": "DA", "description_en": "We *rest*."})
    assert response.status_code == 302
    db.session.refresh(org)
    assert org.name_en == "Dormant Again" and org.acronym == "DA" and org.slug == "dormant"
    (event,) = events("org.updated")
    assert event.before["name_en"] == "Dormant" and event.after["name_en"] == "Dormant Again"


def test_edit_with_a_missing_name_keeps_the_input(app, make_user, make_org):
    org = make_org(name_en="Keep Me")
    client, _ = secretariat_client(app, make_user)
    url = f"/secretariat/orgs/{org.slug}/edit"
    response = post_form(client, url, {"name_ar": "", "name_en": "Typed Name"})
    assert response.status_code == 200
    assert 'value="Typed Name"' in text(response)
    db.session.refresh(org)
    assert org.name_en == "Keep Me"


def test_unknown_organisation_is_404(app, make_user):
    client, _ = secretariat_client(app, make_user)
    assert client.get("/secretariat/orgs/nope/edit").status_code == 404
    response = post_form(client, "/secretariat/orgs/nope/deactivate", form_url="/secretariat/orgs")
    assert response.status_code == 404


# --- deactivate / reactivate --------------------------------------------------------------------

def test_deactivating_ends_the_staff_sessions_and_is_audited(app, make_user, make_org):
    org = make_org(slug="closing", name_en="Closing")
    staff = make_user(org=org)
    staff_client = app.test_client()
    login(staff_client, staff)
    assert staff_client.get("/dashboard").status_code == 200
    old_token = staff.session_token

    client, _ = secretariat_client(app, make_user)
    response = post_form(client, "/secretariat/orgs/closing/deactivate", form_url="/secretariat/orgs")
    assert response.status_code == 302
    db.session.refresh(org)
    db.session.refresh(staff)
    assert not org.active
    assert staff.session_token != old_token
    assert urlsplit(staff_client.get("/dashboard").location).path == "/login"
    assert "has been deactivated" in text(client.get(response.location))
    assert "Closing" not in text(client.get("/members"))
    (event,) = events("org.deactivated")
    assert event.after == {"active": False, "sessions_ended": 1}


def test_reactivating_lets_staff_log_in_again(app, make_user, make_org):
    org = make_org(slug="back", active=False)
    staff = make_user(org=org)
    client, _ = secretariat_client(app, make_user)
    assert login(app.test_client(), staff).status_code == 200  # refused while inactive
    response = post_form(client, "/secretariat/orgs/back/reactivate", form_url="/secretariat/orgs/back/edit")
    assert response.status_code == 302
    db.session.refresh(org)
    assert org.active
    assert len(events("org.reactivated")) == 1
    assert login(app.test_client(), staff).status_code == 302


def test_reactivating_an_active_organisation_changes_nothing(app, make_user, make_org):
    make_org(slug="fine")
    client, _ = secretariat_client(app, make_user)
    response = post_form(client, "/secretariat/orgs/fine/reactivate", form_url="/secretariat/orgs",
                         follow_redirects=True)
    assert "Nothing changed" in text(response)
    assert events("org.reactivated") == []


def test_deactivation_needs_a_csrf_token(app, make_user, make_org):
    org = make_org(slug="guarded")
    client, _ = secretariat_client(app, make_user)
    assert client.post("/secretariat/orgs/guarded/deactivate").status_code == 400
    db.session.refresh(org)
    assert org.active


# --- permissions --------------------------------------------------------------------------------

def test_only_the_secretariat_manages_organisations(app, make_user, make_org):
    org = make_org(slug="target")
    assert_only_secretariat(
        app, make_user,
        gets=["/secretariat/", "/secretariat/orgs", "/secretariat/orgs/new", "/secretariat/orgs/target/edit"],
        posts=["/secretariat/orgs/new", "/secretariat/orgs/target/edit",
               "/secretariat/orgs/target/deactivate", "/secretariat/orgs/target/reactivate"],
    )
    db.session.refresh(org)
    assert org.active and org.name_en.startswith("Organisation")
    assert events("org.deactivated") == [] and events("org.created") == []


def test_index_links_every_section_with_counts(app, make_user):
    client, _ = secretariat_client(app, make_user)
    html = text(client.get("/secretariat/"))
    for path in ("/secretariat/orgs", "/secretariat/users", "/secretariat/pages", "/secretariat/volunteers",
                 "/secretariat/outbox", "/secretariat/audit"):
        assert f'href="{path}"' in html
    assert "Applications not handled yet: 0" in html
    assert "Mail not sent yet: 0" in html
