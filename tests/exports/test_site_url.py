"""Links that leave the page (feeds, exports, canonical links, sitemap, robots.txt) point to the
address the site is served on: SITE_URL when set, else the request's scheme and host."""

import json

import pytest
from lxml import etree

from tests.exports.test_exports import content
from tests.factories import make_page, make_project, make_release

pytestmark = pytest.mark.django_db

HOST = "127.0.0.1:8123"
SERVED = f"http://{HOST}"
PUBLIC = "https://haiti.example.org"
ATOM = {"atom": "http://www.w3.org/2005/Atom"}
SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def site_url_unset(settings):
    settings.SITE_URL = ""


@pytest.fixture
def site_url_set(settings):
    settings.SITE_URL = PUBLIC


@pytest.fixture
def records():
    make_project(slug="diaspora")
    make_release(slug="canada-traite")
    make_page(slug="a-propos", title="L'OIM en Haïti")


def atom_links(response):
    feed = etree.fromstring(response.content)
    return [
        *feed.xpath("atom:link/@href", namespaces=ATOM),
        *feed.xpath("atom:entry/atom:link/@href", namespaces=ATOM),
    ]


def export_urls(client, host):
    csv_body = content(client.get("/projets/export.csv", HTTP_HOST=host)).decode("utf-8-sig")
    projects = json.loads(content(client.get("/projets/export.json", HTTP_HOST=host)))["projects"]
    return csv_body, [project["url"] for project in projects]


def test_feed_links_carry_the_port_the_site_is_served_on(client, site_url_unset, records):
    links = atom_links(client.get("/actualites/feed/", HTTP_HOST=HOST))
    rss = client.get("/actualites/rss/", HTTP_HOST=HOST).content.decode()

    assert f"{SERVED}/actualites/canada-traite/" in links
    assert f"{SERVED}/actualites/feed/" in links
    assert all(link.startswith(SERVED) for link in links)
    assert f"<link>{SERVED}/actualites/canada-traite/</link>" in rss


def test_canonical_and_alternate_links_carry_the_port_the_site_is_served_on(client, site_url_unset, records):
    html = client.get("/a-propos/", HTTP_HOST=HOST).content.decode()

    assert f'<link rel="canonical" href="{SERVED}/a-propos/">' in html
    assert f'<link rel="alternate" hreflang="en" href="{SERVED}/en/a-propos/">' in html
    assert f'<meta property="og:url" content="{SERVED}/a-propos/">' in html


def test_exports_link_to_the_host_each_was_asked_on_though_the_files_are_stored(
    client, site_url_unset, records
):
    csv_body, urls = export_urls(client, HOST)
    assert f"{SERVED}/projets/diaspora/" in csv_body
    assert urls == [f"{SERVED}/projets/diaspora/"]

    # The stored files of the first host are not those of the second.
    csv_body, urls = export_urls(client, "localhost:8010")
    assert "http://localhost:8010/projets/diaspora/" in csv_body
    assert HOST not in csv_body
    assert urls == ["http://localhost:8010/projets/diaspora/"]


def test_sitemap_and_robots_txt_carry_the_port_the_site_is_served_on(client, site_url_unset, records):
    robots = client.get("/robots.txt", HTTP_HOST=HOST).content.decode()
    index = etree.fromstring(client.get("/sitemap.xml", HTTP_HOST=HOST).content)
    files = index.xpath("sm:sitemap/sm:loc/text()", namespaces=SITEMAP)
    projects = etree.fromstring(client.get("/sitemap-projects.xml", HTTP_HOST=HOST).content)

    assert f"Sitemap: {SERVED}/sitemap.xml" in robots
    assert f"{SERVED}/sitemap-projects.xml" in files
    assert f"{SERVED}/projets/diaspora/" in projects.xpath("sm:url/sm:loc/text()", namespaces=SITEMAP)


def test_a_feed_revalidated_on_another_host_is_sent_again_with_that_host(client, site_url_unset, records):
    first = client.get("/actualites/feed/", HTTP_HOST=HOST)

    again = client.get("/actualites/feed/", HTTP_HOST="localhost:8010", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert "http://localhost:8010/actualites/canada-traite/" in atom_links(again)


def test_site_url_wins_over_the_host_the_site_is_served_on(client, site_url_set, records):
    links = atom_links(client.get("/actualites/feed/", HTTP_HOST=HOST))
    html = client.get("/a-propos/", HTTP_HOST=HOST).content.decode()
    csv_body, urls = export_urls(client, HOST)
    robots = client.get("/robots.txt", HTTP_HOST=HOST).content.decode()
    index = etree.fromstring(client.get("/sitemap.xml", HTTP_HOST=HOST).content)

    assert f"{PUBLIC}/actualites/canada-traite/" in links
    assert all(link.startswith(PUBLIC) for link in links)
    assert f'<link rel="canonical" href="{PUBLIC}/a-propos/">' in html
    assert f"{PUBLIC}/projets/diaspora/" in csv_body
    assert urls == [f"{PUBLIC}/projets/diaspora/"]
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in robots
    assert f"{PUBLIC}/sitemap-projects.xml" in index.xpath("sm:sitemap/sm:loc/text()", namespaces=SITEMAP)
    assert HOST not in html + csv_body + robots + " ".join(links)
