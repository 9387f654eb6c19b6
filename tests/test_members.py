"""Member directory, profiles, and focal points managing their organisation."""
import io

from portal.extensions import db
from portal.models import AuditEvent, Organisation, Sector, User
from tests.conftest import login, post_form

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_directory_lists_active_orgs_in_both_languages(client, make_org):
    make_org(name_ar="الأمل", name_en="Hope")
    make_org(name_ar="مخفية", name_en="Hidden", active=False)
    arabic = client.get("/members").get_data(as_text=True)
    assert "الأمل" in arabic and "مخفية" not in arabic
    assert "Hope" in client.get("/members?lang=en").get_data(as_text=True)


def test_directory_costs_the_same_queries_for_3_or_30_orgs(app, client, make_org, count_queries):
    sectors = db.session.scalars(db.select(Sector)).all()
    for _ in range(3):
        org = make_org()
        org.sectors = sectors[:3]
    db.session.commit()
    with count_queries() as few:
        client.get("/members")
    for _ in range(27):
        org = make_org()
        org.sectors = sectors[:3]
    db.session.commit()
    with count_queries() as many:
        client.get("/members")
    assert few.count == many.count <= 8


def test_directory_is_paginated(client, make_org):
    for i in range(35):
        make_org(name_en=f"Org {i:02d}")
    first = client.get("/members?lang=en").get_data(as_text=True)
    assert 'rel="next"' in first
    second = client.get("/members?lang=en&page=2").get_data(as_text=True)
    assert second.count("<h2>") == 5


def test_profile_and_inactive_org_is_404(client, make_org):
    org = make_org(acronym="HOPE", website="https://hope.example")
    assert "https://hope.example" in client.get(f"/members/{org.slug}").get_data(as_text=True)
    hidden = make_org(active=False)
    assert client.get(f"/members/{hidden.slug}").status_code == 404
    assert client.get("/members/no-such-org").status_code == 404


def _profile_data(org, **kw):
    data = {"name_ar": org.name_ar, "name_en": org.name_en, "acronym": "NEW",
            "website": "https://new.example", "description_ar": "وصف", "description_en": "About"}
    data.update(kw)
    return data


def test_focal_point_edits_own_profile(client, make_user):
    focal = make_user(org_admin=True)
    login(client, focal)
    sector = db.session.scalar(db.select(Sector).where(Sector.code == "HEALTH"))
    data = _profile_data(focal.org, sectors=[str(sector.id)])
    response = post_form(client, f"/members/{focal.org.slug}/edit", data)
    assert response.status_code == 302
    org = db.session.get(Organisation, focal.org_id)
    assert org.acronym == "NEW" and [s.code for s in org.sectors] == ["HEALTH"]
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "org.updated"))
    assert event.before["acronym"] == "" and event.after["acronym"] == "NEW"


def test_focal_point_cannot_edit_another_org(client, make_user, make_org):
    focal = make_user(org_admin=True)
    other = make_org()
    login(client, focal)
    assert client.get(f"/members/{other.slug}/edit").status_code == 403
    response = post_form(client, f"/members/{other.slug}/edit", _profile_data(other),
                         form_url=f"/members/{focal.org.slug}/edit")
    assert response.status_code == 403
    assert db.session.get(Organisation, other.id).acronym == ""


def test_staff_cannot_edit_their_org(client, make_user):
    staff = make_user()
    login(client, staff)
    assert client.get(f"/members/{staff.org.slug}/edit").status_code == 403


def test_bad_website_keeps_the_other_input(client, make_user):
    focal = make_user(org_admin=True)
    login(client, focal)
    response = post_form(client, f"/members/{focal.org.slug}/edit?lang=en",
                         _profile_data(focal.org, website="not a url", acronym="KEEP"),
                         form_url=f"/members/{focal.org.slug}/edit?lang=en")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'value="KEEP"' in html and 'aria-invalid="true"' in html


def test_logo_png_is_accepted_and_served(client, make_user):
    focal = make_user(org_admin=True)
    login(client, focal)
    data = _profile_data(focal.org, logo=(io.BytesIO(PNG), "logo.png"))
    response = post_form(client, f"/members/{focal.org.slug}/edit", data, content_type="multipart/form-data")
    assert response.status_code == 302
    logo = client.get(f"/members/{focal.org.slug}/logo")
    assert logo.status_code == 200 and logo.mimetype == "image/png" and logo.data == PNG


def test_logo_that_is_not_an_image_is_refused(client, make_user):
    focal = make_user(org_admin=True)
    login(client, focal)
    data = _profile_data(focal.org, logo=(io.BytesIO(b"<svg onload=alert(1)>"), "logo.png"))
    response = post_form(client, f"/members/{focal.org.slug}/edit?lang=en", data,
                         form_url=f"/members/{focal.org.slug}/edit?lang=en", content_type="multipart/form-data")
    assert response.status_code == 200
    assert "PNG or JPEG" in response.get_data(as_text=True)
    assert db.session.get(Organisation, focal.org_id).logo_file is None


def test_focal_point_deactivates_a_colleague_but_not_another_orgs_staff(client, make_user):
    focal = make_user(org_admin=True)
    colleague = make_user(org=focal.org)
    stranger = make_user()
    login(client, focal)
    url = f"/members/{focal.org.slug}/staff/{colleague.id}/deactivate"
    assert post_form(client, url, form_url="/dashboard").status_code == 302
    assert db.session.get(User, colleague.id).active is False
    url = f"/members/{focal.org.slug}/staff/{stranger.id}/deactivate"
    assert post_form(client, url, form_url="/dashboard").status_code == 404
    assert db.session.get(User, stranger.id).active is True


def test_staff_cannot_deactivate_colleagues(client, make_user):
    staff = make_user()
    colleague = make_user(org=staff.org)
    login(client, staff)
    url = f"/members/{staff.org.slug}/staff/{colleague.id}/deactivate"
    assert post_form(client, url, form_url="/dashboard").status_code == 403
    assert db.session.get(User, colleague.id).active is True


def test_dashboard_shows_org_and_colleagues(client, make_user):
    staff = make_user()
    make_user(org=staff.org, name="Colleague Rana")
    login(client, staff)
    html = client.get("/dashboard").get_data(as_text=True)
    assert staff.org.name_ar in html and "Colleague Rana" in html
    assert f"/members/{staff.org.slug}/invite" not in html
