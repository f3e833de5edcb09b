"""The admin on a 1280 px screen: every column of a list and every field of a form in view."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from core.models import PublicationStatus
from projects.models import ProjectStatus
from tests.browser.conftest import ARTIFACTS
from tests.factories import (
    add_contact,
    add_funding,
    make_editor_with_password,
    make_organisation,
    make_project,
)
from tests.scenarios import make_public_site

PASSWORD = "mot-de-passe-de-test-admin"
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def records():
    data = make_public_site()
    # Every warning of the list's last column, and the longest publication state.
    make_project(
        title="Projet sans budget ni type, toujours actif après sa fin, dont la publication est programmée",
        project_code="ZZ.9999",
        status=ProjectStatus.ACTIVE,
        start_year=2015,
        end_year=2018,
        publication_status=PublicationStatus.PUBLISHED,
        publish_from=timezone.now() + datetime.timedelta(days=30),
    )
    release = data["release"]
    for name in (
        "Bureau de contrôle et de lutte contre la traite des personnes du Département d'État américain",
        "Bureau des affaires internationales de stupéfiants et d'application de la loi",
    ):
        add_funding(release, donors=[make_organisation(name)], amount="500000")
    add_contact(
        release,
        name="Chargée de communication",
        organisation_label="Organisation internationale pour les migrations",
        phone="+509 3245 5153",
        email="communication.haiti@iom.int",
    )
    make_editor_with_password(PASSWORD, username="editrice")
    return data


def signed_in(new_page, site, viewport):
    page = new_page(viewport=viewport)
    page.goto(site + reverse("admin:index"))
    page.locator("#id_username").fill("editrice")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#login-form [type=submit]").click()
    expect(page.locator("#user-tools")).to_contain_text("editrice")
    return page


def page_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def keep_screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"admin-{name}.png", full_page=True)


@pytest.mark.parametrize("screen", WIDTHS)
def test_the_project_list_shows_all_its_columns_without_scrolling_sideways(site, new_page, records, screen):
    viewport = WIDTHS[screen]
    page = signed_in(new_page, site, viewport)
    page.goto(site + reverse("admin:projects_project_changelist"))
    keep_screenshot(page, f"project-list-{viewport['width']}")

    assert page_width(page) <= viewport["width"]
    if screen == "desktop":
        results = page.locator("#changelist-form .results")
        assert results.evaluate("e => e.scrollWidth <= e.clientWidth"), "the list scrolls sideways"
        for heading in ("Publication", "Qualité des données", "Budget"):
            box = page.locator("#result_list thead th", has_text=heading).bounding_box()
            assert box["x"] + box["width"] <= viewport["width"], f"{heading} is out of view"
        expect(page.locator("#result_list")).to_contain_text("Programmé pour le")
        expect(page.locator("#result_list")).to_contain_text("Actif mais terminé en 2018")


@pytest.mark.parametrize("screen", WIDTHS)
def test_the_release_form_fits_the_screen_and_shows_donor_names_whole(site, new_page, records, screen):
    viewport = WIDTHS[screen]
    release = records["release"]
    page = signed_in(new_page, site, viewport)
    page.goto(site + reverse("admin:news_newsrelease_change", args=[release.pk]))
    keep_screenshot(page, f"release-form-{viewport['width']}")

    assert page_width(page) <= viewport["width"]
    chips = page.locator("#funding-group .select2-selection__choice")
    expect(chips.filter(has_text="Département d'État américain")).to_be_visible()
    for chip in chips.all():
        assert chip.evaluate("e => e.scrollWidth <= e.clientWidth"), f"cut: {chip.inner_text()}"
    if screen == "desktop":
        # On a phone the rows of a tabular inline scroll within their box, as Django's do.
        email = page.locator("#id_contacts-1-email")
        assert email.evaluate("e => e.scrollWidth <= e.clientWidth"), "the address is cut"


def test_the_slug_hint_gives_the_page_address(site, new_page, records):
    page = signed_in(new_page, site, WIDTHS["desktop"])
    release = records["release"]

    page.goto(site + reverse("admin:news_newsrelease_change", args=[release.pk]))
    expect(page.locator("#id_slug_helptext")).to_contain_text(
        f"L'adresse de la page : /actualites/{release.slug}/."
    )

    page.goto(site + reverse("admin:projects_project_add"))
    expect(page.locator("#id_slug_helptext")).to_have_text(
        "La fin de l'adresse de la page, après /projets/ : minuscules sans accents, chiffres et tirets."
    )
