"""The pieces of `make bench-ratio` at a tiny size (nothing here is timed): the reference app
copied into scripts/raw_ceiling/ serves its pages with its own settings, and the pages the run
drives cover every public page type of the portal, each answering with its content."""

import os
import subprocess
import sys

import psycopg2
import pytest
from django.db import connection
from django.utils.html import escape

from scripts.bench_ratio import (
    PORTAL_PAGES,
    RAW_DIR,
    REFERENCE_DETAIL,
    REFERENCE_PAGES,
    interleaved,
    portal_page_urls,
    raw_environment,
)
from synthetic.catalogue import create_synthetic, synthetic_projects, synthetic_releases
from tests.factories import make_office

SERVE_ITEM = """
import django, sys
django.setup()
from django.test import Client
for url in sys.argv[1:]:
    response = Client().get(url)
    print(response.status_code, response.content.decode())
"""


@pytest.fixture
def raw_database():
    """An empty database of its own on the test server, for the reference app's migrations."""
    settings = connection.settings_dict
    name = f"test_raw_ceiling_{os.getpid()}"
    admin = psycopg2.connect(
        dbname="postgres",
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield raw_environment(settings, database=name)
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_reference_app_copy_migrates_seeds_and_serves_an_item_page_with_its_own_settings(raw_database):
    assert (RAW_DIR / "README.md").read_text().startswith("# The raw-Django ceiling")
    for command in (["migrate", "--no-input", "--verbosity", "0"], ["seed_items", "--count", "3"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=RAW_DIR,
            env=raw_database,
            check=True,
            capture_output=True,
        )
    served = subprocess.run(
        [sys.executable, "-c", SERVE_ITEM, "/items/item-00001/", "/items/"],
        cwd=RAW_DIR,
        env=raw_database,
        check=True,
        capture_output=True,
        text=True,
    ).stdout

    detail, listing = served.split("\n200 ", 1)
    assert detail.startswith("200 ")
    assert "<dt>Reference</dt><dd>HT000001</dd>" in detail
    assert "<footer><p>Raw Django ceiling</p></footer>" in detail
    assert "3 items, page 1 of 1" in listing


def test_ratio_run_compares_with_the_reference_detail_page_of_the_issue():
    assert REFERENCE_PAGES[REFERENCE_DETAIL] == "/items/item-05000/"
    order = interleaved(list(PORTAL_PAGES), list(REFERENCE_PAGES))
    assert set(order) == {*PORTAL_PAGES, *REFERENCE_PAGES}
    # Portal and reference pages alternate.
    assert [page in REFERENCE_PAGES for page in order[:4]] == [False, True, False, True]


@pytest.mark.django_db
def test_ratio_run_drives_every_public_page_type_and_each_shows_its_content(client):
    create_synthetic(projects=3, releases=3, seed=1)
    office = make_office(name="Bureau de Jérémie")
    project = synthetic_projects().order_by("project_code").first()
    release = synthetic_releases().order_by("slug").first()

    urls = portal_page_urls()

    assert (
        set(urls)
        == set(PORTAL_PAGES)
        == {
            "home",
            "project-list",
            "project-list-filtered",
            "project-detail",
            "news-list",
            "news-detail",
            "offices",
            "search-migration",
        }
    )
    pages = {}
    for page, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, f"{page}: {url}"
        pages[page] = response.content.decode()
    assert "type=" in urls["project-list-filtered"] and "status=" in urls["project-list-filtered"]
    assert escape(project.title) in pages["project-detail"]
    assert escape(project.title) in pages["project-list"]
    assert escape(release.title) in pages["news-detail"]
    assert escape(release.title) in pages["news-list"]
    assert escape(office.name) in pages["offices"]
    assert 'value="migration"' in pages["search-migration"]
