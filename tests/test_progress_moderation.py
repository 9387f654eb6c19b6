"""Monthly progress reports in the secretariat's moderation queue: listed with the activity's
title, reviewed with the month and the figures, decided like every kind (audited, mailed to the
author), in a constant number of queries."""
import re
from datetime import date

import pytest

from portal.activities.progress import services as progress
from portal.extensions import db
from portal.models import OutboxMail
from portal.moderation import services as moderation
from tests.conftest import login
from tests.progress_helpers import add_report
from tests.test_moderation_queue import activity_kind, submitted  # noqa: F401 (fixtures)
from tests.test_moderation_review import VERSION_RE
from tests.test_secretariat_orgs import assert_only_secretariat, events, secretariat_client, text

START = date(2025, 1, 1)
FIGURES = {"reached_total": 120, "reached_women": 40, "reached_men": 30, "reached_girls": None,
           "reached_boys": None, "note": "Two rounds"}


@pytest.fixture
def sent(make_activity, make_user):
    """``sent(month="2025-03", **activity_kw)``: a report sent for review by a member of the
    activity's organisation (its author)."""

    def make(month="2025-03", author=None, activity=None, **kw):
        kw.setdefault("start", START)
        item = activity or make_activity(**kw)
        author = author or make_user(org=item.org, locale="en")
        return progress.create(item, author, date.fromisoformat(month + "-01"), dict(FIGURES))

    return make


def url(report):
    return f"/secretariat/moderation/progress/{report.id}"


def seen(client, report):
    """Open the review page like a moderator: the CSRF token and the version shown."""
    html = text(client.get(url(report)))
    match = VERSION_RE.search(html)
    assert match, "no lock_version on the review page"
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    return token, match.group(1) or match.group(2)


def decide(client, report, decision, reason="", token_version=None):
    token, version = token_version or seen(client, report)
    return client.post(url(report), data={"csrf_token": token, "lock_version": version,
                                          "decision": decision, "reason": reason})


def test_queue_lists_reports_with_the_activity_title(app, make_user, sent, make_org):
    client, _ = secretariat_client(app, make_user)
    org = make_org(slug="olive", name_en="Olive Branch")
    report = sent(org=org, title_en="Food baskets in Idleb", sector="FSL")
    html = text(client.get("/secretariat/moderation"))
    assert "Food baskets in Idleb" in html and "Monthly progress" in html and "Olive Branch" in html
    assert f'href="{url(report)}"' in html
    assert "Food baskets in Idleb" in text(client.get("/secretariat/moderation?kind=progress"))
    assert "Food baskets in Idleb" in text(client.get("/secretariat/moderation?org=olive&sector=FSL"))
    assert "Food baskets in Idleb" not in text(client.get("/secretariat/moderation?sector=HEALTH"))
    assert "Food baskets in Idleb" not in text(client.get("/secretariat/moderation?kind=activity"))


def test_queue_costs_the_same_queries_for_3_and_30_items(app, make_user, make_org, sent, submitted,
                                                         make_activity, count_queries):
    client, _ = secretariat_client(app, make_user)
    orgs = [make_org() for _ in range(3)]
    activities = [make_activity(org=o, start=date(2023, 1, 1)) for o in orgs]
    counts, k = [], 0
    for n in (3, 27):
        for i in range(n):
            if i % 3 == 0:
                submitted(org=orgs[i % 3])
            else:
                k += 1
                sent(activity=activities[i % 3], month=f"{2023 + k // 12:04d}-{k % 12 + 1:02d}")
        with count_queries() as q:
            response = client.get("/secretariat/moderation")
        assert response.status_code == 200
        counts.append(q.count)
    assert counts[0] == counts[1], counts
    assert counts[0] <= 9


def test_review_page_shows_the_activity_the_month_and_the_figures(app, make_user, sent):
    client, _ = secretariat_client(app, make_user)
    report = sent(title_en="Food baskets", title_ar="سلال غذائية")
    html = text(client.get(url(report)))
    assert "Food baskets" in html and "سلال غذائية" in html
    assert "Month" in html and "March 2025" in html
    assert "People reached that month" in html and "120" in html
    assert "Women reached" in html and "40" in html and "Two rounds" in html
    assert 'name="decision" value="approve"' in html


def test_approval_publishes_audits_and_mails_the_author(app, make_user, make_activity, sent):
    client, moderator = secretariat_client(app, make_user)
    item = make_activity(start=START, title_en="Food baskets", reached_total=7)
    author = make_user(org=item.org, locale="en", email="author@example.org")
    report = sent(activity=item, author=author)
    assert decide(client, report, "approve").status_code == 302
    db.session.refresh(report)
    assert report.review_state == "approved" and report.is_published
    (event,) = events("progress.approved")
    assert event.actor_id == moderator.id and event.object_id == str(report.id)
    (mail,) = db.session.scalars(db.select(OutboxMail).where(OutboxMail.recipient == "author@example.org"))
    assert mail.subject == "Approved: Food baskets" and "Monthly progress" in mail.body
    assert f"/activities/progress/{report.id}" in mail.body
    html = text(app.test_client().get(f"/activities/{item.id}?lang=en"))
    assert "March 2025" in html and ">120<" in html and ">7<" not in html


