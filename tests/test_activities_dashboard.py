"""The dashboard panel: a member's organisation's submissions, their review states and the
secretariat's reasons, those needing attention first."""
from portal.extensions import db
from tests.conftest import login
from tests.test_activities_lifecycle import page


def test_the_panel_lists_states_and_reasons(client, make_user, make_activity):
    staff = make_user(locale="en")
    make_activity(org=staff.org, state="approved", title_en="Done and dusted")
    make_activity(org=staff.org, state="draft", title_en="Half written")
    make_activity(org=staff.org, state="submitted", title_en="Waiting")
    make_activity(org=staff.org, state="rejected", title_en="Refused", review_note="Duplicate of another")
    make_activity(org=staff.org, state="changes_requested", title_en="To fix", review_note="Add dates")
    make_activity(org=staff.org, state="archived", title_en="Put away")
    edited = make_activity(org=staff.org, state="approved", title_en="Published one")
    edited.proposal = {"title_en": "Published one, improved", "title_ar": ""}
    edited.review_state = "submitted"
    make_activity(title_en="Not ours", state="draft")
    db.session.commit()
    login(client, staff)
    html = page(client, "/dashboard?lang=en")
    for text in ("Done and dusted", "Half written", "Waiting", "Refused", "Duplicate of another",
                 "To fix", "Add dates", "Published one, improved", "Published; an edit awaits review",
                 "Changes requested", "Not approved", "Awaiting review", "Draft"):
        assert text in html, text
    assert "Put away" not in html and "Not ours" not in html
    assert html.index("To fix") < html.index("Refused") < html.index("Half written") < html.index("Done and dusted")


def test_the_panel_is_limited_with_a_link_to_all(client, make_user, make_activity):
    staff = make_user(locale="en")
    for i in range(12):
        make_activity(org=staff.org, state="draft", title_en=f"Draft {i}")
    login(client, staff)
    html = page(client, "/dashboard?lang=en")
    assert sum(f">Draft {i}<" in html for i in range(12)) == 10
    assert "See all of them" in html and "/activities?mine=1" in html


def test_the_secretariat_has_no_panel(client, make_user):
    login(client, make_user(role="secretariat", locale="en"))
    assert "Your organisation's activities" not in page(client, "/dashboard?lang=en").replace("&#39;", "'")
