"""The activity flow in a real browser, in Arabic: a member drafts and submits an activity, the
secretariat requests changes, the member fixes and resubmits, the secretariat approves, and the
public sees it on the list and in the 4W matrix. axe on the form, the moderation queue, the list
and the matrix: no serious or critical violation."""
import re
from datetime import date

import pytest

from portal.extensions import db
from portal.models import User
from portal.security import hash_password
from tests.browser.test_accessibility import check_page
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

SECRETARIAT_EMAIL = "secretariat@browser.example"
TITLE = "عيادة متنقلة في إدلب"
FIXED_TITLE = "عيادة متنقلة في إدلب (المرحلة الثانية)"


@pytest.fixture(scope="module")
def secretariat(live_server):
    """A secretariat account in the live portal (Arabic)."""
    with live_server.app.app_context():
        if not db.session.scalar(db.select(User.id).where(User.email == SECRETARIAT_EMAIL)):
            db.session.add(User(email=SECRETARIAT_EMAIL, name="أمانة الاختبار", role="secretariat",
                                locale="ar", password_hash=hash_password(PASSWORD)))
            db.session.commit()
    return SECRETARIAT_EMAIL


def log_in(page, live_server, email):
    page.goto(live_server("/login"))
    page.locator("main input[name=email]").fill(email)
    page.locator("main input[name=password]").fill(PASSWORD)
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_load_state()
    assert "/login" not in page.url, "login failed"


def decide(page, live_server, activity_id, decision, reason=""):
    page.goto(live_server("/secretariat/moderation"))
    page.locator(f'main a[href$="/secretariat/moderation/activity/{activity_id}"]').click()
    page.wait_for_load_state()
    check_page(page)
    if reason:
        page.locator("#reason").fill(reason)
    page.locator(f'main button[name=decision][value={decision}]').click()
    page.wait_for_load_state()
    assert page.url.endswith("/secretariat/moderation")
    assert page.locator("main .flash.success").count() == 1


def test_draft_submit_request_changes_resubmit_approve_publish(browser, live_server, secretariat):
    today = date.today()
    member_ctx = browser.new_context(locale="ar-SY", viewport={"width": 1280, "height": 800})
    staff_ctx = browser.new_context(locale="ar-SY", viewport={"width": 1280, "height": 800})
    public_ctx = browser.new_context(locale="ar-SY", viewport={"width": 1280, "height": 800})
    try:
        member, staff, public = member_ctx.new_page(), staff_ctx.new_page(), public_ctx.new_page()

        # 1. The member drafts the activity, in Arabic, then submits it.
        log_in(member, live_server, live_server.email)
        member.goto(live_server("/activities/new"))
        assert member.locator("html").get_attribute("lang") == "ar"
        check_page(member)
        member.locator("#title_ar").fill(TITLE)
        member.locator("#description_ar").fill("عيادة متنقلة تزور **المخيمات** كل أسبوع.")
        member.locator("select#primary_sector").select_option("HEALTH")
        member.locator('input[name=areas][value="SY07"]').check()
        member.locator("#start_date").fill(date(today.year, 1, 15).isoformat())
        member.locator("select#status").select_option("ongoing")
        member.locator("#reached_total").fill("١٢٠٠")
        member.locator('input[name=visibility][value="public"]').check()
        member.locator("main button[name=action][value=draft]").click()
        member.wait_for_load_state()
        match = re.search(r"/activities/(\d+)$", member.url)
        assert match, member.url
        activity_id = match.group(1)
        member.locator(f'main form[action$="/activities/{activity_id}/submit"] button').click()
        member.wait_for_load_state()
        assert member.locator("main .flash.success").count() == 1

        # 2. The secretariat finds it in the queue and requests changes.
        log_in(staff, live_server, secretariat)
        staff.goto(live_server("/secretariat/moderation"))
        assert staff.locator(f'main a[href$="/secretariat/moderation/activity/{activity_id}"]').count() == 1
        check_page(staff)
        decide(staff, live_server, activity_id, "request_changes", "أضيفوا عدد المستفيدين من النساء")

        # 3. The member reads the comment, fixes the activity and resubmits it.
        member.goto(live_server(f"/activities/{activity_id}"))
        assert "أضيفوا عدد المستفيدين من النساء" in member.locator("main").inner_text()
        member.goto(live_server(f"/activities/{activity_id}/edit"))
        member.locator("#title_ar").fill(FIXED_TITLE)
        member.locator("#reached_women").fill("700")
        member.locator("main button[name=action][value=submit]").click()
        member.wait_for_load_state()
        assert member.url.endswith(f"/activities/{activity_id}")

        # 4. The secretariat approves.
        decide(staff, live_server, activity_id, "approve")

        # 5. The public sees it on the list and in the matrix.
        public.goto(live_server("/activities"))
        assert public.locator(f'main a[href$="/activities/{activity_id}"]').first.inner_text().strip() == FIXED_TITLE
        check_page(public)
        public.goto(live_server("/coordination"))
        cell = public.locator('main table.matrix a[href*="sector=HEALTH"][href*="area=SY07"]')
        assert cell.count() == 1
        assert "٢٠٠" in cell.inner_text()  # 1,200 people reached, in Arabic-Indic digits
        check_page(public)
        cell.click()
        public.wait_for_load_state()
        assert public.locator(f'main a[href$="/activities/{activity_id}"]').count() >= 1
    finally:
        for ctx in (member_ctx, staff_ctx, public_ctx):
            ctx.close()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_matrix_and_queue_pages_are_accessible(page, live_server, secretariat, lang):
    page.goto(live_server(f"/coordination?lang={lang}&from=2000-13-01"))  # with a filter error
    assert page.locator("main [aria-invalid=true]").count() == 1
    check_page(page)
    log_in(page, live_server, secretariat)
    page.goto(live_server(f"/secretariat/moderation?lang={lang}"))
    check_page(page)
