import importlib
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.urls import clear_url_caches
from django.utils import timezone
from lxml import etree

from core.models import PublicationStatus
from scripts.page_queries import captured_queries
from tests.factories import make_office, make_project, make_release

SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SITE = "https://haiti.example.org"

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = SITE


def sitemap_files(client):
    """The sitemap files the index at /sitemap.xml lists, parsed."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    files = []
    for location in etree.fromstring(index.content).xpath("sm:sitemap/sm:loc/text()", namespaces=SITEMAP):
        parts = urlsplit(location)
        response = client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
        assert response.status_code == 200
        files.append(etree.fromstring(response.content))
    return files


def locations(client):
    return [
        url
        for document in sitemap_files(client)
        for url in document.xpath("sm:url/sm:loc/text()", namespaces=SITEMAP)
    ]


def test_sitemap_lists_every_published_project_release_office_and_static_page(client, site_url):
    project = make_project(slug="diaspora")
    release = make_release(slug="canada-traite")
    office = make_office(slug="les-cayes")

    urls = locations(client)

    assert f"{SITE}/projets/diaspora/" in urls
    assert f"{SITE}/actualites/canada-traite/" in urls
    assert f"{SITE}/bureaux/les-cayes/" in urls
    assert f"{SITE}/" in urls
    assert f"{SITE}/a-propos/" in urls
    assert {f"{SITE}/projets/", f"{SITE}/actualites/", f"{SITE}/bureaux/"} <= set(urls)
    assert {project.get_absolute_url(), release.get_absolute_url(), office.get_absolute_url()} <= {
        url.removeprefix(SITE) for url in urls
    }


def test_sitemap_leaves_out_drafts_and_scheduled_records(client, site_url):
    draft = PublicationStatus.DRAFT
    later = timezone.now() + timedelta(days=1)
    make_project(slug="projet-brouillon", publication_status=draft)
    make_project(slug="projet-programme", publish_from=later)
    make_release(slug="communique-brouillon", publication_status=draft)
    make_office(slug="bureau-brouillon", publication_status=draft)

    urls = " ".join(locations(client))

    for slug in ("projet-brouillon", "projet-programme", "communique-brouillon", "bureau-brouillon"):
        assert slug not in urls


def test_robots_txt_points_to_the_sitemap_at_the_public_address(client, site_url):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


@pytest.fixture
def admin_at_a_private_address(settings):
    settings.ADMIN_URL = "gestion-7f3k/"
    importlib.reload(importlib.import_module(settings.ROOT_URLCONF))
    clear_url_caches()
    yield
    settings.ADMIN_URL = "admin/"
    importlib.reload(importlib.import_module(settings.ROOT_URLCONF))
    clear_url_caches()


def test_robots_txt_disallows_the_admin_at_its_configured_address(client, admin_at_a_private_address):
    lines = client.get("/robots.txt").content.decode().splitlines()

    assert "Disallow: /gestion-7f3k/" in lines
    assert "Disallow: /admin/" not in lines


def test_sitemap_lists_the_english_pages_as_alternates(client, site_url):
    make_project(slug="diaspora")

    urls = locations(client)
    alternates = [
        href
        for document in sitemap_files(client)
        for href in document.xpath(
            "sm:url[sm:loc='https://haiti.example.org/projets/diaspora/']/xhtml:link[@hreflang='en']/@href",
            namespaces={**SITEMAP, "xhtml": "http://www.w3.org/1999/xhtml"},
        )
    ]

    assert f"{SITE}/en/projets/diaspora/" in urls
    assert f"{SITE}/en/a-propos/" in urls
    assert alternates == [f"{SITE}/en/projets/diaspora/"]


def test_a_large_catalogue_is_split_into_files_the_index_lists(client, site_url, settings):
    from portal import sitemaps

    for number in range(3):
        make_project(slug=f"projet-{number}")
    original = sitemaps.SiteUrlSitemap.limit
    sitemaps.SiteUrlSitemap.limit = 4  # three projects in two languages: two files
    try:
        files = sitemap_files(client)
    finally:
        sitemaps.SiteUrlSitemap.limit = original

    project_files = [
        document
        for document in files
        if any(
            "/projets/projet-" in url for url in document.xpath("sm:url/sm:loc/text()", namespaces=SITEMAP)
        )
    ]
    assert len(project_files) == 2
    assert {f"{SITE}/projets/projet-{n}/" for n in range(3)} <= set(locations(client))


def section_entries(client, path):
    """(location, [(hreflang, href), ...]) for each entry of one sitemap file."""
    response = client.get(path)
    assert response.status_code == 200
    namespaces = {**SITEMAP, "xhtml": "http://www.w3.org/1999/xhtml"}
    return [
        (
            url.xpath("string(sm:loc)", namespaces=namespaces),
            [
                (link.get("hreflang"), link.get("href"))
                for link in url.xpath("xhtml:link", namespaces=namespaces)
            ],
        )
        for url in etree.fromstring(response.content).xpath("sm:url", namespaces=SITEMAP)
    ]


def test_a_sitemap_page_that_starts_mid_project_holds_the_next_entries_in_both_languages(
    client, site_url, monkeypatch
):
    from portal.sitemaps import ProjectSitemap

    for number in range(5):
        make_project(slug=f"projet-{number}")
    # Three entries a file: page 2 starts with the English page of the second project.
    monkeypatch.setattr(ProjectSitemap, "limit", 3)

    def entry(number, language):
        prefix = "/en" if language == "en" else ""
        return (
            f"{SITE}{prefix}/projets/projet-{number}/",
            [
                ("fr", f"{SITE}/projets/projet-{number}/"),
                ("en", f"{SITE}/en/projets/projet-{number}/"),
                ("x-default", f"{SITE}/projets/projet-{number}/"),
            ],
        )

    pages = [section_entries(client, f"/sitemap-projects.xml?p={page}") for page in (1, 2, 3, 4)]

    assert pages[1] == [entry(1, "en"), entry(2, "fr"), entry(2, "en")]
    assert pages[3] == [entry(4, "en")]
    assert [listed for page in pages for listed in page] == [
        entry(number, language) for number in range(5) for language in ("fr", "en")
    ]
    assert client.get("/sitemap-projects.xml?p=5").status_code == 404


def project_queries(client, path):
    """The queries reading projects, but for the one listing those scheduled for later (see
    core.cache.content_state), which reads no published project."""
    return [
        sql
        for sql in captured_queries(client, path)
        if 'FROM "projects_project"' in sql and '"publish_from" >' not in sql
    ]


@pytest.mark.parametrize("path", ["/sitemap.xml", "/sitemap-projects.xml?p=2"])
def test_the_sitemap_runs_the_same_queries_for_3_and_for_30_projects(client, site_url, monkeypatch, path):
    from portal.sitemaps import SiteUrlSitemap

    monkeypatch.setattr(SiteUrlSitemap, "limit", 4)
    for _ in range(3):
        make_project()
    with_3 = captured_queries(client, path)
    for _ in range(27):
        make_project()
    with_30 = captured_queries(client, path)

    assert len(with_30) == len(with_3)


def test_the_sitemap_index_counts_the_projects_rather_than_reading_them(client, site_url, monkeypatch):
    from portal.sitemaps import SiteUrlSitemap

    monkeypatch.setattr(SiteUrlSitemap, "limit", 4)
    for _ in range(30):
        make_project()

    queries = project_queries(client, "/sitemap.xml")

    assert any("COUNT(" in sql for sql in queries)
    assert all("COUNT(" in sql or "MAX(" in sql for sql in queries), queries


def test_a_sitemap_file_reads_only_the_projects_it_lists(client, site_url, monkeypatch):
    from portal.sitemaps import SiteUrlSitemap

    monkeypatch.setattr(SiteUrlSitemap, "limit", 4)
    for _ in range(30):
        make_project()

    queries = project_queries(client, "/sitemap-projects.xml?p=3")
    reads = [sql for sql in queries if "COUNT(" not in sql]

    # Entries 8 to 11 are projects 4 and 5, in French and in English.
    assert len(reads) == 1
    assert reads[0].endswith("LIMIT 2 OFFSET 4"), reads[0]
