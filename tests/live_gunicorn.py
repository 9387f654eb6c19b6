"""The portal under a real gunicorn, for tests that need several worker processes.

    with gunicorn("wsgi:app", env, "-w", "2") as base:   # base = "http://127.0.0.1:PORT"
        ...

Listens on 127.0.0.1 on a free port; waits until ``ready`` answers; stops the server (and kills
it if it does not stop) when the block ends. Its output goes to a file, shown if it fails to start.
"""
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(target, env, *options, ready="/healthz", seconds=30):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as output:
        proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", *options, "--timeout", "60",
             "-b", f"127.0.0.1:{port}", target],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + seconds
            while True:
                try:
                    urllib.request.urlopen(base + ready, timeout=2).read()
                    break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        output.seek(0)
                        pytest.fail("gunicorn did not start:\n" + output.read().decode(errors="replace"))
                    time.sleep(0.1)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
