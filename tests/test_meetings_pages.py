"""The meeting pages: who sees what, registering through the pages, constant queries."""
import re
from datetime import timedelta

import pytest

from portal.extensions import db
from portal.meetings import services
from portal.models import utcnow
from tests.conftest import login, post_form
from tests.test_meetings_support import make_meeting, statuses  # noqa: F401

SECRET_LINK = "https://meet.example.org/secret-room"


def test_anonymous_visitors_are_sent_to_login(client, make_meeting):
    meeting = make_meeting()
    for url in ("/meetings", f"/meetings/{meeting.id}", f"/meetings/{meeting.id}.ics",
                "/meetings/calendar", "/meetings/new"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url


def test_members_see_open_meetings_not_drafts(client, make_user, make_meeting):
    member = make_user()
    shown = make_meeting(title_en="Donor briefing")
    draft = make_meeting(title_en="Secret plan", state="draft")
    login(client, member)
    listing = client.get("/meetings?lang=en").get_data(as_text=True)
    assert "Donor briefing" in listing and "Secret plan" not in listing
    assert client.get(f"/meetings/{shown.id}").status_code == 200
    assert client.get(f"/meetings/{draft.id}").status_code == 404
    assert client.get(f"/meetings/{draft.id}.ics").status_code == 404


def test_secretariat_sees_drafts(client, make_user, make_meeting):
    draft = make_meeting(title_en="Secret plan", state="draft")
    login(client, make_user(role="secretariat"))
    assert "Secret plan" in client.get("/meetings?lang=en").get_data(as_text=True)
    assert client.get(f"/meetings/{draft.id}").status_code == 200


def test_past_meetings_are_listed_apart(client, make_user, make_meeting):
    make_meeting(title_en="Old meeting", starts_at=utcnow() - timedelta(days=3))
    make_meeting(title_en="New meeting")
    login(client, make_user())
    upcoming = client.get("/meetings?lang=en").get_data(as_text=True)
    past = client.get("/meetings?when=past&lang=en").get_data(as_text=True)
    assert "New meeting" in upcoming and "Old meeting" not in upcoming
    assert "Old meeting" in past and "New meeting" not in past


@pytest.mark.parametrize("role", ["member", "focal"])
def test_management_is_for_the_secretariat(client, make_user, make_meeting, role):
    user = make_user(org_admin=(role == "focal"))
    meeting = make_meeting()
    services.register(user, meeting, user)
    registration_id = db.session.scalar(db.select(db.func.max(db.text("id"))).select_from(
        db.table("meeting_registration")))
    login(client, user)
    for url in ("/meetings/new", f"/meetings/{meeting.id}/edit", f"/meetings/{meeting.id}/cancel",
                f"/meetings/{meeting.id}/registrations", f"/meetings/{meeting.id}/registrations.csv",
                f"/meetings/{meeting.id}/minutes"):
        assert client.get(url).status_code == 403, url
    token = _csrf(client, f"/meetings/{meeting.id}")
    for url in (f"/meetings/{meeting.id}/attendance",
                f"/meetings/{meeting.id}/registrations/{registration_id}/confirm"):
        assert client.post(url, data={"csrf_token": token}).status_code == 403, url


def test_register_through_the_page_and_see_the_waiting_place(client, make_user, make_meeting, make_org):
    org = make_org()
    first, second = make_user(org=org), make_user(org=org)
    meeting = make_meeting(seats=1)
    login(client, first)
    response = post_form(client, f"/meetings/{meeting.id}/register", form_url=f"/meetings/{meeting.id}")
    assert response.status_code == 302
    client2 = client.application.test_client()
    login(client2, second)
    post_form(client2, f"/meetings/{meeting.id}/register", form_url=f"/meetings/{meeting.id}")
    assert statuses(meeting) == {first.id: "confirmed", second.id: "waiting"}
    page = client2.get(f"/meetings/{meeting.id}?lang=en").get_data(as_text=True)
    assert "Waiting list, number 1" in page
    assert "Waiting list, number 1" in client2.get("/meetings?lang=en").get_data(as_text=True)
    arabic = client2.get(f"/meetings/{meeting.id}?lang=ar").get_data(as_text=True)
    assert "١" in arabic


def test_seats_left_overall_and_for_the_organisation(client, make_user, make_meeting, make_org):
    org = make_org()
    member = make_user(org=org)
    meeting = make_meeting(seats=5, org_quota=2)
    services.register(member, meeting, member)
    login(client, member)
    page = client.get(f"/meetings/{meeting.id}?lang=en").get_data(as_text=True)
    assert "Seats left: 4 of 5" in page
    assert "Seats left for your organisation: 1" in page


def test_online_link_only_for_confirmed_participants(client, make_user, make_meeting, make_org):
    org = make_org()
    confirmed, waiting, outsider = make_user(org=org), make_user(org=org), make_user()
    meeting = make_meeting(seats=1, format="online", venue="", online_url=SECRET_LINK)
    services.register(confirmed, meeting, confirmed)
    services.register(waiting, meeting, waiting)
    for user, sees in ((confirmed, True), (waiting, False), (outsider, False)):
        c = client.application.test_client()
        login(c, user)
        page = c.get(f"/meetings/{meeting.id}").get_data(as_text=True)
        ics = c.get(f"/meetings/{meeting.id}.ics").get_data(as_text=True)
        assert (SECRET_LINK in page) is sees and (SECRET_LINK in ics.replace("\r\n ", "")) is sees


def test_focal_point_registers_a_colleague_through_the_page(client, make_user, make_meeting, make_org):
    org = make_org()
    focal, colleague, stranger = make_user(org=org, org_admin=True), make_user(org=org), make_user()
    meeting = make_meeting()
    login(client, focal)
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert f'value="{colleague.id}"' in page and f'value="{stranger.id}"' not in page
    post_form(client, f"/meetings/{meeting.id}/register", {"person": str(colleague.id)},
              form_url=f"/meetings/{meeting.id}")
    assert statuses(meeting) == {colleague.id: "confirmed"}
    refused = post_form(client, f"/meetings/{meeting.id}/register", {"person": str(stranger.id)},
                        form_url=f"/meetings/{meeting.id}")
    assert refused.status_code == 403
    assert stranger.id not in statuses(meeting)


def test_member_cannot_cancel_someone_elses_registration(client, make_user, make_meeting):
    owner, other = make_user(), make_user()
    meeting = make_meeting()
    registration = services.register(owner, meeting, owner)
    login(client, other)
    response = post_form(client, f"/meetings/{meeting.id}/registrations/{registration.id}/cancel",
                         form_url=f"/meetings/{meeting.id}")
    assert response.status_code == 403
    assert statuses(meeting) == {owner.id: "confirmed"}


def test_cancel_through_the_page_promotes_the_next(client, make_user, make_meeting):
    first, second = make_user(), make_user()
    meeting = make_meeting(seats=1)
    registration = services.register(first, meeting, first)
    services.register(second, meeting, second)
    login(client, first)
    response = post_form(client, f"/meetings/{meeting.id}/registrations/{registration.id}/cancel",
                         form_url=f"/meetings/{meeting.id}")
    assert response.status_code == 302
    assert statuses(meeting) == {first.id: "cancelled", second.id: "confirmed"}


def test_state_changes_need_a_csrf_token(client, make_user, make_meeting):
    member = make_user()
    meeting = make_meeting()
    login(client, member)
    assert client.post(f"/meetings/{meeting.id}/register").status_code == 400
    assert statuses(meeting) == {}


def test_minutes_are_for_the_organisations_that_took_part(client, make_user, make_meeting):
    participant, outsider = make_user(), make_user()
    meeting = make_meeting(minutes_en="Action: **share the template**")
    services.register(participant, meeting, participant)
    for user, sees in ((participant, True), (outsider, False)):
        c = client.application.test_client()
        login(c, user)
        page = c.get(f"/meetings/{meeting.id}?lang=en").get_data(as_text=True)
        assert ("<strong>share the template</strong>" in page) is sees


def test_agenda_markdown_is_sanitised(client, make_user, make_meeting):
    meeting = make_meeting(agenda_en="**Bold** <script>alert(1)</script>")
    login(client, make_user())
    page = client.get(f"/meetings/{meeting.id}?lang=en").get_data(as_text=True)
    assert "<strong>Bold</strong>" in page and "<script>alert" not in page


def test_list_pages_run_a_constant_number_of_queries(client, make_user, make_meeting, count_queries):
    member = make_user()
    login(client, member)

    def queries_for(n):
        for _ in range(n):
            meeting = make_meeting()
            services.register(member, meeting, member)
        with count_queries() as counter:
            assert client.get("/meetings").status_code == 200
        return counter.count

    assert queries_for(2) == queries_for(8)


def test_dashboard_panel_shows_upcoming_meetings_and_places(client, make_user, make_meeting):
    first, second = make_user(), make_user()
    meeting = make_meeting(seats=1, title_en="Panel meeting")
    services.register(first, meeting, first)
    services.register(second, meeting, second)
    login(client, second)
    page = client.get("/dashboard?lang=en").get_data(as_text=True)
    assert "Panel meeting" in page and "Waiting list, number 1" in page


def _csrf(client, url):
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', client.get(url).get_data(as_text=True)).group(1)
