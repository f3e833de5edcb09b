"""The charts of projects: budgets by type and status, projects by start and end year, drawn
by core.bar_chart.

The aggregate functions take the project queryset a page already filters, so the charts follow
the current filters, and each runs one query. The chart functions are pure: rows in, markup out.
`project_charts()` gives a page everything at once.
"""

from django.db.models import Count, Sum
from django.template.loader import render_to_string
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.bar_chart import bar_chart
from core.formatting import is_french, money
from core.models import Currency
from projects.models import ProjectStatus

NO_TYPE = gettext_lazy("Type non précisé")


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


def _currency_in_a_sentence(currency):
    """French writes a currency's name in lower case inside a sentence ("en dollar des États-Unis");
    English keeps its capitals ("in United States dollar")."""
    label = str(Currency(currency).label)
    return label[:1].lower() + label[1:] if is_french() else label


def _budget_chart(rows, *, chart_id, title, description, label_header, currency):
    return bar_chart(
        rows,
        chart_id=chart_id,
        title=title,
        description=description % {"currency": _currency_in_a_sentence(currency)},
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


def project_charts_html(queryset, currency=Currency.USD):
    """The four charts as includes/_charts.html draws them: kept drawn in the page cache."""
    return render_to_string("includes/_charts.html", {"charts": project_charts(queryset, currency)})
