from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import PublicationStatus
from projects.models import Coverage, ProjectFigure, ProjectStatus, Region, ResultKind
from tests.factories import (
    add_result,
    make_country,
    make_office,
    make_organisation,
    make_project,
    make_project_type,
    make_release,
    make_thematic_area,
)
from tests.scenarios import make_project_world

pytestmark = pytest.mark.django_db

NBSP = "\xa0"

# Measured: the project row, then its donors, partners, countries, results, figures, areas,
# offices and releases, one query each; the announced funding and its donors.
DETAIL_QUERIES = 9
# Measured: the page count and rows, the donors of the rows, five facet counts.
# page, donors, announced funding and its donors; from the cache: the content version, count,
# filter counts, charts
LIST_QUERIES = 8


def french(text):
    return text.replace(" ", NBSP)


@pytest.fixture
def labour_project():
    project = make_project(
        title="Renforcement des capacités du Gouvernement haïtien en vue d'une gestion améliorée de la migration de main-d'œuvre",
        slug="migration-main-d-oeuvre",
        project_code="L48-805",
        prima_id="HT10P0499",
        end_year=2024,
        start_year=2021,
        status=ProjectStatus.COMPLETED,
        project_type=make_project_type(name="Migration de main-d'œuvre"),
        budget=Decimal("78350.00"),
        coverage=Coverage.NATIONAL,
        region=Region.LATIN_AMERICA_CARIBBEAN,
        funding_year=2020,
        fund="Fonds de l'OIM pour le développement",
        beneficiary_countries=[make_country()],
        donors=[make_organisation("Fonds de l'OIM pour le développement", acronym="IDF")],
        description="Premier paragraphe de la description.\n\nSecond paragraphe.",
    )
    add_result(project, text="Un rapport final et des recommandations.", kind=ResultKind.EXPECTED_RESULT)
    add_result(project, text="Former des attachés.", kind=ResultKind.ACTIVITY)
    return project


