"""A page cache that cannot be read or written is a miss, said once in the log, never an error page."""

import logging

import pytest
from django.db import connection

from scripts.page_queries import fetch
from tests.scenarios import make_public_site

pytestmark = pytest.mark.django_db

# Each public address, with a text its page shows from the content.
PAGES = {
    "/": "Renforcement de la gestion des frontières à Ouanaminthe",
    "/projets/": "Développement local dans le Nord-Est",
    "/projets/?status=active": "Renforcement de la gestion des frontières à Ouanaminthe",
    "/actualites/": "Communiqué plus ancien sur la diaspora",
    "/actualites/canada-traite/": "Un nouveau financement du Canada soutient la lutte contre la traite.",
    "/bureaux/": "Poste-frontière de Ouanaminthe",
    "/a-propos/": "Des postes-frontières renforcés.",
    "/recherche/?q=frontieres": "Renforcement de la gestion des frontières à Ouanaminthe",
    "/en/projets/": "Développement local dans le Nord-Est",
    "/projets/export.csv": "BM.0042",
    "/projets/export.json": "BM.0042",
    "/projets/iati.xml": "78350.00",
    "/actualites/feed/": "Le Canada renforce la lutte contre la traite",
    "/actualites/rss/": "Le Canada renforce la lutte contre la traite",
    "/sitemap.xml": "sitemap-",
    "/sitemap-projects.xml": "/projets/",
}


@pytest.fixture
def site():
    return make_public_site()


def drop_cache_table():
    # As a restore that skipped it, or a failed migration, would leave the database.
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE oimhaiti_cache")


def test_public_pages_are_served_without_the_cache_table_and_the_fault_is_logged_once(client, site, caplog):
    detail_pages = {
        site["border"].get_absolute_url(): "Des agents formés.",
        site["office"].get_absolute_url(): "Bureau principal de Port-au-Prince",
    }
    drop_cache_table()

    with caplog.at_level(logging.WARNING, logger="core.cache"):
        for path, text in {**PAGES, **detail_pages}.items():
            response, body = fetch(client, path)
            assert response.status_code == 200, path
            assert text in body.decode(), path

    warnings = [record for record in caplog.records if record.name == "core.cache"]
    assert len(warnings) == 1
    assert "page cache cannot be read or written" in warnings[0].getMessage()


def test_staff_saves_still_work_without_the_cache_table(client, site):
    drop_cache_table()
    border = site["border"]
    border.title = "Gestion des frontières renforcée à Ouanaminthe"
    border.save()  # writes a new content version to the cache

    response, body = fetch(client, "/projets/")
    assert response.status_code == 200
    assert "Gestion des frontières renforcée à Ouanaminthe" in body.decode()
