"""An import enters moderation as one batch: the secretariat approves the whole batch, or the
items it ticks, at once, after rejecting the exceptions one by one; every decision audited."""
from portal.extensions import db
from portal.models import Activity, AuditEvent, ImportBatch, OutboxMail
from tests.conftest import login, post_form
from tests.importing import confirm, preview, row, xlsx
from tests.test_moderation_queue import submitted  # noqa: F401  (fixture)
from tests.test_moderation_queue import activity_kind  # noqa: F401  (fixture)


def imported(app, make_user, n=3):
    user = make_user(locale="en")
    client = app.test_client()
    login(client, user)
    token, _html = preview(client, xlsx([row(ref=f"R{i}", title_en=f"Imported {i}") for i in range(n)]))
    confirm(client, token)
    batch = db.session.scalar(db.select(ImportBatch))
    return batch, db.session.scalars(db.select(Activity).order_by(Activity.id)).all()


def secretariat(app, make_user):
    client = app.test_client()
    login(client, make_user(role="secretariat", locale="en"))
    return client


def test_the_queue_shows_the_batch_and_approves_it_whole(app, make_user):
    batch, items = imported(app, make_user)
    client = secretariat(app, make_user)
    html = client.get("/secretariat/moderation").get_data(as_text=True)
    assert f'href="/secretariat/moderation?batch={batch.id}"' in html
    html = client.get(f"/secretariat/moderation?batch={batch.id}").get_data(as_text=True)
    assert "Approve all 3 items of this batch" in html
    # One exception first, rejected on its own page.
    post_form(client, f"/secretariat/moderation/activity/{items[0].id}",
              {"decision": "reject", "reason": "Duplicate of another activity",
               "lock_version": str(items[0].lock_version)})
    response = post_form(client, f"/secretariat/moderation/batch/{batch.id}/approve",
                         form_url=f"/secretariat/moderation?batch={batch.id}")
    assert response.status_code == 302
    states = [db.session.get(Activity, i.id).review_state for i in items]
    assert states == ["rejected", "approved", "approved"]
    actions = db.session.scalars(db.select(AuditEvent.action)).all()
    assert actions.count("activity.approved") == 2 and actions.count("activity.rejected") == 1
    # The author gets one mail for the batch (and one for the rejection).
    kinds = db.session.scalars(db.select(OutboxMail.kind)).all()
    assert kinds.count("moderation.batch_approved") == 1
    assert "Imported 1" in client.get("/activities").get_data(as_text=True)
    html = client.get(f"/secretariat/moderation?batch={batch.id}").get_data(as_text=True)
    assert "Nothing is awaiting review." in html


def test_approve_the_selected_items(app, make_user, submitted):  # noqa: F811
    client = secretariat(app, make_user)
    a, b, c = submitted(title_en="A"), submitted(title_en="B"), submitted(title_en="C")
    html = client.get("/secretariat/moderation").get_data(as_text=True)
    assert f'value="activity:{a.id}"' in html
    response = post_form(client, "/secretariat/moderation/approve",
                         {"items": [f"activity:{a.id}", f"activity:{c.id}", "nope:1", "activity:x"]},
                         form_url="/secretariat/moderation")
    assert response.status_code == 302
    assert [db.session.get(Activity, i.id).review_state for i in (a, b, c)] == [
        "approved", "submitted", "approved"]


def test_a_selection_with_an_item_decided_meanwhile_approves_nothing(app, make_user, submitted):  # noqa: F811
    client = secretariat(app, make_user)
    a, b = submitted(title_en="A"), submitted(title_en="B")
    b.review_state = "rejected"
    db.session.commit()
    response = post_form(client, "/secretariat/moderation/approve",
                         {"items": [f"activity:{a.id}", f"activity:{b.id}"]},
                         form_url="/secretariat/moderation")
    assert "Nothing was approved" in client.get(response.location).get_data(as_text=True)
    assert db.session.get(Activity, a.id).review_state == "submitted"


def test_only_the_secretariat_approves_at_once(app, make_user):
    batch, items = imported(app, make_user)
    member = app.test_client()
    login(member, make_user(org=items[0].org))
    for url in (f"/secretariat/moderation/batch/{batch.id}/approve", "/secretariat/moderation/approve"):
        assert post_form(member, url, {"items": [f"activity:{items[0].id}"]},
                         form_url="/dashboard").status_code == 403
    client = secretariat(app, make_user)
    assert client.post(f"/secretariat/moderation/batch/{batch.id}/approve").status_code == 400
    assert post_form(client, "/secretariat/moderation/batch/999/approve",
                     form_url="/secretariat/moderation").status_code == 404
    assert {i.review_state for i in db.session.scalars(db.select(Activity))} == {"submitted"}


def test_the_queue_with_batches_costs_the_same_queries(app, make_user, count_queries):
    client = secretariat(app, make_user)
    counts = []
    for n in (2, 12):
        user = make_user(locale="en")
        member = app.test_client()
        login(member, user)
        token, _html = preview(member, xlsx([row(ref=f"R{i}") for i in range(n)]))
        confirm(member, token)
        with count_queries() as q:
            assert client.get("/secretariat/moderation").status_code == 200
        counts.append(q.count)
    assert counts[0] == counts[1], counts
