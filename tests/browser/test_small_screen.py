"""On a phone 390 px wide: the whole navigation, no sideways scrolling, filters that work."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import make_public_site

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

    filters = phone.get_by_role("form", name="Filtrer les projets")
    filters.get_by_role("checkbox", name=re.compile(r"^Achevé")).check()
    filters.get_by_label("Trier par").select_option(label="Budget décroissant")
    filters.get_by_role("button", name="Afficher les projets").click()

    expect(count).to_have_text("2 projets")
    expect(phone).to_have_url(re.compile(r"status=completed"))
    assert page_width(phone) <= PHONE["width"]
    # The link that skips the long form on a phone leads to the results.
    filters.get_by_role("link", name="Aller aux résultats").click()
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
