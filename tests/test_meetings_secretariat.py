"""The secretariat's registration list: grouped by organisation, CSV, attendance, by hand."""
import csv
import io
from datetime import timedelta

from portal.extensions import db
from portal.meetings import services
from portal.models import Registration, utcnow
from tests.conftest import login, post_form
from tests.test_meetings_support import audit_actions, make_meeting, statuses  # noqa: F401


def _secretariat(client, make_user):
    user = make_user(role="secretariat")
    login(client, user)
    return user


def test_registrations_are_grouped_by_organisation(client, make_user, make_org, make_meeting):
    alpha, beta = make_org(name_en="Alpha relief"), make_org(name_en="Beta health")
    meeting = make_meeting(seats=2)
    people = [make_user(org=beta, name="Beta one"), make_user(org=alpha, name="Alpha one"),
              make_user(org=beta, name="Beta two")]
    for person in people:
        services.register(person, meeting, person)
    _secretariat(client, make_user)
    html = client.get(f"/meetings/{meeting.id}/registrations?lang=en").get_data(as_text=True)
    body = html.split("<h2>People</h2>")[1]
    assert body.index("Alpha relief") < body.index("Alpha one") < body.index("Beta health")
    assert body.index("Beta one") < body.index("Beta two")
    assert "Waiting list, number 1" in body


def test_registration_list_runs_a_constant_number_of_queries(client, make_user, make_meeting,
                                                           count_queries):
    meeting = make_meeting(seats=100)
    _secretariat(client, make_user)

    def queries_for(n):
        for _ in range(n):
            person = make_user()
            services.register(person, meeting, person)
        with count_queries() as counter:
            assert client.get(f"/meetings/{meeting.id}/registrations").status_code == 200
        return counter.count

    assert queries_for(2) == queries_for(12)


def test_csv_has_a_bom_and_no_formulas(client, make_user, make_org, make_meeting):
    org = make_org(name_ar="منظمة الأمل", name_en="Hope")
    person = make_user(org=org, name="=HYPERLINK(\"http://evil\")")
    meeting = make_meeting()
    services.register(person, meeting, person)
    _secretariat(client, make_user)
    response = client.get(f"/meetings/{meeting.id}/registrations.csv?lang=ar")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.data.startswith("\ufeff".encode())
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert len(rows) == 2
    assert rows[1][0] == "منظمة الأمل"
    assert rows[1][1] == "'=HYPERLINK(\"http://evil\")"
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_attendance_is_marked_on_the_day_and_audited(client, make_user, make_meeting):
    meeting = make_meeting(seats=3)
    present, absent = make_user(), make_user()
    for person in (present, absent):
        services.register(person, meeting, person)
    ids = {r.user_id: r.id for r in db.session.scalars(db.select(Registration))}
    _secretariat(client, make_user)
    data = {"shown": [str(ids[present.id]), str(ids[absent.id])], "present": [str(ids[present.id])]}
    url = f"/meetings/{meeting.id}/attendance"
    form_url = f"/meetings/{meeting.id}/registrations"
    post_form(client, url, data, form_url=form_url)            # a week early: refused
    db.session.expire_all()
    assert {r.attended for r in db.session.scalars(db.select(Registration))} == {None}
    meeting.starts_at = utcnow() - timedelta(hours=1)
    meeting.ends_at = utcnow() + timedelta(hours=1)
    db.session.commit()
    page = client.get(form_url).get_data(as_text=True)
    assert f'name="present" value="{ids[present.id]}"' in page
    assert post_form(client, url, data, form_url=form_url).status_code == 302
    db.session.expire_all()
    attended = {r.user_id: r.attended for r in db.session.scalars(db.select(Registration))}
    assert attended == {present.id: True, absent.id: False}
    assert audit_actions().count("meeting.attendance") == 2
    post_form(client, url, data, form_url=form_url)            # nothing changes: no new events
    assert audit_actions().count("meeting.attendance") == 2


def test_confirm_by_hand_through_the_page(client, make_user, make_org, make_meeting):
    org = make_org()
    first, second = make_user(org=org), make_user(org=org)
    meeting = make_meeting(seats=3, org_quota=1)
    services.register(first, meeting, first)
    waiting = services.register(second, meeting, second)
    _secretariat(client, make_user)
    page = client.get(f"/meetings/{meeting.id}/registrations").get_data(as_text=True)
    assert f"/registrations/{waiting.id}/confirm" in page
    response = post_form(client, f"/meetings/{meeting.id}/registrations/{waiting.id}/confirm",
                         form_url=f"/meetings/{meeting.id}/registrations")
    assert response.status_code == 302
    assert statuses(meeting) == {first.id: "confirmed", second.id: "confirmed"}
