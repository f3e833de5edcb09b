from decimal import Decimal

import pytest
from lxml import etree, html

from core.models import PublicationStatus
from offices.map import office_map, render_office_map
from offices.models import FieldOffice, SiteKind
from tests.factories import make_office

SVG = {"svg": "http://www.w3.org/2000/svg"}

pytestmark = pytest.mark.django_db

# Natural Earth populated places and Wikipedia, as in offices/data/SOURCES.md.
PLACES = {
    "Port-au-Prince": ("18.54297", "-72.33798", SiteKind.MAIN_OFFICE),
    "Gonaïves": ("19.45043", "-72.68325", SiteKind.RELIEF_STOCK),
    "Ouanaminthe": ("19.55000", "-71.73333", SiteKind.SUB_OFFICE),
    "Les Cayes": ("18.20037", "-73.74998", SiteKind.SUB_OFFICE),
    "Anse-à-Pitres": ("18.05000", "-71.75000", SiteKind.BORDER_POST),
}


@pytest.fixture
def offices():
    for name, (latitude, longitude, kind) in PLACES.items():
        make_office(name=name, kind=kind, latitude=Decimal(latitude), longitude=Decimal(longitude))
    make_office(name="Bureau sans position")
    make_office(
        name="Bureau brouillon",
        latitude=Decimal("19"),
        longitude=Decimal("-72.5"),
        publication_status=PublicationStatus.DRAFT,
    )
    return FieldOffice.objects.published()


def markers(offices):
    drawing = etree.fromstring(str(office_map(offices)["svg"]))
    found = {}
    for link in drawing.iterfind(".//svg:a", SVG):
        circle = link.find("svg:circle", SVG)
        found[link.findtext("svg:title", namespaces=SVG)] = {
            "href": link.get("href"),
            "x": float(circle.get("cx")),
            "y": float(circle.get("cy")),
        }
    return drawing, found


def test_port_au_prince_is_drawn_south_of_gonaives(offices):
    _, found = markers(offices)

    assert found["Port-au-Prince"]["y"] > found["Gonaïves"]["y"]


def test_ouanaminthe_is_drawn_east_of_les_cayes(offices):
    _, found = markers(offices)

    assert found["Ouanaminthe"]["x"] > found["Les Cayes"]["x"]


def test_each_marker_links_to_its_office_page(offices):
    _, found = markers(offices)

    assert set(found) == set(PLACES)
    for office in offices.exclude(latitude=None):
        assert found[office.name]["href"] == office.get_absolute_url()


def test_markers_and_departements_lie_inside_the_drawing(offices):
    drawing, found = markers(offices)
    _, _, width, height = (float(value) for value in drawing.get("viewBox").split())

    assert len(drawing.findall(".//svg:path", SVG)) == 10
    for marker in found.values():
        assert 0 < marker["x"] < width
        assert 0 < marker["y"] < height


def test_map_keeps_the_shape_of_haiti_wider_than_high(offices):
    drawing, _ = markers(offices)
    _, _, width, height = (float(value) for value in drawing.get("viewBox").split())

    # About 3.1° of longitude by 2.1° of latitude at 19° N: roughly 325 km by 230 km.
    assert 1.25 < width / height < 1.6


def test_fragment_shows_the_disclaimer_and_lists_offices_without_position(offices):
    page = html.fromstring(render_office_map(offices))

    text = page.text_content()
    assert "Les frontières et les noms indiqués" in text
    assert "n'impliquent pas" in text
    assert "Bureau sans position" in text
    assert "Bureau brouillon" not in text
    assert len(page.xpath("//details//li/a")) == len(PLACES) + 1
