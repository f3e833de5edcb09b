"""The English interface under /en/: French stays the default at the current addresses."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.test.utils import override_script_prefix
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from core.formatting import long_date, money, money_whole, years
from projects.models import ProjectStatus
from tests.factories import add_funding, make_office, make_organisation, make_release
from tests.scenarios import make_diaspora_project, make_labour_migration_project

pytestmark = pytest.mark.django_db

NBSP = "\xa0"


def html_of(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response.content.decode()


def html_lang(html):
    return re.search(r'<html lang="([^"]+)">', html).group(1)


def test_french_addresses_are_unchanged_and_english_ones_are_prefixed():
    assert reverse("projects:list") == "/projets/"
    assert reverse("news:list") == "/actualites/"
    with translation.override("en"):
        assert reverse("projects:list") == "/en/projets/"
        assert reverse("about") == "/en/a-propos/"
        # Data and service addresses have no language.
        assert reverse("projects-export-csv") == "/projets/export.csv"
        assert reverse("news-feed-atom") == "/actualites/feed/"
        assert reverse("sitemap") == "/sitemap.xml"
        assert reverse("healthz") == "/healthz"


def test_french_pages_stay_french_whatever_the_browser_asks(client):
    html = html_of(client, "/projets/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert html_lang(html) == "fr"
    assert ">Accueil</a>" in html
    assert "Filtrer les projets" in html


def test_data_addresses_have_no_english_twin(client):
    for url in ("/en/actualites/feed/", "/en/projets/export.csv", "/en/sitemap.xml", "/en/healthz"):
        assert client.get(url).status_code == 404, url
    assert client.get("/fr/projets/").status_code == 404


def test_english_pages_show_english_navigation_labels_and_statuses(client):
    make_labour_migration_project(donors=[make_organisation("Fonds de l'OIM", acronym="IDF")])
    make_diaspora_project()

    html = html_of(client, "/en/projets/?status=active")

    assert html_lang(html) == "en"
    for text in (
        ">Home</a>",
        ">Projects</a>",
        ">News</a>",
        ">Offices and sites</a>",
        ">About</a>",
        "Skip to main content",
        "Filter the projects",
        "<legend>Project type</legend>",
        "<legend>Status</legend>",
        "Active",
        "Completed",
        "Show projects",
        "1 project<",
        "Download this selection:",
        "Active filters",
        "Status: Active",
        "US$200,000.00",
        "2020" + NBSP + "–" + NBSP + "2024",
    ):
        assert text in html, text
    for french in ("Accueil", "Filtrer les projets", "Afficher les projets", "Achevé", "$ US<"):
        assert french not in html, french


def test_english_project_page_translates_facts_and_keeps_french_content_marked(client):
    project = make_labour_migration_project()
    with translation.override("en"):
        url = project.get_absolute_url()
    assert url.startswith("/en/")

    html = html_of(client, url)

    for text in ("Project facts", "Project status", "Completed", "US$78,350.00", "End year", "National"):
        assert text in html, text
    assert f'<h1 lang="fr">{escape(project.title)}</h1>' in html
    assert '<p lang="fr">Le projet renforce' in html


def test_french_pages_carry_no_lang_attribute_on_content(client):
    project = make_labour_migration_project()
    html = html_of(client, project.get_absolute_url())
    assert ' lang="fr"' not in html.split("<body>", 1)[1]
    assert "78" + NBSP + "350,00" + NBSP + "$" + NBSP + "US" in html


def test_english_release_page_dates_and_amounts_follow_the_language(client):
    release = make_release(
        title="Le Canada soutient la lutte contre la traite",
        dateline="Port-au-Prince",
        release_date=date(2019, 11, 22),
        body="Premier paragraphe.",
    )
    add_funding(release, donors=[make_organisation("Canada")], amount=Decimal("1500000"), currency="CAD")

    html = html_of(client, "/en" + release.get_absolute_url())

    assert 'Port-au-Prince, <time datetime="2019-11-22">22 November 2019</time>' in html
    assert "C$1,500,000.00" in html
    assert "Funding announced" in html
    assert '<h1 lang="fr">Le Canada soutient la lutte contre la traite</h1>' in html


def test_language_switcher_links_to_the_same_page_and_query_in_the_other_language(client):
    french = html_of(client, "/projets/?status=active&type=x")
    assert '<a href="/en/projets/?status=active&amp;type=x" hreflang="en" lang="en">English</a>' in french

    english = html_of(client, "/en/projets/?status=active&type=x")
    assert '<a href="/projets/?status=active&amp;type=x" hreflang="fr" lang="fr">Français</a>' in english


def test_head_lists_both_languages_as_alternates(client, settings):
    settings.SITE_URL = "https://haiti.example.org"
    office = make_office(slug="bureau-des-cayes")
    for url in (office.get_absolute_url(), "/en" + office.get_absolute_url()):
        html = html_of(client, url)
        assert (
            '<link rel="alternate" hreflang="fr" href="https://haiti.example.org/bureaux/bureau-des-cayes/">'
        ) in html
        assert (
            '<link rel="alternate" hreflang="en" href="https://haiti.example.org/en/bureaux/bureau-des-cayes/">'
        ) in html
        assert (
            '<link rel="alternate" hreflang="x-default" href="https://haiti.example.org/bureaux/bureau-des-cayes/">'
        ) in html


def test_english_404_page_is_in_english(client):
    response = client.get("/en/projets/nulle-part/")
    assert response.status_code == 404
    html = response.content.decode()
    assert html_lang(html) == "en"
    assert "Page not found" in html
    assert 'href="/en/projets/"' in html


def test_english_filter_errors_and_search_messages(client):
    html = html_of(client, "/en/projets/?budget_min=100&budget_max=10")
    assert "The maximum budget must be greater than or equal to the minimum budget." in html

    html = html_of(client, "/en/recherche/?q=zzzzqqqq")
    assert "No results for “zzzzqqqq”." in html


def test_office_labels_and_choices_are_translated(client):
    office = make_office(name="Bureau des Cayes", city="Les Cayes")
    html = html_of(client, "/en" + office.get_absolute_url())
    assert "Les Cayes, Sud department" in html
    assert "<dt>Kind</dt><dd>Sub-office</dd>" in html


@pytest.mark.parametrize(
    ("value", "currency", "english", "french"),
    [
        ("78350", "USD", "US$78,350.00", "78 350,00 $ US"),
        ("1500000", "CAD", "C$1,500,000.00", "1 500 000,00 $ CA"),
        ("12.5", "EUR", "€12.50", "12,50 €"),
        ("2500", "HTG", "HTG 2,500.00", "2 500,00 G"),
    ],
)
def test_money_follows_the_active_language(value, currency, english, french):
    assert money(value, currency) == french.replace(" ", NBSP)
    with translation.override("en"):
        assert money(value, currency) == english.replace(" ", NBSP)


def test_headline_amounts_dates_and_periods_follow_the_active_language():
    with translation.override("en"):
        assert money_whole("15006700") == "US$15,006,700"
        assert long_date(date(2026, 11, 22)) == "22 November 2026"
        assert long_date(date(2026, 11, 1)) == "1 November 2026"
    assert long_date(date(2026, 11, 1)) == "1er novembre 2026"


def test_project_periods_follow_the_active_language():
    class Period:
        def __init__(self, start, end):
            self.start_year, self.end_year = start, end

    with translation.override("en"):
        assert years(Period(None, 2024)) == "until 2024"
        assert years(Period(2020, None)) == "since 2020"
    assert years(Period(None, 2024)) == "jusqu'en 2024"


def test_status_labels_are_french_by_default_and_english_under_en():
    assert str(ProjectStatus.COMPLETED.label) == "Achevé"
    with translation.override("en"):
        assert str(ProjectStatus.COMPLETED.label) == "Completed"


def test_language_switcher_keeps_the_prefix_the_site_is_mounted_under(client):
    with override_script_prefix("/portail/"):
        french = client.get("/projets/?status=active", SCRIPT_NAME="/portail").content.decode()

    assert '<a href="/portail/en/projets/?status=active" hreflang="en" lang="en">English</a>' in french


def test_language_switcher_of_an_address_no_page_answers_leads_to_the_other_home_page(client):
    english = client.get("/en/pas-une-page/").content.decode()

    assert '<a href="/" hreflang="fr" lang="fr">Français</a>' in english


def test_language_switcher_addresses_are_worked_out_once_per_address(client, monkeypatch):
    import django.urls

    calls = []
    translate = django.urls.translate_url
    monkeypatch.setattr(
        "core.templatetags.oim_format.translate_url", lambda *args: calls.append(args) or translate(*args)
    )
    path = "/projets/?page=1&langue-test=1"
    pages = [client.get(path).content.decode() for _ in range(2)]
    with override_script_prefix("/portail/"):
        mounted = client.get(path, SCRIPT_NAME="/portail").content.decode()

    assert '<a href="/en/projets/?page=1&amp;langue-test=1" hreflang="en" lang="en">English</a>' in pages[1]
    assert (
        '<a href="/portail/en/projets/?page=1&amp;langue-test=1" hreflang="en" lang="en">English</a>'
        in mounted
    )
    assert len([args for args in calls if args[0] == "/projets/"]) <= 4  # two languages, two prefixes
