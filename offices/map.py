"""An SVG map of Haiti with a marker per office or site, drawn on the server.

The outlines come from offices/data/ (Natural Earth, see SOURCES.md there). Positions use an
equirectangular projection scaled by the cosine of the map's middle latitude, north up: over a
country 2° of latitude high, the distortion is well under a pixel at this size.
"""

import json
import math
from functools import cache
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from offices.models import SiteKind

DATA_DIR = Path(__file__).resolve().parent / "data"

WIDTH = 800
MARGIN = 16
MARKER_RADIUS = 10
# The names beside the markers: the size (in the drawing's units) of the largest text the style
# sheet gives them, on a phone, where the drawing is shrunk the most; an average letter's width.
LABEL_SIZE = 30
CHARACTER_WIDTH = 0.58
LABEL_SIDES = ("right", "left", "above", "below", "above-west", "below-west", "above-east", "below-east")
# On a phone the style sheet draws the markers this much larger, to be seen and tapped.
PHONE_MARKER_SCALE = 1.4
# Half the room a marker takes at its largest, and the distance between markers that share a place.
MARKER_EXTENT = MARKER_RADIUS * 1.2 * PHONE_MARKER_SCALE
MARKER_STEP = 2 * MARKER_EXTENT + 4

DISCLAIMER = gettext_lazy(
    "Les frontières et les noms indiqués ainsi que les désignations employées sur cette carte "
    "n'impliquent pas l'approbation ou l'acceptation officielles de l'OIM."
)
CREDIT = gettext_lazy("Fond de carte : Natural Earth (domaine public).")


@cache
def departements():
    """[(name, [ring, ...])] with each ring a list of (longitude, latitude)."""
    with open(DATA_DIR / "haiti-adm1.geojson", encoding="utf-8") as file:
        features = json.load(file)["features"]
    shapes = []
    for feature in features:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        shapes.append((feature["properties"]["name"], [ring for polygon in polygons for ring in polygon]))
    return shapes


class Projection:
    """Longitude/latitude to SVG x/y for a bounding box, x growing east and y growing south."""

    def __init__(self, west, south, east, north, *, width=WIDTH, margin=MARGIN):
        self.west, self.north = west, north
        self.x_scale = math.cos(math.radians((south + north) / 2))
        self.scale = (width - 2 * margin) / ((east - west) * self.x_scale)
        self.margin = margin
        self.width = width
        self.height = round((north - south) * self.scale + 2 * margin)

    def __call__(self, longitude, latitude):
        x = self.margin + (float(longitude) - self.west) * self.x_scale * self.scale
        y = self.margin + (self.north - float(latitude)) * self.scale
        return round(x, 1), round(y, 1)


def projection_for(points=(), *, width=WIDTH):
    """The projection framing every département and every (longitude, latitude) in points."""
    longitudes = [lon for _, rings in departements() for ring in rings for lon, _ in ring]
    latitudes = [lat for _, rings in departements() for ring in rings for _, lat in ring]
    longitudes += [float(lon) for lon, _ in points]
    latitudes += [float(lat) for _, lat in points]
    return Projection(min(longitudes), min(latitudes), max(longitudes), max(latitudes), width=width)


def _path_data(rings, project):
    parts = []
    for ring in rings:
        x, y = project(*ring[0])
        parts.append(f"M{x},{y}" + "".join("L{},{}".format(*project(*point)) for point in ring[1:]) + "Z")
    return "".join(parts)


def _symbol(kind, x, y, r=MARKER_RADIUS):
    """The shape of a kind of site centred on (x, y): the legend draws the same shapes."""
    if kind == SiteKind.MAIN_OFFICE:
        # A ringed circle: the main office stands out from the sub-offices' plain circles.
        return format_html(
            '<circle cx="{}" cy="{}" r="{}"></circle><circle class="map-marker__dot" cx="{}" cy="{}" r="{}">'
            "</circle>",
            x,
            y,
            _length(r * 1.15),
            x,
            y,
            _length(r * 0.4),
        )
    if kind == SiteKind.SUB_OFFICE:
        return format_html('<circle cx="{}" cy="{}" r="{}"></circle>', x, y, r)
    if kind == SiteKind.RELIEF_STOCK:
        side = r * 1.7
        return format_html(
            '<rect x="{}" y="{}" width="{}" height="{}"></rect>',
            _length(x - side / 2),
            _length(y - side / 2),
            _length(side),
            _length(side),
        )
    if kind == SiteKind.BORDER_POST:
        points = [(x, y - r * 1.2), (x + r * 1.2, y), (x, y + r * 1.2), (x - r * 1.2, y)]
    else:
        points = [(x, y - r * 1.2), (x + r * 1.1, y + r * 0.8), (x - r * 1.1, y + r * 0.8)]
    return format_html(
        '<path d="{}"></path>', "M" + "L".join(f"{_length(a)},{_length(b)}" for a, b in points) + "Z"
    )


