from datetime import date, timedelta
from email.utils import parsedate_to_datetime

import pytest
from django.utils import timezone
from lxml import etree

from core.models import PublicationStatus
from tests.factories import make_release

ATOM = {"atom": "http://www.w3.org/2005/Atom"}

pytestmark = pytest.mark.django_db


SITE = "https://haiti.example.org"


@pytest.fixture
def releases(settings):
    settings.SITE_URL = SITE
    dated = make_release(
        title="Le Canada finance la lutte contre la traite",
        slug="canada-traite",
        release_date=date(2021, 3, 15),
        lead="Port-au-Prince – Le Canada annonce une contribution.",
    )
    undated = make_release(
        title="L'OIM ouvre un bureau à Ouanaminthe", slug="bureau-ouanaminthe", lead="Un chapeau."
    )
    make_release(title="Brouillon secret", slug="brouillon", publication_status=PublicationStatus.DRAFT)
    make_release(title="Programmé", slug="programme", publish_from=timezone.now() + timedelta(days=2))
    return dated, undated


def get_xml(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response, etree.fromstring(response.content)


def test_rss_feed_parses_and_lists_the_published_releases_only(client, releases):
    response, rss = get_xml(client, "/actualites/rss/")

    assert response["Content-Type"].startswith("application/rss+xml")
    assert rss.xpath("channel/title/text()") == ["OIM Haïti : communiqués de presse"]
    assert rss.xpath("channel/language/text()") == ["fr"]
    assert rss.xpath("channel/link/text()") == [f"{SITE}/actualites/"]
    assert sorted(rss.xpath("channel/item/title/text()")) == [
        "L'OIM ouvre un bureau à Ouanaminthe",
        "Le Canada finance la lutte contre la traite",
    ]
    assert b"Brouillon secret" not in response.content
    assert "Programmé" not in response.content.decode()


def test_rss_items_link_to_the_release_page_and_describe_it_with_its_lead(client, releases):
    _, rss = get_xml(client, "/actualites/rss/")

    [item] = rss.xpath("channel/item[title='Le Canada finance la lutte contre la traite']")
    assert item.findtext("link") == f"{SITE}/actualites/canada-traite/"
    assert item.findtext("description") == "Port-au-Prince – Le Canada annonce une contribution."
    assert parsedate_to_datetime(item.findtext("pubDate")).date() == date(2021, 3, 15)


def test_an_undated_release_is_dated_by_its_entry_on_the_site(client, releases):
    _, undated = releases
    _, rss = get_xml(client, "/actualites/rss/")

    [item] = rss.xpath('channel/item[title="L\'OIM ouvre un bureau à Ouanaminthe"]')
    assert parsedate_to_datetime(item.findtext("pubDate")) == undated.created_at.replace(microsecond=0)


def test_atom_feed_parses_and_lists_the_published_releases_only(client, releases):
    response, atom = get_xml(client, "/actualites/feed/")

    assert response["Content-Type"].startswith("application/atom+xml")
    assert atom.xpath("atom:title/text()", namespaces=ATOM) == ["OIM Haïti : communiqués de presse"]
    entries = atom.xpath("atom:entry", namespaces=ATOM)
    assert sorted(entry.findtext("atom:title", namespaces=ATOM) for entry in entries) == [
        "L'OIM ouvre un bureau à Ouanaminthe",
        "Le Canada finance la lutte contre la traite",
    ]
    assert f"{SITE}/actualites/canada-traite/" in atom.xpath("atom:entry/atom:link/@href", namespaces=ATOM)
    assert atom.xpath("atom:link[@rel='self']/@href", namespaces=ATOM) == [f"{SITE}/actualites/feed/"]
    assert b"Brouillon secret" not in response.content


def test_feed_paths_are_not_taken_for_release_slugs(client):
    make_release(slug="feed", title="Un communiqué nommé feed")

    assert client.get("/actualites/feed/")["Content-Type"].startswith("application/atom+xml")
    assert client.get("/actualites/rss/")["Content-Type"].startswith("application/rss+xml")