def test_project_page_shows_the_facts_of_an_iom_project_page(client, labour_project):
    response = client.get(labour_project.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    for fact in (
        labour_project.title.replace("'", "&#x27;"),
        "L48-805",
        "HT10P0499",
        "Année de début",
        "2021",
        "Année de fin",
        "2024",
        "Achevé",
        "Migration de main-d&#x27;œuvre",
        french("78 350,00 $ US"),
        "National",
        "Amérique latine et Caraïbes",
        "Année de financement",
        "2020",
        "Haïti",
        "Fonds de l&#x27;OIM pour le développement (IDF)",
        "<p>Premier paragraphe de la description.</p>",
        "<p>Second paragraphe.</p>",
    ):
        assert fact in html, fact
    assert '<h2 id="resultats-titre">Résultats escomptés</h2>\n        <ol><li>Un rapport final' in html
    assert "<ol><li>Former des attachés.</li></ol>" in html


def test_project_page_shows_only_published_offices_and_releases(client, labour_project):
    labour_project.offices.add(
        make_office(name="Bureau des Cayes"),
        make_office(name="Bureau en brouillon", publication_status=PublicationStatus.DRAFT),
    )
    make_release(title="Communiqué publié", related_projects=[labour_project])
    make_release(
        title="Communiqué en brouillon",
        publication_status=PublicationStatus.DRAFT,
        related_projects=[labour_project],
    )
    make_release(
        title="Communiqué programmé",
        publish_from=timezone.now() + timedelta(days=2),
        related_projects=[labour_project],
    )

    html = client.get(labour_project.get_absolute_url()).content.decode()

    assert "Bureau des Cayes" in html
    assert "Communiqué publié" in html
    assert "Bureau en brouillon" not in html
    assert "Communiqué en brouillon" not in html
    assert "Communiqué programmé" not in html


@pytest.mark.parametrize(
    "fields",
    [
        {"publication_status": PublicationStatus.DRAFT},
        {"publish_from": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "scheduled"],
)
def test_unpublished_projects_have_no_page_and_are_not_listed(client, fields):
    project = make_project(title="Projet caché", **fields)

    assert client.get(project.get_absolute_url()).status_code == 404
    assert "Projet caché" not in client.get(reverse("projects:list")).content.decode()


def test_project_list_shows_cards_with_french_amounts_and_donors(client):
    make_project(
        title="Mobilisation de la diaspora",
        project_code="CD.0037",
        budget=Decimal("200000"),
        donors=[make_organisation("Fonds de l'OIM pour le développement", acronym="IDF")],
    )

    html = client.get(reverse("projects:list")).content.decode()

    assert "Mobilisation de la diaspora" in html
    assert "CD.0037" in html
    assert french("200 000,00 $ US") in html
    assert "IDF" in html
    assert "1 projet<" in html


def test_project_list_is_paginated_and_keeps_the_filters_in_page_links(client):
    for number in range(25):
        make_project(title=f"Projet {number:02d}", status=ProjectStatus.ACTIVE)

    response = client.get(reverse("projects:list"), {"status": "active", "page": 2})

    assert response.status_code == 200
    assert response.context["page_obj"].number == 2
    assert len(response.context["page_obj"].object_list) == 5
    assert 'href="?status=active&amp;page=1"' in response.content.decode()


def test_project_page_has_title_description_canonical_and_open_graph(client, settings, labour_project):
    settings.SITE_URL = "https://haiti.example.org"
    labour_project.summary = "Un résumé pour les listes."
    labour_project.save()

    html = client.get(labour_project.get_absolute_url()).content.decode()

    assert "<title>Renforcement des capacités" in html
    assert "| OIM Haïti</title>" in html
    assert '<meta name="description" content="Un résumé pour les listes.">' in html
    canonical = f"https://haiti.example.org/projets/{labour_project.slug}/"
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert f'<meta property="og:url" content="{canonical}">' in html
    assert '<meta property="og:title" content="Renforcement des capacités' in html


@pytest.mark.parametrize("count", [3, 60])
def test_project_list_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    make_project_world(count)
    client.get(reverse("projects:list"))  # computes the cached filter counts and charts

    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(reverse("projects:list"))

    assert len(response.context["page_obj"].object_list) == min(count, 20)


@pytest.mark.parametrize("count", [3, 60])
def test_filtered_project_list_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    projects = make_project_world(count)
    donor = projects[0].donors.first()
    params = {
        "status": ["active", "completed"],
        "type": projects[0].project_type.slug,
        "donor": donor.pk,
        "year_min": 2016,
        "budget_min": 1,
        "q": "Projet",
        "ordering": "-budget",
    }

    client.get(reverse("projects:list"), params)  # computes the cached filter counts and charts
    # Two more: the chosen project type and the chosen donor are looked up to validate them.
    with django_assert_num_queries(LIST_QUERIES + 2):
        response = client.get(reverse("projects:list"), params)

    assert response.context["paginator"].count == len([p for p in projects if p.end_year >= 2016])


@pytest.mark.parametrize("count", [3, 60])
def test_project_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    projects = make_project_world(count)
    # Every project shares the office; give the first one every release, so its page lists `count`.
    for project in projects[1:]:
        project.news_releases.first().related_projects.add(projects[0])

    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(projects[0].get_absolute_url())

    assert len(response.context["project"].news_releases.all()) == count


def test_project_page_names_its_beneficiary_states_and_thematic_areas_in_order(client):
    project = make_project(
        beneficiary_countries=[make_country("HT", "Haïti"), make_country("DO", "République dominicaine")]
    )
    project.thematic_areas.set(
        [make_thematic_area("Traite des personnes", position=8), make_thematic_area("Protection", position=2)]
    )

    html = client.get(project.get_absolute_url()).content.decode()

    assert "Haïti, République dominicaine" in html
    assert html.index("<li>Protection</li>") < html.index("<li>Traite des personnes</li>")


def test_project_figure_keeps_the_qualifier_and_wording_of_its_text(client):
    project = make_project()
    ProjectFigure.objects.create(
        project=project,
        position=1,
        value=Decimal("2400000000"),
        currency="USD",
        qualifier="quelque",
        value_as_stated="2,4 milliards",
        label="transférés par la diaspora haïtienne",
        year=2017,
    )

    html = client.get(project.get_absolute_url()).content.decode()

    assert f'<span class="key-figures__value">Quelque 2,4 milliards{NBSP}${NBSP}US</span>' in html
    assert "2 400 000 000" not in html and f"2{NBSP}400{NBSP}000{NBSP}000" not in html


def test_a_project_still_active_after_its_end_year_says_its_status_is_not_updated(client):
    last_year = timezone.localdate().year - 1
    project = make_project(title="Projet périmé", status=ProjectStatus.ACTIVE, end_year=last_year)
    make_project(title="Projet en cours", status=ProjectStatus.ACTIVE, end_year=last_year + 1)

    page = client.get(project.get_absolute_url()).content.decode()
    listing = client.get(reverse("projects:list")).content.decode()

    note = f"Fin prévue en {last_year} ; statut non mis à jour"
    assert note in page
    assert f"Actif (fin prévue en {last_year} ; statut non mis à jour)</dd>" in page
    assert listing.count(note) == 1
