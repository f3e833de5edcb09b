"""WCAG 2.1 A and AA, checked by axe-core on every public page type, and the keyboard alone."""

import pytest

from tests.browser.conftest import axe_violations
from tests.scenarios import make_public_site

FOCUSABLE = (
    "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), "
    "select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])"
)


def public_pages(data):
    return {
        "home": "/",
        "project list, filtered": "/projets/?type=developpement-communautaire&status=active&status=completed",
        "project page": data["border"].get_absolute_url(),
        "news list": "/actualites/",
        "release": data["release"].get_absolute_url(),
        "offices": "/bureaux/",
        "office page": data["office"].get_absolute_url(),
        "about": "/a-propos/",
        "search results": "/recherche/?q=traite",
        "404": "/projets/nulle-part/",
    }


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["fr", "en"])
def test_public_pages_have_no_wcag_21_aa_violations(site, new_page, prefix):
    data = make_public_site()
    # The injected axe-core script is not the site's: let it past the site's CSP.
    page = new_page(bypass_csp=True)
    found = {}
    for name, path in public_pages(data).items():
        response = page.goto(site + prefix + path)
        assert response.status == (404 if name == "404" else 200), path
        assert page.locator("html").get_attribute("lang") == (prefix.strip("/") or "fr")
        # The data tables of the charts and the list of the map's offices are checked open too.
        page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
        if violations := axe_violations(page):
            found[f"{name} ({prefix or '/'}{path})"] = violations
    assert not found, "\n".join(f"{page_name}:\n  " + "\n  ".join(v) for page_name, v in found.items())


def test_keyboard_reaches_every_control_of_the_home_page_with_a_visible_focus(site, page):
    make_public_site()
    page.goto(f"{site}/")
    controls = page.evaluate(
        """(selector) => {
            const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
            return [...document.querySelectorAll(selector)].filter(visible).map((el, index) => {
                el.dataset.focusCheck = index;
                return index;
            });
        }""",
        FOCUSABLE,
    )
    assert len(controls) > 20

    reached, without_indicator = [], []
    # The skip link is focusable only by the keyboard, and visible only then: it comes first.
    for _ in range(len(controls) + 5):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el || el === document.body) return null;
                const style = getComputedStyle(el);
                const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
                const shadow = style.boxShadow !== "none";
                return {
                    index: el.dataset.focusCheck === undefined ? null : Number(el.dataset.focusCheck),
                    label: el.outerHTML.slice(0, 120),
                    visible: outline || shadow,
                };
            }"""
        )
        if focused is None:
            break
        if focused["index"] is not None and focused["index"] not in reached:
            reached.append(focused["index"])
        if not focused["visible"]:
            without_indicator.append(focused["label"])
        if len(reached) == len(controls):
            break

    assert reached == sorted(reached), "the focus order jumps back"
    assert set(reached) == set(controls), f"not reached: {sorted(set(controls) - set(reached))}"
    assert not without_indicator, without_indicator
