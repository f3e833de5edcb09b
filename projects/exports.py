"""The filtered project list as files donors take away: CSV, JSON and IATI XML.

The three answer the same query string as the project list, through the same FilterSet, and
stream: projects are read in chunks, each chunk with its own prefetch queries, so neither memory
nor the number of queries per chunk grows with the number of projects. Once built, a file is
kept until the content changes (core.export_files).
"""

import csv
import json
from decimal import Decimal

from django.http import HttpResponseBadRequest
from django.utils import timezone
from django.views.decorators.http import require_safe

from core.export_files import stored_download
from core.site_url import site_url
from projects import iati
from projects.filters import ProjectFilter
from projects.models import Project

CHUNK_SIZE = 500

# A semicolon, because Excel set to French splits a double-clicked CSV on the list separator
# of the locale, which is ";" (the comma being the decimal separator); a comma-separated file
# opens there as a single column. For the same reason amounts have a decimal comma and no
# thousands separator ("78350,00"): French Excel reads "78350.00" as text. Scripts that want
# dot decimals read the JSON.
CSV_DELIMITER = ";"
MULTI_VALUE_SEPARATOR = " | "


def filtered_projects(request):
    """The published projects the list page shows for this query string, or the filter errors."""
    filterset = ProjectFilter(request.GET, queryset=Project.objects.published())
    if not filterset.is_valid():
        return None, filterset
    return filterset.qs, filterset


def invalid_filters_response(filterset):
    lines = ["Paramètres de filtre invalides :"]
    for name, messages in filterset.errors.items():
        label = filterset.filters[name].label if name in filterset.filters else None
        lines += [f"- {label} : {message}" if label else f"- {message}" for message in messages]
    return HttpResponseBadRequest("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def iter_projects(queryset, *prefetch, chunk_size=CHUNK_SIZE):
    return queryset.with_related().prefetch_related(*prefetch).iterator(chunk_size=chunk_size)


def project_record(project, site):
    """One project as plain values, its page under the address `site`; its type, donors,
    countries and areas should be prefetched."""
    return {
        "project_code": project.project_code,
        "prima_id": project.prima_id or None,
        "title": project.title,
        "url": site + project.get_absolute_url(),
        "status": project.status,
        "status_label": project.get_status_display(),
        "project_type": project.project_type.name if project.project_type else None,
        "start_year": project.start_year,
        "end_year": project.end_year,
        "funding_year": project.funding_year,
        "budget": project.budget,
        "budget_currency": project.budget_currency if project.budget is not None else None,
        "coverage": project.coverage or None,
        "coverage_label": project.get_coverage_display() or None,
        "region": project.region or None,
        "region_label": project.get_region_display() or None,
        "fund": project.fund or None,
        "donors": [donor.name for donor in project.all_donors],
        "announced_funding": [
            {
                "donors": [donor.name for donor in funding.donors.all()],
                "amount": funding.amount,
                "currency": funding.currency,
                "amount_as_stated": funding.amount_as_stated or None,
                "release_url": site + funding.release.get_absolute_url(),
            }
            for funding in project.published_funding
        ],
        "beneficiary_countries": [country.name for country in project.beneficiary_countries.all()],
        "thematic_areas": [area.name for area in project.thematic_areas.all()],
        "summary": project.summary or None,
        "description": project.description or None,
    }


CSV_COLUMNS = [
    ("Projet ID", "project_code"),
    ("PRIMA ID", "prima_id"),
    ("Titre", "title"),
    ("Statut", "status_label"),
    ("Type de projet", "project_type"),
    ("Année de début", "start_year"),
    ("Année de fin", "end_year"),
    ("Année de financement", "funding_year"),
    ("Budget", "budget"),
    ("Devise", "budget_currency"),
    ("Couverture", "coverage_label"),
    ("Région (IDF)", "region_label"),
    ("Fonds", "fund"),
    ("Bailleurs", "donors"),
    ("États membres bénéficiaires", "beneficiary_countries"),
    ("Domaines d'activité", "thematic_areas"),
    ("Description", "description"),
    ("Page du projet", "url"),
]


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, list):
        return MULTI_VALUE_SEPARATOR.join(value)
    return value


class _Echo:
    """A file-like object whose write() returns the line, for csv.writer in a generator."""

    def write(self, value):
        return value


def iter_csv(projects, site):
    writer = csv.writer(_Echo(), delimiter=CSV_DELIMITER)
    # The byte order mark makes Excel read the file as UTF-8, so accents survive.
    yield "\ufeff" + writer.writerow([header for header, _ in CSV_COLUMNS])
    for project in projects:
        record = project_record(project, site)
        yield writer.writerow([_csv_cell(record[key]) for _, key in CSV_COLUMNS])


def _json_default(value):
    # Budgets have at most 14 significant digits, which a double holds exactly to the cent.
    return float(value)


def iter_json(projects, site):
    yield '{"projects": ['
    separator = "\n"
    for project in projects:
        yield separator + json.dumps(project_record(project, site), ensure_ascii=False, default=_json_default)
        separator = ",\n"
    yield "\n]}\n"


def _export(request, *, name, generate, content_type, filename, as_attachment=False):
    """The export for this query string, built once per content version (core.export_files)."""
    queryset, filterset = filtered_projects(request)
    if queryset is None:
        return invalid_filters_response(filterset)
    # The same filters in another order, or with a tracking parameter, share one stored file;
    # the site's address is part of it, as the files link to the project pages.
    site = site_url(request)
    parts = (
        *filterset.cache_parts(),
        ("ordering", filterset.form.cleaned_data.get("ordering") or ""),
        ("site", site),
    )
    return stored_download(
        request,
        name=name,
        parts=parts,
        generate=lambda: generate(queryset, site),
        content_type=content_type,
        filename=filename,
        as_attachment=as_attachment,
    )


@require_safe
def export_csv(request):
    return _export(
        request,
        name="csv",
        generate=lambda queryset, site: iter_csv(iter_projects(queryset, "thematic_areas"), site),
        content_type="text/csv; charset=utf-8",
        filename="projets-oim-haiti.csv",
        as_attachment=True,
    )


@require_safe
def export_json(request):
    return _export(
        request,
        name="json",
        generate=lambda queryset, site: iter_json(iter_projects(queryset, "thematic_areas"), site),
        content_type="application/json",
        filename="projets-oim-haiti.json",
    )


@require_safe
def iati_xml(request):
    return _export(
        request,
        name="iati",
        generate=lambda queryset, site: iati.iter_iati_xml(iter_projects(iati.describable(queryset))),
        content_type="application/xml; charset=utf-8",
        # A download (browsers would show raw XML) named with its date, so that files saved on
        # different days are told apart; the address stays the one the IATI registry knows.
        filename=f"oim-haiti-iati-{timezone.localdate().isoformat()}.xml",
        as_attachment=True,
    )
