"""The resource library in a real browser, in Arabic: a member shares an Arabic-named PDF, the
secretariat approves it in the moderation queue, and a member of another organisation finds it
with a differently spelt Arabic search and downloads it under its original name. axe on the
list, the form and the resource page: no serious or critical violation."""
import re

import pytest

from portal.extensions import db
from portal.models import Organisation, User
from portal.security import hash_password
from tests.browser.test_accessibility import check_page
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

SECRETARIAT_EMAIL = "secretariat.resources@browser.example"
READER_EMAIL = "reader.resources@browser.example"
FILE_NAME = "تقرير الحماية ٢٠٢٦.pdf"
TITLE = "تقرير رصد الحماية في إدلب"
SEARCH = "الحمايه ادلب"  # taa marbuta written as heh, hamza dropped
PDF = (b"%PDF-1.4\n% browser flow\n1 0 obj << /Type /Catalog >> endobj\n"
       b"trailer << /Root 1 0 R >>\n%%EOF\n")


@pytest.fixture
def accounts(live_server):
    """A secretariat account and a member of a second organisation in the live portal (made
    once); everyone this module logs in reads Arabic before and after each test."""
    with live_server.app.app_context():
        if not db.session.scalar(db.select(User.id).where(User.email == SECRETARIAT_EMAIL)):
            db.session.add(User(email=SECRETARIAT_EMAIL, name="أمانة المكتبة", role="secretariat",
                                locale="ar", password_hash=hash_password(PASSWORD)))
            org = Organisation(slug="browser-reader-org", name_ar="منظمة القراء", name_en="Readers' Org")
            db.session.add(User(email=READER_EMAIL, name="قارئ", org=org, role="member", locale="ar",
                                password_hash=hash_password(PASSWORD)))
            db.session.commit()
    _read_arabic(live_server)
    yield {"secretariat": SECRETARIAT_EMAIL, "reader": READER_EMAIL}
    _read_arabic(live_server)  # ?lang=en saved English for the shared member: give it back


def _read_arabic(live_server):
    with live_server.app.app_context():
        for user in db.session.scalars(db.select(User).where(
                User.email.in_((SECRETARIAT_EMAIL, READER_EMAIL, live_server.email)))):
            user.locale = "ar"
        db.session.commit()


def log_in(page, live_server, email):
    page.goto(live_server("/login"))
    page.locator("main input[name=email]").fill(email)
    page.locator("main input[name=password]").fill(PASSWORD)
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_load_state()
    assert "/login" not in page.url, "login failed"


def test_share_approve_find_and_download(browser, live_server, accounts):
    contexts = [browser.new_context(locale="ar-SY", viewport={"width": 1280, "height": 800},
                                    accept_downloads=True) for _ in range(3)]
    try:
        member, staff, reader = (ctx.new_page() for ctx in contexts)

        # 1. The member shares the Arabic-named PDF from the Arabic form.
        log_in(member, live_server, live_server.email)
        member.goto(live_server("/resources/new"))
        assert member.locator("html").get_attribute("lang") == "ar"
        check_page(member)
        member.locator("#title_ar").fill(TITLE)
        member.locator("#description_ar").fill("رصد **شهري** لأوضاع الحماية في المخيمات.")
        member.locator("#file").set_input_files(
            {"name": FILE_NAME, "mimeType": "application/pdf", "buffer": PDF})
        member.locator("select#category").select_option("report")
        member.locator("select#language").select_option("ar")
        member.locator("#document_date").fill("2026-02-01")
        member.locator('input[name=visibility][value="public"]').check()
        member.locator("#no_personal_data").check()
        member.locator("main button[name=action][value=submit]").click()
        member.wait_for_load_state()
        match = re.search(r"/resources/(\d+)$", member.url)
        assert match, member.url
        resource_id = match.group(1)
        assert member.locator("main .flash.success").count() == 1
        check_page(member)

        # 2. The secretariat approves it in the moderation queue.
        log_in(staff, live_server, accounts["secretariat"])
        staff.goto(live_server("/secretariat/moderation"))
        staff.locator(f'main a[href$="/secretariat/moderation/resource/{resource_id}"]').click()
        staff.wait_for_load_state()
        staff.locator("main button[name=decision][value=approve]").click()
        staff.wait_for_load_state()
        assert staff.url.endswith("/secretariat/moderation")
        assert staff.locator("main .flash.success").count() == 1

        # 3. A member of another organisation finds it with another spelling and downloads it.
        log_in(reader, live_server, accounts["reader"])
        reader.goto(live_server("/resources"))
        reader.locator("main form.filters input[name=q]").fill(SEARCH)
        reader.locator("main form.filters button[type=submit]").click()
        reader.wait_for_load_state()
        link = reader.locator(f'main table a[href$="/resources/{resource_id}"]')
        assert link.count() == 1 and link.inner_text().strip() == TITLE
        check_page(reader)
        link.click()
        reader.wait_for_load_state()
        check_page(reader)
        with reader.expect_download() as info:
            reader.locator(f'main a[href$="/resources/{resource_id}/download"]').click()
        download = info.value
        assert download.suggested_filename == FILE_NAME
        with open(download.path(), "rb") as fh:
            assert fh.read() == PDF
    finally:
        for ctx in contexts:
            ctx.close()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_list_and_form_with_errors_are_accessible(page, live_server, accounts, lang):
    page.goto(live_server(f"/resources?lang={lang}&year=abc&q=تقرير"))  # with a filter error
    assert page.locator("main [aria-invalid=true]").count() == 1
    check_page(page)
    log_in(page, live_server, live_server.email)
    page.goto(live_server(f"/resources/new?lang={lang}"))
    page.locator("#file").set_input_files(
        {"name": "report.pdf", "mimeType": "application/pdf", "buffer": b"<html><script>x</script></html>"})
    page.locator("main button[name=action][value=submit]").click()
    page.wait_for_load_state()
    assert page.locator("main [aria-invalid=true]").count() >= 3
    check_page(page)
    page.goto(live_server(f"/resources?mine=1&lang={lang}"))
    check_page(page)
    first = page.locator('main table a[href*="/resources/"]').first
    if first.count():  # the flow above shared one: its page as its organisation sees it
        first.click()
        page.wait_for_load_state()
        check_page(page)
