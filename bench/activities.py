"""Generate many realistic activities fast, for the benchmark: bulk Core inserts in batches.

    DATABASE_URL=... python bench/activities.py --count 100000

Titles and descriptions in Arabic and English across the demo organisations (``seed --demo``
first), every sector and governorate (and a few neighbouring countries); most approved and
public, some members only, some drafts, submitted, returned or rejected. Writes activity,
activity_sector, activity_area and search_term rows (words from :func:`portal.text.words`, as
the portal indexes them), then ANALYZE. Adds only what is missing up to ``--count``.
"""
import argparse
import os
import random
import sys
import time
from datetime import date, datetime, timedelta, timezone

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from sqlalchemy import func, insert  # noqa: E402

from portal import create_app  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.models import (Activity, Area, Organisation, SearchTerm, Sector, User,  # noqa: E402
                           activity_area, activity_sector)
from portal.security import hash_password  # noqa: E402
from portal.text import words  # noqa: E402

# (English, Arabic) titles; {area} is the place. Several mention schools (مدرسة), for the search.
TITLES = [
    ("Rehabilitation of a primary school in {area}", "ترميم مدرسة ابتدائية في {area}"),
    ("School supplies for displaced children in {area}", "مستلزمات مدرسية للأطفال النازحين في {area}"),
    ("Heating for a school in {area}", "تدفئة مدرسة في {area}"),
    ("Mobile health clinic in {area}", "عيادة صحية متنقلة في {area}"),
    ("Support to a primary health care centre in {area}", "دعم مركز رعاية صحية أولية في {area}"),
    ("Vaccination campaign in {area}", "حملة تلقيح في {area}"),
    ("Emergency food baskets in {area}", "توزيع سلال غذائية طارئة في {area}"),
    ("Winter kits for displaced families in {area}", "مستلزمات الشتاء للأسر النازحة في {area}"),
    ("Water trucking to camps in {area}", "نقل المياه بالصهاريج إلى المخيمات في {area}"),
    ("Rehabilitation of a water station in {area}", "تأهيل محطة مياه في {area}"),
    ("Child-friendly space in {area}", "مساحة صديقة للطفل في {area}"),
    ("Legal aid for civil documentation in {area}", "المساعدة القانونية في الوثائق المدنية في {area}"),
    ("Shelter repairs for returning families in {area}", "إصلاح المساكن للأسر العائدة في {area}"),
    ("Vocational training for young people in {area}", "التدريب المهني للشباب في {area}"),
    ("Malnutrition screening for children in {area}", "الكشف عن سوء التغذية لدى الأطفال في {area}"),
    ("Bread subsidy for bakeries in {area}", "دعم الخبز للأفران في {area}"),
    ("Camp management in {area}", "إدارة المخيمات في {area}"),
    ("Teacher training in {area}", "تدريب المعلمين في {area}"),
]
DESCRIPTIONS = [
    ("{org} works with local councils in {area} ({sector}).",
     "تعمل {org} مع المجالس المحلية في {area} في قطاع {sector}."),
    ("Phase {n} of a programme run by {org}; {sector} in {area}.",
     "المرحلة {n} من برنامج تنفّذه {org} في {area} ضمن قطاع {sector}."),
]
MEMBER_EMAIL = "bench.member@bench.example"  # the benchmark's logged-in member (bench DB only)
MEMBER_PASSWORD = "bench member password 2026"
STATES = [("approved", 90), ("submitted", 4), ("draft", 3), ("changes_requested", 2), ("rejected", 1)]


def _choices(rng, weighted):
    values, weights = zip(*weighted)
    return rng.choices(values, weights=weights)[0]


def _reference():
    orgs = db.session.execute(db.select(Organisation.id, Organisation.name_ar, Organisation.name_en)
                              .order_by(Organisation.is_demo.desc(), Organisation.id).limit(23)).all()
    if not orgs:
        raise SystemExit("no organisation: run `flask seed --demo` first")
    sectors = db.session.execute(db.select(Sector.id, Sector.name_ar, Sector.name_en)).all()
    areas = db.session.execute(db.select(Area.id, Area.name_ar, Area.name_en, Area.kind)).all()
    govs = [a for a in areas if a.kind == "governorate"]
    countries = [a for a in areas if a.kind == "country"]
    # Districts and sub-districts when a gazetteer is loaded: places are then given at any level.
    govs += [a for a in areas if a.kind in ("district", "subdistrict")]
    return orgs, sectors, govs, countries


