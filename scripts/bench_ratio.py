"""`make bench-ratio`: the portal's requests per second as a ratio to the raw-Django ceiling.

The reference app (scripts/raw_ceiling/, the smallest honest Django 5.2 site) and the portal are
each served by gunicorn `--workers 2 --threads 1`, DEBUG off, on free ports of 127.0.0.1, and
driven by the same load: wrk with 16 connections, every page in turn (portal and reference pages
interleaved), a warm-up per page, then two sweeps. Pages are asked for with gzip accepted, as
browsers ask. Before the load, the portal's pages are timed in-process by make bench's own
measuring (scripts/bench.py): drawn (the page built, its fragment caches warm: a staff preview, a
page never seen since the last change; with a whole-page cache, that cache off), served from a
whole-page cache where the portal has one, and cold (every cache emptied before each request, as
a change saved by staff empties them), at 100 projects and at the run's size.

Two databases on the configured server (the project-local cluster or DATABASE_URL), dropped
and recreated each run: oimhaiti_ratio (migrations, fixtures, synthetic projects and releases
as `seed_synthetic` makes them) and oimhaiti_ratio_raw (10 000 items of the reference app).

    BENCH_PROJECTS=500 BENCH_SECONDS=3 make bench-ratio    # small and quick
    BENCH_PROJECTS (10000), BENCH_RELEASES (twice the projects), BENCH_SECONDS (15),
    BENCH_WARMUP (3), BENCH_CONNECTIONS (16), BENCH_SWEEPS (2), BENCH_COLD_REQUESTS (20)

Prints the table, writes bench-results-ratio.json, exits 1 if a request failed.
"""

import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

PROJECT_DIR = Path(__file__).resolve().parent.parent
RAW_DIR = PROJECT_DIR / "scripts" / "raw_ceiling"
RESULTS_FILE = PROJECT_DIR / "bench-results-ratio.json"
PORTAL_DATABASE = "oimhaiti_ratio"
RAW_DATABASE = "oimhaiti_ratio_raw"
RAW_ITEMS = 10_000
SMALL_PROJECTS = 100

PROJECTS = int(os.environ.get("BENCH_PROJECTS", "10000"))
RELEASES = int(os.environ.get("BENCH_RELEASES", str(2 * PROJECTS)))
SECONDS = int(os.environ.get("BENCH_SECONDS", "15"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
SWEEPS = int(os.environ.get("BENCH_SWEEPS", "2"))
COLD_REQUESTS = int(os.environ.get("BENCH_COLD_REQUESTS", "20"))
WORKERS = ["--workers", "2", "--threads", "1"]
ACCEPT_ENCODING = "gzip, deflate, br"

# Every public page type of the portal, and the page of the reference app each is compared to
# besides its detail page (the yardstick).
PORTAL_PAGES = (
    "home",
    "project-list",
    "project-list-filtered",
    "project-detail",
    "news-list",
    "news-detail",
    "offices",
    "search-migration",
)
REFERENCE_PAGES = {"raw-list": "/items/", "raw-detail": "/items/item-05000/", "raw-hello": "/hello/"}
REFERENCE_DETAIL = "raw-detail"


def portal_page_urls():
    """The address of each page of PORTAL_PAGES, taken from the synthetic records (Django set up)."""
    from django.urls import reverse

    from scripts.page_queries import main_page_urls

    main = main_page_urls()
    return {
        **{page: main[page] for page in PORTAL_PAGES if page in main},
        "offices": reverse("offices:list"),
        "search-migration": f"{reverse('search:results')}?q=migration",
    }


def interleaved(portal, reference):
    """Portal and reference pages in turn, so that both meet the same moments of a busy machine."""
    order, extra = [], list(reference)
    for number, page in enumerate(portal):
        order.append(page)
        order.append(reference[number % len(reference)])
    return order + [page for page in extra if page not in order]


def wrk_command():
    """wrk, installed from Debian's packages when missing and root may (as `make chromium`)."""
    wrk = shutil.which("wrk")
    if wrk:
        return wrk
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("bench-ratio: installing wrk (apt-get install wrk)…", flush=True)
        environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], env=environment, check=False)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], env=environment, check=False)
        wrk = shutil.which("wrk")
    if not wrk:
        sys.exit("bench-ratio: wrk is missing and only root can install it (apt-get install wrk).")
    return wrk


