"""Horizontal bar charts drawn on the server as SVG, with a table as their text alternative.

The aggregate functions take the project queryset a page already filters, so the charts follow
the current filters, and each runs one query. The chart functions are pure: rows in, markup out.
`project_charts()` gives a page everything at once; `render_chart()` turns one chart into the
HTML of includes/_chart.html for a view that prefers not to {% include %} it.
"""

from dataclasses import dataclass

from django.db.models import Count, Sum
from django.template.loader import render_to_string
from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.models import Currency
from core.templatetags.oim_format import money
from projects.models import ProjectStatus

WIDTH = 680
LABEL_WIDTH = 250  # the type and status names sit left of the bars
VALUE_WIDTH = 160  # room right of the longest bar for its amount
BAR_AREA = WIDTH - LABEL_WIDTH - VALUE_WIDTH
ROW_HEIGHT = 34
BAR_HEIGHT = 20
PADDING = 10
MAX_LABEL_CHARACTERS = 32

NO_TYPE = gettext_lazy("Type non précisé")


@dataclass(frozen=True)
class Row:
    label: str
    value: object  # Decimal for amounts, int for counts
    display: str


def _projects(queryset):
    # Aggregating over the primary keys keeps a project counted once, whatever joins the
    # filters added to the queryset (a donor, a thematic area...).
    return queryset.model.objects.filter(pk__in=queryset.order_by().values("pk")).order_by()


def budget_by_type(queryset, currency=Currency.USD):
    """[(type name, total budget)] in one currency, largest first: amounts in other currencies
    cannot be added to these."""
    totals = (
        _projects(queryset)
        .filter(budget__isnull=False, budget_currency=currency)
        .values("project_type__name")
        .annotate(total=Sum("budget"))
        .order_by("-total", "project_type__name")
    )
    return [(row["project_type__name"] or str(NO_TYPE), row["total"]) for row in totals]


def budget_by_status(queryset, currency=Currency.USD):
    """[(status label, total budget)] in one currency, in the order of the project's life."""
    totals = {
        row["status"]: row["total"]
        for row in _projects(queryset)
        .filter(budget__isnull=False, budget_currency=currency)
        .values("status")
        .annotate(total=Sum("budget"))
    }
    return [(str(status.label), totals[status.value]) for status in ProjectStatus if status.value in totals]


def _projects_by_year(queryset, field):
    counts = {
        row[field]: row["n"]
        for row in _projects(queryset)
        .filter(**{f"{field}__isnull": False})
        .values(field)
        .annotate(n=Count("pk"))
    }
    if not counts:
        return []
    # Years without a project are drawn too, so that the axis reads as time.
    return [(str(year), counts.get(year, 0)) for year in range(min(counts), max(counts) + 1)]


def projects_by_start_year(queryset):
    return _projects_by_year(queryset, "start_year")


def projects_by_end_year(queryset):
    return _projects_by_year(queryset, "end_year")


def _count(value):
    return formats.number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)


def _lower_first(text):
    return text[:1].lower() + text[1:]


def _short(label):
    return label if len(label) <= MAX_LABEL_CHARACTERS else label[: MAX_LABEL_CHARACTERS - 1] + "…"


def _length(value):
    # A tenth of a unit is a tenth of a pixel at full size: finer would only add bytes.
    # "g" writes 270.0 as 270.
    return f"{round(value, 1):g}"


