"""Monthly progress pages: the organisation reports a month and corrects it; who sees which
reports; bad input answered on the same page with the input kept."""
from datetime import date

import pytest

from portal.extensions import db
from portal.models import ActivityProgress, AuditEvent
from tests.conftest import login, post_form
from tests.progress_helpers import add_report, month_shift

START = date(2025, 1, 1)


def figures(**overrides):
    data = {"month": "2025-03", "reached_total": "120", "reached_women": "40", "reached_men": "30",
            "reached_girls": "25", "reached_boys": "25", "note": "Two distributions in Idleb"}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def report_month(client, item, **overrides):
    url = f"/activities/{item.id}/progress/new"
    return post_form(client, url, figures(**overrides))


def reports_of(item):
    return db.session.scalars(db.select(ActivityProgress).where(
        ActivityProgress.activity_id == item.id).order_by(ActivityProgress.month)).all()


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def events(action):
    return db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == action)).all()


@pytest.fixture
def staff_activity(client, make_user, make_activity):
    """A published activity and a logged-in member of its organisation (reading in English)."""
    staff = make_user(locale="en")
    login(client, staff)
    item = make_activity(org=staff.org, start=START, title_en="Food baskets", reached_total=77)
    return staff, item


# --- happy path -------------------------------------------------------------------------------

def test_staff_report_a_month_which_goes_to_review(client, staff_activity):
    staff, item = staff_activity
    html = page(client, f"/activities/{item.id}/progress/new")
    assert 'type="month"' in html and 'name="reached_women"' in html
    response = report_month(client, item)
    assert response.status_code == 302 and response.location.endswith(f"/activities/{item.id}/progress")
    (report,) = reports_of(item)
    assert (report.month, report.reached_total, report.reached_women, report.reached_boys) == (
        date(2025, 3, 1), 120, 40, 25)
    assert report.review_state == "submitted" and not report.is_published
    assert report.created_by_id == staff.id and report.submitted_by_id == staff.id
    assert report.org_id == item.org_id and report.note == "Two distributions in Idleb"
    (created,) = events("progress.created")
    assert created.actor_id == staff.id and created.after["reached_total"] == 120
    assert created.object_kind == "activity_progress" and created.object_id == str(report.id)
    assert len(events("progress.submitted")) == 1
    html = page(client, f"/activities/{item.id}/progress")
    assert "March 2025" in html and "Awaiting review" in html and "has been sent to the secretariat" in html


def test_arabic_indic_digits_and_other_month_spellings(client, staff_activity):
    _, item = staff_activity
    for typed, month in (("٢٠٢٥-٠٤", 4), ("05/2025", 5), ("۲۰۲۵/۶", 6)):
        response = report_month(client, item, month=typed, reached_total="١٢٠", reached_women="٤٠")
        assert response.status_code == 302, typed
        assert reports_of(item)[-1].month == date(2025, month, 1)
    assert reports_of(item)[0].reached_total == 120


def test_the_total_defaults_to_the_sum_of_the_parts(client, staff_activity):
    _, item = staff_activity
    assert report_month(client, item, reached_total="").status_code == 302
    assert reports_of(item)[0].reached_total == 120


def test_arabic_form_and_messages(client, make_user, make_activity):
    staff = make_user(locale="ar")
    login(client, staff)
    item = make_activity(org=staff.org, start=START)
    html = report_month(client, item, reached_total="10").get_data(as_text=True)
    assert "مجموع النساء والرجال والفتيات والفتيان ١٢٠، وهو أكبر من المجموع الكلي ١٠." in html
    assert 'dir="rtl"' in html


# --- bad input --------------------------------------------------------------------------------

FUTURE = month_shift(date.today(), 1).strftime("%Y-%m")


@pytest.mark.parametrize("overrides, message", [
    ({"reached_total": "100"}, "Women, men, girls and boys add up to 120: more than the total of 100."),
    ({"reached_women": "-5"}, "Enter a number from 0 to 100,000,000."),
    ({"reached_total": "1000000000000"}, "Enter a number from 0 to 100,000,000."),
    ({"reached_total": "many"}, "Enter a whole number."),
    ({"reached_total": "", "reached_women": "", "reached_men": "", "reached_girls": "",
      "reached_boys": ""}, "Give the number of people reached that month."),
    ({"month": FUTURE}, "This month has not begun yet"),
    ({"month": "2024-12"}, "The activity started after this month."),
    ({"month": "2025-13"}, "Enter a month as year-month, for example 2026-03."),
    ({"month": "March"}, "Enter a month as year-month, for example 2026-03."),
    ({"month": ""}, "Choose the month you report."),
    ({"note": "x" * 501}, "This is too long."),
])
def test_bad_input_is_refused_on_the_same_page_with_the_input_kept(client, staff_activity, overrides,
                                                                   message):
    _, item = staff_activity
    response = report_month(client, item, **overrides)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and message in html
    assert "Please correct the marked fields." in html and 'aria-invalid="true"' in html
    if "note" not in overrides:
        assert 'value="Two distributions in Idleb"' in html  # the other input is kept
    kept_month = overrides.get("month", "2025-03")
    if kept_month:
        assert f'value="{kept_month}"' in html
    assert reports_of(item) == []


