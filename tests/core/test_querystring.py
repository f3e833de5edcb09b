"""Filtered lists answer a submitted form with blank fields by the address without them."""

import pytest
from django.urls import reverse

from core.querystring import without_empty_parameters
from tests.factories import make_project

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "given, cleaned",
    [
        ("q=&status=active&type=&status=completed&donor=", "status=active&status=completed"),
        ("type=x&q=+&ordering=-budget", "type=x&ordering=-budget"),
        ("q=d%C3%A9placement&page=", "q=d%C3%A9placement"),
        ("q=&status=", ""),
        ("&&flag&year_min=2020", "year_min=2020"),
    ],
)
def test_blank_parameters_are_dropped_and_the_others_kept_in_order(given, cleaned):
    assert without_empty_parameters(given) == cleaned


def test_project_list_redirects_a_form_with_blank_fields_to_its_short_address(client):
    make_project(title="Mobilisation de la diaspora")

    response = client.get(
        "/projets/?q=&status=active&type=&coverage=&region=&donor=&year_min=&ordering=title"
    )

    assert response.status_code == 302
    assert response["Location"] == "/projets/?status=active&ordering=title"
    followed = client.get(response["Location"])
    assert followed.status_code == 200
    assert "Mobilisation de la diaspora" in followed.content.decode()


def test_all_blank_redirects_to_the_bare_list_and_the_english_list_keeps_its_prefix(client):
    assert client.get("/projets/?q=&status=")["Location"] == "/projets/"
    assert client.get("/en/projets/?q=&type=x")["Location"] == "/en/projets/?type=x"


def test_invalid_values_survive_the_redirect_and_are_shown_as_errors(client):
    response = client.get(reverse("projects:list"), {"q": "", "year_min": "deux-mille"}, follow=True)

    assert response.redirect_chain == [("/projets/?year_min=deux-mille", 302)]
    html = response.content.decode()
    assert "En cours à partir de : Saisissez un nombre entier." in html


def test_search_page_drops_blank_parameters_too(client):
    response = client.get("/recherche/?q=traite&page=")

    assert response["Location"] == "/recherche/?q=traite"


def test_an_address_without_blank_parameters_is_served_as_it_is(client):
    assert client.get("/projets/?status=active").status_code == 200
    assert client.get("/recherche/?q=traite").status_code == 200
