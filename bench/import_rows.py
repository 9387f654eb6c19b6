"""Import 5,000 activities from an XLSX through the real pages: upload (read, check, keep the
preview), show the preview, confirm (write, index, audit); then the same file again (every row
"unchanged"). Reports each step's time and the process's peak memory (RSS).

    python bench/import_rows.py [--rows 5000] [--database-url URL]

The database (a temporary SQLite file unless --database-url is given) is emptied and built
with the migrations: give it a database of its own. Target: upload + preview + confirm under
20 s on the 2-core machine, on SQLite and on PostgreSQL, with memory bounded.
"""
import argparse
import io
import os
import random
import re
import resource
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from openpyxl import Workbook  # noqa: E402

from portal import create_app  # noqa: E402
from portal.activities.imports.columns import TEMPLATE  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.models import Activity, Organisation, User  # noqa: E402
from portal.security import hash_password  # noqa: E402
from portal.seeding import seed_reference  # noqa: E402

EMAIL, PASSWORD = "bench.import@bench.example", "bench import password 2026"
TITLES = [("Mobile health clinic", "عيادة صحية متنقلة"), ("Winter kits", "مستلزمات الشتاء"),
          ("Water trucking to camps", "نقل المياه إلى المخيمات"), ("School repairs", "ترميم مدرسة")]
SECTORS = ["HEALTH", "EDUCATION", "WASH", "FSL", "SHELTER", "PROTECTION"]
AREAS = [f"SY{n:02d}" for n in range(1, 15)]


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_file(rows, seed=2026):
    """A filled-in template of ``rows`` activities (write-only openpyxl, as Excel would save)."""
    rng = random.Random(seed)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Activities")
    sheet.append([str(c.label) for c in TEMPLATE])
    sheet.append([c.tag for c in TEMPLATE])
    for i in range(rows):
        title_en, title_ar = rng.choice(TITLES)
        start = date(2025, 1, 1) + timedelta(days=rng.randrange(700))
        values = {
            "ref": f"B-{i:05d}", "title_ar": f"{title_ar} {i}", "title_en": f"{title_en} {i}",
            "description_en": "Generated for the import benchmark.",
            "primary_sector": rng.choice(SECTORS), "sectors": rng.choice(["", "PROTECTION"]),
            "areas": ", ".join(rng.sample(AREAS, rng.choice((1, 2, 3)))),
            "start_date": start if i % 2 else start.strftime("%d/%m/%Y"),
            "end_date": start + timedelta(days=rng.randrange(30, 400)),
            "status": rng.choice(["planned", "ongoing", "completed"]), "visibility": "public",
            "targeted_total": rng.randrange(100, 20000), "reached_total": rng.randrange(0, 100),
        }
        sheet.append([values.get(c.key) for c in TEMPLATE])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def prepare(app):
    """An empty database built by the migrations, the reference data, one organisation and
    one of its members."""
    from flask_migrate import upgrade

    with app.app_context():
        db.drop_all()
        db.session.execute(db.text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()
        upgrade(directory=os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                       "migrations"))
        seed_reference()
        org = Organisation(slug="bench-import", name_ar="منظمة القياس", name_en="Bench org")
        db.session.add(org)
        db.session.flush()
        db.session.add(User(email=EMAIL, name="Bench importer", org_id=org.id, role="member",
                            locale="en", password_hash=hash_password(PASSWORD)))
        db.session.commit()


def login(client):
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)', client.get("/login").text).group(1)
    response = client.post("/login", data={"email": EMAIL, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302, "the bench member could not log in"


def timed(label, step, results):
    started = time.perf_counter()
    value = step()
    results.append((label, time.perf_counter() - started))
    print(f"  {label:<34}{results[-1][1]:>8.2f} s   peak RSS {peak_rss_mb():>6.0f} MB", flush=True)
    return value


def run_import(client, data, results, label):
    page = client.get("/activities/import").text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)', page).group(1)
    response = timed(f"{label}: upload, read, check", lambda: client.post(
        "/activities/import", data={"csrf_token": token, "file": (io.BytesIO(data), "bench.xlsx")},
        content_type="multipart/form-data"), results)
    assert response.status_code == 302, response.text[-2000:]
    preview_url = response.location
    html = timed(f"{label}: preview page", lambda: client.get(preview_url).text, results)
    summary = re.findall(r"<li>([^<]+)</li>", html)[:4]
    match = re.search(r'action="([^"]+/confirm)"[^>]*>\s*<input[^>]*value="([^"]+)', html)
    if match is None:
        print(f"  {label}: {'; '.join(s.strip() for s in summary)} (nothing to confirm)")
        return
    response = timed(f"{label}: confirm (write)", lambda: client.post(
        match.group(1), data={"csrf_token": match.group(2)}), results)
    assert response.status_code == 302
    print(f"  {label}: {'; '.join(s.strip() for s in summary)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="portal-bench-import-")
    os.environ.update(SECRET_KEY="bench-" + "x" * 40, PORTAL_ENV="development", MAIL_SERVER="",
                      DATABASE_URL=args.database_url or f"sqlite:///{tmp}/bench.db")
    try:
        started = time.perf_counter()
        data = make_file(args.rows)
        print(f"file: {args.rows} rows, {len(data) / 1024:.0f} KB "
              f"(made in {time.perf_counter() - started:.1f} s)")
        app = create_app({"RATELIMIT_ENABLED": False})
        prepare(app)
        print(f"database: {os.environ['DATABASE_URL'].split('@')[-1]}; "
              f"peak RSS before importing {peak_rss_mb():.0f} MB")
        client = app.test_client()
        with app.app_context():
            login(client)
        results = []
        run_import(client, data, results, "first import")
        first = sum(seconds for label, seconds in results)
        run_import(client, data, results, "same file again")
        with app.app_context():
            count = db.session.scalar(db.select(db.func.count(Activity.id)))
        print(f"first import, upload + preview + confirm: {first:.2f} s (target < 20 s); "
              f"{count} activities in the database; peak RSS {peak_rss_mb():.0f} MB")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
