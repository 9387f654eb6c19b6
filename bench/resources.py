"""The resource library under load: generate resources fast, then measure the list, its filters,
the Arabic search and a resource page against a bare Flask "hello" (the method of bench/run.py).

    python bench/resources.py [--count 10000] [--seconds 10] [--database-url URL] [--generate-only]

Without --database-url a temporary SQLite file is upgraded, seeded with the demo organisations
(and their demo activities, for "related activities"), and filled with --count resources: bulk
Core inserts of resource, resource_version, resource_sector, resource_area and search_term rows
(words from :func:`portal.text.words`, as the portal indexes them), then ANALYZE. Only what is
missing up to --count is added. Files are not written: downloads are not measured here.
"""
import argparse
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path[:0] = [ROOT, HERE]

from sqlalchemy import func, insert  # noqa: E402

import run as bench_run  # noqa: E402  (bench/run.py: gunicorn, wrk and query-count helpers)

PAGES = ["/resources", "/resources?category=report", "/resources?sector=HEALTH&year=2025",
         "/resources?q=تقرير", "/resources?q=الحمايه ادلب", "/resources/{detail}"]

# (English, Arabic) titles; {area} is the place.
TITLES = [
    ("Protection monitoring report, {area}", "تقرير رصد الحماية في {area}"),
    ("Needs assessment of displaced families in {area}", "تقييم احتياجات الأسر النازحة في {area}"),
    ("Policy brief: access to education in {area}", "ورقة سياسات: الوصول إلى التعليم في {area}"),
    ("Guideline for safe distributions in {area}", "دليل التوزيع الآمن في {area}"),
    ("Beneficiary registration template", "نموذج تسجيل المستفيدين"),
    ("Training on psychological first aid", "تدريب على الإسعافات النفسية الأولية"),
    ("Statement on the winter response in {area}", "بيان حول الاستجابة الشتوية في {area}"),
    ("Minutes of the WASH coordination meeting", "محضر اجتماع تنسيق المياه والإصحاح"),
    ("Water quality survey in {area}", "مسح جودة المياه في {area}"),
    ("School rehabilitation report, {area}", "تقرير تأهيل المدارس في {area}"),
]
DESCRIPTIONS = [
    ("Prepared by {org} with local councils; data collected in {area}.",
     "أعدّته {org} بالتعاون مع المجالس المحلية؛ جُمعت البيانات في {area}."),
    ("Shared by {org} for the alliance's members. Quarter {n}.",
     "شاركته {org} مع أعضاء التحالف. الربع {n}."),
]
CATEGORIES = ["report", "report", "policy_brief", "guideline", "template", "training", "statement",
              "minutes", "other"]
FILES = [("pdf", "application/pdf", ".pdf")] * 6 + [
    ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
    ("csv", "text/csv; charset=utf-8", ".csv")]
STATES = [("approved", 90), ("submitted", 4), ("draft", 4), ("changes_requested", 1), ("rejected", 1)]


def _weighted(rng, pairs):
    values, weights = zip(*pairs)
    return rng.choices(values, weights=weights)[0]


