"""`make bench`: SQL queries and server time of the main pages at 100 and at 10 000 projects.

Creates the database oimhaiti_bench on the configured server (the project-local cluster or
DATABASE_URL), dropped and recreated each run: migrations, the fixtures, then synthetic content.
Each page is requested through the full WSGI handler and middleware (django.test.Client),
streamed bodies read to the end, accepting gzip as browsers do (pages are compressed by the
middleware, the stored exports are kept compressed). Requests run with DEBUG off, as in production: no query log,
static URLs from plain storage so no collectstatic is needed.

Each page is measured once "cold", just after the caches are emptied as a change by staff
empties them, then repeatedly drawn with the fragment caches warm (the whole-page cache off: a
staff preview, a page never seen since the last change), then repeatedly served from the
whole-page cache, as most visitors find it.

Prints a table, writes bench-results.json, drops the database, and exits 1 if a page failed.
"""

import json
import math
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
import traceback
import warnings
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oimhaiti.settings")

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

# Started as the server starts: django.setup(), then the start-up objects frozen (gc.freeze).
import oimhaiti.wsgi  # noqa: E402, F401
from scripts.page_queries import (  # noqa: E402
    MAIN_PAGES,
    captured_queries,
    clear_caches,
    fetch,
    grown_queries,
    main_page_urls,
)
from synthetic.catalogue import create_synthetic  # noqa: E402

BENCH_DATABASE = "oimhaiti_bench"
SIZES = ((100, 200), (10_000, 20_000))
SEED = 2025
MAX_REQUESTS = 30
MIN_REQUESTS = 5
# Per page and size: the slow exports stop after MIN_REQUESTS once this is spent.
TIME_BUDGET_SECONDS = 8
RESULTS_FILE = PROJECT_DIR / "bench-results.json"


def machine():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), cpu)
    except OSError:
        pass
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "postgresql": postgres,
    }


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def timed(client, url):
    times = []
    started = time.perf_counter()
    while len(times) < MAX_REQUESTS and (
        len(times) < MIN_REQUESTS or time.perf_counter() - started < TIME_BUDGET_SECONDS
    ):
        begin = time.perf_counter()
        fetch(client, url)
        times.append((time.perf_counter() - begin) * 1000)
    return times


def measure(client, url):
    with override_settings(PAGE_CACHE_MAX_BYTES=0):
        outcome = measure_drawn(client, url)
    if "error" in outcome:
        return outcome
    fetch(client, url)  # stored by the page cache
    cached_sql = captured_queries(client, url)
    cached = timed(client, url)
    return {
        **outcome,
        "cached_queries": len(cached_sql),
        "cached_median_ms": round(statistics.median(cached), 1),
        "cached_p95_ms": round(percentile(cached, 0.95), 1),
    }


def measure_drawn(client, url):
    fetch(client, url)  # opens the connection
    clear_caches()  # as after a change saved by staff
    begin = time.perf_counter()
    response, _ = fetch(client, url)  # fills the caches again
    cold_ms = (time.perf_counter() - begin) * 1000
    if response.status_code != 200:
        return {"url": url, "error": f"HTTP {response.status_code}"}
    clear_caches()
    cold_sql = captured_queries(client, url)
    sql = captured_queries(client, url)
    response, body = fetch(client, url)
    times = timed(client, url)
    return {
        "url": url,
        "queries": len(sql),
        "sql": sql,
        "cold_queries": len(cold_sql),
        "cold_ms": round(cold_ms, 1),
        "requests": len(times),
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "bytes": len(body),
    }


def measure_all(client, label):
    print(f"\n{label}: mesure de {len(MAIN_PAGES)} pages…", flush=True)
    urls = main_page_urls()
    results = {}
    for page in MAIN_PAGES:
        try:
            results[page] = measure(client, urls[page])
        except Exception:
            results[page] = {
                "url": urls[page],
                "error": traceback.format_exc(limit=3).strip().splitlines()[-1],
            }
            traceback.print_exc()
        outcome = results[page]
        shown = outcome.get("error") or f"{outcome['queries']} requêtes, médiane {outcome['median_ms']} ms"
        print(f"  {page:<24} {shown}", flush=True)
    return results


def seed(projects, releases):
    started = time.perf_counter()
    create_synthetic(projects=projects, releases=releases, seed=SEED)
    # Production tables have statistics; freshly bulk-loaded ones have none until autovacuum runs.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return time.perf_counter() - started


