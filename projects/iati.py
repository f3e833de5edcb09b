"""IATI activity XML (standard 2.03) for published projects.

The schema and the codelists the codes below come from are in projects/iati_schema/. Fields the
data lacks are left out, never made up: a project with no budget has no <budget>, a project with
no year has no date.
"""

from collections.abc import Iterable, Iterator
from datetime import date
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

from django.utils import timezone
from lxml import etree

from core.models import OrganisationKind
from projects.models import Coverage, ProjectStatus

IATI_VERSION = "2.03"
SCHEMA_DIR = Path(__file__).resolve().parent / "iati_schema"
SCHEMA_PATH = SCHEMA_DIR / "iati-activities-schema.xsd"

IOM_REF = "XM-DAC-47066"
IOM_NAME = "Organisation internationale pour les migrations (OIM)"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LANGUAGE = "fr"

# OrganisationType codelist.
MULTILATERAL = "40"
ORGANISATION_TYPES = {
    OrganisationKind.GOVERNMENT: "10",
    OrganisationKind.UN_AGENCY: MULTILATERAL,
    OrganisationKind.INTERGOVERNMENTAL: MULTILATERAL,
    OrganisationKind.PRIVATE: "70",
    OrganisationKind.OTHER: "90",
    # Not mapped, so the type is left out: a Haitian institution may be government (10) or
    # other public sector (15), and an NGO international (21) or national (22).
}

# OrganisationRole codelist.
FUNDING = "1"
IMPLEMENTING = "4"

# ActivityStatus codelist. "Achevé" becomes 4 (Closed: "physical activity is complete"), not 3
# (Finalisation), which would also claim the activity is still open pending a financial sign-off
# or an evaluation: nothing the portal records.
ACTIVITY_STATUS = {
    ProjectStatus.PREPARATION: "1",
    ProjectStatus.ACTIVE: "2",
    ProjectStatus.COMPLETED: "4",
    ProjectStatus.CANCELLED: "5",
    ProjectStatus.SUSPENDED: "6",
}

# ActivityDateType codelist. Only years are known, so only the "planned" types fit: an "actual"
# date would claim a day the data does not give.
PLANNED_START = "1"
PLANNED_END = "3"

# ActivityScope codelist. "Local" could be any of 5 to 8, so it is left out.
ACTIVITY_SCOPE = {Coverage.GLOBAL: "1", Coverage.REGIONAL: "2", Coverage.NATIONAL: "4"}

# DescriptionType, OtherIdentifierType, BudgetType and BudgetStatus codelists.
GENERAL_DESCRIPTION = "1"
INTERNAL_IDENTIFIER = "A1"  # The PRIMA ID is IOM's internal identifier of the project.
ORIGINAL_BUDGET = "1"
INDICATIVE = "1"
COMMITTED = "2"

# DAC 5-digit sector (vocabulary 1) by project type slug. 15190 "Facilitation of orderly, safe,
# regular and responsible migration and mobility" names in its description labour recruitment
# systems, border management, trafficking, diaspora engagement and remittances. Types not listed
# here (community development, for instance) span several sectors: their projects get none.
DAC_VOCABULARY = "1"
SECTOR_NAMES = {
    "15190": "Faciliter la migration et la mobilité de façon ordonnée, sans danger, régulière et responsable",
}
SECTOR_BY_PROJECT_TYPE = {
    "migration-de-main-d-oeuvre": "15190",
    "gestion-des-frontieres": "15190",
    "lutte-contre-la-traite": "15190",
    "migration-et-developpement": "15190",
}


def iati_identifier(project):
    return f"{IOM_REF}-{project.project_code}"


def describable(queryset):
    """The projects an IATI file can hold: the schema requires a description and an
    activity-date, and a project stating neither text nor year would need them made up."""
    return queryset.exclude(start_year__isnull=True, end_year__isnull=True).exclude(
        description="", summary=""
    )


def _sub(parent, tag, text=None, **attributes):
    element = etree.SubElement(
        parent, tag, {key.replace("_", "-"): str(value) for key, value in attributes.items()}
    )
    if text is not None:
        element.text = text
    return element


def _narrative(parent, text):
    narrative = _sub(parent, "narrative", text)
    narrative.set(XML_LANG, LANGUAGE)
    return narrative


def _percentages(count):
    """Equal shares adding up to exactly 100, the rounding remainder on the last one."""
    share = (Decimal(100) / count).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    shares = [share] * (count - 1) + [Decimal(100) - share * (count - 1)]
    return [format(value.normalize(), "f") for value in shares]