def _activity(rng, new_id, orgs, sectors, govs, countries, now, today, shape=None):
    org = rng.choice(orgs)
    if shape:  # exactly this many sectors and places (the 4W matrix's heavy case)
        places = rng.sample(govs + countries, shape[1])
    elif rng.random() > 0.05:
        places = rng.sample(govs, rng.choice((1, 1, 1, 2, 2, 3)))
    else:
        places = [rng.choice(countries)]
    primary = rng.choice(sectors)
    if shape:
        further = rng.sample([s for s in sectors if s.id != primary.id], shape[0] - 1)
    else:
        further = [s for s in rng.sample(sectors, rng.choice((0, 0, 1, 2))) if s.id != primary.id]
    title_en, title_ar = rng.choice(TITLES)
    desc_en, desc_ar = rng.choice(DESCRIPTIONS)
    start = date(2019, 1, 1) + timedelta(days=rng.randrange(9 * 365))
    end = start + timedelta(days=rng.randrange(30, 730)) if rng.random() < 0.7 else None
    status = "planned" if start > today else ("completed" if end and end < today else "ongoing")
    state = _choices(rng, STATES)
    targeted = rng.randrange(50, 20000)
    reached = None if status == "planned" else rng.randrange(0, targeted)
    place_en, place_ar = places[0].name_en, places[0].name_ar
    phase = rng.randrange(1, 5)
    row = dict(
        id=new_id, org_id=org.id, created_at=now, updated_at=now,
        title_ar=title_ar.format(area=place_ar), title_en=title_en.format(area=place_en),
        description_ar=desc_ar.format(org=org.name_ar, area=place_ar, sector=primary.name_ar, n=phase),
        description_en=desc_en.format(org=org.name_en, area=place_en, sector=primary.name_en, n=phase),
        primary_sector_id=primary.id, start_date=start, end_date=end, status=status,
        visibility="public" if rng.random() < 0.8 else "members",
        targeted_total=targeted, targeted_women=None, targeted_men=None, targeted_girls=None,
        targeted_boys=None, reached_total=reached, reached_women=None, reached_men=None,
        reached_girls=None, reached_boys=None,
        review_state=state, is_published=state == "approved", proposal=None, review_note="",
        submitted_at=now if state != "draft" else None, decided_at=now if state == "approved" else None,
        lock_version=1, submitted_by_id=None, decided_by_id=None, created_by_id=None,
    )
    return row, [primary.id] + [s.id for s in further], [p.id for p in places]


def generate(count, batch=5000, seed=2026, log=print, shape=None):
    """Add activities until there are ``count``; returns how many were added."""
    existing = db.session.scalar(db.select(func.count(Activity.id))) or 0
    missing = max(0, count - existing)
    if not missing:
        return 0
    rng = random.Random(seed + existing)
    orgs, sectors, govs, countries = _reference()
    next_id = (db.session.scalar(db.select(func.max(Activity.id))) or 0) + 1
    now, today = datetime.now(timezone.utc), date.today()
    started = time.monotonic()
    for first in range(0, missing, batch):
        acts, sector_rows, area_rows, terms = [], [], [], []
        for _ in range(min(batch, missing - first)):
            row, sector_ids, area_ids = _activity(rng, next_id, orgs, sectors, govs, countries, now,
                                                  today, shape)
            acts.append(row)
            sector_rows += [{"activity_id": next_id, "sector_id": s} for s in sector_ids]
            area_rows += [{"activity_id": next_id, "area_id": a} for a in area_ids]
            text = " ".join((row["title_ar"], row["title_en"], row["description_ar"], row["description_en"]))
            terms += [{"kind": "activity", "object_id": next_id, "term": t} for t in words(text)]
            next_id += 1
        db.session.execute(insert(Activity), acts)
        db.session.execute(insert(activity_sector), sector_rows)
        db.session.execute(insert(activity_area), area_rows)
        db.session.execute(insert(SearchTerm), terms)
        db.session.commit()
        log(f"  {first + len(acts):>7} / {missing} activities ({time.monotonic() - started:.0f} s)")
    if db.engine.dialect.name == "postgresql":
        db.session.execute(db.text("SELECT setval(pg_get_serial_sequence('activity', 'id'), "
                                   "(SELECT max(id) FROM activity))"))
        db.session.commit()
    analyze()
    return missing


def ensure_member():
    """A staff member of the first demo organisation, to measure pages as members see them."""
    if db.session.scalar(db.select(User.id).where(User.email == MEMBER_EMAIL)) is None:
        org_id = _reference()[0][0].id
        db.session.add(User(email=MEMBER_EMAIL, name="Bench member", org_id=org_id, role="member",
                            locale="ar", password_hash=hash_password(MEMBER_PASSWORD)))
        db.session.commit()


def analyze():
    """Fresh planner statistics (PostgreSQL's autovacuum would do it soon; SQLite never does)."""
    with db.engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        conn.execute(db.text("ANALYZE"))


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--shape", default="", help="SECTORSxAREAS for every activity, e.g. 3x3")
    args = parser.parse_args()
    shape = tuple(int(n) for n in args.shape.split("x")) if args.shape else None
    app = create_app()
    with app.app_context():
        started = time.monotonic()
        ensure_member()
        added = generate(args.count, args.batch, shape=shape)
        print(f"{added} activities added in {time.monotonic() - started:.0f} s "
              f"({db.session.scalar(db.select(func.count(Activity.id)))} in all)")


if __name__ == "__main__":
    main()
