"""Bulk import in a real browser, in Arabic: a member downloads the template, fills it in (with
openpyxl, as Excel would), uploads it, sees an error with a suggestion, fixes the file,
confirms; the secretariat approves the whole batch; the 4W matrix cell changes."""
from datetime import date

import pytest
from openpyxl import load_workbook

from portal.activities.imports.columns import TEMPLATE
from portal.extensions import db
from portal.models import User
from portal.security import hash_password
from tests.browser.test_accessibility import check_page
from tests.browser.test_activities_flow import log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

SECRETARIAT_EMAIL = "secretariat.import@browser.example"
CELL = 'main table.matrix a[href*="sector=WASH"][href*="area=SY13"]'


def _fill(template_path, out_path, area):
    book = load_workbook(template_path)
    sheet = book.worksheets[0]
    keys = [c.key for c in TEMPLATE]
    rows = [{"ref": "IMP-1", "title_ar": "صيانة شبكة مياه", "primary_sector": "WASH · المياه",
             "areas": area, "start_date": date(date.today().year, 1, 10), "status": "جارٍ",
             "visibility": "عام", "reached_total": "٧٧٧"},
            {"ref": "IMP-2", "title_ar": "توزيع مستلزمات النظافة", "primary_sector": "WASH",
             "areas": "SY13", "start_date": "01/02/" + str(date.today().year), "status": "ongoing",
             "reached_total": 223}]
    for r, values in enumerate(rows, start=4):
        for key, value in values.items():
            sheet.cell(row=r, column=keys.index(key) + 1, value=value)
    book.save(out_path)


def _upload(page, live_server, path):
    page.goto(live_server("/activities/import"))
    page.locator("main input[type=file]").set_input_files(str(path))
    page.locator("main form[enctype] button[type=submit]").click()
    page.wait_for_load_state()


def test_template_upload_fix_confirm_approve_batch(browser, live_server, tmp_path):
    with live_server.app.app_context():
        if not db.session.scalar(db.select(User.id).where(User.email == SECRETARIAT_EMAIL)):
            db.session.add(User(email=SECRETARIAT_EMAIL, name="أمانة الاستيراد", role="secretariat",
                                locale="ar", password_hash=hash_password(PASSWORD)))
            db.session.commit()
    contexts = [browser.new_context(locale="ar-SY", viewport={"width": 1280, "height": 800},
                                    accept_downloads=True) for _ in range(3)]
    try:
        member, staff, public = (ctx.new_page() for ctx in contexts)
        public.goto(live_server("/coordination"))
        before = public.locator(CELL).inner_text() if public.locator(CELL).count() else ""

        log_in(member, live_server, live_server.email)
        member.goto(live_server("/activities/import"))
        check_page(member)
        with member.expect_download() as download:
            member.locator('main a[href$="/activities/import/template.xlsx"]').click()
        template = tmp_path / "template.xlsx"
        download.value.save_as(template)

        # A misspelt governorate: the preview names the cell and suggests the right one.
        _fill(template, tmp_path / "first.xlsx", "السويدا")
        _upload(member, live_server, tmp_path / "first.xlsx")
        assert "/activities/import/" in member.url
        errors = member.locator("main table").first.inner_text()
        assert "H4" in errors and "السويداء (SY13)" in errors
        check_page(member)

        _fill(template, tmp_path / "fixed.xlsx", "SY13 · السويداء")
        _upload(member, live_server, tmp_path / "fixed.xlsx")
        assert "أنشطة جديدة: ٢" in member.locator("main").inner_text()
        member.locator("main form[action$='/confirm'] button[type=submit]").click()
        member.wait_for_load_state()
        assert member.locator("main .flash.success").count() == 1

        log_in(staff, live_server, SECRETARIAT_EMAIL)
        staff.goto(live_server("/secretariat/moderation"))
        staff.locator('main a[href*="/secretariat/moderation?batch="]').first.click()
        staff.wait_for_load_state()
        check_page(staff)
        staff.locator("main form[action$='/approve'] button[type=submit]").first.click()
        staff.wait_for_load_state()
        assert staff.locator("main .flash.success").count() == 1

        public.goto(live_server("/coordination"))
        after = public.locator(CELL).inner_text()
        assert after != before and "نشاطان" in after  # the two imported activities
    finally:
        for ctx in contexts:
            ctx.close()
