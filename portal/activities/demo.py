"""Demo activities for ``seed --demo``: a few hundred, across the demo organisations, their
sectors and governorates, in Arabic and English, so that the list and the matrix look alive.

Deterministic (a fixed random seed) apart from the status, which follows today's date. Written
with bulk inserts: a few hundred activities take well under a second.
"""
from datetime import date, timedelta
import random

from .. import audit
from ..extensions import db
from ..models import (Activity, Area, Organisation, SearchTerm, Sector, User, activity_area,
                      activity_sector, utcnow)
from ..models.moderation import APPROVED, CHANGES_REQUESTED, DRAFT, SUBMITTED
from ..text import words
from .demo_text import COMMENTS, DESCRIPTIONS, TITLES

COUNT = 320
FIRST_DAY = date(2025, 1, 1)
LAST_START = date(2027, 6, 30)
LAST_DAY = date(2027, 12, 31)


def seed_demo_activities():
    """Add demo activities once; returns how many were added (0 when they exist already or
    there are no demo organisations)."""
    orgs = db.session.scalars(db.select(Organisation).where(Organisation.is_demo.is_(True))
                              .order_by(Organisation.id)).all()
    if not orgs or db.session.scalar(
            db.select(Activity.id).where(Activity.org_id.in_([o.id for o in orgs])).limit(1)):
        return 0
    sectors = {s.code: s for s in db.session.scalars(db.select(Sector))}
    areas = db.session.scalars(db.select(Area).order_by(Area.position)).all()
    governorates = [a for a in areas if a.kind == "governorate"]
    authors = {u.org_id: u.id for u in db.session.scalars(
        db.select(User).where(User.org_id.in_([o.id for o in orgs])).order_by(User.id.desc()))}
    secretariat = db.session.scalar(db.select(User.id).where(User.role == "secretariat").limit(1))
    rng = random.Random(2025)
    plans = [_plan(rng, orgs[i % len(orgs)], sectors, governorates) for i in range(COUNT)]
    rows = [_row(rng, plan, authors, secretariat) for plan in plans]
    ids = db.session.scalars(
        db.insert(Activity).returning(Activity.id, sort_by_parameter_order=True), rows).all()
    links_s, links_a, terms = [], [], []
    for activity_id, plan, row in zip(ids, plans, rows):
        links_s += [{"activity_id": activity_id, "sector_id": s.id} for s in plan["sectors"]]
        links_a += [{"activity_id": activity_id, "area_id": a.id} for a in plan["areas"]]
        text = " ".join(row[k] for k in ("title_ar", "title_en", "description_ar", "description_en"))
        terms += [{"kind": "activity", "object_id": activity_id, "term": t} for t in words(text)]
    db.session.execute(activity_sector.insert(), links_s)
    db.session.execute(activity_area.insert(), links_a)
    db.session.execute(db.insert(SearchTerm), terms)
    audit.record("demo.activities_seeded", actor_label="cli", kind="activity",
                 after={"added": len(ids)})
    db.session.commit()
    return len(ids)


def _plan(rng, org, sectors, governorates):
    """Who, what and where: a sector of the organisation, one to three of its areas."""
    own = [s for s in org.sectors if s.code in TITLES] or [sectors["RELIEF"]]
    primary = rng.choice(own)
    further = [s for s in own if s is not primary and rng.random() < 0.3]
    places = list(org.areas) or governorates[:1]
    chosen = rng.sample(places, k=min(len(places), rng.choice((1, 1, 1, 2))))
    if rng.random() < 0.3:
        extra = rng.choice(governorates)
        if extra not in chosen:
            chosen.append(extra)
    return {"org": org, "primary": primary, "sectors": [primary] + further,
            "areas": sorted(chosen, key=lambda a: a.position)}


def _people(rng, total):
    """A total and a breakdown that adds up to it exactly."""
    women = round(total * rng.uniform(0.25, 0.35))
    men = round(total * rng.uniform(0.15, 0.3))
    girls = round(total * rng.uniform(0.1, 0.2))
    boys = max(0, total - women - men - girls)
    return total, women, men, girls, boys


def _row(rng, plan, authors, secretariat):
    org, primary, place = plan["org"], plan["primary"], plan["areas"][0]
    start = FIRST_DAY + timedelta(days=rng.randrange((LAST_START - FIRST_DAY).days))
    start = start.replace(day=1) if rng.random() < 0.6 else start
    end = None if rng.random() < 0.15 else min(
        LAST_DAY, start + timedelta(days=rng.choice((90, 120, 180, 270, 365, 540))))
    today = date.today()
    status = ("completed" if end and end < today else "ongoing" if start <= today else "planned")
    title_en, title_ar = rng.choice(TITLES[primary.code])
    description_en, description_ar = rng.choice(DESCRIPTIONS)
    targeted = _people(rng, rng.choice((150, 300, 500, 800, 1200, 2000, 3500, 6000, 12000)))
    progress = rng.random()  # drawn whatever the status, so the demo does not depend on today
    share = 0.85 + 0.15 * progress if status == "completed" else 0.2 + 0.5 * progress
    reached = _people(rng, int(targeted[0] * share))
    if status == "planned":
        reached = (None,) * 5
    if rng.random() < 0.2:  # some report only totals
        targeted = targeted[:1] + (None,) * 4
        reached = reached[:1] + (None,) * 4
    state = rng.choices((APPROVED, SUBMITTED, DRAFT, CHANGES_REQUESTED), weights=(82, 8, 6, 4))[0]
    published = state == APPROVED
    now = utcnow()
    row = {
        "org_id": org.id, "created_by_id": authors.get(org.id),
        "created_at": now, "updated_at": now,
        "title_en": title_en.format(area=place.name_en),
        "title_ar": title_ar.format(area=place.name_ar),
        "description_en": description_en.format(org=org.name_en, sector=primary.name_en),
        "description_ar": description_ar.format(org=org.name_ar, sector=primary.name_ar),
        "primary_sector_id": primary.id, "start_date": start, "end_date": end, "status": status,
        "visibility": "members" if rng.random() < 0.15 else "public",
        "review_state": state, "is_published": published, "lock_version": 1,
        "review_note": rng.choice(COMMENTS) if state == CHANGES_REQUESTED else "",
        "submitted_at": now if state != DRAFT else None,
        "submitted_by_id": authors.get(org.id) if state != DRAFT else None,
        "decided_at": now if state in (APPROVED, CHANGES_REQUESTED) else None,
        "decided_by_id": secretariat if state in (APPROVED, CHANGES_REQUESTED) else None,
    }
    for group, figures in (("targeted", targeted), ("reached", reached)):
        for part, value in zip(("total", "women", "men", "girls", "boys"), figures):
            row[f"{group}_{part}"] = value
    return row