def table(rows):
    headers = [
        "page",
        "queries@100",
        "queries@10k",
        "median@100",
        "median@10k",
        "p95@10k",
        "ratio",
        "KB@10k",
        "cold@10k",
        "cold queries@10k",
        "cached@10k",
        "cached queries@10k",
    ]
    return text_table(headers, rows)


def text_table(headers, rows):
    """Columns aligned as the README shows them: the first to the left, numbers to the right."""
    lines = [headers] + [[str(cell) for cell in row] for row in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(headers))]
    out = []
    for number, line in enumerate(lines):
        out.append(
            "  ".join(
                cell.ljust(w) if i == 0 else cell.rjust(w)
                for i, (cell, w) in enumerate(zip(line, widths, strict=True))
            )
        )
        if number == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def summarise(small, large):
    rows, growth, errors = [], {}, []
    for page in MAIN_PAGES:
        a, b = small[page], large[page]
        if "error" in a or "error" in b:
            errors.append(f"{page} ({a.get('url')}): {a.get('error') or b.get('error')}")
            rows.append([page, a.get("queries", "ERR"), b.get("queries", "ERR"), *["-"] * 9])
            continue
        ratio = b["median_ms"] / a["median_ms"] if a["median_ms"] else float("inf")
        rows.append(
            [
                page,
                a["queries"],
                b["queries"],
                f"{a['median_ms']:.1f} ms",
                f"{b['median_ms']:.1f} ms",
                f"{b['p95_ms']:.1f} ms",
                f"{ratio:.2f}",
                f"{b['bytes'] / 1024:.1f}",
                f"{b['cold_ms']:.1f} ms",
                b["cold_queries"],
                f"{b['cached_median_ms']:.1f} ms",
                b["cached_queries"],
            ]
        )
        if b["queries"] != a["queries"]:
            growth[page] = grown_queries(a["sql"], b["sql"])
    return rows, growth, errors


def main():
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = BENCH_DATABASE
    connection.settings_dict.setdefault("TEST", {})["NAME"] = BENCH_DATABASE
    exports_dir = Path(tempfile.mkdtemp(prefix="oimhaiti-bench-exports-"))
    settings.EXPORT_FILES_DIR = exports_dir
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        return run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(exports_dir, ignore_errors=True)


def run():
    started = time.perf_counter()
    fixtures = sorted(str(path) for path in (PROJECT_DIR / "fixtures").glob("*.json"))
    if fixtures:
        call_command("loaddata", *fixtures, verbosity=0)
    about = machine()
    print(f"Base {BENCH_DATABASE} ; {about['nproc']} cœurs, {about['cpu']}, PostgreSQL {about['postgresql']}")

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    warnings.filterwarnings("ignore", message="No directory at")
    # As a browser (or curl --compressed, or Python's requests) asks.
    client = Client(HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    stages, seconds = [], []
    done_projects = done_releases = 0
    for projects, releases in SIZES:
        seconds.append(seed(projects - done_projects, releases - done_releases))
        print(f"{projects} projets, {releases} communiqués : créés en {seconds[-1]:.1f} s", flush=True)
        done_projects, done_releases = projects, releases
        stages.append(measure_all(client, f"{projects} projets"))

    rows, growth, errors = summarise(*stages)
    print()
    print(table(rows))
    for page, statements in growth.items():
        print(f"\nRequêtes en plus à 10 000 projets, {page} :")
        for sql, count in statements:
            print(f"  +{count} × {sql[:400]}")
    for error in errors:
        print(f"\nERREUR {error}", file=sys.stderr)

    results = {
        "machine": about,
        "sizes": [{"projects": p, "releases": r} for p, r in SIZES],
        "seed_seconds": [round(s, 1) for s in seconds],
        "total_seconds": round(time.perf_counter() - started, 1),
        "pages": {
            page: {
                "url": stages[1][page].get("url"),
                **{
                    f"{key}@{label}": stage[page].get(key)
                    for label, stage in zip(("100", "10k"), stages, strict=True)
                    for key in (
                        "queries",
                        "median_ms",
                        "p95_ms",
                        "requests",
                        "bytes",
                        "cold_ms",
                        "cold_queries",
                        "cached_queries",
                        "cached_median_ms",
                        "cached_p95_ms",
                        "error",
                    )
                    if key in stage[page]
                },
                "grown_queries": [{"sql": sql, "extra": count} for sql, count in growth.get(page, [])],
            }
            for page in MAIN_PAGES
        },
        "table": table(rows),
    }
    RESULTS_FILE.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    print(f"\n{RESULTS_FILE.name} écrit ; durée totale {results['total_seconds']} s.")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
