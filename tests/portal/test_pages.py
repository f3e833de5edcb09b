from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.views.defaults import server_error

from core.models import PublicationStatus
from offices.models import SiteKind
from projects.models import ProjectStatus
from tests.factories import (
    add_section,
    make_office,
    make_page,
    make_project,
    make_release,
    make_thematic_area,
)
from tests.scenarios import make_project_world

pytestmark = pytest.mark.django_db

NBSP = "\xa0"
# Measured: the about page, two aggregates, the releases, the projects, the offices.
HOME_QUERIES = 7  # about, releases, projects, offices; from the cache: the version, figures, charts
ABOUT_QUERIES = 3


@pytest.fixture
def about():
    page = make_page(
        title="L'OIM en Haïti",
        slug="a-propos",
        lead="L'OIM est présente en Haïti depuis 1994.",
        body="L'Organisation s'engage à soutenir le Gouvernement d'Haïti.",
    )
    add_section(page, heading="Capacités de l'OIM dans le pays", body="Un bureau principal à Port-au-Prince.")
    return page


def test_home_shows_the_overview_key_figures_releases_projects_and_offices(client, about):
    make_project(title="Projet actif en dollars", budget=Decimal("200000"), start_year=2020)
    make_project(title="Autre projet actif", budget=Decimal("78350.50"))
    make_project(title="Projet en dollars canadiens", budget=Decimal("3000000"), budget_currency="CAD")
    make_project(title="Projet achevé", budget=Decimal("999999"), status=ProjectStatus.COMPLETED)
    make_project(
        title="Projet brouillon", budget=Decimal("1000000"), publication_status=PublicationStatus.DRAFT
    )
    make_office(name="Bureau de Port-au-Prince", kind=SiteKind.MAIN_OFFICE, city="Port-au-Prince")
    make_office(name="Sous-bureau des Cayes", kind=SiteKind.SUB_OFFICE)
    make_office(name="Stock de Jacmel", kind=SiteKind.RELIEF_STOCK)
    make_office(name="Bureau brouillon", kind=SiteKind.SUB_OFFICE, publication_status=PublicationStatus.DRAFT)
    make_release(title="Dernier communiqué", release_date=date(2019, 11, 22))
    make_release(title="Communiqué programmé", publish_from=timezone.now() + timedelta(hours=1))

    response = client.get(reverse("home"))

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "L&#x27;OIM est présente en Haïti depuis 1994." in html
    assert '<span class="stats__value">3</span> <span class="stats__label">projets actifs' in html
    # Only the published active projects budgeted in dollars are added up.
    assert f"278{NBSP}351{NBSP}${NBSP}US" in html
    assert '<span class="stats__value">2</span> <span class="stats__label">bureaux' in html
    assert '<span class="stats__value">1</span> <span class="stats__label">stocks et sites' in html
    assert "Dernier communiqué" in html
    assert "Projet actif en dollars" in html
    assert "Bureau de Port-au-Prince" in html
    for hidden in ("Projet brouillon", "Bureau brouillon", "Communiqué programmé", "Projet achevé"):
        assert hidden not in html


def test_home_works_before_any_content_exists(client):
    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert f">0{NBSP}${NBSP}US<" in response.content.decode()


def test_about_page_shows_the_overview_sections_and_domains(client, about):
    make_thematic_area(name="Réduction des risques de catastrophe", position=2)
    make_thematic_area(name="Traite des personnes", position=1)

    response = client.get(reverse("about"))

    html = response.content.decode()
    assert "<h1>L&#x27;OIM en Haïti</h1>" in html
    assert "depuis 1994" in html
    assert '<h2 id="section-1">Capacités de l&#x27;OIM dans le pays</h2>' in html
    assert html.index("Traite des personnes") < html.index("Réduction des risques de catastrophe")


def test_a_text_written_as_a_list_is_shown_as_a_bulleted_list(client, about):
    add_section(
        about,
        heading="Les activités de l'OIM",
        body="Dans les domaines suivants :\n\n- Protection des bénéficiaires\n- Traite des personnes",
    )

    html = client.get(reverse("about")).content.decode()

    assert f"<p>Dans les domaines suivants{NBSP}:</p><ul><li>Protection des bénéficiaires</li>" in html
    assert "<li>Traite des personnes</li></ul>" in html
    assert "- Protection" not in html


