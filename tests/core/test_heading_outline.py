"""Every list page's headings go down one level at a time: h1, then h2, then h3."""

from itertools import pairwise

import pytest
from lxml import html as lxml_html

from tests.scenarios import make_public_site

pytestmark = pytest.mark.django_db

LIST_PAGES = [
    "/projets/",
    "/projets/?status=active",
    "/actualites/",
    "/bureaux/",
    "/recherche/?q=traite",
    "/recherche/",
]


def outline(response):
    document = lxml_html.fromstring(response.content.decode())
    return [
        (int(h.tag[1]), h.text_content().strip()) for h in document.iter("h1", "h2", "h3", "h4", "h5", "h6")
    ]


def gaps(headings):
    found = [] if headings and headings[0][0] == 1 else [("starts with", headings[:1])]
    for (before, _), (level, text) in pairwise(headings):
        if level > before + 1:
            found.append((f"h{before} → h{level}", text))
    return found


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("path", LIST_PAGES)
def test_list_pages_headings_never_skip_a_level(client, path, prefix):
    make_public_site()

    response = client.get(prefix + path)

    assert response.status_code == 200
    headings = outline(response)
    assert [level for level, _ in headings].count(1) == 1, headings
    assert gaps(headings) == [], headings