def bar_chart(rows, *, chart_id, title, description, label_header, value_header, format_value):
    """A horizontal bar chart of [(label, value)], each bar's length proportional to its value.

    Returns the context of includes/_chart.html: the SVG and the rows of its table.
    """
    rows = [Row(label, value, format_value(value)) for label, value in rows]
    chart = {
        "id": chart_id,
        "title": title,
        "description": description,
        "label_header": label_header,
        "value_header": value_header,
        "rows": rows,
        "svg": None,
    }
    if not rows:
        return chart

    largest = max(row.value for row in rows)
    height = 2 * PADDING + ROW_HEIGHT * len(rows)
    labels, bars, values = [], [], []
    for index, row in enumerate(rows):
        # Row n of each group is at y = n × ROW_HEIGHT: the constant offsets are in the groups'
        # translations, colours and alignment in the style sheet (site.css), which keeps a chart
        # of thirty years small.
        y = index * ROW_HEIGHT
        length = _length(float(row.value) / float(largest) * BAR_AREA if largest else 0)
        labels.append(format_html('<text y="{}">{}</text>', y, _short(row.label)))
        bars.append(format_html('<rect y="{}" width="{}" height="{}"/>', y, length, BAR_HEIGHT))
        values.append(format_html('<text x="{}" y="{}">{}</text>', length, y, row.display))
    # The accessible name and description are the <title> and <desc>; the table below the
    # drawing gives every value as text, so the drawing does not repeat them.
    chart["svg"] = format_html(
        '<svg class="chart-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        'width="{width}" height="{height}" role="img" aria-labelledby="{id}-title" '
        'aria-describedby="{id}-desc" font-family="sans-serif" font-size="15" fill="currentColor">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{description}</desc>'
        '<line class="chart-axis" x1="{axis_x}" y1="{padding}" x2="{axis_x}" y2="{axis_end}" '
        'stroke="currentColor"/>'
        '<g class="chart-labels" transform="translate({label_x} {text_y})">{labels}</g>'
        '<g class="chart-bars" transform="translate({axis_x} {bar_y})">{bars}</g>'
        '<g class="chart-values" transform="translate({value_x} {text_y})">{values}</g></svg>',
        width=WIDTH,
        height=height,
        id=chart_id,
        title=title,
        description=description,
        axis_x=LABEL_WIDTH,
        padding=PADDING,
        axis_end=height - PADDING,
        label_x=LABEL_WIDTH - 8,
        value_x=LABEL_WIDTH + 6,
        text_y=PADDING + ROW_HEIGHT // 2,
        bar_y=PADDING + (ROW_HEIGHT - BAR_HEIGHT) // 2,
        # Each element was escaped by format_html above.
        labels=mark_safe("".join(labels)),
        bars=mark_safe("".join(bars)),
        values=mark_safe("".join(values)),
    )
    return chart


def _budget_chart(rows, *, chart_id, title, description, label_header, currency):
    return bar_chart(
        rows,
        chart_id=chart_id,
        title=title,
        description=description % {"currency": _lower_first(str(Currency(currency).label))},
        label_header=label_header,
        value_header=_("Budget"),
        format_value=lambda value: money(value, currency),
    )


def _year_chart(rows, *, chart_id, title, description):
    return bar_chart(
        rows,
        chart_id=chart_id,
        title=title,
        description=description,
        label_header=_("Année"),
        value_header=_("Projets"),
        format_value=lambda n: ngettext("%(n)s projet", "%(n)s projets", n) % {"n": _count(n)},
    )


def project_charts(queryset, currency=Currency.USD):
    """The four charts of a project list or of the home page, for the projects of queryset."""
    return {
        "budget_by_type": _budget_chart(
            budget_by_type(queryset, currency),
            chart_id="graphique-budget-type",
            title=_("Budget par type de projet"),
            description=_(
                "Somme des budgets des projets affichés, par type de projet, en %(currency)s. "
                "Les budgets exprimés dans une autre devise ne sont pas comptés."
            ),
            label_header=_("Type de projet"),
            currency=currency,
        ),
        "budget_by_status": _budget_chart(
            budget_by_status(queryset, currency),
            chart_id="graphique-budget-statut",
            title=_("Budget par statut"),
            description=_(
                "Somme des budgets des projets affichés, par statut, en %(currency)s. "
                "Les budgets exprimés dans une autre devise ne sont pas comptés."
            ),
            label_header=_("Statut"),
            currency=currency,
        ),
        "projects_by_start_year": _year_chart(
            projects_by_start_year(queryset),
            chart_id="graphique-annee-debut",
            title=_("Projets par année de début"),
            description=_(
                "Nombre de projets affichés par année de début, parmi ceux dont cette année est connue."
            ),
        ),
        "projects_by_end_year": _year_chart(
            projects_by_end_year(queryset),
            chart_id="graphique-annee-fin",
            title=_("Projets par année de fin"),
            description=_(
                "Nombre de projets affichés par année de fin, parmi ceux dont cette année est connue."
            ),
        ),
    }


def render_chart(chart):
    return render_to_string("includes/_chart.html", {"chart": chart})