def parse_wrk(output):
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    latency = re.search(r"Latency\s+([\d.]+)(us|ms|s)\b", output)
    latency_ms = None
    if latency:
        latency_ms = float(latency.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[latency.group(2)]
    return {
        "rps": float(rate.group(1)) if rate else 0.0,
        "errors": (int(non_2xx.group(1)) if non_2xx else 0)
        + (sum(int(n) for n in sockets.groups()) if sockets else 0),
        "latency_ms": latency_ms,
    }


def drive(wrk, url, seconds):
    completed = subprocess.run(
        [
            wrk,
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-H",
            f"Accept-Encoding: {ACCEPT_ENCODING}",
            url,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    return parse_wrk(completed.stdout)


def database_url(name):
    """DATABASE_URL of the configured server, with the database `name`."""
    import localdb

    base = os.environ.get("DATABASE_URL", "").strip() or localdb.url()
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"/{name}"))


def raw_environment(settings_dict, database=RAW_DATABASE):
    """Environment of the reference app's commands and server: the portal's database server."""
    return {
        **{key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"},
        "DJANGO_SETTINGS_MODULE": "ceiling.settings",
        "RAW_DB_NAME": database,
        "PGHOST": settings_dict["HOST"] or "127.0.0.1",
        "PGPORT": str(settings_dict["PORT"] or "5432"),
        "PGUSER": settings_dict["USER"] or "",
        "PGPASSWORD": settings_dict["PASSWORD"] or "",
        "PYTHONPATH": str(RAW_DIR),
    }


RAW_IN_PROCESS = """
import json, statistics, sys, time
import django
django.setup()
from django.test import Client
client = Client(HTTP_ACCEPT_ENCODING=sys.argv[2])
out = {}
for url in json.loads(sys.argv[1]):
    client.get(url)
    times = []
    for _ in range(int(sys.argv[3])):
        begin = time.perf_counter()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        times.append((time.perf_counter() - begin) * 1000)
    out[url] = round(statistics.median(times), 1)
print(json.dumps(out))
"""


def raw_prepare(environment):
    """Migrate and seed the reference app's database, then time its pages in-process."""
    for command in (["migrate", "--no-input", "--verbosity", "0"], ["seed_items", "--count", str(RAW_ITEMS)]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=RAW_DIR, env=environment, check=True)
    completed = subprocess.run(
        [
            sys.executable,
            "-c",
            RAW_IN_PROCESS,
            json.dumps(list(REFERENCE_PAGES.values())),
            ACCEPT_ENCODING,
            str(COLD_REQUESTS),
        ],
        cwd=RAW_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    medians = json.loads(completed.stdout)
    return {page: medians[url] for page, url in REFERENCE_PAGES.items()}


def cold_median(client, url):
    """Median of requests each made just after every cache was emptied."""
    from scripts.page_queries import clear_caches, fetch

    times = []
    for _ in range(COLD_REQUESTS):
        clear_caches()
        begin = time.perf_counter()
        response, _ = fetch(client, url)
        times.append((time.perf_counter() - begin) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: HTTP {response.status_code}")
    return round(statistics.median(times), 1)


def in_process(client, urls):
    from scripts.bench import measure

    results = {}
    for page in PORTAL_PAGES:
        measured = measure(client, urls[page])
        if "error" in measured:
            raise RuntimeError(f"{urls[page]}: {measured['error']}")
        results[page] = {
            "queries": measured["queries"],
            "drawn_ms": measured["median_ms"],
            # make bench times the whole-page cache's hits where the portal has one.
            "cached_ms": measured.get("cached_median_ms"),
            "cold_ms": cold_median(client, urls[page]),
        }
        timing = results[page]
        print(
            f"  {page:<22} {timing['queries']} requêtes, dessinée {timing['drawn_ms']} ms, "
            f"du cache {timing['cached_ms'] or '-'} ms, caches vidés {timing['cold_ms']} ms",
            flush=True,
        )
    return results


def start_server(arguments, cwd, environment, health_url):
    server = subprocess.Popen(
        arguments, cwd=cwd, env=environment, stdout=subprocess.DEVNULL, start_new_session=True
    )
    waited = subprocess.run([sys.executable, PROJECT_DIR / "scripts" / "wait_for_server.py", health_url])
    if waited.returncode:
        stop_server(server)
        sys.exit(f"bench-ratio: the server {arguments[1]} did not start.")
    return server


def stop_server(server):
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def free_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def load(wrk, addresses):
    """Warm-up of each page, then SWEEPS sweeps of SECONDS each, in interleaved order."""
    order = interleaved(list(PORTAL_PAGES), list(REFERENCE_PAGES))
    for page in dict.fromkeys(order):
        drive(wrk, addresses[page], WARMUP)
    sweeps = []
    for number in range(SWEEPS):
        # The second sweep in reverse order: no page always follows the same one.
        pages = order if number % 2 == 0 else order[::-1]
        sweep = {}
        for page in pages:
            # A reference page comes back several times a sweep: each run is kept.
            sweep.setdefault(page, []).append(drive(wrk, addresses[page], SECONDS))
            print(f"  balayage {number + 1}  {page:<22} {sweep[page][-1]['rps']:8.1f} req/s", flush=True)
        sweeps.append(sweep)
    return sweeps


def sweep_rate(sweep, page):
    return statistics.mean(run["rps"] for run in sweep[page])


def summary(sweeps, portal_timing, small_timing, raw_timing):
    mean = {page: statistics.mean(sweep_rate(sweep, page) for sweep in sweeps) for page in sweeps[0]}
    errors = {page: sum(run["errors"] for sweep in sweeps for run in sweep[page]) for page in sweeps[0]}
    detail, listing = mean[REFERENCE_DETAIL], mean["raw-list"]
    headers = [
        "page",
        *(f"req/s #{n + 1}" for n in range(len(sweeps))),
        "req/s",
        "× raw detail",
        "× raw list",
        "errors",
        "queries",
        "cached ms",
        f"drawn ms@{SMALL_PROJECTS}",
        f"drawn ms@{PROJECTS}",
        f"cold ms@{PROJECTS}",
    ]
    rows = []
    for page in (*PORTAL_PAGES, *REFERENCE_PAGES):
        timing = portal_timing.get(page, {})
        rows.append(
            [
                page,
                *(f"{sweep_rate(sweep, page):.0f}" for sweep in sweeps),
                f"{mean[page]:.0f}",
                f"{mean[page] / detail:.2f}" if detail else "-",
                f"{mean[page] / listing:.2f}" if listing else "-",
                str(errors[page]),
                str(timing.get("queries", "-")),
                str(timing.get("cached_ms") or "-"),
                str(small_timing.get(page, {}).get("drawn_ms", "-")),
                str(timing.get("drawn_ms", raw_timing.get(page, "-"))),
                str(timing.get("cold_ms", "-")),
            ]
        )
    from scripts.bench import text_table

    return text_table(headers, rows), mean, errors


def main():
    wrk = wrk_command()
    sys.path.insert(0, str(PROJECT_DIR))
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    # Set-up as the server starts, and the same in-process measuring as make bench.
    from scripts.bench import machine, seed

    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = PORTAL_DATABASE
    connection.settings_dict.setdefault("TEST", {})["NAME"] = PORTAL_DATABASE
    exports_dir = Path(tempfile.mkdtemp(prefix="oimhaiti-ratio-exports-"))
    settings.EXPORT_FILES_DIR = exports_dir
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    raw_created = False
    try:
        fixtures = sorted(str(path) for path in (PROJECT_DIR / "fixtures").glob("*.json"))
        if fixtures:
            call_command("loaddata", *fixtures, verbosity=0)
        about = machine()
        print(f"{about['nproc']} cœurs, {about['cpu']}, PostgreSQL {about['postgresql']}", flush=True)
        settings.DEBUG = False
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        settings.STORAGES = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        client = Client(HTTP_ACCEPT_ENCODING=ACCEPT_ENCODING)

        small_timing = {}
        done = (0, 0)
        if PROJECTS > SMALL_PROJECTS:
            seed(SMALL_PROJECTS, 2 * SMALL_PROJECTS)
            done = (SMALL_PROJECTS, 2 * SMALL_PROJECTS)
            print(f"\nEn processus, {SMALL_PROJECTS} projets :", flush=True)
            small_timing = in_process(client, portal_page_urls())
        seconds = seed(PROJECTS - done[0], max(0, RELEASES - done[1]))
        print(f"\n{PROJECTS} projets, {RELEASES} communiqués : créés en {seconds:.1f} s", flush=True)
        urls = portal_page_urls()
        print(f"En processus, {PROJECTS} projets :", flush=True)
        portal_timing = in_process(client, urls)

        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{RAW_DATABASE}"')
            cursor.execute(f'CREATE DATABASE "{RAW_DATABASE}"')
        raw_created = True
        raw_env = raw_environment(connection.settings_dict)
        raw_timing = raw_prepare(raw_env)
        print(f"Référence en processus : {raw_timing}", flush=True)
        connection.close()

        portal_env = {
            **os.environ,
            "DEBUG": "0",
            "HTTPS": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
            "DATABASE_URL": database_url(PORTAL_DATABASE),
            "EXPORT_FILES_DIR": str(exports_dir),
        }
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
            cwd=PROJECT_DIR,
            env=portal_env,
            check=True,
        )
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        portal_port, raw_port = free_port(), free_port()
        portal_base, raw_base = f"http://127.0.0.1:{portal_port}", f"http://127.0.0.1:{raw_port}"
        servers = [
            start_server(
                [
                    gunicorn,
                    "oimhaiti.wsgi",
                    "--bind",
                    f"127.0.0.1:{portal_port}",
                    *WORKERS,
                    "--log-level",
                    "warning",
                ],
                PROJECT_DIR,
                portal_env,
                portal_base + "/healthz",
            )
        ]
        try:
            servers.append(
                start_server(
                    [
                        gunicorn,
                        "ceiling.wsgi:application",
                        "--bind",
                        f"127.0.0.1:{raw_port}",
                        *WORKERS,
                        "--log-level",
                        "warning",
                    ],
                    RAW_DIR,
                    raw_env,
                    raw_base + "/hello/",
                )
            )
            addresses = {
                **{page: portal_base + url for page, url in urls.items()},
                **{page: raw_base + url for page, url in REFERENCE_PAGES.items()},
            }
            print(
                f"\nwrk, {CONNECTIONS} connexions, {WARMUP} s d'échauffement puis {SWEEPS} balayages de "
                f"{SECONDS} s par page ; gunicorn {' '.join(WORKERS)}, DEBUG off",
                flush=True,
            )
            sweeps = load(wrk, addresses)
        finally:
            for server in servers:
                stop_server(server)

        text, mean, errors = summary(sweeps, portal_timing, small_timing, raw_timing)
        print()
        print(text)
        RESULTS_FILE.write_text(
            json.dumps(
                {
                    "machine": about,
                    "projects": PROJECTS,
                    "releases": RELEASES,
                    "seconds": SECONDS,
                    "connections": CONNECTIONS,
                    "urls": {**urls, **REFERENCE_PAGES},
                    "sweeps": sweeps,
                    "req_per_s": mean,
                    "in_process": {
                        "portal": portal_timing,
                        "portal_small": small_timing,
                        "reference": raw_timing,
                    },
                    "table": text,
                },
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
        print(f"\n{RESULTS_FILE.name} écrit.")
        return 1 if any(errors.values()) else 0
    finally:
        connection.close()
        if raw_created:
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{RAW_DATABASE}" WITH (FORCE)')
        connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(exports_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
