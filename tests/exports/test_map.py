import math
from decimal import Decimal

import pytest
from lxml import etree, html

from core.models import PublicationStatus
from offices.map import MARKER_EXTENT, office_map, render_office_map
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
    """The drawing and, by office name, each marker's link and the centre of its shape."""
    drawing = etree.fromstring(str(office_map(offices)["svg"]))
    found = {}
    for link in drawing.iterfind(".//svg:a", SVG):
        shape = link[1]
        if shape.tag.endswith("circle"):
            x, y = float(shape.get("cx")), float(shape.get("cy"))
        elif shape.tag.endswith("rect"):
            x = float(shape.get("x")) + float(shape.get("width")) / 2
            y = float(shape.get("y")) + float(shape.get("height")) / 2
        else:  # a path of corners around the centre
            corners = [tuple(map(float, point.split(","))) for point in shape.get("d")[1:-1].split("L")]
            xs, ys = zip(*corners, strict=True)
            x, y = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        found[link.findtext("svg:title", namespaces=SVG)] = {"href": link.get("href"), "x": x, "y": y}
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

    assert len(drawing.findall(".//svg:path[@class='map-departement']", SVG)) == 10
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


def places(offices):
    """[(name drawn beside the markers, [office names of its links])] of each place on the map."""
    drawing = etree.fromstring(str(office_map(offices)["svg"]))
    return [
        (
            group.findtext("svg:text", namespaces=SVG),
            [link.findtext("svg:title", namespaces=SVG) for link in group.iterfind("svg:a", SVG)],
        )
        for group in drawing.iterfind(".//svg:g[@class='map-place']", SVG)
    ]


@pytest.fixture
def shared_places():
    # As in fixtures/02_offices.json: the offices of Port-au-Prince and Les Cayes share their
    # town's position with a relief stock.
    for name, kind, city, latitude, longitude in [
        (
            "Bureau principal de Port-au-Prince",
            SiteKind.MAIN_OFFICE,
            "Port-au-Prince",
            "18.54297",
            "-72.33798",
        ),
        ("Stock NFI de Port-au-Prince", SiteKind.RELIEF_STOCK, "Port-au-Prince", "18.54297", "-72.33798"),
        ("Sous-bureau des Cayes", SiteKind.SUB_OFFICE, "Les Cayes", "18.20037", "-73.74998"),
        ("Stock NFI des Cayes", SiteKind.RELIEF_STOCK, "Les Cayes", "18.20037", "-73.74998"),
        ("Stock NFI de Jacmel", SiteKind.RELIEF_STOCK, "Jacmel", "18.23500", "-72.53700"),
    ]:
        make_office(name=name, kind=kind, city=city, latitude=Decimal(latitude), longitude=Decimal(longitude))
    return FieldOffice.objects.published().order_by("name")


def test_offices_sharing_a_place_are_one_group_named_with_their_count(shared_places):
    assert sorted(places(shared_places)) == [
        ("Jacmel", ["Stock NFI de Jacmel"]),
        ("Les Cayes (2)", ["Sous-bureau des Cayes", "Stock NFI des Cayes"]),
        ("Port-au-Prince (2)", ["Bureau principal de Port-au-Prince", "Stock NFI de Port-au-Prince"]),
    ]


def test_markers_of_one_place_are_drawn_apart_the_first_at_the_place(shared_places):
    _, found = markers(shared_places)
    alone = office_map(FieldOffice.objects.filter(name="Bureau principal de Port-au-Prince"))["markers"][0]

    main, stock = found["Bureau principal de Port-au-Prince"], found["Stock NFI de Port-au-Prince"]
    assert math.dist((main["x"], main["y"]), (stock["x"], stock["y"])) >= 2 * MARKER_EXTENT
    # The drawing is framed on the same outlines, so a lone marker falls at the same point.
    assert (main["x"], main["y"]) == pytest.approx((alone["x"], alone["y"]), abs=0.2)


def test_legend_names_each_kind_on_the_map_with_its_count(shared_places):
    page = html.fromstring(render_office_map(shared_places))

    entries = [" ".join(entry.text_content().split()) for entry in page.xpath("//ul[@class='map-legend']/li")]
    assert entries == [
        "Bureau principal 1",
        "Sous-bureau 1",
        "Stock pré-positionné de biens non alimentaires (NFI) 3",
    ]
    # Each entry shows the shape of its kind's markers.
    kinds = [group.get("class") for group in page.xpath("//ul[@class='map-legend']/li/svg/g")]
    assert kinds == [
        "map-marker map-marker--main_office",
        "map-marker map-marker--sub_office",
        "map-marker map-marker--relief_stock",
    ]