def _length(value):
    return f"{round(value, 1):g}"


def _label_box(side, text, box):
    """(anchor x, baseline y, text-anchor, box) of a place's name on one side of its markers."""
    x0, y0, x1, y1 = box
    width = len(text) * CHARACTER_WIDTH * LABEL_SIZE
    height = LABEL_SIZE * 1.2
    gap = MARKER_EXTENT
    middle_x, middle_y = (x0 + x1) / 2, (y0 + y1) / 2
    baseline = middle_y + LABEL_SIZE * 0.35
    if side == "right":
        return (
            x1 + gap,
            baseline,
            "start",
            (x1 + gap, middle_y - height / 2, x1 + gap + width, middle_y + height / 2),
        )
    if side == "left":
        return (
            x0 - gap,
            baseline,
            "end",
            (x0 - gap - width, middle_y - height / 2, x0 - gap, middle_y + height / 2),
        )
    # Above or below: centred on the markers, or running west from their east end, or east
    # from their west end (for a place near the edge of the drawing).
    vertical, _, align = side.partition("-")
    top = y0 - gap - height if vertical == "above" else y1 + gap
    if align == "west":
        return x1, top + LABEL_SIZE, "end", (x1 - width, top, x1, top + height)
    if align == "east":
        return x0, top + LABEL_SIZE, "start", (x0, top, x0 + width, top + height)
    return (
        middle_x,
        top + LABEL_SIZE,
        "middle",
        (middle_x - width / 2, top, middle_x + width / 2, top + height),
    )


def _overlap(a, b):
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0


def _place_labels(places, width, height):
    """Puts each place's name beside its markers where it covers no marker, no other name and
    stays inside the drawing; failing that, where it covers least. The boxes are those of the
    largest text the style sheet sets (on a phone): smaller text only shrinks towards its marker."""
    obstacles = [place["box"] for place in places]
    outside = [(-1e4, -1e4, 0, 1e4), (width, -1e4, 1e4, 1e4), (-1e4, -1e4, 1e4, 0), (-1e4, height, 1e4, 1e4)]
    for place in sorted(places, key=lambda place: -len(place["label"])):
        candidates = [_label_box(side, place["label"], place["box"]) for side in LABEL_SIDES]
        best = min(candidates, key=lambda c: sum(_overlap(c[3], other) for other in obstacles + outside))
        place["label_x"], place["label_y"], place["anchor"], box = best
        obstacles.append(box)


def _inside(x, y, rings):
    """Whether (x, y) lies inside the rings (even-odd rule, as the outlines are filled)."""
    inside = False
    for ring in rings:
        for (xa, ya), (xb, yb) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (ya > y) != (yb > y) and x < xa + (y - ya) * (xb - xa) / (yb - ya):
                inside = not inside
    return inside


def _places(placed, project):
    """The offices grouped by position. The first office of a place is drawn at its position, the
    others in a row beside it, on the side where the row stays on land: a border town's second
    marker is not drawn across the border, a coastal town's not at sea."""
    land = [[project(*point) for point in ring] for _, rings in departements() for ring in rings]
    groups = {}
    for office in placed:
        groups.setdefault((office.latitude, office.longitude), []).append(office)
    places = []
    for (latitude, longitude), offices in groups.items():
        x, y = project(longitude, latitude)
        rows = [
            [
                (round(x + dx * MARKER_STEP * index, 1), round(y + dy * MARKER_STEP * index, 1))
                for index in range(len(offices))
            ]
            for dx, dy in ((1, 0), (-1, 0), (0, -1), (0, 1))
        ]
        row = next((row for row in rows if all(_inside(*point, land) for point in row[1:])), rows[0])
        cities = list(dict.fromkeys(office.city for office in offices))
        name = " / ".join(cities)
        places.append(
            {
                "name": name,
                "label": name if len(offices) == 1 else f"{name} ({len(offices)})",
                "count": len(offices),
                "offices": [(office, *point) for office, point in zip(offices, row, strict=True)],
                "box": (
                    min(px for px, _ in row) - MARKER_EXTENT,
                    min(py for _, py in row) - MARKER_EXTENT,
                    max(px for px, _ in row) + MARKER_EXTENT,
                    max(py for _, py in row) + MARKER_EXTENT,
                ),
            }
        )
    return places


