import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import PublicationStatus
from news.models import NewsRelease
from offices.models import Departement, SiteKind
from portal.search import search_site
from projects.models import Project
from tests.factories import make_office, make_project, make_release

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
DIASPORA = "Mobilisation de la diaspora à l’appui du développement d’Haïti"
HISPANIOLA = "L'OIM intensifie ses efforts de lutte contre la traite sur Hispaniola"
BORDER_POLICE = (
    "Avec le soutien des Etats-Unis et du Canada, l’OIM renforce la police nationale haïtienne aux frontières"
)


@pytest.fixture
def seed_content(db):
    """The seed pages as the importer makes them, and the Ouanaminthe sub-office."""
    pages = sorted(str(path) for path in SEEDS.glob("00[1-4]_*.txt"))
    call_command("import_iom_pages", *pages, stdout=io.StringIO())
    make_office(
        name="Sous-bureau de Ouanaminthe",
        kind=SiteKind.SUB_OFFICE,
        city="Ouanaminthe",
        departement=Departement.NORD_EST,
        description="Sous-bureau de l'OIM à la frontière du Nord-Est.",
    )


def titles(text):
    return [result.title for result in search_site(text).results]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("developpement", DIASPORA),
        ("traite", HISPANIOLA),
        ("polifront", BORDER_POLICE),
        ("Belladere", BORDER_POLICE),
        ("BELLADÈRE", BORDER_POLICE),
        ("diaspra", DIASPORA),
    ],
)
def test_search_finds_the_page_a_person_means(seed_content, query, expected):
    assert expected in titles(query)


def test_search_ignores_accents_and_finds_the_accented_word(seed_content):
    result = next(r for r in search_site("developpement").results if r.title == DIASPORA)
    assert "<mark>développement</mark>" in result.excerpt.lower()


def test_singular_finds_plural_and_related_words(seed_content):
    results = search_site("migrant").results
    excerpts = " ".join(result.excerpt for result in results).lower()
    assert "<mark>migrants</mark>" in excerpts
    assert "<mark>migration</mark>" in excerpts or "<mark>migrations</mark>" in excerpts
    assert {result.kind for result in results} >= {"Projet", "Communiqué"}


def test_place_name_finds_the_office_and_the_release(seed_content):
    results = search_site("Ouanaminthe").results
    assert ("Bureau ou site", "Sous-bureau de Ouanaminthe") in {(r.kind, r.title) for r in results}
    assert BORDER_POLICE in {r.title for r in results}


@pytest.mark.parametrize("identifier", ["L48-805", "l48-805", "CD.0037", "HT10P0503"])
def test_identifier_finds_its_project_first(seed_content, identifier):
    make_project(title=f"Autre projet citant {identifier}", description=f"Voir aussi {identifier}.")
    first = search_site(identifier).results[0]
    expected = Project.objects.filter(project_code__iexact=identifier) | Project.objects.filter(
        prima_id__iexact=identifier
    )
    assert first.title == expected.get().title


def test_a_typo_is_tolerated_and_says_so(seed_content):
    outcome = search_site("diaspra")
    assert outcome.typo_tolerant
    assert outcome.results[0].title == DIASPORA


def test_drafts_and_scheduled_records_are_never_found(db):
    make_project(title="Projet brouillon sur la diaspora", publication_status=PublicationStatus.DRAFT)
    make_release(title="Communiqué brouillon diaspora", publication_status=PublicationStatus.DRAFT)
    make_office(name="Bureau brouillon diaspora", publication_status=PublicationStatus.DRAFT)
    visible = make_project(title="Projet publié sur la diaspora")
    assert titles("diaspora") == [visible.title]
    assert titles("diaspra") == [visible.title]


def test_the_vector_follows_staff_edits(db):
    project = make_project(title="Projet sans mot-clé")
    assert titles("reboisement") == []
    Project.objects.filter(pk=project.pk).update(description="Un programme de reboisement des mornes.")
    assert titles("reboisement") == [project.title]


def test_search_page_shows_kind_title_highlight_and_link(client, seed_content):
    response = client.get("/recherche/", {"q": "traite"})
    html = response.content.decode()
    release = NewsRelease.objects.get(title=HISPANIOLA)
    assert response.status_code == 200
    assert f'href="{release.get_absolute_url()}"' in html
    assert "Communiqué" in html
    assert "<mark>traite</mark>" in html.lower()


@pytest.mark.parametrize(
    "query",
    ["", "&&", "'", ":*", "<script>alert(1)</script>", "a\x01b\x7f", "x" * 10_000, "!()|&<->", "\x00"],
)
def test_odd_queries_give_a_helpful_page(client, db, query):
    # A blank query is first redirected to the address without it.
    response = client.get("/recherche/", {"q": query}, follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in html
    assert "<h1>Recherche</h1>" in html


def test_the_query_is_shown_back_escaped(client, db):
    response = client.get("/recherche/", {"q": "<script>alert(1)</script>"})
    assert "« &lt;script&gt;alert(1)&lt;/script&gt; »" in response.content.decode()


def test_a_very_long_query_is_refused_with_a_message(client, db):
    response = client.get("/recherche/", {"q": "x" * 10_000})
    assert "trop longue" in response.content.decode()


def test_the_header_search_box_is_on_every_page(client, db):
    for url in ["/", "/projets/", "/actualites/", "/bureaux/", "/a-propos/"]:
        html = client.get(url).content.decode()
        assert 'action="/recherche/"' in html, url


def test_search_runs_a_fixed_number_of_queries(client, db):
    for number in range(30):
        make_project(title=f"Projet diaspora {number}", description="Mobilisation de la diaspora.")
        make_release(title=f"Communiqué diaspora {number}", body="La diaspora haïtienne.")
    # One query per kind of record ranks it (projects, releases, offices, the About page), then one
    # per kind shown on the page marks its excerpts.
    with CaptureQueriesContext(connection) as captured:
        html = client.get("/recherche/", {"q": "diaspora"}).content.decode()
    kinds_shown = set(re.findall(r'class="search-result__kind">([^<]+)<', html))
    assert html.count('class="search-result"') == 20
    selects = [query for query in captured.captured_queries if query["sql"].startswith("SELECT")]
    assert len(selects) == 4 + len(kinds_shown)


def test_search_uses_the_gin_index(db):
    for number in range(200):
        make_project(title=f"Projet {number}", description=f"Texte numéro {number}.")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE projects_project")
        cursor.execute("SET enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM projects_project "
            "WHERE search_vector @@ to_tsquery('french_unaccent'::regconfig, 'diaspora:*')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")
    assert "project_search_gin" in plan


def test_the_project_list_text_filter_uses_the_same_search(client, seed_content):
    html = client.get("/projets/", {"q": "developpement"}).content.decode()
    assert DIASPORA in html
    assert "Renforcement des capacités du Gouvernement haïtien" not in html
    html = client.get("/projets/", {"q": "L48-805"}).content.decode()
    assert "Renforcement des capacités du Gouvernement haïtien" in html
    assert DIASPORA not in html
