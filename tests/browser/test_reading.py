"""Reading on a phone 390 px wide and on a desktop 1280 px wide: text at a size one can read.

Each test saves a screenshot of both widths in test-artifacts/ for a person to look at.
"""

import pytest

from offices.models import SiteKind
from tests.browser.conftest import ARTIFACTS
from tests.factories import make_office
from tests.scenarios import make_public_site

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# The smallest font size, in CSS pixels as drawn on the screen, of the text inside the elements
# `selector` finds: an SVG's text counts at the size its scaling gives it.
SMALLEST_DRAWN_TEXT = """(selector) => {
    let smallest = Infinity;
    for (const root of document.querySelectorAll(selector)) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const element = walker.currentNode.parentElement;
            if (!walker.currentNode.textContent.trim() || element.closest("details:not([open]), title, desc")) continue;
            let size = parseFloat(getComputedStyle(element).fontSize);
            if (element instanceof SVGElement) size *= element.getScreenCTM().a;
            smallest = Math.min(smallest, size);
        }
    }
    return smallest;
}"""


@pytest.fixture
def open_at(new_page):
    def open_at(viewport):
        if viewport == PHONE:
            return new_page(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
        return new_page(viewport=viewport)

    return open_at


def body_font_size(page):
    return page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")


def screenshot(page, name, selector=None):
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}-{page.viewport_size['width']}.png"
    if selector:
        page.locator(selector).screenshot(path=path)
    else:
        page.screenshot(path=path, full_page=True)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_chart_labels_and_values_are_as_large_as_the_text(site, open_at, viewport):
    make_public_site()
    page = open_at(viewport)
    page.goto(f"{site}/projets/")

    drawings = page.locator("figure.chart [role='img']")
    assert drawings.count() == 4
    assert page.evaluate(SMALLEST_DRAWN_TEXT, "figure.chart [role='img']") >= body_font_size(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    screenshot(page, "charts", "section[aria-labelledby='graphiques-titre']")


# As in fixtures/02_offices.json: three towns where an office shares its place with another site.
MAP_SITES = [
    ("Bureau principal de Port-au-Prince", SiteKind.MAIN_OFFICE, "Port-au-Prince", "18.54297", "-72.33798"),
    ("Stock NFI de Port-au-Prince", SiteKind.RELIEF_STOCK, "Port-au-Prince", "18.54297", "-72.33798"),
    ("Sous-bureau des Cayes", SiteKind.SUB_OFFICE, "Les Cayes", "18.20037", "-73.74998"),
    ("Stock NFI des Cayes", SiteKind.RELIEF_STOCK, "Les Cayes", "18.20037", "-73.74998"),
    ("Sous-bureau d'Ouanaminthe", SiteKind.SUB_OFFICE, "Ouanaminthe", "19.55000", "-71.73333"),
    ("Poste-frontière d'Ouanaminthe", SiteKind.BORDER_POST, "Ouanaminthe", "19.55000", "-71.73333"),
    ("Stock NFI de Jérémie", SiteKind.RELIEF_STOCK, "Jérémie", "18.63393", "-74.11843"),
    ("Stock NFI de Jacmel", SiteKind.RELIEF_STOCK, "Jacmel", "18.23500", "-72.53700"),
    ("Stock NFI des Gonaïves", SiteKind.RELIEF_STOCK, "Gonaïves", "19.45043", "-72.68325"),
    ("Poste-frontière de Malpasse", SiteKind.BORDER_POST, "Malpasse", "18.50000", "-71.92000"),
    ("Poste-frontière de Belladère", SiteKind.BORDER_POST, "Belladère", "18.85000", "-71.78333"),
    (
        "Base de la POLIFRONT à Anse-à-Pitres",
        SiteKind.BORDER_POLICE_BASE,
        "Anse-à-Pitres",
        "18.05000",
        "-71.75000",
    ),
]

# The boxes, on the screen, of the names beside the markers and of the markers.
MAP_BOXES = """() => {
    const box = (element) => { const r = element.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
    return {
        labels: [...document.querySelectorAll(".office-map .map-label")].map((label) => ({
            text: label.textContent, box: box(label), size: parseFloat(getComputedStyle(label).fontSize) * label.getScreenCTM().a,
        })),
        markers: [...document.querySelectorAll(".office-map .map-marker > :nth-child(2)")].map(box),
        drawing: box(document.querySelector(".office-map")),
    };
}"""


def overlap(a, b):
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_office_map_names_its_places_apart_with_a_legend(site, open_at, viewport):
    for name, kind, city, latitude, longitude in MAP_SITES:
        make_office(name=name, kind=kind, city=city, latitude=latitude, longitude=longitude)
    page = open_at(viewport)
    page.goto(f"{site}/bureaux/")

    drawn = page.evaluate(MAP_BOXES)
    assert sorted(label["text"] for label in drawn["labels"]) == [
        "Anse-à-Pitres",
        "Belladère",
        "Gonaïves",
        "Jacmel",
        "Jérémie",
        "Les Cayes (2)",
        "Malpasse",
        "Ouanaminthe (2)",
        "Port-au-Prince (2)",
    ]
    assert len(drawn["markers"]) == len(MAP_SITES)
    for index, label in enumerate(drawn["labels"]):
        assert label["size"] >= 12, label
        assert all(not overlap(label["box"], other["box"]) for other in drawn["labels"][index + 1 :]), label
        assert all(not overlap(label["box"], marker) for marker in drawn["markers"]), label
    for index, marker in enumerate(drawn["markers"]):
        assert all(not overlap(marker, other) for other in drawn["markers"][index + 1 :]), marker
    legend = page.get_by_role("list", name="Légende").get_by_role("listitem")
    assert [" ".join(text.split()) for text in legend.all_inner_texts()] == [
        "Bureau principal 1",
        "Sous-bureau 2",
        "Stock pré-positionné de biens non alimentaires (NFI) 5",
        "Poste-frontière officiel 3",
        "Base de la police des frontières (POLIFRONT) 1",
    ]
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    screenshot(page, "office-map", ".map-section")


# Each card grid's cards and left edge, and the page heading's left edge.
CARD_GRIDS = """() => [...document.querySelectorAll("ul.cards--grid")].map((grid) => ({
    left: grid.getBoundingClientRect().left,
    heading: document.querySelector("h1").getBoundingClientRect().left,
    cards: [...grid.children].map((card) => {
        const r = card.getBoundingClientRect();
        return {left: r.left, right: r.right, width: r.width, height: r.height};
    }),
}))"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_card_grids_keep_cards_wide_and_lined_up_with_the_heading(site, open_at, viewport):
    make_public_site()
    page = open_at(viewport)
    for path in ("/actualites/", "/bureaux/", "/"):
        page.goto(site + path)
        grids = page.evaluate(CARD_GRIDS)
        assert grids, path
        for grid in grids:
            if path != "/":  # the home page's heading is in its banner, set further in
                assert grid["left"] == pytest.approx(grid["heading"], abs=1), path
            for card in grid["cards"]:
                assert card["left"] >= 0 and card["right"] <= viewport["width"], path
                if viewport == DESKTOP:
                    # Three cards a row at most: 20rem or more, not the 17rem columns of four.
                    assert 320 <= card["width"] <= 640, (path, card)
                else:
                    assert card["width"] >= viewport["width"] - 2 * 24, (path, card)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], path
        screenshot(page, f"cards-{path.strip('/') or 'home'}")
