"""`make loadtest`: the production-like server under 64 concurrent connections, then its figures.

Starts gunicorn as `make serve` does (DEBUG off, collected static files) on a free port of
127.0.0.1, against the database the settings use, drives it with locust in headless mode for
a bounded number of requests, prints requests per second, latency percentiles and errors, and
stops the server. Exits 1 if any request failed.

    USERS=64 REQUESTS=5000 make loadtest
"""

import csv
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

import localdb  # scripts/ is on the path: this file is run as a script

PROJECT_DIR = localdb.PROJECT_DIR
VENV_BIN = Path(sys.executable).parent
USERS = int(os.environ.get("USERS", "64"))
REQUESTS = int(os.environ.get("REQUESTS", "5000"))
WORKERS = os.environ.get("WORKERS", "3")
MAX_SECONDS = 300


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


def paths_to_drive(base):
    """The home page, a filtered list, a project page, a search and a static file, as served."""
    home = fetch(base + "/")
    stylesheet = re.search(r'href="(/static/css/site\.[^"]+\.css)"', home) or re.search(
        r'href="(/static/[^"]+\.css)"', home
    )
    listing = fetch(base + "/projets/?status=active&ordering=-budget")
    project = re.search(r'href="(/projets/(?!export|iati)[^"/?]+/)"', listing) or re.search(
        r'href="(/projets/(?!export|iati)[^"/?]+/)"', fetch(base + "/projets/")
    )
    if not (stylesheet and project):
        sys.exit("loadtest: no project page or style sheet found; load the fixtures first (make fixtures).")
    return [
        "/",
        "/projets/?status=active&ordering=-budget",
        project.group(1),
        "/recherche/?q=migration",
        stylesheet.group(1),
    ]


def report(stats_csv):
    """The whole run in one line; locust prints the table per page above it."""
    with open(stats_csv, newline="") as handle:
        total = list(csv.DictReader(handle))[-1]
    print(
        f"\n{USERS} connections: {total['Request Count']} requests, {float(total['Requests/s']):.0f} req/s, "
        f"latency (ms) p50 {total['50%']}, p95 {total['95%']}, p99 {total['99%']}, max {total['100%']}; "
        f"errors: {total['Failure Count']}"
    )
    return int(total["Failure Count"])


def main():
    env = {
        **os.environ,
        "DEBUG": "0",
        # Plain HTTP on 127.0.0.1, as `make serve`.
        "HTTPS": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
    }
    if not env.get("DATABASE_URL"):
        env["DATABASE_URL"] = localdb.url()
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
        cwd=PROJECT_DIR,
        env=env,
        check=True,
    )
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            VENV_BIN / "gunicorn",
            "oimhaiti.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            WORKERS,
            "--log-level",
            "warning",
        ],
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        if subprocess.run(
            [sys.executable, Path(__file__).parent / "wait_for_server.py", base + "/healthz"]
        ).returncode:
            sys.exit("loadtest: the server did not start.")
        paths = paths_to_drive(base)
        print(f"loadtest: gunicorn ({WORKERS} workers) on {base}, {USERS} connections, {REQUESTS} requests:")
        print("  " + "\n  ".join(paths), flush=True)
        with tempfile.TemporaryDirectory() as folder:
            prefix = Path(folder) / "run"
            subprocess.run(
                [
                    VENV_BIN / "locust",
                    "--locustfile",
                    Path(__file__).parent / "locustfile.py",
                    "--headless",
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                    "--host",
                    base,
                    "--users",
                    str(USERS),
                    "--spawn-rate",
                    str(USERS),
                    "--run-time",
                    f"{MAX_SECONDS}s",
                    "--csv",
                    prefix,
                ],
                cwd=PROJECT_DIR,
                env={**env, "LOADTEST_PATHS": "\n".join(paths), "LOADTEST_REQUESTS": str(REQUESTS)},
                stdout=subprocess.DEVNULL,
            )
            errors = report(f"{prefix}_stats.csv")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
