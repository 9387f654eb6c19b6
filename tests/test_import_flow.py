"""Importing activities: the template, preview, confirm, references, round trip from the
export, who may import into which organisation, and the preview kept on the server."""
import io
from datetime import date, timedelta

from openpyxl import load_workbook

from portal.extensions import db
from portal.models import Activity, AuditEvent, ImportBatch
from portal.models.moderation import SUBMITTED
from tests.conftest import login, post_form
from tests.importing import confirm, csv_bytes, preview, row, upload, xlsx


def member_client(app, make_user, **kw):
    user = make_user(locale=kw.pop("locale", "en"), **kw)
    client = app.test_client()
    login(client, user)
    return client, user


def activities():
    return db.session.scalars(db.select(Activity).order_by(Activity.id)).all()


def test_template_in_the_users_language_with_both_headers_tags_and_lists(app, make_user):
    client, _user = member_client(app, make_user, locale="ar")
    response = client.get("/activities/import/template.xlsx")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    book = load_workbook(io.BytesIO(response.data))
    sheet = book.worksheets[0]
    assert sheet.title == "الأنشطة" and sheet.sheet_view.rightToLeft
    assert sheet["B1"].value == "العنوان بالعربية" and sheet["B2"].value == "Title in Arabic"
    assert sheet["A3"].value == "#activity+id+org"
    lists = book["lists"]
    assert lists.sheet_state == "hidden"
    assert "SY07 · إدلب" in [c.value for c in lists["B"]]
    formulas = {str(v.formula1) for v in sheet.data_validations.dataValidation}
    assert {"=lists!$A$1:$A$13", "=lists!$B$1:$B$18"} <= formulas, formulas
    assert len(book.sheetnames) == 3  # activities, lists, instructions
    english = member_client(app, make_user, locale="en")[0]
    sheet = load_workbook(io.BytesIO(english.get("/activities/import/template.xlsx").data)).worksheets[0]
    assert sheet.title == "Activities" and sheet["B1"].value == "Title in Arabic"


