"""Reading on a phone 390 px wide and on a desktop 1280 px wide: text at a size one can read.

Each test saves a screenshot of both widths in test-artifacts/ for a person to look at.
"""

import pytest

from tests.browser.conftest import ARTIFACTS
from tests.factories import make_public_site

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
