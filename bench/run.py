"""Measure pages against a bare Flask "hello", both under gunicorn (2 sync workers), with wrk.

    python bench/run.py [--seconds 10] [--database-url URL] [--activities 100000] [--pages /,/charter]
                       [--shape 3x3 --gazetteer portal/data/gazetteer-sample.csv]

The database (a temporary SQLite file unless --database-url is given) is upgraded, seeded with
the demo organisations, and filled with --activities generated activities (bench/activities.py;
only what is missing is added, so a second run on the same PostgreSQL database is quick).

A page written with a leading "@" (``@/coordination``) is measured as a logged-in member sees it
(a demo organisation's staff member, bench/activities.py): never from the visitors' page cache.

Each page's requests per second is divided by hello's, measured in the same run, interleaved
(hello, page, hello, page...), so the ratio holds on a shared, noisy machine. It also counts
the SQL queries one request of each page makes. Needs `wrk` (Debian package) and gunicorn.
"""
import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_PAGES = ["/", "/charter", "/members", "/activities", "/activities?sector=HEALTH",
                 "/activities?q=مدرسة", "/coordination", "@/coordination", "@/activities"]


def quoted(page):
    """The page's address as sent on the wire (Arabic percent-encoded)."""
    return urllib.parse.quote(page, safe="/?=&%")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(target, env, chdir):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "2", "-k", "sync", "-b", f"127.0.0.1:{port}",
         "--log-level", "warning", target],
        cwd=chdir, env=env, start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            return proc, port
        except Exception:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit(f"{target} did not start")


def warm_up(url, cookie=""):
    """A few seconds of requests first, so that each worker has built what it keeps (the
    matrix takes seconds to count at 100,000 activities and is then kept): the measure is of
    the page as people get it, not of the first request after a restart."""
    headers = ["-H", f"Cookie: {cookie}"] if cookie else []
    subprocess.run(["wrk", "-t2", "-c4", "-d5s", "--timeout", "60s", *headers, url],
                   capture_output=True, text=True, check=True)


