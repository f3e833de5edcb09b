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

DATA_DIR = Path(__file__).resolve().parent / "data"

WIDTH = 800
MARGIN = 16
MARKER_RADIUS = 7

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


def office_map(offices, *, width=WIDTH):
    """The context of includes/_office_map.html for these offices (published ones, in order).

    Offices without coordinates get no marker; they are returned apart, for the list.
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
    markers = []
    for office in placed:
        x, y = project(office.longitude, office.latitude)
        title = (
            _("%(name)s (position approximative)") % {"name": office.name}
            if office.coordinates_approximate
            else office.name
        )
        markers.append(
            {
                "office": office,
                "x": x,
                "y": y,
                "svg": format_html(
                    '<a class="map-marker map-marker--{kind}" href="{url}"><title>{title}</title>'
                    '<circle cx="{x}" cy="{y}" r="{r}"></circle></a>',
                    kind=office.kind,
                    url=office.get_absolute_url(),
                    title=title,
                    x=x,
                    y=y,
                    r=MARKER_RADIUS,
                ),
            }
        )
    svg = format_html(
        '<svg class="office-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        'width="{width}" height="{height}" role="group" '
        'aria-labelledby="carte-bureaux-titre">'
        '<title id="carte-bureaux-titre">{title}</title>'
        '<g class="map-departements" fill="#e8eef3" stroke="#7a8b99" stroke-width="0.8" '
        'fill-rule="evenodd">{outlines}</g>'
        '<g class="map-markers" fill="#0033a0" stroke="#ffffff" stroke-width="2">{markers}</g></svg>',
        width=project.width,
        height=project.height,
        title=_("Carte des bureaux et sites de l'OIM en Haïti"),
        outlines=mark_safe("".join(outlines)),  # each escaped by format_html above
        markers=mark_safe("".join(marker["svg"] for marker in markers)),
    )
    return {
        "svg": svg,
        "markers": markers,
        "unplaced": [office for office in offices if office not in placed],
        "disclaimer": DISCLAIMER,
        "credit": CREDIT,
    }


def render_office_map(offices):
    return render_to_string("includes/_office_map.html", {"map": office_map(offices)})
