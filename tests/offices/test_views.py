from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import OrganisationKind, PublicationStatus
from offices.models import Departement, SiteKind
from tests.factories import make_office, make_organisation, make_project, make_release
from tests.scenarios import make_project_world

pytestmark = pytest.mark.django_db

LIST_QUERIES = 3  # the offices, and the cached map: the content version and the drawing
# Measured: the office with its partner, then its projects and its releases, and its cached map.
DETAIL_QUERIES = 5


def test_office_list_groups_sites_by_kind_in_the_declared_order(client):
    civil_protection = make_organisation(
        "Direction de la Protection Civile", kind=OrganisationKind.GOVERNMENT
    )
    make_office(
        name="Stock de Jérémie",
        kind=SiteKind.RELIEF_STOCK,
        city="Jérémie",
        departement=Departement.GRAND_ANSE,
        partner=civil_protection,
    )
    make_office(
        name="Sous-bureau des Cayes", kind=SiteKind.SUB_OFFICE, city="Les Cayes", departement=Departement.SUD
    )
    make_office(
        name="Bureau de Port-au-Prince",
        kind=SiteKind.MAIN_OFFICE,
        city="Port-au-Prince",
        departement=Departement.OUEST,
    )
    make_office(name="Bureau en brouillon", publication_status=PublicationStatus.DRAFT)

    response = client.get(reverse("offices:list"))

    assert [label for label, _ in response.context["groups"]] == [
        "Bureau principal",
        "Sous-bureau",
        "Stock pré-positionné de biens non alimentaires (NFI)",
    ]
    html = response.content.decode()
    assert "Bureau de Port-au-Prince" in html
    assert "Jérémie · département Grand&#x27;Anse" in html
    assert "En partenariat avec Direction de la Protection Civile" in html
    assert "Bureau en brouillon" not in html
    assert (
        html.index("Bureau de Port-au-Prince")
        < html.index("Sous-bureau des Cayes")
        < html.index("Stock de Jérémie")
    )


def test_office_page_shows_kind_departement_map_projects_and_releases_but_no_staff_note(client):
    office = make_office(
        name="Sous-bureau de Ouanaminthe",
        kind=SiteKind.SUB_OFFICE,
        city="Ouanaminthe",
        departement=Departement.NORD_EST,
        latitude=Decimal("19.55056"),
        longitude=Decimal("-71.72444"),
        coordinates_source="Centre de la commune, OpenStreetMap ; verify before publishing",
        coordinates_approximate=True,
        description="Le sous-bureau suit la frontière nord.",
        email="ouanaminthe@example.org",
    )
    office.projects.add(
        make_project(title="Gestion des frontières"),
        make_project(title="Projet brouillon", publication_status=PublicationStatus.DRAFT),
    )
    office.news_releases.add(
        make_release(title="Nouvelle base de la POLIFRONT"),
        make_release(title="Communiqué programmé", publish_from=timezone.now() + timedelta(days=1)),
    )

    response = client.get(office.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    for fact in (
        "Sous-bureau de Ouanaminthe",
        "Nord-Est",
        "19,55056, -71,72444",
        "(approximatives)",
        '<svg class="office-map"',
        "mlat=19.55056&amp;mlon=-71.72444",
        '<a href="mailto:ouanaminthe@example.org">',
        "<p>Le sous-bureau suit la frontière nord.</p>",
        "Gestion des frontières",
        "Nouvelle base de la POLIFRONT",
    ):
        assert fact in html, fact
    assert "Projet brouillon" not in html
    assert "Communiqué programmé" not in html
    assert "OpenStreetMap ;" not in html
    assert "verify before publishing" not in html
    assert "Source :" not in html


def test_footer_promises_no_office_addresses_the_sources_do_not_give(client):
    html = client.get(reverse("offices:list")).content.decode()

    assert "Adresses des bureaux" not in html
    assert f'<a href="{reverse("offices:list")}">Bureaux et sites</a>' in html


def test_unpublished_office_has_no_page(client):
    office = make_office(publication_status=PublicationStatus.DRAFT)

    assert client.get(office.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("count", [3, 60])
def test_office_pages_run_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    projects = make_project_world(count)
    office = projects[0].offices.get()
    for number in range(count):
        make_office(name=f"Stock {number}", kind=SiteKind.RELIEF_STOCK)

    client.get(reverse("offices:list"))  # draws the cached maps
    client.get(office.get_absolute_url())
    with django_assert_num_queries(LIST_QUERIES):
        client.get(reverse("offices:list"))
    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(office.get_absolute_url())

    assert len(response.context["office"].projects.all()) == count


def test_office_phone_is_a_working_tel_link(client):
    office = make_office(name="Bureau principal de Port-au-Prince", phone="+509 3702 5066")

    html = client.get(office.get_absolute_url()).content.decode()

    assert '<a href="tel:+50937025066">+509 3702 5066</a>' in html


def test_office_phone_written_without_country_code_links_to_the_haitian_number(client):
    office = make_office(phone="3702 5066")

    html = client.get(office.get_absolute_url()).content.decode()

    assert '<a href="tel:+50937025066">3702 5066</a>' in html