def test_a_month_after_the_activity_ended_is_refused(client, make_user, make_activity):
    staff = make_user(locale="en")
    login(client, staff)
    item = make_activity(org=staff.org, start=START, end=date(2025, 6, 15))
    assert report_month(client, item, month="2025-06").status_code == 302
    html = report_month(client, item, month="2025-07").get_data(as_text=True)
    assert "The activity ended before this month." in html and len(reports_of(item)) == 1


def test_a_month_already_reported_points_to_its_correction(client, staff_activity):
    _, item = staff_activity
    existing = add_report(item, "2025-03", 50)
    html = report_month(client, item).get_data(as_text=True)
    assert "March 2025 is already reported. Correct that report instead." in html
    assert f'href="/activities/progress/{existing.id}/edit"' in html
    assert 'value="120"' in html
    assert len(reports_of(item)) == 1
    # Also said at once when another field needs fixing too.
    html = report_month(client, item, reached_total="5").get_data(as_text=True)
    assert "March 2025 is already reported." in html and "more than the total of 5" in html
    assert f'href="/activities/progress/{existing.id}/edit"' in html


def test_an_expired_form_changes_nothing(client, staff_activity):
    _, item = staff_activity
    response = client.post(f"/activities/{item.id}/progress/new", data=figures(csrf_token="stale"))
    assert response.status_code == 400
    assert reports_of(item) == []


# --- who may report ---------------------------------------------------------------------------

def test_other_organisations_may_not_report_or_correct(client, make_user, make_activity):
    item = make_activity(start=START)
    report = add_report(item, "2025-02", 10)
    hidden = make_activity(start=START, state="draft")
    login(client, make_user(locale="en"))
    assert client.get(f"/activities/{item.id}/progress/new").status_code == 403
    response = post_form(client, f"/activities/{item.id}/progress/new", figures(),
                         form_url=f"/activities/{item.id}")
    assert response.status_code == 403
    assert client.get(f"/activities/progress/{report.id}/edit").status_code == 403
    token_page = f"/activities/{item.id}/progress"
    response = post_form(client, f"/activities/progress/{report.id}/edit", figures(), form_url=token_page)
    assert response.status_code == 403
    for url in (f"/activities/{hidden.id}/progress", f"/activities/{hidden.id}/progress/new"):
        assert client.get(url).status_code == 404, url
    assert len(reports_of(item)) == 1 and reports_of(hidden) == []
    db.session.refresh(report)
    assert report.reached_total == 10 and report.proposal is None


def test_the_secretariat_reads_everything_but_does_not_report(client, make_user, make_activity):
    item = make_activity(start=START)
    add_report(item, "2025-02", 10, state="submitted")
    login(client, make_user(role="secretariat", locale="en"))
    assert client.get(f"/activities/{item.id}/progress/new").status_code == 403
    html = page(client, f"/activities/{item.id}/progress")
    assert "February 2025" in html and "Awaiting review" in html and "Report a month" not in html


def test_visitors_are_sent_to_log_in_to_report(client, make_activity):
    item = make_activity(start=START)
    response = client.get(f"/activities/{item.id}/progress/new")
    assert response.status_code == 302 and "/login" in response.location


def test_progress_of_an_unpublished_or_archived_activity_cannot_be_reported(client, make_user,
                                                                            make_activity):
    staff = make_user(locale="en")
    login(client, staff)
    for state in ("draft", "submitted", "archived"):
        item = make_activity(org=staff.org, start=START, state=state)
        response = post_form(client, f"/activities/{item.id}/progress/new", figures(),
                             form_url=f"/activities/{item.id}")
        assert response.status_code == 302 and response.location.endswith(f"/activities/{item.id}")
        assert "Progress can be reported once the activity is approved" in page(client, f"/activities/{item.id}")
        assert reports_of(item) == []


