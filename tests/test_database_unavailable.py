"""The database stopped: every page says so in French with a 503, and works again once it is back."""

import pytest
from django.db import OperationalError

from oimhaiti.unavailable import server_error
from tests.factories import make_project, make_release


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/projets/",
        "/projets/reintegration/",
        "/actualites/",
        "/actualites/canada/",
        "/bureaux/",
        "/a-propos/",
        "/recherche/?q=diaspora",
        "/projets/export.csv",
        "/actualites/feed/",
        "/sitemap.xml",
    ],
)
def test_a_stopped_database_gives_a_french_503_page_and_the_site_recovers(client, database_unreachable, path):
    make_project(slug="reintegration", title="Réintégration des migrants de retour")
    make_release(slug="canada", title="Le Canada soutient la lutte contre la traite")

    with database_unreachable():
        response = client.get(path)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "Site temporairement indisponible" in html
    assert "Veuillez réessayer dans quelques instants" in html
    assert "erreur inattendue" not in html

    # The database is back: the next request works, without a restart.
    response = client.get(path)
    assert response.status_code == 200


def test_the_503_page_is_in_english_under_en(client, database_unreachable):
    with database_unreachable():
        response = client.get("/en/projets/")
    assert response.status_code == 503
    assert "Site temporarily unavailable" in response.content.decode()


def test_a_failed_connection_raised_outside_a_view_also_gets_the_503_page(rf):
    # A middleware's exception (a session saved on the way out) reaches handler500, not the view's.
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(rf.get("/"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Site temporairement indisponible" in response.content.decode()
