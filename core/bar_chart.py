"""Horizontal bar charts drawn on the server (HTML text, SVG bars), with a table as their text
alternative. Model-free: rows in, markup out. `render_chart()` turns one chart into the HTML of
includes/_chart.html for a view that prefers not to {% include %} it.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join

# Labels this short (years, most statuses) sit left of their bar at any width; longer ones go
# above their bar when the chart is narrow (site.css).
SHORT_LABEL_CHARACTERS = 6


@dataclass(frozen=True)
class Row:
    label: str
    value: object  # Decimal for amounts, int for counts
    display: str


def _percent(value, largest):
    # A tenth of a percent is finer than a pixel of any chart; "g" writes 50.0 as 50.
    return f"{round(float(value) / float(largest) * 100, 1) if largest else 0:g}%"


def bar_chart(rows, *, chart_id, title, description, label_header, value_header, format_value):
    """A horizontal bar chart of [(label, value)], each bar's length proportional to its value.

    Returns the context of includes/_chart.html: the drawing and the rows of its table. The labels
    and values of the drawing are HTML text, so they keep the size of the page's text however
    narrow the screen; only the bars are SVG, one per row, which stretch to the room left.
    """
    rows = [Row(label, value, format_value(value)) for label, value in rows]
    chart = {
        "id": chart_id,
        "title": title,
        "description": description,
        "label_header": label_header,
        "value_header": value_header,
        "rows": rows,
        "drawing": None,
    }
    if not rows:
        return chart

    largest = max(row.value for row in rows)
    short = all(len(row.label) <= SHORT_LABEL_CHARACTERS for row in rows)
    # Colours, sizes and the grid that lines the rows up are in the style sheet (site.css),
    # which keeps a chart of thirty years small.
    drawn = format_html_join(
        "",
        '<div><span>{}</span><svg><rect width="{}" height="100%"/></svg><span>{}</span></div>',
        ((row.label, _percent(row.value, largest), row.display) for row in rows),
    )
    # The accessible name and description are the figure's caption and description paragraph
    # (includes/_chart.html); the table below the drawing gives every value as text.
    chart["drawing"] = format_html(
        '<div class="chart-bars{}" role="img" aria-labelledby="{}-title" aria-describedby="{}-desc">{}</div>',
        " chart-bars--short" if short else "",
        chart_id,
        chart_id,
        drawn,
    )
    return chart


def render_chart(chart):
    return render_to_string("includes/_chart.html", {"chart": chart})