def _resource(rng, new_id, orgs, sectors, govs, now):
    org = rng.choice(orgs)
    place = rng.choice(govs)
    title_en, title_ar = rng.choice(TITLES)
    desc_en, desc_ar = rng.choice(DESCRIPTIONS)
    state = _weighted(rng, STATES)
    link = rng.random() < 0.1
    visibility = _weighted(rng, [("public", 75), ("members", 20), ("secretariat", 5)])
    row = dict(
        id=new_id, org_id=org.id, created_by_id=None, created_at=now, updated_at=now,
        title_ar=title_ar.format(area=place.name_ar), title_en=title_en.format(area=place.name_en),
        description_ar=desc_ar.format(org=org.name_ar, area=place.name_ar, n=rng.randrange(1, 5)),
        description_en=desc_en.format(org=org.name_en, area=place.name_en, n=rng.randrange(1, 5)),
        category=rng.choice(CATEGORIES), language=rng.choice(["ar", "ar", "en", "ar_en"]),
        document_date=date(2018, 1, 1) + timedelta(days=rng.randrange(9 * 365)),
        visibility=visibility, no_personal_data=True, link_url=f"https://example.org/r/{new_id}" if link else "",
        file_version=0 if link else 1, downloads=rng.randrange(0, 200),
        review_state=state, is_published=state == "approved", proposal=None, review_note="",
        submitted_at=now if state != "draft" else None, decided_at=now if state == "approved" else None,
        lock_version=1, submitted_by_id=None, decided_by_id=None,
    )
    version = None
    if not link:
        code, mime, ext = rng.choice(FILES)
        version = dict(resource_id=new_id, number=1, storage_key=hashlib.md5(str(new_id).encode()).hexdigest(),
                       original_name=row["title_ar"][:60] + ext, file_type=code, mime_type=mime,
                       size=rng.randrange(20_000, 5_000_000),
                       sha256=hashlib.sha256(f"bench {new_id}".encode()).hexdigest(),
                       released=state == "approved", uploaded_by_id=None, uploaded_at=now)
    chosen_sectors = rng.sample(sectors, rng.choice((0, 1, 1, 2)))
    chosen_areas = [place] if rng.random() < 0.8 else []
    return row, version, [s.id for s in chosen_sectors], [a.id for a in chosen_areas]


def generate(count, batch=5000, seed=2026, log=print):
    """Add resources until there are ``count``; returns how many were added."""
    from portal.extensions import db
    from portal.models import (Area, Organisation, Resource, ResourceVersion, SearchTerm, Sector,
                               resource_area, resource_sector)
    from portal.text import words

    existing = db.session.scalar(db.select(func.count(Resource.id))) or 0
    missing = max(0, count - existing)
    if not missing:
        return 0
    rng = random.Random(seed + existing)
    orgs = db.session.execute(db.select(Organisation.id, Organisation.name_ar, Organisation.name_en)
                              .order_by(Organisation.is_demo.desc(), Organisation.id).limit(23)).all()
    if not orgs:
        raise SystemExit("no organisation: run `flask seed --demo` first")
    sectors = db.session.execute(db.select(Sector.id)).all()
    govs = db.session.execute(db.select(Area.id, Area.name_ar, Area.name_en).where(Area.kind == "governorate")).all()
    next_id = (db.session.scalar(db.select(func.max(Resource.id))) or 0) + 1
    now = datetime.now(timezone.utc)
    started = time.monotonic()
    for first in range(0, missing, batch):
        rows, versions, sector_rows, area_rows, terms = [], [], [], [], []
        for _ in range(min(batch, missing - first)):
            row, version, sector_ids, area_ids = _resource(rng, next_id, orgs, sectors, govs, now)
            rows.append(row)
            if version:
                versions.append(version)
            sector_rows += [{"resource_id": next_id, "sector_id": s} for s in sector_ids]
            area_rows += [{"resource_id": next_id, "area_id": a} for a in area_ids]
            text = " ".join((row["title_ar"], row["title_en"], row["description_ar"], row["description_en"]))
            terms += [{"kind": "resource", "object_id": next_id, "term": t} for t in words(text)]
            next_id += 1
        db.session.execute(insert(Resource), rows)
        db.session.execute(insert(ResourceVersion), versions)
        if sector_rows:
            db.session.execute(insert(resource_sector), sector_rows)
        db.session.execute(insert(resource_area), area_rows)
        db.session.execute(insert(SearchTerm), terms)
        db.session.commit()
        log(f"  {first + len(rows):>7} / {missing} resources ({time.monotonic() - started:.0f} s)")
    if db.engine.dialect.name == "postgresql":
        for table in ("resource", "resource_version"):
            db.session.execute(db.text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                       f"(SELECT max(id) FROM {table}))"))
        db.session.commit()
    with db.engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").execute(db.text("ANALYZE"))
    return missing