def test_a_focal_point_of_the_organisation_may_report(client, make_user, make_activity):
    focal = make_user(org_admin=True, locale="en")
    login(client, focal)
    item = make_activity(org=focal.org, start=START)
    assert report_month(client, item).status_code == 302


# --- who sees which reports -------------------------------------------------------------------

def test_outsiders_see_approved_reports_only(client, make_user, make_activity):
    item = make_activity(start=START, title_en="Food baskets")
    approved = add_report(item, "2025-01", 111)
    hidden = {state: add_report(item, f"2025-0{i + 2}", 900 + i, state=state)
              for i, state in enumerate(("submitted", "changes_requested", "rejected"))}
    for who in (None, make_user(locale="en")):
        if who:
            login(client, who)
        html = page(client, f"/activities/{item.id}/progress?lang=en")
        assert "January 2025" in html and "111" in html
        assert "February 2025" not in html and "900" not in html and "902" not in html
        assert page(client, f"/activities/progress/{approved.id}?lang=en")
        for report in hidden.values():
            assert client.get(f"/activities/progress/{report.id}").status_code == 404
        detail = page(client, f"/activities/{item.id}?lang=en")
        assert "January 2025" in detail and "February 2025" not in detail


def test_insiders_see_every_report_with_its_state(client, staff_activity):
    _, item = staff_activity
    add_report(item, "2025-01", 111)
    rejected = add_report(item, "2025-02", 222, state="rejected")
    rejected.review_note = "The figures are doubled."
    db.session.commit()
    html = page(client, f"/activities/{item.id}/progress")
    assert "January 2025" in html and "February 2025" in html and "Not approved" in html
    html = page(client, f"/activities/progress/{rejected.id}")
    assert "The figures are doubled." in html and f"/activities/progress/{rejected.id}/edit" in html
    # The activity's page still shows approved progress only.
    detail = page(client, f"/activities/{item.id}")
    assert "January 2025" in detail and "February 2025" not in detail


def test_members_only_activity_progress_is_hidden_from_the_public(client, make_user, make_activity):
    item = make_activity(start=START, visibility="members")
    report = add_report(item, "2025-01", 5)
    assert client.get(f"/activities/{item.id}/progress").status_code == 404
    assert client.get(f"/activities/progress/{report.id}").status_code == 404
    login(client, make_user())
    assert client.get(f"/activities/progress/{report.id}").status_code == 200


def test_unknown_numbers_are_404(client):
    for url in ("/activities/999/progress", "/activities/progress/999",
                "/activities/progress/99999999999", "/activities/99999999999/progress"):
        assert client.get(url).status_code == 404, url


# --- the activity's page ----------------------------------------------------------------------

def test_the_activity_page_shows_reached_from_approved_reports_and_says_so(client, make_activity):
    item = make_activity(start=START, reached_total=77)
    html = page(client, f"/activities/{item.id}?lang=en")
    assert "the activity's own figure" in html and ">77<" in html
    add_report(item, "2025-01", 100, women=60)
    add_report(item, "2025-02", 200, women=20)
    add_report(item, "2025-03", 5000, state="submitted")
    html = page(client, f"/activities/{item.id}?lang=en")
    assert "is the sum of the approved monthly reports" in html and "Here: the sum of its approved" in html
    assert ">300<" in html and ">80<" in html and ">77<" not in html and "5,000" not in html
    listing = page(client, f"/activities/{item.id}/progress?lang=en")
    assert "300" in listing and "5,000" not in listing


def test_arabic_activity_page_shows_months_in_arabic(client, make_activity):
    item = make_activity(start=START)
    add_report(item, "2025-03", 1200)
    html = page(client, f"/activities/{item.id}?lang=ar")
    assert "آذار ٢٠٢٥" in html and "١,٢٠٠" in html


# --- corrections ------------------------------------------------------------------------------

def correct(client, report, **overrides):
    data = figures(**overrides)
    data.pop("month")
    return post_form(client, f"/activities/progress/{report.id}/edit", data)