def test_a_draft_about_page_is_not_shown(client):
    make_page(
        slug="a-propos",
        title="Texte pas encore relu",
        lead="Brouillon",
        publication_status=PublicationStatus.DRAFT,
    )

    for url in (reverse("about"), reverse("home")):
        html = client.get(url).content.decode()
        assert "Texte pas encore relu" not in html
        assert "Brouillon" not in html


@pytest.mark.parametrize("count", [3, 60])
def test_home_and_about_run_a_fixed_number_of_queries(client, django_assert_num_queries, about, count):
    make_project_world(count)
    for number in range(count):
        make_office(name=f"Bureau {number}", kind=SiteKind.SUB_OFFICE)
        make_thematic_area()

    client.get(reverse("home"))  # computes the cached figures and charts
    with django_assert_num_queries(HOME_QUERIES):
        client.get(reverse("home"))
    with django_assert_num_queries(ABOUT_QUERIES):
        client.get(reverse("about"))


def test_pages_have_a_description_canonical_url_and_open_graph_tags(client, settings, about):
    settings.SITE_URL = "https://haiti.example.org"

    html = client.get(reverse("about")).content.decode()

    assert "<title>L&#x27;OIM en Haïti | OIM Haïti</title>" in html
    assert '<meta name="description" content="L&#x27;OIM est présente en Haïti depuis 1994.">' in html
    assert '<link rel="canonical" href="https://haiti.example.org/a-propos/">' in html
    assert '<meta property="og:locale" content="fr_FR">' in html
    assert '<a class="skip-link" href="#contenu">' in html
    assert '<main id="contenu"' in html
    assert '<a href="/a-propos/" aria-current="page">À propos</a>' in html
    assert 'href="https://haiti.iom.int/"' in html


def test_missing_page_is_a_french_404_in_the_site_layout(client):
    response = client.get("/projets/pas-de-tel-projet/")

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "<h1>Page introuvable</h1>" in html
    assert "Navigation principale" in html
    assert "<title>Page introuvable | OIM Haïti</title>" in html


def test_server_error_page_is_french_and_needs_no_database(django_assert_num_queries):
    request = RequestFactory().get("/projets/")

    with django_assert_num_queries(0):
        response = server_error(request)
        html = render_to_string("500.html")

    assert response.status_code == 500
    assert "Le site a rencontré une erreur" in response.content.decode()
    assert "Navigation principale" in html
    assert 'href="https://haiti.iom.int/"' in html


def test_home_counts_as_active_only_projects_not_past_their_end_year_and_says_so(client, about):
    this_year = timezone.localdate().year
    make_project(title="Projet en cours", end_year=this_year, budget=Decimal("1000"))
    make_project(title="Projet sans fin", end_year=None, budget=Decimal("500"))
    make_project(title="Projet au statut périmé", end_year=this_year - 2, budget=Decimal("200000"))

    html = client.get(reverse("home")).content.decode()

    assert '<span class="stats__value">2</span> <span class="stats__label">projets actifs' in html
    assert f"1{NBSP}500{NBSP}${NBSP}US" in html
    assert (
        "Projets actifs : les projets publiés ici au statut « Actif » dont l'année de fin n'est pas passée. "
        "1 projet encore « Actif » après son année de fin (statut non mis à jour) n'est pas compté."
    ) in html
    assert "Projet au statut périmé" not in html  # not among the running projects either
    assert 'id="graphiques-titre"' in html


def test_home_charts_cover_the_projects_even_when_none_is_running(client, about):
    make_project(title="Projet achevé", status=ProjectStatus.COMPLETED, budget=Decimal("1000"))

    html = client.get(reverse("home")).content.decode()

    assert '<span class="stats__value">0</span> <span class="stats__label">projets actifs' in html
    assert 'id="graphiques-titre"' in html


def test_about_page_gives_its_figures_as_those_of_the_iom_overview(client, about):
    add_section(about, heading="Les activités de l'OIM", body="L'OIM met en œuvre 12 projets actifs.")

    html = client.get(reverse("about")).content.decode()

    assert "12 projets actifs" in html
    assert (
        "il n'est pas daté, et ses chiffres, dont le nombre de projets actifs, sont ceux de cette présentation"
        in html
    )
    assert "Les chiffres de la page d'accueil sont calculés sur les" in html