def detail_id():
    """A published public resource with a file, a sector and an area (for the page measured)."""
    from portal.extensions import db
    from portal.models import Resource, resource_area, resource_sector

    return db.session.scalar(
        db.select(Resource.id).where(Resource.is_published.is_(True), Resource.visibility == "public",
                                     Resource.review_state == "approved", Resource.file_version == 1,
                                     Resource.id.in_(db.select(resource_sector.c.resource_id)),
                                     Resource.id.in_(db.select(resource_area.c.resource_id)))
        .order_by(Resource.id).limit(1))


def _in_app(env, action):
    """Run ``action()`` inside the portal's app, on the benchmark's database."""
    os.environ.update(env)
    from portal import create_app
    from portal.extensions import db

    app = create_app()
    with app.app_context():
        try:
            return action()
        finally:
            db.session.remove()
            db.engine.dispose()


def __getattr__(name):
    """``resources:uncached`` for gunicorn: the portal without the visitors' page cache, i.e.
    what every page costs a logged-in member (PEP 562 module attribute, built on demand)."""
    if name == "uncached":
        from portal import create_app

        return create_app({"PAGE_CACHE_SECONDS": 0})
    raise AttributeError(name)


def measure(env, count, seconds, mode):
    pages = [p.format(detail=_in_app(env, detail_id)) for p in PAGES]
    queries = bench_run.count_queries(env, pages)
    quoted = getattr(bench_run, "quoted", lambda page: page)
    hello, hello_port = bench_run.start_gunicorn("hello:app", env, HERE)
    if mode == "cached":
        portal, portal_port = bench_run.start_gunicorn("wsgi:app", env, ROOT)
    else:
        portal, portal_port = bench_run.start_gunicorn("resources:uncached", env, HERE)
    try:
        print(f"database: {env['DATABASE_URL'].split('@')[-1]}; {count} resources; "
              f"wrk -t2 -c16 -d{seconds}s; gunicorn -w 2 (sync); visitors' page cache: "
              f"{'on (as deployed)' if mode == 'cached' else 'off (as a logged-in member)'}")
        print(f"{'page':<36}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'ratio':>8}{'queries':>9}{'errors':>8}")
        for page in pages:
            bench_run.wrk(f"http://127.0.0.1:{portal_port}{quoted(page)}", 2)  # warm-up, not counted
            h_rps, h50, h99, _ = bench_run.wrk(f"http://127.0.0.1:{hello_port}/", seconds)
            rps, p50, p99, errors = bench_run.wrk(f"http://127.0.0.1:{portal_port}{quoted(page)}", seconds)
            found = queries.get(page, "?")
            count_q = found[0] if isinstance(found, tuple) else found
            print(f"{'hello':<36}{h_rps:>9.0f}{h50:>9.2f}{h99:>9.2f}{1:>8.2f}{'-':>9}{'-':>8}")
            print(f"{page:<36}{rps:>9.0f}{p50:>9.2f}{p99:>9.2f}{rps / h_rps:>8.2f}{count_q:>9}{errors:>8}",
                  flush=True)
    finally:
        for proc in (hello, portal):
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--modes", default="uncached,cached",
                        help="uncached (every request rendered), cached (the visitors' page cache)")
    parser.add_argument("--generate-only", action="store_true",
                        help="fill the database named by DATABASE_URL and stop")
    args = parser.parse_args()
    if args.generate_only:
        started = time.monotonic()
        added = _in_app({}, lambda: generate(args.count))
        print(f"{added} resources added in {time.monotonic() - started:.0f} s")
        return
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    tmp = tempfile.mkdtemp(prefix="portal-bench-resources-")
    env = dict(os.environ, SECRET_KEY="bench-" + "x" * 40, PORTAL_ENV="development",
               DATABASE_URL=args.database_url or f"sqlite:///{tmp}/bench.db", MAIL_SERVER="",
               UPLOAD_FOLDER=os.path.join(tmp, "uploads"))
    try:
        try:
            bench_run.prepare_database(env, 0)  # no generated activities: only the demo ones
        except TypeError:
            bench_run.prepare_database(env)
        subprocess.run([sys.executable, os.path.abspath(__file__), "--generate-only", "--count",
                        str(args.count)], env=env, cwd=ROOT, check=True)
        for mode in args.modes.split(","):
            measure(env, args.count, args.seconds, mode)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
