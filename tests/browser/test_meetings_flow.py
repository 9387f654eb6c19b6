"""A meeting from end to end in a real browser, in Arabic: the secretariat convenes it with 2
seats and 1 per organisation; two colleagues register (one confirmed, one waiting); the first
cancels; the second is confirmed and emailed; the .ics downloads. axe finds no serious or
critical problem on the meeting list, the meeting page and the registration list. Elements are
found by name, action or id, never by their (translated) text."""
import re

import pytest

from portal.extensions import db
from portal.models import OutboxMail, Registration, User
from tests.browser.test_accessibility import check_page

pytestmark = pytest.mark.browser


def _log_in(page, live_server, email):
    page.goto(live_server("/login"))
    form = page.locator("main form")
    form.locator("input[name=email]").fill(email)
    form.locator("input[name=password]").fill(live_server.password)
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/dashboard$"))


def _status(live_server, meeting_id, email):
    with live_server.app.app_context():
        return db.session.scalar(
            db.select(Registration.status).join(User, User.id == Registration.user_id)
            .where(Registration.meeting_id == meeting_id, User.email == email))


def test_meeting_from_convening_to_promotion(browser, live_server, meeting_people, artifacts):
    contexts = []

    def new_page():
        ctx = browser.new_context(locale="ar-SY", viewport={"width": 1280, "height": 900},
                                  accept_downloads=True)
        ctx.set_default_timeout(10_000)
        contexts.append(ctx)
        return ctx.new_page()

    try:
        # The secretariat convenes the meeting, in Arabic.
        secretariat = new_page()
        _log_in(secretariat, live_server, meeting_people.secretariat)
        secretariat.goto(live_server("/meetings/new"))
        assert secretariat.locator("html").get_attribute("dir") == "rtl"
        form = secretariat.locator("main form[method=post]")
        form.locator("#title_ar").fill("اجتماع المناصرة مع المانحين")
        form.locator("#agenda_ar").fill("## البنود\n- فجوات التمويل")
        form.locator("#venue").fill("غازي عينتاب")
        form.locator("#starts_at").fill("2031-05-01T10:00")
        form.locator("#ends_at").fill("2031-05-01T12:00")
        form.locator("#seats").fill("٢")
        form.locator("#org_quota").fill("1")
        form.locator("#state").select_option("open")
        form.locator("button[type=submit]").click()
        secretariat.wait_for_url(re.compile(r"/meetings/\d+$"))
        meeting_id = int(secretariat.url.rsplit("/", 1)[1])

        # Two colleagues register: the quota of 1 sends the second to the waiting list.
        first, second = new_page(), new_page()
        for page, email in ((first, meeting_people.first), (second, meeting_people.second)):
            _log_in(page, live_server, email)
            page.goto(live_server(f"/meetings/{meeting_id}"))
            page.locator(f"main form[action='/meetings/{meeting_id}/register'] button[type=submit]").click()
            page.wait_for_url(re.compile(rf"/meetings/{meeting_id}$"))
        assert _status(live_server, meeting_id, meeting_people.first) == "confirmed"
        assert _status(live_server, meeting_id, meeting_people.second) == "waiting"
        assert second.locator("main p[role=status]").count() == 1     # the waiting-list place

        # axe: the list, the meeting page, the registration list.
        first.goto(live_server("/meetings"))
        check_page(first)
        second.goto(live_server(f"/meetings/{meeting_id}"))
        check_page(second)
        secretariat.goto(live_server(f"/meetings/{meeting_id}/registrations"))
        assert secretariat.locator("main table tbody tr").count() >= 3
        check_page(secretariat)
        secretariat.screenshot(path=f"{artifacts}/meeting-registrations-ar.png", full_page=True)

        # The confirmed one cancels: the waiting one is confirmed and emailed.
        first.goto(live_server(f"/meetings/{meeting_id}"))
        first.locator("main form[action*='/registrations/'][action$='/cancel'] button").first.click()
        first.wait_for_url(re.compile(rf"/meetings/{meeting_id}$"))
        assert _status(live_server, meeting_id, meeting_people.first) == "cancelled"
        assert _status(live_server, meeting_id, meeting_people.second) == "confirmed"
        with live_server.app.app_context():
            mails = db.session.scalars(db.select(OutboxMail).where(
                OutboxMail.recipient == meeting_people.second,
                OutboxMail.kind == "meeting_promoted")).all()
        assert len(mails) == 1 and mails[0].locale == "ar"

        # The .ics downloads.
        second.goto(live_server(f"/meetings/{meeting_id}"))
        with second.expect_download() as info:
            second.locator(f"main a[href='/meetings/{meeting_id}.ics']").click()
        download = info.value
        assert download.suggested_filename == f"meeting-{meeting_id}.ics"
        with open(download.path(), encoding="utf-8") as fh:
            text = fh.read()
        assert "BEGIN:VCALENDAR" in text and "TZID=Europe/Istanbul" in text
    finally:
        for ctx in contexts:
            ctx.close()