def office_map(offices, *, width=WIDTH):
    """The context of includes/_office_map.html for these offices (published ones, in order).

    Offices that share a position are drawn side by side under one name with their count;
    offices without coordinates get no marker and are returned apart, for the list.
    """
    offices = list(offices)
    placed = [office for office in offices if office.latitude is not None and office.longitude is not None]
    project = projection_for([(office.longitude, office.latitude) for office in placed], width=width)

    outlines = [
        format_html(
            '<path class="map-departement" d="{}"><title>{}</title></path>', _path_data(rings, project), name
        )
        for name, rings in departements()
    ]
    places = _places(placed, project)
    _place_labels(places, project.width, project.height)
    markers, drawn_places = [], []
    for place in places:
        links = []
        for office, x, y in place["offices"]:
            title = (
                _("%(name)s (position approximative)") % {"name": office.name}
                if office.coordinates_approximate
                else office.name
            )
            link = format_html(
                '<a class="map-marker map-marker--{kind}" href="{url}"><title>{title}</title>{shape}</a>',
                kind=office.kind,
                url=office.get_absolute_url(),
                title=title,
                shape=_symbol(office.kind, x, y),
            )
            markers.append({"office": office, "x": x, "y": y})
            links.append(link)
        # The name is drawn for the eye; the links inside carry each office's own name.
        drawn_places.append(
            format_html(
                '<g class="map-place">{links}<text class="map-label" x="{x}" y="{y}" text-anchor="{anchor}" '
                'aria-hidden="true">{label}</text></g>',
                links=mark_safe("".join(links)),  # each escaped by format_html above
                x=_length(place["label_x"]),
                y=_length(place["label_y"]),
                anchor=place["anchor"],
                label=place["label"],
            )
        )
    svg = format_html(
        '<svg class="office-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        'width="{width}" height="{height}" role="group" '
        'aria-labelledby="carte-bureaux-titre">'
        '<title id="carte-bureaux-titre">{title}</title>'
        '<g class="map-departements" fill="#e8eef3" stroke="#7a8b99" stroke-width="0.8" '
        'fill-rule="evenodd">{outlines}</g>'
        '<g class="map-markers" stroke="#ffffff" stroke-width="2">{places}</g></svg>',
        width=project.width,
        height=project.height,
        title=_("Carte des bureaux et sites de l'OIM en Haïti"),
        outlines=mark_safe("".join(outlines)),  # each escaped by format_html above
        places=mark_safe("".join(drawn_places)),
    )
    kinds = {office.kind for office in placed}
    legend = [
        {
            "kind": kind,
            "label": label,
            "count": sum(office.kind == kind for office in placed),
            "symbol": format_html(
                '<svg class="map-legend__symbol" viewBox="-13 -13 26 26" width="26" height="26" '
                'aria-hidden="true"><g class="map-marker map-marker--{}" stroke="#ffffff" stroke-width="2">{}</g>'
                "</svg>",
                kind,
                _symbol(kind, 0, 0),
            ),
        }
        for kind, label in SiteKind.choices
        if kind in kinds
    ]
    return {
        "svg": svg,
        "markers": markers,
        "places": [
            {
                "name": place["name"],
                "count": place["count"],
                "offices": [office for office, _, _ in place["offices"]],
            }
            for place in places
        ],
        "legend": legend,
        "unplaced": [office for office in offices if office not in placed],
        "disclaimer": DISCLAIMER,
        "credit": CREDIT,
    }


def render_office_map(offices):
    return render_to_string("includes/_office_map.html", {"map": office_map(offices)})
