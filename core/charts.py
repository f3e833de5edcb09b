"""Horizontal bar charts drawn on the server (HTML text, SVG bars), with a table as their text
alternative.

The aggregate functions take the project queryset a page already filters, so the charts follow
the current filters, and each runs one query. The chart functions are pure: rows in, markup out.
`project_charts()` gives a page everything at once; `render_chart()` turns one chart into the
HTML of includes/_chart.html for a view that prefers not to {% include %} it.
"""

from dataclasses import dataclass

from django.db.models import Count, Sum
from django.template.loader import render_to_string
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.formatting import money
from core.models import Currency
from projects.models import ProjectStatus

# Labels this short (years, most statuses) sit left of their bar at any width; longer ones go
# above their bar when the chart is narrow (site.css).
SHORT_LABEL_CHARACTERS = 6

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
