"""Reviewing one item: its proposed content, what an edit changes, the three decisions (each
audited and mailed to the author in their language), reasons required, and two moderators
deciding at once (the second is told, the first decision stands)."""
import re

from sqlalchemy import text as sql

from portal.extensions import db
from portal.models import Activity, OutboxMail
from portal.moderation import queries, services
from tests.conftest import csrf_from, login
from tests.test_moderation_queue import activity_kind, submitted  # noqa: F401 (fixtures)
from tests.test_secretariat_orgs import events, secretariat_client, text

VERSION_RE = re.compile(r'name="lock_version"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="lock_version"')


def url(item):
    return f"/secretariat/moderation/activity/{item.id}"


def seen(client, item):
    """Open the review page like a moderator: the CSRF token and the version shown."""
    html = text(client.get(url(item)))
    match = VERSION_RE.search(html)
    assert match, "no lock_version on the review page"
    return csrf_from(client, url(item)), match.group(1) or match.group(2)


def decide(client, item, decision, reason="", token_version=None):
    token, version = token_version or seen(client, item)
    return client.post(url(item), data={"csrf_token": token, "lock_version": version,
                                        "decision": decision, "reason": reason})


def mails_to(email):
    return db.session.scalars(db.select(OutboxMail).where(OutboxMail.recipient == email)).all()


def test_review_page_shows_the_proposed_content(app, make_user, submitted):
    client, _ = secretariat_client(app, make_user)
    item = submitted(title_en="Mobile clinic in Idleb", title_ar="عيادة متنقلة", reached_total=1200,
                     sector="HEALTH", areas=("SY07",))
    html = text(client.get(url(item)))
    assert "Mobile clinic in Idleb" in html and "عيادة متنقلة" in html
    assert "Health" in html and "Idleb" in html and "1,200" in html
    assert 'name="decision" value="approve"' in html and 'name="decision" value="reject"' in html
    assert 'name="decision" value="request_changes"' in html
    assert "What this edit changes" not in html


def test_an_edit_shows_only_what_changed(app, make_user, submitted):
    client, _ = secretariat_client(app, make_user)
    item = submitted(title_en="Water trucking", status="ongoing", reached_total=500,
                     edit={"title_en": "Water trucking, second phase", "status": "completed"})
    html = text(client.get(url(item)))
    changes = html[html.index("What this edit changes"):html.index("Proposed content")]
    assert "Water trucking, second phase" in changes and "<del>Water trucking</del>" in changes
    assert "Ongoing" in changes and "Completed" in changes
    assert "People reached" not in changes  # unchanged fields are not listed
    # Others still see the published version until the edit is approved.
    db.session.refresh(item)
    assert item.title_en == "Water trucking" and item.is_published


def test_approve_publishes_audits_and_mails_the_author_in_their_language(app, make_user, submitted):
    client, moderator = secretariat_client(app, make_user)
    author = make_user(locale="en", email="author@example.org")
    item = submitted(org=author.org, author=author, title_en="Food baskets", title_ar="")
    response = decide(client, item, "approve")
    assert response.status_code == 302 and response.location.endswith("/secretariat/moderation")
    db.session.refresh(item)
    assert item.review_state == "approved" and item.is_published and item.decided_by_id == moderator.id
    (event,) = events("activity.approved")
    assert event.actor_id == moderator.id and event.object_id == str(item.id)
    (mail,) = mails_to("author@example.org")
    assert mail.locale == "en" and mail.subject == "Approved: Food baskets"
    assert "Approved. The author has been told by email." in text(client.get("/secretariat/moderation"))


def test_approving_an_edit_applies_it(app, make_user, submitted):
    client, _ = secretariat_client(app, make_user)
    item = submitted(title_en="Old title", edit={"title_en": "New title"})
    assert decide(client, item, "approve").status_code == 302
    db.session.refresh(item)
    assert item.title_en == "New title" and item.proposal is None and item.is_published


def test_reject_needs_a_reason_and_keeps_what_was_typed(app, make_user, submitted):
    client, _ = secretariat_client(app, make_user)
    item = submitted()
    response = decide(client, item, "reject", reason="   ")
    assert response.status_code == 200
    assert "Give the reason for rejecting" in text(response)
    response = decide(client, item, "request_changes", reason="")
    assert "Say what should change" in text(response)
    db.session.refresh(item)
    assert item.review_state == "submitted" and not events("activity.rejected")
    # A too long text is refused, and shown again as typed.
    response = decide(client, item, "reject", reason="سبب " * 1200)
    assert "This is too long." in text(response) and "سبب سبب" in text(response)


def test_reject_with_a_reason_in_arabic(app, make_user, submitted):
    client, moderator = secretariat_client(app, make_user)
    author = make_user(locale="ar", email="ar-author@example.org")
    item = submitted(org=author.org, author=author, title_ar="ترميم مدرسة", title_en="")
    assert decide(client, item, "reject", reason="النشاط مكرر").status_code == 302
    db.session.refresh(item)
    assert item.review_state == "rejected" and item.review_note == "النشاط مكرر" and not item.is_published
    (event,) = events("activity.rejected")
    assert event.reason == "النشاط مكرر"
    (mail,) = mails_to("ar-author@example.org")
    assert mail.locale == "ar" and "ترميم مدرسة" in mail.subject and "النشاط مكرر" in mail.body


def test_request_changes_with_a_comment(app, make_user, submitted):
    client, _ = secretariat_client(app, make_user)
    author = make_user(locale="en", email="fixer@example.org")
    item = submitted(org=author.org, author=author, title_en="Hygiene kits", title_ar="")
    assert decide(client, item, "request_changes", reason="Add the number of people reached").status_code == 302
    db.session.refresh(item)
    assert item.review_state == "changes_requested" and item.review_note == "Add the number of people reached"
    (event,) = events("activity.changes_requested")
    assert event.reason == "Add the number of people reached"
    (mail,) = mails_to("fixer@example.org")
    assert mail.subject == "Changes requested: Hygiene kits" and "Add the number" in mail.body
    html = text(client.get(url(item)))
    assert "not awaiting review" in html and 'name="decision"' not in html


