"""Measure pages against a bare Flask "hello", both under gunicorn (2 sync workers), with wrk.

    python bench/run.py [--seconds 10] [--database-url URL] [--pages /,/charter]

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
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_PAGES = ["/", "/charter", "/members"]


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


def wrk(url, seconds):
    out = subprocess.run(["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", url],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def pct(p):
        m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, pct(50), pct(99), int(errors.group(1)) if errors else 0


def count_queries(env, pages):
    code = (
        "import sys\n"
        "from sqlalchemy import event\n"
        "from portal import create_app\n"
        "from portal.extensions import db\n"
        "app = create_app()\n"
        "with app.app_context():\n"
        "    n = [0]\n"
        "    event.listen(db.engine, 'before_cursor_execute', lambda *a: n.__setitem__(0, n[0] + 1))\n"
        "    c = app.test_client()\n"
        "    for p in sys.argv[1:]:\n"
        "        n[0] = 0; c.get(p); print(p, n[0])\n"
    )
    out = subprocess.run([sys.executable, "-c", code, *pages], env=env, capture_output=True,
                         text=True, cwd=ROOT).stdout
    return dict(line.rsplit(" ", 1) for line in out.strip().splitlines() if line)


def prepare_database(env):
    subprocess.run([sys.executable, "-m", "flask", "--app", "portal", "db", "upgrade"], env=env,
                   cwd=ROOT, check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "flask", "--app", "portal", "seed", "--demo"], env=env,
                   cwd=ROOT, check=True, capture_output=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--pages", default=",".join(DEFAULT_PAGES))
    parser.add_argument("--rounds", type=int, default=1, help="hello/page pairs per page")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    pages = [p for p in args.pages.split(",") if p]
    tmp = tempfile.mkdtemp(prefix="portal-bench-")
    env = dict(os.environ, SECRET_KEY="bench-" + "x" * 40, PORTAL_ENV="development",
               DATABASE_URL=args.database_url or f"sqlite:///{tmp}/bench.db", MAIL_SERVER="")
    prepare_database(env)
    queries = count_queries(env, pages)
    hello, hello_port = start_gunicorn("hello:app", env, os.path.join(ROOT, "bench"))
    portal, portal_port = start_gunicorn("wsgi:app", env, ROOT)
    try:
        print(f"database: {env['DATABASE_URL'].split('@')[-1]}; wrk -t2 -c16 -d{args.seconds}s; gunicorn -w 2 (sync)")
        print(f"{'page':<28}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'ratio':>8}{'queries':>9}{'errors':>8}")
        for page in pages:
            for _ in range(args.rounds):
                h_rps, h50, h99, _ = wrk(f"http://127.0.0.1:{hello_port}/", args.seconds)
                rps, p50, p99, errors = wrk(f"http://127.0.0.1:{portal_port}{page}", args.seconds)
                print(f"{'hello':<28}{h_rps:>9.0f}{h50:>9.2f}{h99:>9.2f}{1:>8.2f}{'-':>9}{'-':>8}")
                print(f"{page:<28}{rps:>9.0f}{p50:>9.2f}{p99:>9.2f}{rps / h_rps:>8.2f}"
                      f"{queries.get(page, '?'):>9}{errors:>8}")
    finally:
        for proc in (hello, portal):
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