def wrk(url, seconds, cookie=""):
    headers = ["-H", f"Cookie: {cookie}"] if cookie else []
    out = subprocess.run(["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", *headers, url],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def pct(p):
        m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, pct(50), pct(99), int(errors.group(1)) if errors else 0


def count_queries(env, pages):
    """For each page: SQL queries of one request (anonymous, or "@": as the bench member), its
    status and its gzip size (KB) with the stylesheet's; and the member's session cookie."""
    code = (
        "import gzip, re, sys\n"
        "from sqlalchemy import event\n"
        "from portal import create_app\n"
        "from portal.extensions import db\n"
        "sys.path.insert(0, 'bench')\n"
        "from activities import MEMBER_EMAIL, MEMBER_PASSWORD\n"
        "app = create_app()\n"
        "with app.app_context():\n"
        "    n = [0]\n"
        "    event.listen(db.engine, 'before_cursor_execute', lambda *a: n.__setitem__(0, n[0] + 1))\n"
        "    c, m = app.test_client(), app.test_client()\n"
        "    token = re.search(r'name=\"csrf_token\"[^>]*value=\"([^\"]+)', m.get('/login').text).group(1)\n"
        "    form = {'email': MEMBER_EMAIL, 'password': MEMBER_PASSWORD, 'csrf_token': token}\n"
        "    r = m.post('/login', data=form)\n"
        "    cookie = m.get_cookie(app.config['SESSION_COOKIE_NAME']) if r.status_code == 302 else None\n"
        "    print('COOKIE', f'{cookie.key}={cookie.value}' if cookie else '')\n"
        "    css = len(gzip.compress(c.get('/static/style.css').data))\n"
        "    for p in sys.argv[1:]:\n"
        "        n[0] = 0; r = (m if p.startswith('@') else c).get(p.lstrip('@'))\n"
        "        print(p, n[0], r.status_code, round((len(gzip.compress(r.data)) + css) / 1024, 1))\n"
    )
    args = [("@" if p.startswith("@") else "") + quoted(p.lstrip("@")) for p in pages]
    out = subprocess.run([sys.executable, "-c", code, *args], env=env,
                         capture_output=True, text=True, cwd=ROOT).stdout
    lines = [line for line in out.strip().splitlines() if line]
    cookie = next((line.split(" ", 1)[1] for line in lines if line.startswith("COOKIE ")), "")
    rows = (line.rsplit(" ", 3) for line in lines if not line.startswith("COOKIE"))
    counts = Counts((urllib.parse.unquote(p), (q, status, kb)) for p, q, status, kb in rows)
    counts.cookie = cookie.strip()
    return counts


class Counts(dict):
    """page → (queries, status, KB gz); ``.cookie``: the bench member's session cookie."""

    cookie = ""


def prepare_database(env, activities=100_000, shape="", gazetteer=""):
    flask = [sys.executable, "-m", "flask", "--app", "portal"]
    subprocess.run(flask + ["db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True)
    subprocess.run(flask + ["seed", "--demo"], env=env, cwd=ROOT, check=True, capture_output=True)
    if gazetteer:  # districts and sub-districts, so that activities name places at every level
        subprocess.run(flask + ["areas", "import", gazetteer], env=env, cwd=ROOT, check=True,
                       capture_output=True)
    # The bench member, and the generated activities (none when ``activities`` is 0).
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "activities.py"),
                    "--count", str(activities)] + (["--shape", shape] if shape else []),
                   env=env, cwd=ROOT, check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--pages", default=",".join(DEFAULT_PAGES))
    parser.add_argument("--rounds", type=int, default=1, help="hello/page pairs per page")
    parser.add_argument("--activities", type=int, default=100_000,
                        help="activities in the database (generated; 0: none)")
    parser.add_argument("--shape", default="",
                        help="SECTORSxAREAS for every generated activity, e.g. 3x3")
    parser.add_argument("--gazetteer", default="",
                        help="a gazetteer to load first (e.g. portal/data/gazetteer-sample.csv)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    pages = [p for p in args.pages.split(",") if p]
    tmp = tempfile.mkdtemp(prefix="portal-bench-")
    env = dict(os.environ, SECRET_KEY="bench-" + "x" * 40, PORTAL_ENV="development",
               DATABASE_URL=args.database_url or f"sqlite:///{tmp}/bench.db", MAIL_SERVER="")
    prepare_database(env, args.activities, args.shape, args.gazetteer)
    queries = count_queries(env, pages)
    cookie = queries.cookie
    if any(p.startswith("@") for p in pages) and not cookie:
        raise SystemExit("the bench member could not log in")
    hello, hello_port = start_gunicorn("hello:app", env, os.path.join(ROOT, "bench"))
    portal, portal_port = start_gunicorn("wsgi:app", env, ROOT)
    try:
        print(f"database: {env['DATABASE_URL'].split('@')[-1]}; {args.activities} activities; "
              f"wrk -t2 -c16 -d{args.seconds}s; gunicorn -w 2 (sync)")
        print(f"{'page':<28}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'ratio':>8}{'queries':>9}"
              f"{'status':>8}{'KB gz':>7}{'errors':>8}")
        for page in pages:
            for _ in range(args.rounds):
                h_rps, h50, h99, _ = wrk(f"http://127.0.0.1:{hello_port}/", args.seconds)
                member = page.startswith("@")
                url = f"http://127.0.0.1:{portal_port}{quoted(page.lstrip('@'))}"
                warm_up(url, cookie if member else "")
                rps, p50, p99, errors = wrk(url, args.seconds, cookie if member else "")
                count, status, kb = queries.get(page, ("?", "?", "?"))
                print(f"{'hello':<28}{h_rps:>9.0f}{h50:>9.2f}{h99:>9.2f}{1:>8.2f}"
                      f"{'-':>9}{'-':>8}{'-':>7}{'-':>8}")
                print(f"{page:<28}{rps:>9.0f}{p50:>9.2f}{p99:>9.2f}{rps / h_rps:>8.2f}"
                      f"{count:>9}{status:>8}{kb:>7}{errors:>8}", flush=True)
    finally:
        for proc in (hello, portal):
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