def test_two_moderators_at_once_the_second_is_told_and_the_first_stands(app, make_user, submitted):
    first, alice = secretariat_client(app, make_user)
    second, _ = secretariat_client(app, make_user)
    item = submitted(title_en="Contested")
    alice_form, bob_form = seen(first, item), seen(second, item)
    assert decide(first, item, "approve", token_version=alice_form).status_code == 302
    response = decide(second, item, "reject", reason="Duplicate", token_version=bob_form)
    assert response.status_code == 409
    assert "Another member of the secretariat has already decided on this item" in text(response)
    db.session.refresh(item)
    assert item.review_state == "approved" and item.decided_by_id == alice.id and item.review_note == ""
    assert len(events("activity.approved")) == 1 and not events("activity.rejected")
    assert db.session.scalar(db.select(db.func.count(OutboxMail.id))) == 1


def test_an_item_changed_since_the_page_was_shown_is_not_decided(app, make_user, submitted):
    client, _ = secretariat_client(app, make_user)
    item = submitted(title_en="Before", edit={"title_en": "Proposed"})
    shown = seen(client, item)
    item.proposal = dict(item.proposal, title_en="Changed meanwhile")
    db.session.commit()  # the author changed it: a new version
    response = decide(client, item, "approve", token_version=shown)
    assert response.status_code == 409 and "Nothing was changed" in text(response)
    db.session.refresh(item)
    assert item.review_state == "submitted" and item.title_en == "Before"
    # The page now carries the new version: deciding again works.
    assert decide(client, item, "approve").status_code == 302
    db.session.refresh(item)
    assert item.title_en == "Changed meanwhile"


def test_service_refuses_when_the_row_changed_under_it(app, make_user, submitted, activity_kind):
    """The race the form check cannot see: both read version n; the database refuses the second."""
    moderator = make_user(role="secretariat")
    # Loaded with its relations, as the review page loads it (a lazy load inside ``decide``
    # would flush early, outside its StaleDataError guard: reported to the lead).
    item = queries.item_or_404(activity_kind, submitted().id)
    version = item.lock_version
    assert moderator.id
    with db.engine.begin() as other:  # another moderator's request, committed first
        other.execute(sql("UPDATE activity SET review_state = 'approved', is_published = :t, "
                          "lock_version = lock_version + 1 WHERE id = :id"), {"t": True, "id": item.id})
    try:
        services.decide(item, moderator, "reject", "late", seen_version=version)
    except services.Conflict:
        pass
    else:
        raise AssertionError("no Conflict")
    db.session.refresh(item)
    assert item.review_state == "approved" and not events("activity.rejected")


def test_bad_posts_change_nothing(app, make_user, submitted):
    client, _ = secretariat_client(app, make_user)
    item = submitted()
    token, version = seen(client, item)
    cases = [
        {"lock_version": version, "decision": "approve"},  # no CSRF token
        {"csrf_token": token, "lock_version": version, "decision": "publish"},
        {"csrf_token": token, "lock_version": "abc", "decision": "approve"},
        {"csrf_token": token, "decision": "approve"},
        {"csrf_token": token, "lock_version": version},
    ]
    for data in cases:
        response = client.post(url(item), data=data)
        assert response.status_code in (200, 400), data
        db.session.refresh(item)
        assert item.review_state == "submitted", data
    assert "The form had expired" in text(client.post(url(item), data={"csrf_token": token,
                                                                        "decision": "approve"}))


def test_unknown_kind_or_item_is_404(app, make_user, submitted):
    client, _ = secretariat_client(app, make_user)
    item = submitted()
    assert client.get(f"/secretariat/moderation/nokind/{item.id}").status_code == 404
    assert client.get("/secretariat/moderation/activity/999999").status_code == 404
    assert client.get("/secretariat/moderation/activity/99999999999999999999999").status_code == 404


def test_members_cannot_decide_even_on_their_own_items(app, make_user, submitted):
    item = submitted()
    for member in (make_user(org=item.org), make_user(org=item.org, org_admin=True)):
        client = app.test_client()
        login(client, member)
        token = csrf_from(client, "/dashboard")
        response = client.post(url(item), data={"csrf_token": token, "lock_version": item.lock_version,
                                                "decision": "approve"})
        assert response.status_code == 403
    db.session.refresh(item)
    assert item.review_state == "submitted" and not item.is_published
    assert db.session.get(Activity, item.id).decided_by_id is None


def test_a_decision_racing_another_is_refused_on_the_page(app, make_user, submitted, monkeypatch):
    """Both moderators pass the version check; the other one's write lands just before ours."""
    client, _ = secretariat_client(app, make_user)
    item = submitted(title_en="Raced")
    real_decide = services.decide

    def racing_decide(target, *args, **kwargs):
        with db.engine.begin() as other:
            other.execute(sql("UPDATE activity SET review_state = 'approved', is_published = :t, "
                              "lock_version = lock_version + 1 WHERE id = :id"), {"t": True, "id": target.id})
        return real_decide(target, *args, **kwargs)

    monkeypatch.setattr(services, "decide", racing_decide)
    response = decide(client, item, "reject", reason="Too late")
    assert response.status_code == 409 and "already decided" in text(response)
    db.session.refresh(item)
    assert item.review_state == "approved" and item.review_note == ""
    assert not events("activity.rejected") and not mails_to(item.submitted_by.email)
