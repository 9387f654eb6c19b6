"""Secretariat: the mail outbox, the audit log, and every secretariat route closed to others."""
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from flask import url_for

import portal.mail_delivery
from portal import audit
from portal.extensions import db
from portal.models import AuditEvent, OutboxMail, utcnow
from tests.conftest import login, post_form
from tests.test_secretariat_orgs import (assert_only_secretariat, same_query_count,
                                         secretariat_client, text)


def outbox_mail(subject="Welcome", recipient="someone@example.org", **kw):
    mail = OutboxMail(recipient=recipient, subject=subject, body=kw.pop("body", "Hello.\n"), **kw)
    db.session.add(mail)
    db.session.commit()
    return mail


class FakeSMTP:
    sent = []

    def __init__(self, *args):
        pass

    def quit(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def send_message(self, message):
        if "refused" in message["To"]:
            raise OSError("recipient refused")
        FakeSMTP.sent.append(message["To"])


# --- outbox -------------------------------------------------------------------------------------

def test_outbox_lists_newest_first_with_status_filters(app, make_user):
    client, _ = secretariat_client(app, make_user)
    now = utcnow()
    outbox_mail("Old sent", created_at=now - timedelta(hours=3), sent_at=now, attempts=1)
    outbox_mail("Given up", created_at=now - timedelta(days=4), attempts=25, failed_at=now,
                last_error="Connection timed out")
    outbox_mail("Failing", created_at=now - timedelta(hours=2), attempts=2, last_error="Connection refused")
    outbox_mail("Waiting", created_at=now - timedelta(hours=1))
    html = text(client.get("/secretariat/outbox"))
    assert html.index("Waiting") < html.index("Failing") < html.index("Old sent") < html.index("Given up")
    assert "Connection refused" in html
    html = text(client.get("/secretariat/outbox?status=failed"))
    assert "Given up" in html and "Failing" not in html and "Waiting" not in html and "Old sent" not in html
    html = text(client.get("/secretariat/outbox?status=pending"))
    assert "Failing" in html and "Waiting" in html and "Old sent" not in html and "Given up" not in html
    html = text(client.get("/secretariat/outbox?status=sent"))
    assert "Old sent" in html and "Waiting" not in html
    html = text(client.get("/secretariat/"))
    assert "Mail not sent yet: 2" in html and "Mail given up after days of failed tries: 1." in html


def test_a_message_can_be_read_without_a_mail_server(app, make_user):
    client, _ = secretariat_client(app, make_user)
    mail = outbox_mail("Your invitation", body="مرحبا، هذا رابط الدعوة: https://portal.test/invitation/x\n")
    html = text(client.get(f"/secretariat/outbox/{mail.id}"))
    assert "Your invitation" in html and "مرحبا، هذا رابط الدعوة" in html and "someone@example.org" in html
    assert client.get("/secretariat/outbox/9999").status_code == 404


def test_send_now_without_smtp_says_so_and_keeps_the_mail(app, make_user):
    client, _ = secretariat_client(app, make_user)
    mail = outbox_mail()
    response = post_form(client, "/secretariat/outbox/send", form_url="/secretariat/outbox",
                         follow_redirects=True)
    assert "No mail server is configured, so nothing was sent." in text(response)
    db.session.refresh(mail)
    assert mail.sent_at is None and mail.attempts == 0


def test_send_now_delivers_and_reports_failures(app, make_user, monkeypatch):
    client, _ = secretariat_client(app, make_user)
    app.config["MAIL_SERVER"] = "smtp.example.org"
    FakeSMTP.sent = []
    monkeypatch.setattr(portal.mail_delivery, "_connect", FakeSMTP)
    good = outbox_mail(recipient="good@example.org")
    bad = outbox_mail(recipient="refused@example.org")
    response = post_form(client, "/secretariat/outbox/send", form_url="/secretariat/outbox",
                         follow_redirects=True)
    assert "1 sent, 1 failed." in text(response)
    assert FakeSMTP.sent == ["good@example.org"]
    db.session.refresh(good)
    db.session.refresh(bad)
    assert good.sent_at is not None
    assert bad.sent_at is None and bad.attempts == 1 and "refused" in bad.last_error
    assert "refused@example.org" in text(client.get("/secretariat/outbox?status=pending"))

    response = post_form(client, "/secretariat/outbox/send", form_url="/secretariat/outbox",
                         follow_redirects=True)
    assert "0 sent, 1 failed." in text(response)


def test_send_now_with_nothing_waiting(app, make_user, monkeypatch):
    client, _ = secretariat_client(app, make_user)
    app.config["MAIL_SERVER"] = "smtp.example.org"
    monkeypatch.setattr(portal.mail_delivery, "_connect", FakeSMTP)
    response = post_form(client, "/secretariat/outbox/send", form_url="/secretariat/outbox",
                         follow_redirects=True)
    assert "There was no mail waiting to be sent." in text(response)


def test_outbox_costs_the_same_queries_for_3_and_30_messages(app, make_user, count_queries):
    client, _ = secretariat_client(app, make_user)
    app.config["PAGE_SIZE"] = 50

    def add(n):
        for i in range(n):
            outbox_mail(f"Subject {n}-{i}", attempts=i % 3)

    def check(html, total):
        assert html.count("Subject ") == total

    same_query_count(client, count_queries, "/secretariat/outbox", add, check)


# --- audit log ----------------------------------------------------------------------------------

def test_audit_log_filters_by_actor_action_and_days(app, make_user):
    client, me = secretariat_client(app, make_user, email="boss@example.org")
    other = make_user(email="other@example.org")
    audit.record("org.created", actor=other, kind="organisation", object_id=7, after={"slug": "seven"})
    audit.record("page.updated", actor=me, kind="page", object_id=1)
    db.session.commit()

    html = text(client.get("/secretariat/audit"))
    assert "org.created</td>" in html and "page.updated</td>" in html and "slug: seven" in html
    html = text(client.get("/secretariat/audit?actor=OTHER@"))
    assert "org.created</td>" in html and "page.updated</td>" not in html
    html = text(client.get("/secretariat/audit?action=page.updated"))
    assert "page.updated</td>" in html and "org.created</td>" not in html
    assert '<option selected value="page.updated">' in html or 'value="page.updated" selected' in html

    today = datetime.now(ZoneInfo(app.config["DISPLAY_TIMEZONE"])).date()
    html = text(client.get(f"/secretariat/audit?date_from={today}&date_to={today}"))
    assert "org.created</td>" in html
    html = text(client.get(f"/secretariat/audit?date_from={today + timedelta(days=1)}"))
    assert "No events match." in html
    html = text(client.get(f"/secretariat/audit?date_to={today - timedelta(days=1)}"))
    assert "No events match." in html


@pytest.mark.parametrize("query, message", [
    ("date_from=31/12/2024", "Enter a date as year-month-day"),
    ("date_from=2024-02-30", "Enter a date as year-month-day"),
    ("date_to=9999-12-31", "Enter a date as year-month-day"),
    ("date_from=2024-05-02&date_to=2024-05-01", "The end date is before the start date."),
])
def test_bad_dates_are_explained_and_other_filters_kept(app, make_user, query, message):
    client, _ = secretariat_client(app, make_user, email="keeper@example.org")
    audit.record("stranger.action", actor_label="stranger@example.org")
    db.session.commit()
    response = client.get(f"/secretariat/audit?actor=keeper&{query}")
    assert response.status_code == 200
    html = text(response)
    assert message in html
    assert 'value="keeper"' in html
    assert "login.succeeded</td>" in html and "stranger.action</td>" not in html  # actor filter kept


def test_arabic_digits_are_read_in_dates(app, make_user):
    client, _ = secretariat_client(app, make_user)
    html = text(client.get("/secretariat/audit?date_from=٢٠٢٠-٠١-٠١"))
    assert "Enter a date" not in html and "login.succeeded</td>" in html


def test_audit_log_is_read_only(app, make_user):
    client, _ = secretariat_client(app, make_user)
    before = db.session.scalar(db.select(db.func.count(AuditEvent.id)))
    assert post_form(client, "/secretariat/audit", form_url="/secretariat/outbox").status_code == 405
    assert not [r for r in app.url_map.iter_rules()
                if r.endpoint.startswith("secretariat.audit") and r.methods & {"POST", "PUT", "DELETE"}]
    assert db.session.scalar(db.select(db.func.count(AuditEvent.id))) == before


def test_audit_log_costs_the_same_queries_for_3_and_30_events(app, make_user, count_queries):
    client, me = secretariat_client(app, make_user)
    app.config["PAGE_SIZE"] = 60

    def add(n):
        for i in range(n):
            audit.record(f"test.action{i % 4}", actor=me, kind="test", object_id=i, after={"n": i})
        db.session.commit()

    same_query_count(client, count_queries, "/secretariat/audit", add)


def test_outbox_and_audit_log_are_for_the_secretariat_only(app, make_user):
    mail = outbox_mail()
    assert_only_secretariat(
        app, make_user,
        gets=["/secretariat/outbox", f"/secretariat/outbox/{mail.id}", "/secretariat/audit"],
        posts=["/secretariat/outbox/send", f"/secretariat/outbox/{mail.id}/send-again"],
    )


# --- every secretariat route, whatever it is ----------------------------------------------------

def _sample_urls(app):
    """One URL per secretariat route and method, with made-up arguments: the permission check
    comes before any lookup, so the object need not exist."""
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if not rule.endpoint.startswith("secretariat."):
                continue
            args = {name: 1 if f"<int:{name}>" in rule.rule else "home" for name in rule.arguments}
            for method in sorted(rule.methods & {"GET", "POST"}):
                yield method, url_for(rule.endpoint, **args)


def test_every_secretariat_route_is_closed_to_everyone_else(app, make_user):
    urls = list(_sample_urls(app))
    assert len(urls) >= 25
    anonymous = app.test_client()
    member, focal = app.test_client(), app.test_client()
    login(member, make_user())
    login(focal, make_user(org_admin=True))
    for method, url in urls:
        if method == "GET":
            response = anonymous.get(url)
        else:
            response = post_form(anonymous, url, form_url="/login")
        assert response.status_code == 302 and urlsplit(response.location).path == "/login", (method, url)
        for client in (member, focal):
            response = client.get(url) if method == "GET" else post_form(client, url, form_url="/dashboard")
            assert response.status_code == 403, (method, url)
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("secretariat."):
            assert app.view_functions[rule.endpoint].access_level == "secretariat", rule.endpoint
