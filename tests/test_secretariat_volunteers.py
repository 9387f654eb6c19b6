"""Secretariat: volunteer applications (list, detail, handled, CSV export, delete)."""
import csv
import io
from datetime import timedelta

from portal.extensions import db
from portal.models import AuditEvent, VolunteerApplication, utcnow
from tests.conftest import post_form
from tests.test_secretariat_orgs import (assert_only_secretariat, events, same_query_count,
                                         secretariat_client, text)


def application(name="Rana Haddad", days_ago=0, **kw):
    kw.setdefault("email", "rana@example.org")
    kw.setdefault("skills", "First aid")
    when = utcnow() - timedelta(days=days_ago)
    app_ = VolunteerApplication(name=name, consent_at=when, created_at=when, **kw)
    db.session.add(app_)
    db.session.commit()
    return app_


def test_list_newest_first_with_handled_filter(app, make_user):
    client, me = secretariat_client(app, make_user)
    application("Older Applicant", days_ago=3)
    application("Newer Applicant", days_ago=1)
    application("Handled Applicant", days_ago=2, handled_at=utcnow(), handled_by_id=me.id)
    html = text(client.get("/secretariat/volunteers"))
    assert html.index("Newer Applicant") < html.index("Handled Applicant") < html.index("Older Applicant")
    html = text(client.get("/secretariat/volunteers?status=unhandled"))
    assert "Newer Applicant" in html and "Handled Applicant" not in html
    html = text(client.get("/secretariat/volunteers?status=handled"))
    assert "Handled Applicant" in html and "Newer Applicant" not in html
    assert 'href="/secretariat/volunteers/export.csv?status=handled"' in html
    assert "Applications not handled yet: 2" in text(client.get("/secretariat/"))


def test_detail_shows_everything_the_applicant_sent(app, make_user):
    client, _ = secretariat_client(app, make_user)
    a = application(phone="+90 555 000", city="غازي عنتاب", message="Evenings only", hours_per_week=6)
    html = text(client.get(f"/secretariat/volunteers/{a.id}"))
    for value in ("Rana Haddad", "rana@example.org", "+90 555 000", "غازي عنتاب", "First aid",
                  "Evenings only"):
        assert value in html
    assert client.get("/secretariat/volunteers/9999").status_code == 404


def test_mark_handled_records_who_and_when(app, make_user):
    client, me = secretariat_client(app, make_user, name="Handler Name")
    a = application()
    url = f"/secretariat/volunteers/{a.id}/handled"
    response = post_form(client, url, form_url=f"/secretariat/volunteers/{a.id}")
    assert response.status_code == 302
    db.session.refresh(a)
    assert a.handled_at is not None and a.handled_by_id == me.id
    assert "Handler Name" in text(client.get(f"/secretariat/volunteers/{a.id}"))
    (event,) = events("volunteer.handled")
    assert event.object_id == str(a.id)
    response = post_form(client, url, form_url=f"/secretariat/volunteers/{a.id}", follow_redirects=True)
    assert "already been handled" in text(response)
    assert len(events("volunteer.handled")) == 1


def test_export_csv_opens_in_excel_with_arabic(app, make_user):
    client, me = secretariat_client(app, make_user)
    application("رنا حداد", email="rana@example.org", city="حلب", hours_per_week=5, locale="ar")
    application("=HYPERLINK(\"http://evil\")", email="evil@example.org", days_ago=1,
                handled_at=utcnow(), handled_by_id=me.id)
    response = client.get("/secretariat/volunteers/export.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    raw = response.get_data()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["Received", "Name", "Email", "Phone", "City", "Skills", "Availability",
                       "Hours per week", "Message", "Language", "Handled"]
    assert len(rows) == 3
    assert rows[1][1] == "رنا حداد" and rows[1][4] == "حلب" and rows[1][7] == "5" and rows[1][9] == "ar"
    assert rows[1][10] == "" and rows[2][10] != ""
    assert rows[2][1].startswith("'=")  # a formula is neutralised, not run by the spreadsheet

    rows = list(csv.reader(io.StringIO(
        client.get("/secretariat/volunteers/export.csv?status=unhandled").get_data().decode("utf-8-sig"))))
    assert len(rows) == 2 and rows[1][1] == "رنا حداد"


def test_delete_asks_first_then_erases_without_personal_data_in_the_log(app, make_user):
    client, me = secretariat_client(app, make_user)
    a = application("Private Person", email="private@example.org", phone="+963 999")
    app_id = a.id
    url = f"/secretariat/volunteers/{app_id}/delete"
    confirm = text(client.get(url))
    assert "cannot be undone" in confirm and f'action="{url}"' in confirm
    assert db.session.get(VolunteerApplication, app_id) is not None  # asking deletes nothing
    response = post_form(client, url)
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(VolunteerApplication, app_id) is None
    (event,) = events("volunteer.deleted")
    assert event.object_id == str(app_id) and event.actor_id == me.id
    stored = repr((event.before, event.after, event.reason, event.object_kind))
    assert "Private" not in stored and "private@" not in stored and "999" not in stored
    assert client.get(f"/secretariat/volunteers/{app_id}").status_code == 404
    assert post_form(client, url, form_url="/secretariat/volunteers").status_code == 404


def test_delete_needs_the_csrf_token(app, make_user):
    client, _ = secretariat_client(app, make_user)
    a = application()
    assert client.post(f"/secretariat/volunteers/{a.id}/delete").status_code == 400
    assert db.session.get(VolunteerApplication, a.id) is not None


def test_list_costs_the_same_queries_for_3_and_30_applications(app, make_user, count_queries):
    client, _ = secretariat_client(app, make_user)
    handlers = [make_user(role="secretariat") for _ in range(3)]
    app.config["PAGE_SIZE"] = 50

    def add(n):
        for i in range(n):
            application(f"Applicant {n}-{i}", handled_at=utcnow() if i % 2 else None,
                        handled_by_id=handlers[i % 3].id if i % 2 else None)

    def check(html, total):
        assert html.count("Applicant ") == total

    same_query_count(client, count_queries, "/secretariat/volunteers", add, check)


def test_applications_are_for_the_secretariat_only(app, make_user):
    a = application()
    assert_only_secretariat(
        app, make_user,
        gets=["/secretariat/volunteers", f"/secretariat/volunteers/{a.id}",
              f"/secretariat/volunteers/{a.id}/delete", "/secretariat/volunteers/export.csv"],
        posts=[f"/secretariat/volunteers/{a.id}/handled", f"/secretariat/volunteers/{a.id}/delete"],
    )
    db.session.refresh(a)
    assert a.handled_at is None
    assert db.session.scalar(db.select(AuditEvent.id).where(AuditEvent.action.like("volunteer.%"))) is None
