"""Demo activities: a few hundred, realistic, idempotent, quick."""

from portal.activities.demo import seed_demo_activities
from portal.extensions import db
from portal.models import Activity, Organisation, SearchTerm
from portal.seeding import seed_demo


def test_demo_activities_look_real_and_are_added_once(app, client, count_queries):
    assert seed_demo_activities() == 0          # no demo organisations yet
    seed_demo()
    with count_queries() as q:                  # quick: no more than a statement or so per activity
        added = seed_demo_activities()
    assert q.count < 2 * added, q.count
    assert 200 <= added <= 500
    assert seed_demo_activities() == 0

    items = db.session.scalars(db.select(Activity)).all()
    assert len(items) == added
    demo_orgs = set(db.session.scalars(db.select(Organisation.id).where(Organisation.is_demo.is_(True))))
    assert {a.org_id for a in items} == demo_orgs
    published = [a for a in items if a.is_published]
    assert len(published) > 0.7 * added
    assert any(a.visibility == "members" for a in published)
    assert {a.review_state for a in items} >= {"approved", "submitted", "draft"}
    assert len({a.primary_sector_id for a in items}) >= 10
    assert len({area.code for a in items for area in a.areas}) >= 10
    for a in items:
        assert a.title_ar and a.title_en and a.areas and a.primary_sector in a.sectors
        assert 2025 <= a.start_date.year <= 2027 and (a.end_date is None or a.end_date >= a.start_date)
        for group in ("targeted", "reached"):
            parts = [getattr(a, f"{group}_{p}") or 0 for p in ("women", "men", "girls", "boys")]
            total = getattr(a, f"{group}_total")
            assert total is None or sum(parts) <= total
    assert db.session.scalar(db.select(db.func.count()).select_from(SearchTerm)) > added * 5
    html = client.get("/activities?q=مدارس&lang=en").get_data(as_text=True)
    assert "Rehabilitation of schools" in html