def test_arabic_mail_for_an_arabic_author(app, make_user, make_activity, sent):
    client, _ = secretariat_client(app, make_user)
    item = make_activity(start=START, title_ar="سلال غذائية", title_en="")
    author = make_user(org=item.org, locale="ar", email="ar@example.org")
    report = sent(activity=item, author=author)
    assert decide(client, report, "reject", "الأرقام مكررة").status_code == 302
    (mail,) = db.session.scalars(db.select(OutboxMail).where(OutboxMail.recipient == "ar@example.org"))
    assert mail.locale == "ar" and "سلال غذائية" in mail.subject and "الأرقام مكررة" in mail.body


def test_reject_and_request_changes_need_a_reason_and_reach_the_author(app, make_user, sent):
    client, _ = secretariat_client(app, make_user)
    report = sent()
    html = text(decide(client, report, "reject", ""))
    assert "Give the reason for rejecting" in html
    db.session.refresh(report)
    assert report.review_state == "submitted"
    assert decide(client, report, "request_changes", "Split by sex, please.").status_code == 302
    db.session.refresh(report)
    assert report.review_state == "changes_requested" and not report.is_published
    author = report.submitted_by
    member = app.test_client()
    login(member, author)
    html = text(member.get(f"/activities/progress/{report.id}"))
    assert "Split by sex, please." in html and "Changes requested" in html
    assert events("progress.changes_requested")


def test_approving_a_correction_applies_it(app, make_user, make_activity):
    client, moderator = secretariat_client(app, make_user)
    item = make_activity(start=START)
    author = make_user(org=item.org, locale="en")
    report = add_report(item, "2025-03", 100, women=10)
    assert progress.update(report, author, dict(FIGURES, reached_total=150)) is True
    html = text(client.get(url(report)))
    assert "What this edit changes" in html and "<del>100</del>" in html and "<ins>150</ins>" in html
    assert decide(client, report, "approve").status_code == 302
    db.session.refresh(report)
    assert report.reached_total == 150 and report.reached_women == 40 and report.proposal is None
    assert report.month == date(2025, 3, 1)


def test_rejecting_a_correction_keeps_the_approved_figures(app, make_user, make_activity):
    client, _ = secretariat_client(app, make_user)
    item = make_activity(start=START)
    author = make_user(org=item.org, locale="en")
    report = add_report(item, "2025-03", 100)
    progress.update(report, author, dict(FIGURES, reached_total=5000))
    assert decide(client, report, "reject", "Too many.").status_code == 302
    db.session.refresh(report)
    assert report.reached_total == 100 and report.is_published and report.review_state == "rejected"
    html = text(app.test_client().get(f"/activities/{item.id}?lang=en"))
    assert ">100<" in html and "5,000" not in html


def test_only_the_secretariat_reviews_reports(app, make_user, sent):
    report = sent()
    assert_only_secretariat(app, make_user, gets=[url(report)], posts=[url(report)])
    db.session.refresh(report)
    assert report.review_state == "submitted"


def test_the_author_changing_a_report_under_review_conflicts_with_a_stale_decision(app, make_user, sent):
    client, _ = secretariat_client(app, make_user)
    report = sent()
    token_version = seen(client, report)
    progress.update(report, report.submitted_by, dict(FIGURES, reached_total=130))
    response = decide(client, report, "approve", token_version=token_version)
    assert response.status_code == 409
    db.session.refresh(report)
    assert report.review_state == "submitted" and report.reached_total == 130


def test_services_refuse_what_the_pages_refuse(app, make_user, make_activity):
    item = make_activity(start=START)
    author = make_user(org=item.org)
    with pytest.raises(progress.NotAllowed):
        progress.create(item, make_user(), date(2025, 3, 1), dict(FIGURES))
    with pytest.raises(progress.NotAllowed):
        progress.create(item, make_user(role="secretariat"), date(2025, 3, 1), dict(FIGURES))
    with pytest.raises(progress.BadMonth):
        progress.create(item, author, date(2024, 12, 1), dict(FIGURES))
    first = progress.create(item, author, date(2025, 3, 17), dict(FIGURES))
    assert first.month == date(2025, 3, 1)
    with pytest.raises(progress.MonthTaken) as taken:
        progress.create(item, author, date(2025, 3, 1), dict(FIGURES))
    assert taken.value.existing.id == first.id
    draft = make_activity(org=item.org, start=START, state="draft")
    with pytest.raises(progress.NotOpen):
        progress.create(draft, author, date(2025, 3, 1), dict(FIGURES))
    moderation.archive(item, author)
    with pytest.raises(progress.NotOpen):
        progress.update(first, author, dict(FIGURES, reached_total=999))
