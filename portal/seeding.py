"""Reference data, default pages and demo data. Every function here is idempotent."""
import csv
import os
import secrets

from . import audit
from .data.demo import DEMO_ORGS, DEMO_STAFF_NAMES
from flask import current_app

from .data.pages import DEFAULT_PAGES
from .data.privacy import privacy_notice
from .extensions import db
from .models import Area, Organisation, Page, PageRevision, Sector, User
from .security import hash_password

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def _rows(name):
    with open(os.path.join(DATA, name), encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def seed_reference():
    """Sectors, governorates (P-codes) and neighbouring countries (ISO codes); adds what is missing."""
    added = 0
    known = set(db.session.scalars(db.select(Sector.code)))
    for pos, row in enumerate(_rows("sectors.csv")):
        if row["code"] not in known:
            db.session.add(Sector(code=row["code"], name_ar=row["name_ar"], name_en=row["name_en"], position=pos))
            added += 1
    known = set(db.session.scalars(db.select(Area.code)))
    areas = [(r["pcode"], "governorate", r) for r in _rows("governorates.csv")]
    areas += [(r["code"], "country", r) for r in _rows("countries.csv")]
    for pos, (code, kind, row) in enumerate(areas):
        if code not in known:
            db.session.add(Area(code=code, kind=kind, name_ar=row["name_ar"], name_en=row["name_en"], position=pos))
            added += 1
    db.session.commit()
    return added


def default_pages():
    """The default text of every public page; the privacy notice states the configured periods."""
    return dict(DEFAULT_PAGES, privacy=privacy_notice(current_app.config))


def seed_pages():
    """The default public pages; an existing page (perhaps edited) is left as it is."""
    added = 0
    existing = set(db.session.scalars(db.select(Page.slug)))
    for slug, text in default_pages().items():
        if slug in existing:
            continue
        page = Page(slug=slug, **text)
        db.session.add(page)
        db.session.flush()
        db.session.add(PageRevision(page_id=page.id, **text))
        added += 1
    db.session.commit()
    return added


def _password():
    return secrets.token_urlsafe(12)


def seed_demo():
    """23 fictional organisations with staff, and a secretariat account.

    Returns the logins created as (email, password, what) triples; empty when the demo exists.
    """
    if db.session.scalar(db.select(Organisation.id).where(Organisation.is_demo.is_(True)).limit(1)):
        return []
    sectors = {s.code: s for s in db.session.scalars(db.select(Sector))}
    areas = {a.code: a for a in db.session.scalars(db.select(Area))}
    logins = []
    secretariat_pw = _password()
    db.session.add(User(email="secretariat@demo.example", name="أمانة التحالف (تجريبي)",
                        role="secretariat", locale="ar", password_hash=hash_password(secretariat_pw)))
    logins.append(("secretariat@demo.example", secretariat_pw, "secretariat"))
    member_pw = _password()  # one password for all demo staff, to keep the demo easy to try
    member_hash = hash_password(member_pw)
    for i, (slug, name_ar, name_en, acronym, sector_codes, area_codes) in enumerate(DEMO_ORGS):
        org = Organisation(
            slug=slug, name_ar=name_ar, name_en=name_en, acronym=acronym, is_demo=True,
            website=f"https://{slug}.demo.example",
            description_ar="منظمة تجريبية متخيّلة لعرض البوابة، وليست منظمة حقيقية.",
            description_en="A fictional organisation to show the portal; not a real NGO.",
            sectors=[sectors[c] for c in sector_codes if c in sectors],
            areas=[areas[c] for c in area_codes if c in areas],
        )
        db.session.add(org)
        for j, role in enumerate(("focal", "staff")):
            first_ar, first_en = DEMO_STAFF_NAMES[(i * 2 + j) % len(DEMO_STAFF_NAMES)]
            email = f"{role}@{slug}.demo.example"
            db.session.add(User(email=email, name=f"{first_ar} ({acronym})", org=org, role="member",
                                is_org_admin=(role == "focal"), locale="ar", password_hash=member_hash))
    logins.append(("focal@demo-olive-branch.demo.example", member_pw, "focal point (every demo organisation)"))
    logins.append(("staff@demo-olive-branch.demo.example", member_pw, "staff (every demo organisation)"))
    audit.record("demo.seeded", actor_label="cli", kind="demo")
    db.session.commit()
    return logins


def seed_demo_features():
    """Demo content of each feature (activities, meetings...), each idempotent on its own."""
    from .activities.demo import seed_demo_activities
    from .meetings.demo import seed_demo_meetings

    return {"activities": seed_demo_activities(), "meetings": seed_demo_meetings()}
