import json
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
from django.core import serializers
from django.utils import timezone
from lxml import etree

from core.models import PublicationStatus
from news.models import NewsRelease
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


FIXTURES_LOADED = datetime(2026, 11, 25, 13, 22, tzinfo=UTC)
# The fields the fixtures give a release: no first publication.
FIXTURE_FIELDS = [
    "publication_status",
    "publish_from",
    "created_at",
    "updated_at",
    "title",
    "slug",
    "lead",
    "body",
]


def test_an_undated_release_is_dated_by_its_first_publication_on_the_portal_named_as_such(client, releases):
    _, undated = releases
    NewsRelease.objects.filter(pk=undated.pk).update(created_at=FIXTURES_LOADED)
    undated.refresh_from_db()
    _, rss = get_xml(client, "/actualites/rss/")

    [item] = rss.xpath('channel/item[title="L\'OIM ouvre un bureau à Ouanaminthe"]')
    published = parsedate_to_datetime(item.findtext("pubDate"))
    assert published == undated.first_published_at.replace(microsecond=0)
    assert published.date() != FIXTURES_LOADED.date()
    assert item.findtext("description").startswith(
        "Date du communiqué non indiquée ; publié sur le portail le "
    )


def test_an_undated_release_loaded_from_a_fixture_is_dated_by_its_loading_here_never_by_the_fixture(
    client, releases
):
    _, undated = releases
    fixture = json.loads(serializers.serialize("json", [undated], fields=FIXTURE_FIELDS))
    fixture[0]["fields"].update(created_at="2026-11-25T13:22:02Z", updated_at="2026-11-25T13:22:43Z")
    undated.delete()
    before = timezone.now()
    for record in serializers.deserialize("json", json.dumps(fixture)):
        record.save()  # as loaddata does: raw, without the model's save()
    loaded = NewsRelease.objects.get(slug="bureau-ouanaminthe")
    assert loaded.first_published_at >= before

    _, rss = get_xml(client, "/actualites/rss/")
    _, atom = get_xml(client, "/actualites/feed/")

    [item] = rss.xpath('channel/item[title="L\'OIM ouvre un bureau à Ouanaminthe"]')
    assert parsedate_to_datetime(item.findtext("pubDate")) == loaded.first_published_at.replace(microsecond=0)
    assert item.findtext("description").startswith(
        "Date du communiqué non indiquée ; publié sur le portail le "
    )
    [entry] = atom.xpath('atom:entry[atom:title="L\'OIM ouvre un bureau à Ouanaminthe"]', namespaces=ATOM)
    assert "2026-11-25" not in etree.tostring(entry).decode()

    # Loaded again, it keeps the time it first went public here.
    for record in serializers.deserialize("json", json.dumps(fixture)):
        record.object.pk = loaded.pk
        record.save()
    assert NewsRelease.objects.get(pk=loaded.pk).first_published_at == loaded.first_published_at


def test_atom_feed_names_its_author(client, releases):
    _, atom = get_xml(client, "/actualites/feed/")

    assert atom.xpath("atom:author/atom:name/text()", namespaces=ATOM) == ["OIM Haïti"]


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