def test_the_filled_template_imports(app, make_user):
    """Download the template, fill it in with openpyxl, upload, preview, confirm."""
    client, user = member_client(app, make_user)
    book = load_workbook(io.BytesIO(client.get("/activities/import/template.xlsx").data))
    sheet = book.worksheets[0]
    values = ["P-1", "", "Winter kits", "", "", "SHELTER · Shelter and non-food items", "",
              "SY07 · Idleb, SY02", date(2026, 1, 15), "31/03/2026", "Ongoing", "Members only",
              "1,200", 300, 300, 300, 300, "٥٠٠"]
    for col, value in enumerate(values, start=1):
        sheet.cell(row=4, column=col, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    token, html = preview(client, buffer.getvalue())
    assert "New activities: 1" in html and "Rows with errors: 0" in html, html
    assert not activities()
    response = confirm(client, token)
    assert response.status_code == 302
    [item] = activities()
    assert (item.title_en, item.org_id, item.org_ref) == ("Winter kits", user.org_id, "P-1")
    assert item.primary_sector.code == "SHELTER" and [a.code for a in item.areas] == ["SY02", "SY07"]
    assert (item.start_date, item.end_date) == (date(2026, 1, 15), date(2026, 3, 31))
    assert (item.status, item.visibility, item.targeted_total, item.reached_total) == (
        "ongoing", "members", 1200, 500)
    assert item.review_state == SUBMITTED and not item.is_published
    assert item.import_batch_id == db.session.scalar(db.select(ImportBatch.id))
    html = client.get(f"/activities/import/{token}").get_data(as_text=True)
    assert "Saved and sent to the secretariat for review: 1" in html


def test_errors_name_the_cell_and_suggest_the_close_area(app, make_user):
    client, _user = member_client(app, make_user, locale="ar")
    _token, html = preview(client, xlsx([row(), row(ref="R2", areas="ادلبب", start_date="٣١/١٣/٢٠٢٦",
                                                     reached_total="abc", status="")]))
    assert "H4" in html and "«ادلبب»" in html and "هل تقصد إدلب (SY07)؟" in html
    assert "I4" in html and "K4" in html and "R4" in html
    # The same rule as the form: parts may not add up to more than the total.
    _token, html = preview(client, xlsx([row(targeted_total=10, targeted_women=20)]))
    assert "M3" in html and "٢٠" in html


def test_rules_are_the_forms_rules(app, make_user):
    client, _user = member_client(app, make_user)
    _token, html = preview(client, xlsx([
        row(ref="a", title_ar="", title_en=""),
        row(ref="b", primary_sector="NOPE"),
        row(ref="c", areas=""),
        row(ref="d", start_date="2026-05-01", end_date="2026-04-01"),
        row(ref="e", visibility="secret"),
        row(ref="f", reached_total=100_000_001),
    ]))
    for message in ("Give a title in Arabic or in English (or both).", "Unknown sector “NOPE”",
                    "Choose at least one area.", "The end date is before the start date.",
                    "Unknown audience “secret”", "Enter a number from 0 to 100,000,000."):
        assert message in html, message
    assert "Rows with errors: 6" in html


def test_only_valid_rows_are_saved_or_nothing_when_all_or_nothing(app, make_user):
    client, _user = member_client(app, make_user)
    data = xlsx([row(ref="ok"), row(ref="bad", areas="Atlantis")])
    token, html = preview(client, data)
    assert "New activities: 1" in html and "Rows with errors: 1" in html
    response = confirm(client, token, all_or_nothing=True)
    assert "Nothing was saved" in client.get(response.location).get_data(as_text=True)
    assert not activities()
    confirm(client, token)
    assert [a.org_ref for a in activities()] == ["ok"]
    # Confirming twice saves nothing more.
    response = confirm(client, token)
    assert "already confirmed" in client.get(response.location).get_data(as_text=True)
    assert len(activities()) == 1


def test_the_same_reference_updates_and_the_same_file_twice_changes_nothing(app, make_user):
    client, _user = member_client(app, make_user)
    data = xlsx([row(ref="R1"), row(ref="R2", title_en="Second")])
    token, _html = preview(client, data)
    confirm(client, token)
    first = [(a.id, a.lock_version) for a in activities()]
    token, html = preview(client, data)
    assert "Unchanged: 2" in html and "New activities: 0" in html
    assert "Nothing to save" in html
    assert [(a.id, a.lock_version) for a in activities()] == first
    token, html = preview(client, xlsx([row(ref="R1", reached_total=450), row(ref="R2", title_en="Second")]))
    assert "Updates: 1" in html and "Unchanged: 1" in html
    confirm(client, token)
    items = activities()
    assert len(items) == 2 and items[0].reached_total == 450
    assert db.session.scalar(db.select(db.func.count(ImportBatch.id)).where(
        ImportBatch.confirmed_at.is_not(None))) == 2


def test_an_update_of_a_published_activity_waits_for_approval(app, make_user, make_activity):
    client, user = member_client(app, make_user)
    item = make_activity(org=user.org, title_en="Published", sector="FSL", areas=("SY07",),
                         start=date(2026, 3, 1), status="ongoing", targeted_total=1000,
                         reached_total=400, title_ar="توزيع سلال غذائية")
    item.org_ref = "R1"
    db.session.commit()
    token, html = preview(client, xlsx([row(ref="R1", title_en="Published", reached_total=800)]))
    assert "Updates: 1" in html
    confirm(client, token)
    db.session.refresh(item)
    assert item.reached_total == 400 and item.proposal["reached_total"] == 800
    assert item.review_state == SUBMITTED and item.is_published


def test_rows_with_one_reference_are_one_activity(app, make_user):
    client, _user = member_client(app, make_user)
    token, html = preview(client, xlsx([row(ref="R1", areas="SY07"), row(ref="R1", areas="SY02")]))
    assert "New activities: 1" in html
    confirm(client, token)
    assert [a.code for a in activities()[0].areas] == ["SY02", "SY07"]
    _token, html = preview(client, xlsx([row(ref="R9"), row(ref="R9", reached_total=5)]))
    assert "the same reference as row 3" in html


def test_round_trip_from_the_portals_own_export(app, make_user, make_activity):
    """Export the organisation's activities, change a figure in the CSV, import it back."""
    client, user = member_client(app, make_user)
    kept = make_activity(org=user.org, title_en="Clinic", title_ar="عيادة", sector="HEALTH",
                         areas=("SY07", "SY02"), start=date(2026, 1, 1), status="ongoing",
                         targeted_total=100, reached_total=50, description_en="Kept as it is")
    changed = make_activity(org=user.org, title_en="School", sector="EDUCATION",
                            areas=("SY01",), start=date(2026, 2, 1), status="planned")
    exported = client.get(f"/activities/export.csv?org={user.org.slug}&lang=ar").data
    assert exported.count(b"\n") == 5  # headers, hashtags, 3 rows (one per activity and area)
    client.get("/activities?lang=en")
    token, html = preview(client, exported, "activities.csv")
    assert "Unchanged: 2" in html, html
    text = exported.decode("utf-8-sig").replace(",planned,", ",completed,")
    token, html = preview(client, text.encode("utf-8-sig"), "activities.csv")
    assert "Updates: 1" in html and "Unchanged: 1" in html, html
    confirm(client, token)
    db.session.refresh(changed)
    db.session.refresh(kept)
    assert changed.proposal["status"] == "completed"
    assert kept.proposal is None and kept.description_en == "Kept as it is"


def test_an_organisation_imports_only_into_itself(app, make_user, make_activity, make_org):
    client, user = member_client(app, make_user)
    other = make_org()
    theirs = make_activity(org=other, title_en="Theirs")
    exported = client.get(f"/activities/export.csv?org={other.slug}").data
    _token, html = preview(client, exported, "activities.csv")
    assert "This row belongs to another organisation" in html
    assert "Rows with errors: 1" in html and "New activities: 0" in html
    # A form field naming another organisation is ignored for a member.
    response = upload(client, xlsx([row()]), org=other)
    token = response.location.rsplit("/", 1)[1]
    assert db.session.scalar(db.select(ImportBatch.org_id).where(ImportBatch.token == token)) == user.org_id
    assert theirs.review_state == "approved"


def test_the_secretariat_imports_on_behalf_of_an_organisation(app, make_user, make_org):
    org = make_org(name_en="Olive Relief")
    client, admin = member_client(app, make_user, role="secretariat")
    response = upload(client, xlsx([row()]))
    assert "Choose the organisation." in response.get_data(as_text=True)
    token, html = preview(client, xlsx([row()]), org=org)
    assert "Olive Relief" in html and "on behalf of the organisation" in html
    confirm(client, token)
    [item] = activities()
    assert item.org_id == org.id and item.created_by_id == admin.id


def test_previews_are_private_expire_and_need_csrf(app, make_user):
    client, user = member_client(app, make_user)
    token, _html = preview(client, xlsx([row()]))
    colleague = app.test_client()
    login(colleague, make_user(org=user.org))
    assert colleague.get(f"/activities/import/{token}").status_code == 404
    assert post_form(colleague, f"/activities/import/{token}/confirm",
                     form_url="/activities/import").status_code == 404
    assert client.get("/activities/import/not-a-token").status_code == 404
    assert client.post(f"/activities/import/{token}/confirm").status_code == 400
    batch = db.session.scalar(db.select(ImportBatch))
    batch.created_at = batch.created_at - timedelta(hours=3)
    db.session.commit()
    assert client.get(f"/activities/import/{token}").status_code == 410
    assert confirm(client, token).status_code == 410
    assert not activities()
    # The next upload deletes expired previews.
    preview(client, xlsx([row()]))
    assert db.session.scalar(db.select(db.func.count(ImportBatch.id))) == 1


def test_who_may_open_the_import_pages(app, make_user):
    anonymous = app.test_client()
    for url in ("/activities/import", "/activities/import/template.xlsx"):
        assert anonymous.get(url).status_code == 302
    client, _user = member_client(app, make_user)
    assert client.get("/activities/import").status_code == 200
    secretariat = member_client(app, make_user, role="secretariat")[0]
    assert secretariat.get("/activities/import").status_code == 200


def test_confirm_writes_one_audit_event_per_activity(app, make_user):
    client, _user = member_client(app, make_user)
    token, _html = preview(client, xlsx([row(ref=f"R{i}") for i in range(3)]))
    confirm(client, token)
    actions = db.session.scalars(db.select(AuditEvent.action)).all()
    assert actions.count("activity.created") == 3 and actions.count("activity.submitted") == 3
    assert actions.count("activity.imported") == 1


def test_imported_activities_are_found_by_search(app, make_user):
    client, user = member_client(app, make_user)
    token, _html = preview(client, csv_bytes([row(title_en="Bakery support")]), "a.csv")
    confirm(client, token)
    html = client.get("/activities?mine=1&q=bakery").get_data(as_text=True)
    assert "Bakery support" in html
