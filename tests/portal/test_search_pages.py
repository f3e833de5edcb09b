"""The About page is searched with its sections, like the other records people look for."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import html

from core.models import PublicationStatus
from portal.search import search_site
from tests.factories import add_section, make_page, make_release

pytestmark = pytest.mark.django_db

# As in fixtures/05_pages.json, from the seed text of the overview page.
DOMAINS = (
    "Actuellement, l'OIM met en œuvre 12 projets actifs dans les domaines suivants :\n\n"
    "- Opérations de gestion de camp, WASH et planification de sites\n"
    "- Santé, réponse au choléra, soutien psychosocial\n"
    "- Traite des personnes"
)


@pytest.fixture
def about():
    page = make_page(
        slug="a-propos", title="L'OIM en Haïti", lead="L'OIM est présente en Haïti.", body=DOMAINS
    )
    add_section(page, heading="Gestion des frontières", body="Des postes-frontières renforcés à Belladère.")
    add_section(page, heading="Retours", body="Des retours volontaires depuis les postes-frontières.")
    return page


def test_cholera_finds_the_about_page(client, about):
    page = html.fromstring(client.get("/recherche/", {"q": "choléra"}).content)

    [result] = page.xpath("//li[@class='search-result']")
    assert result.findtext(".//p[@class='search-result__kind']") == "À propos"
    link = result.find(".//h2/a")
    assert (link.text, link.get("href")) == ("L'OIM en Haïti", "/a-propos/")
    excerpt = result.find(".//p[@class='search-result__excerpt']")
    assert excerpt.findtext("mark") == "choléra"
    assert "Santé, réponse au choléra, soutien psychosocial" in excerpt.text_content()


def test_words_of_its_sections_find_the_page_once_with_the_section_in_the_excerpt(about):
    [result] = search_site("postes-frontières").results

    assert result.title == "L'OIM en Haïti"
    assert (
        "Gestion des <mark>frontières</mark> — Des <mark>postes</mark>-<mark>frontières</mark> renforcés"
        in result.excerpt
    )


def test_only_the_published_about_page_is_searched(about):
    make_page(slug="brouillon", title="Notes sur le choléra", body="Le choléra.")
    about.publication_status = PublicationStatus.DRAFT
    about.save()

    assert search_site("choléra").results == []


def test_the_about_page_adds_one_query_whatever_its_sections(client, about):
    for number in range(20):
        add_section(about, heading=f"Domaine {number}", body="La diaspora haïtienne.")
    make_release(title="Communiqué diaspora", body="La diaspora haïtienne.")

    # One query per kind of record ranks it (projects, releases, offices, the About page), then one
    # per kind shown marks its excerpts: the release and the page.
    with CaptureQueriesContext(connection) as captured:
        html_page = client.get("/recherche/", {"q": "diaspora"}).content.decode()
    assert len([query for query in captured.captured_queries if query["sql"].startswith("SELECT")]) == 4 + 2
    assert "L&#x27;OIM en Haïti" in html_page or "L'OIM en Haïti" in html_page
