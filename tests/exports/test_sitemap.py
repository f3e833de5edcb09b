from datetime import timedelta

import pytest
from django.utils import timezone
from lxml import etree

from core.models import PublicationStatus
from tests.factories import make_office, make_project, make_release

SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SITE = "https://haiti.example.org"

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = SITE


def locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return etree.fromstring(response.content).xpath("sm:url/sm:loc/text()", namespaces=SITEMAP)


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


def test_sitemap_lists_the_english_pages_as_alternates(client, site_url):
    make_project(slug="diaspora")

    response = client.get("/sitemap.xml")
    document = etree.fromstring(response.content)
    urls = document.xpath("sm:url/sm:loc/text()", namespaces=SITEMAP)
    alternates = document.xpath(
        "sm:url[sm:loc='https://haiti.example.org/projets/diaspora/']/xhtml:link[@hreflang='en']/@href",
        namespaces={**SITEMAP, "xhtml": "http://www.w3.org/1999/xhtml"},
    )

    assert f"{SITE}/en/projets/diaspora/" in urls
    assert f"{SITE}/en/a-propos/" in urls
    assert alternates == [f"{SITE}/en/projets/diaspora/"]
