"""On a phone 390 px wide: the whole navigation, no sideways scrolling, filters that work."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS
from tests.scenarios import make_public_site

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(new_page):
    return new_page(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)


def page_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def test_navigation_is_visible_and_nothing_scrolls_sideways(site, phone):
    data = make_public_site()
    for prefix in ("", "/en"):
        for path in (
            "/",
            "/projets/",
            data["border"].get_absolute_url(),
            data["release"].get_absolute_url(),
            "/bureaux/",
            "/a-propos/",
            "/recherche/?q=traite",
        ):
            phone.goto(site + prefix + path)
            assert page_width(phone) <= PHONE["width"], f"{prefix}{path} scrolls sideways"

    phone.goto(f"{site}/")
    links = phone.get_by_role("navigation", name="Navigation principale").get_by_role("link")
    expect(links).to_have_count(5)
    for link in links.all():
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], link.inner_text()
    links.filter(has_text="Bureaux et sites").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Bureaux et sites")
    expect(phone.get_by_role("link", name="English")).to_be_visible()


def test_filters_can_be_used_and_submitted(site, phone):
    make_public_site()
    phone.goto(f"{site}/projets/")
    count = phone.locator("#resultats-titre")
    expect(count).to_have_text("4 projets")

    phone.locator("summary", has_text="Filtrer les projets").click()
    filters = phone.get_by_role("form", name="Filtrer les projets")
    filters.get_by_role("checkbox", name=re.compile(r"^Achevé")).check()
    filters.get_by_label("Trier par").select_option(label="Budget décroissant")
    filters.get_by_role("button", name="Afficher les projets").click()

    expect(count).to_have_text("2 projets")
    expect(phone).to_have_url(re.compile(r"status=completed"))
    assert page_width(phone) <= PHONE["width"]
    # The filters are folded again, their summary counting the active ones.
    expect(phone.locator("summary", has_text="Filtrer les projets (1 filtre actif)")).to_be_visible()
    expect(filters).to_be_hidden()
    expect(count).to_be_in_viewport()


def test_a_release_gives_its_funding_and_figures_before_its_press_contacts(site, phone, new_page):
    release = make_public_site()["release"]
    wide = new_page(viewport={"width": 1280, "height": 900})

    for page in (phone, wide):
        page.goto(site + release.get_absolute_url())
        funding = page.locator("section", has=page.locator("#financement-titre")).bounding_box()
        figures = page.locator("section", has=page.locator("#chiffres-titre")).bounding_box()
        contacts = page.locator("section", has=page.locator("#contacts-titre")).bounding_box()
        text = page.locator(".detail-main").bounding_box()
        if page is phone:
            # One column: the summary first, as on a project page, the contacts last.
            assert funding["y"] < figures["y"] < text["y"] < contacts["y"]
        else:
            # Two columns: the summary beside the text, at its top.
            assert funding["x"] > text["x"] + text["width"] - 1
            assert funding["y"] < contacts["y"] and abs(funding["y"] - text["y"]) < 40
        assert page.locator("table.funding caption").count() == 1


def test_on_a_phone_the_first_result_comes_before_the_folded_filters_and_on_a_wide_screen_they_show(
    site, new_page
):
    make_public_site()
    ARTIFACTS.mkdir(exist_ok=True)

    phone = new_page(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    # The list as a first visit shows it: the first card's type and title in the first screen.
    phone.goto(f"{site}/projets/")
    box = phone.locator(".cards .card").first.bounding_box()
    assert box["y"] + 100 <= PHONE["height"], f"first result at {box['y']} px"
    phone.screenshot(path=ARTIFACTS / "project-list-390-first-screen.png")
    phone.goto(f"{site}/projets/?status=active&status=completed")
    summary = phone.locator("summary", has_text="Filtrer les projets (2 filtres actifs)")
    expect(summary).to_be_visible()
    expect(phone.get_by_role("form", name="Filtrer les projets")).to_be_hidden()
    # Filtered, the chips come first, and the first result still starts in the first screen.
    box = phone.locator(".cards .card").first.bounding_box()
    assert box["y"] + 20 <= PHONE["height"], f"first result at {box['y']} px"
    phone.screenshot(path=ARTIFACTS / "project-list-390-filtered.png", full_page=True)
    summary.click()
    expect(phone.get_by_role("form", name="Filtrer les projets").get_by_label("Trier par")).to_be_visible()

    wide = new_page(viewport={"width": 1280, "height": 900})
    wide.goto(f"{site}/projets/?status=active&status=completed")
    expect(wide.locator("summary", has_text="Filtrer les projets")).to_be_hidden()
    form = wide.get_by_role("form", name="Filtrer les projets")
    expect(form.get_by_label("Trier par")).to_be_visible()
    form.get_by_role("checkbox", name=re.compile(r"^Actif")).uncheck()
    form.get_by_role("button", name="Afficher les projets").click()
    expect(wide).to_have_url(re.compile(r"/projets/\?status=completed&ordering=title$"))
    wide.screenshot(path=ARTIFACTS / "project-list-1280.png", full_page=True)