def test_correcting_an_approved_month_keeps_the_approved_figures_until_approved(
        app, client, staff_activity, make_user):
    staff, item = staff_activity
    report = add_report(item, "2025-03", 100, women=10)
    html = page(client, f"/activities/progress/{report.id}/edit")
    assert 'value="100"' in html and 'name="month"' not in html
    response = correct(client, report, reached_total="150")
    assert response.status_code == 302 and response.location.endswith(f"/activities/progress/{report.id}")
    db.session.refresh(report)
    assert report.reached_total == 100 and report.proposal["reached_total"] == 150
    assert report.review_state == "submitted" and report.is_published
    (updated,) = events("progress.updated")
    assert updated.actor_id == staff.id
    assert updated.before["reached_total"] == 100 and updated.after["reached_total"] == 150
    insider = page(client, f"/activities/progress/{report.id}")
    assert "Correction awaiting approval" in insider and "150" in insider
    visitor = app.test_client()
    html = visitor.get(f"/activities/{item.id}?lang=en").get_data(as_text=True)
    assert ">100<" in html and "150" not in html
    html = visitor.get(f"/activities/progress/{report.id}?lang=en").get_data(as_text=True)
    assert "100" in html and "150" not in html and "Correction awaiting" not in html
    # Saving the approved figures again withdraws the correction.
    response = correct(client, report, reached_total="100", reached_women="10", reached_men="",
                       reached_girls="", reached_boys="", note="")
    assert response.status_code == 302
    db.session.refresh(report)
    assert report.proposal is None and report.review_state == "approved"


def test_an_unchanged_approved_month_is_not_sent_again(client, staff_activity):
    _, item = staff_activity
    report = add_report(item, "2025-03", 100)
    response = correct(client, report, reached_total="100", reached_women="", reached_men="",
                       reached_girls="", reached_boys="", note="")
    assert response.status_code == 302
    assert "Nothing was changed" in page(client, f"/activities/progress/{report.id}")
    db.session.refresh(report)
    assert report.review_state == "approved" and report.submitted_at is None


def test_correcting_a_month_sent_back_resubmits_it(client, staff_activity):
    _, item = staff_activity
    report = add_report(item, "2025-03", 100, state="changes_requested")
    assert correct(client, report).status_code == 302
    db.session.refresh(report)
    assert report.reached_total == 120 and report.review_state == "submitted" and report.proposal is None


def test_bad_correction_keeps_the_input(client, staff_activity):
    _, item = staff_activity
    report = add_report(item, "2025-03", 100)
    html = correct(client, report, reached_total="50").get_data(as_text=True)
    assert "more than the total of 50" in html and 'value="50"' in html
    db.session.refresh(report)
    assert report.proposal is None


def test_a_correction_over_a_newer_one_is_refused(client, staff_activity):
    _, item = staff_activity
    report = add_report(item, "2025-03", 100, state="submitted")
    data = figures(version=str(report.lock_version))
    data.pop("month")
    report.reached_total = 101  # a colleague saved meanwhile
    db.session.commit()
    response = post_form(client, f"/activities/progress/{report.id}/edit", data)
    assert response.status_code == 409 and "Someone else changed this report" in response.get_data(as_text=True)
    db.session.refresh(report)
    assert report.reached_total == 101


# --- the dashboard ----------------------------------------------------------------------------

def test_dashboard_lists_reports_sent_back_and_activities_missing_last_month(client, staff_activity,
                                                                            make_activity):
    from portal.activities.progress.panel import last_month

    staff, item = staff_activity
    month = last_month()
    done = make_activity(org=staff.org, start=START, title_en="Reported already")
    add_report(done, month, 10, state="submitted")
    make_activity(org=staff.org, start=START, end=date(2025, 2, 1), title_en="Ended long ago")
    make_activity(org=staff.org, start=START, state="draft", title_en="Still a draft")
    make_activity(start=START, title_en="Another organisation's")
    back = add_report(item, "2025-02", 5, state="changes_requested")
    back.review_note = "Split by sex, please."
    db.session.commit()
    html = page(client, "/dashboard")
    panel = html[html.index('id="progress-panel-heading"'):]
    panel = panel[:panel.index("</section>")]
    assert f"/activities/progress/{back.id}/edit" in panel and "Split by sex, please." in panel
    label = f"{month:%B %Y}"
    assert f"Activities with no report for {label} yet" in panel
    new_url = f"/activities/{item.id}/progress/new?month={month:%Y-%m}"
    assert new_url in panel and "Food baskets" in panel
    for hidden in ("Reported already", "Ended long ago", "Still a draft", "Another organisation"):
        assert hidden not in panel
    assert f'value="{month:%Y-%m}"' in page(client, new_url)


def test_dashboard_panel_is_hidden_when_nothing_is_due(client, make_user):
    login(client, make_user(locale="en"))
    assert 'id="progress-panel-heading"' not in page(client, "/dashboard")