def activity_element(project):
    """One <iati-activity>; the project's donors and countries should be prefetched."""
    activity = etree.Element(
        "iati-activity",
        {
            "last-updated-datetime": project.updated_at.replace(microsecond=0).isoformat(),
            "default-currency": project.budget_currency,
        },
    )
    activity.set(XML_LANG, LANGUAGE)
    _sub(activity, "iati-identifier", iati_identifier(project))
    _narrative(_sub(activity, "reporting-org", ref=IOM_REF, type=MULTILATERAL), IOM_NAME)
    _narrative(_sub(activity, "title"), project.title)
    if text := project.description or project.summary:
        _narrative(_sub(activity, "description", type=GENERAL_DESCRIPTION), text)

    for donor in project.all_donors:
        kind = ORGANISATION_TYPES.get(donor.kind)
        attributes = {"role": FUNDING, **({"type": kind} if kind else {})}
        _narrative(_sub(activity, "participating-org", **attributes), donor.name)
    _narrative(
        _sub(activity, "participating-org", ref=IOM_REF, type=MULTILATERAL, role=IMPLEMENTING), IOM_NAME
    )
    if project.prima_id:
        _sub(activity, "other-identifier", ref=project.prima_id, type=INTERNAL_IDENTIFIER)

    _sub(activity, "activity-status", code=ACTIVITY_STATUS[project.status])
    if project.start_year:
        _sub(
            activity, "activity-date", type=PLANNED_START, iso_date=date(project.start_year, 1, 1).isoformat()
        )
    if project.end_year:
        _sub(activity, "activity-date", type=PLANNED_END, iso_date=date(project.end_year, 12, 31).isoformat())
    if scope := ACTIVITY_SCOPE.get(project.coverage):
        _sub(activity, "activity-scope", code=scope)

    countries = list(project.beneficiary_countries.all())
    for country, percentage in zip(countries, _percentages(len(countries)) if countries else [], strict=True):
        _narrative(
            _sub(activity, "recipient-country", code=country.iso_code, percentage=percentage), country.name
        )

    sector = SECTOR_BY_PROJECT_TYPE.get(project.project_type.slug) if project.project_type else None
    if sector:
        element = _sub(activity, "sector", vocabulary=DAC_VOCABULARY, code=sector, percentage=100)
        _narrative(element, SECTOR_NAMES[sector])

    # The budget covers the whole project: its period needs both years. IATI rulesets prefer
    # yearly budgets, but splitting the total across years would invent the split.
    if project.budget is not None and project.start_year and project.end_year:
        start = date(project.start_year, 1, 1).isoformat()
        # In preparation there is no agreement yet; past it, the amount is the one approved.
        status = INDICATIVE if project.status == ProjectStatus.PREPARATION else COMMITTED
        budget = _sub(activity, "budget", type=ORIGINAL_BUDGET, status=status)
        _sub(budget, "period-start", iso_date=start)
        _sub(budget, "period-end", iso_date=date(project.end_year, 12, 31).isoformat())
        _sub(budget, "value", f"{project.budget:.2f}", currency=project.budget_currency, value_date=start)
    elif project.budget is not None:
        # Without both years there is no budget period; IATI's legacy-data carries the amount
        # as the project page states it rather than leaving it out or inventing a period.
        _sub(
            activity,
            "legacy-data",
            name=f"Budget Amount ({project.budget_currency})",
            value=f"{project.budget:.2f}",
            iati_equivalent="budget",
        )
    if project.funding_year:
        _sub(activity, "legacy-data", name="Année de financement", value=str(project.funding_year))
    if project.fund:
        _sub(activity, "legacy-data", name="Fonds", value=project.fund)
    return activity


def iter_iati_xml(projects: Iterable, *, generated_at=None) -> Iterator[bytes]:
    """The <iati-activities> document, one activity at a time, for a streamed response."""
    generated_at = (generated_at or timezone.now()).replace(microsecond=0)
    yield b'<?xml version="1.0" encoding="UTF-8"?>\n'
    yield (
        f'<iati-activities version="{IATI_VERSION}" generated-datetime="{generated_at.isoformat()}">\n'
    ).encode()
    for project in projects:
        yield etree.tostring(
            activity_element(project), encoding="UTF-8", xml_declaration=False, pretty_print=True
        )
    yield b"</iati-activities>\n"


def load_schema():
    return etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))
