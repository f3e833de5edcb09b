"""Pages travel gzip-compressed, except those holding a secret next to reflected input (BREACH)."""

import gzip

import pytest
from django.urls import reverse

from tests.factories import make_editor
from tests.scenarios import make_public_site

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.fixture
def site():
    return make_public_site()


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/", "Renforcement de la gestion des frontières à Ouanaminthe"),
        ("/projets/?q=frontieres", "Renforcement de la gestion des frontières à Ouanaminthe"),
        ("/actualites/canada-traite/", "Le Canada renforce la lutte contre la traite"),
        ("/en/bureaux/", "Poste-frontière de Ouanaminthe"),
        ("/recherche/?q=traite", "Le Canada renforce la lutte contre la traite"),
    ],
)
def test_a_public_page_is_sent_compressed_to_a_client_that_accepts_gzip(client, site, path, text):
    response = client.get(path, **GZIP)

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert text in html
    assert int(response["Content-Length"]) == len(response.content) < len(html.encode())


def test_a_client_without_gzip_gets_the_page_as_it_is(client, site):
    response = client.get("/")

    assert not response.has_header("Content-Encoding")
    assert "Renforcement de la gestion des frontières à Ouanaminthe" in response.content.decode()


def test_a_compressed_page_is_revalidated_with_its_etag(client, site):
    first = client.get("/projets/", **GZIP)
    assert first["ETag"].startswith('W/"')

    again = client.get("/projets/", HTTP_IF_NONE_MATCH=first["ETag"], **GZIP)

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


def test_the_admin_login_page_with_its_csrf_token_is_not_compressed(client):
    response = client.get(reverse("admin:login"), {"next": "/admin/"}, **GZIP)

    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()


def test_admin_pages_of_a_signed_in_editor_are_not_compressed(client):
    client.force_login(make_editor())

    response = client.get("/admin/importer/", **GZIP)

    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert "<title>Importer des pages du site de l&#x27;OIM" in response.content.decode()


def test_public_pages_seen_by_a_signed_in_editor_are_not_compressed(client, site):
    client.force_login(make_editor())

    response = client.get(site["release"].get_absolute_url(), **GZIP)

    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert "Le Canada renforce la lutte contre la traite" in response.content.decode()


def test_a_client_refusing_gzip_gets_the_page_uncompressed(client, site):
    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip;q=0, identity")

    assert not response.has_header("Content-Encoding")
    assert "Accept-Encoding" in response["Vary"]
    assert "Renforcement de la gestion des frontières à Ouanaminthe" in response.content.decode()
