"""Reading an IOM project page: its labelled fields, its description and its numbered lists."""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import translation

from importer.amounts import Amount, AmountError, find_amounts, parse_number
from importer.text import LIST_ITEM, ParseError, french_slugify, reflow
from projects.models import Coverage, ProjectStatus, Region, ResultKind

PROJECT_LABELS = {
    "Date de début": "start_year",
    "Date de fin": "end_year",
    "Statut du projet": "status",
    "Type de projet": "project_type",
    "Budget Amount (USD)": "budget",
    "Couverture": "coverage",
    "Année": "funding_year",
    "IDF Region": "region",
    "Prima ID": "prima_id",
    "Projet ID": "project_code",
    "Etat(s) membre(s) beneficiaires remplissant les conditions requises": "beneficiary_countries",
}
PROJECT_CODE_LABEL = "Projet ID"
BUDGET_LABEL = "Budget Amount (USD)"


def _by_french_label(choices):
    """The choices' values keyed by their French label, lower-cased, as the pages write them."""
    with translation.override("fr"):
        return {str(label).lower(): value for value, label in choices.choices}


STATUSES = _by_french_label(ProjectStatus)
COVERAGES = _by_french_label(Coverage)
REGIONS = _by_french_label(Region)
COUNTRIES = {
    "haïti": ("HT", "Haïti"),
    "république dominicaine": ("DO", "République dominicaine"),
    "états-unis": ("US", "États-Unis"),
    "etats-unis": ("US", "États-Unis"),
    "canada": ("CA", "Canada"),
}

RESULT = ResultKind.EXPECTED_RESULT
ACTIVITY = ResultKind.ACTIVITY


@dataclass(frozen=True)
class Country:
    iso_code: str
    name: str


@dataclass(frozen=True)
class ListItem:
    kind: str
    text: str


@dataclass
class ParsedProject:
    title: str
    slug: str
    project_code: str
    status: str
    prima_id: str = ""
    start_year: int | None = None
    end_year: int | None = None
    project_type: str = ""
    budget: Decimal | None = None
    budget_currency: str = "USD"
    coverage: str = ""
    funding_year: int | None = None
    region: str = ""
    fund: str = ""
    beneficiary_countries: list[Country] = field(default_factory=list)
    description: str = ""
    results: list[ListItem] = field(default_factory=list)
    amounts_in_text: list[Amount] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # The fields whose label the page has: the others are left as they are in the database.
    present: set[str] = field(default_factory=set)


def looks_like_project(lines):
    labels = {line.strip() for line in lines}
    return len(lines) > 2 and lines[1].strip() == "-" and bool(labels & PROJECT_LABELS.keys())


def _labelled_fields(lines):
    """Pairs of (label, value) from "-" / label / value blocks, and the lines after the last one."""
    pairs, index = [], 1
    while index + 2 < len(lines) and lines[index].strip() == "-":
        pairs.append((lines[index + 1].strip(), lines[index + 2].strip()))
        index += 3
    return pairs, lines[index:]


def _year(label, value):
    if not re.fullmatch(r"\d{4}", value):
        raise ParseError(f"« {label} » : « {value} » n'est pas une année")
    return int(value)


def _choice(label, value, choices):
    try:
        return choices[value.strip().lower()]
    except KeyError:
        raise ParseError(f"« {label} » : valeur inconnue « {value} »") from None


def _countries(label, value):
    countries = []
    for name in filter(None, (part.strip() for part in re.split(r"[,;]", value))):
        if name.lower() not in COUNTRIES:
            raise ParseError(f"« {label} » : pays inconnu « {name} »")
        countries.append(Country(*COUNTRIES[name.lower()]))
    return countries


def parse_project(lines):
    title = lines[0].strip()
    pairs, rest = _labelled_fields(lines)
    values, warnings = {}, []
    for label, value in pairs:
        if label not in PROJECT_LABELS:
            warnings.append(f"libellé inconnu « {label} » (valeur « {value} ») : ignoré")
            continue
        values[PROJECT_LABELS[label]] = (label, value)
    if "project_code" not in values or not values["project_code"][1]:
        raise ParseError(f"fiche de projet sans « {PROJECT_CODE_LABEL} »")
    if "status" not in values:
        raise ParseError("fiche de projet sans « Statut du projet »")

    project = ParsedProject(
        title=title,
        slug=french_slugify(title),
        project_code=values["project_code"][1],
        status=_choice(*values["status"], STATUSES),
        warnings=warnings,
    )
    for name in ("start_year", "end_year", "funding_year"):
        if name in values:
            setattr(project, name, _year(*values[name]))
    if "budget" in values:
        label, value = values["budget"]
        try:
            project.budget = parse_number(value).quantize(Decimal("0.01"))
        except AmountError as error:
            raise ParseError(f"« {label} » : {error}") from None
        project.budget_currency = re.search(r"\((\w{3})\)", label)[1]
    if "coverage" in values:
        project.coverage = _choice(*values["coverage"], COVERAGES)
    if "region" in values:
        # The field's name does not say which fund pays: it is left to staff.
        project.region = _choice(*values["region"], REGIONS)
    if "prima_id" in values:
        project.prima_id = values["prima_id"][1]
    if "project_type" in values:
        project.project_type = values["project_type"][1]
    project.present = (set(values) - {"project_code"}) | _implied(values)
    if "beneficiary_countries" in values:
        project.beneficiary_countries = _countries(*values["beneficiary_countries"])
    if project.start_year and project.end_year and project.end_year < project.start_year:
        raise ParseError(f"année de fin {project.end_year} avant l'année de début {project.start_year}")

    paragraphs = _unwrap_quotes(reflow(rest))
    description, project.results = _split_lists(paragraphs)
    project.description = "\n\n".join(description)
    project.amounts_in_text = [amount for paragraph in paragraphs for amount in find_amounts(paragraph)]
    _check_budget_restated(project, paragraphs)
    return project


def _implied(values):
    return {"budget_currency"} if "budget" in values else set()


def _unwrap_quotes(paragraphs):
    """Some pages wrap the whole description in one pair of straight quotes."""
    if paragraphs and paragraphs[0].startswith('"') and paragraphs[-1].endswith('"'):
        paragraphs = [paragraphs[0][1:], *paragraphs[1:]]
        paragraphs[-1] = paragraphs[-1][:-1]
    return [paragraph.strip() for paragraph in paragraphs if paragraph.strip()]


_INLINE_ITEM = re.compile(r"(?:^|\s)\d+\)\s+")
_ITEM_TAIL = re.compile(r"[\s;,.]*(?:et,?\s*enfin,?)?[\s;,.]*$")


def _item_text(text):
    text = _ITEM_TAIL.sub("", text.strip())
    return text[:1].upper() + text[1:]


def _kind_of_list(intro):
    return RESULT if re.search(r"résultat", intro, re.IGNORECASE) else ACTIVITY


def _split_lists(paragraphs):
    """Numbered lists become items: "1. ..." on their own lines, or "1) ...; ..." inside a paragraph.
    The sentence introducing a list only says what the items are, so it is not kept in the text."""
    description, items = [], []
    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        inline = _INLINE_ITEM.search(paragraph)
        if inline and paragraph[: inline.start()].rstrip().endswith(":"):
            kind = _kind_of_list(paragraph[: inline.start()])
            for chunk in _INLINE_ITEM.split(paragraph[inline.start() :]):
                items.extend(
                    ListItem(kind, _item_text(part)) for part in re.split(r";\s+", chunk) if part.strip()
                )
            index += 1
            continue
        if index + 1 < len(paragraphs) and paragraph.endswith(":") and LIST_ITEM.match(paragraphs[index + 1]):
            kind = _kind_of_list(paragraph)
            index += 1
            while index < len(paragraphs) and LIST_ITEM.match(paragraphs[index]):
                items.append(ListItem(kind, _item_text(LIST_ITEM.sub("", paragraphs[index]))))
                index += 1
            continue
        description.append(paragraph)
        index += 1
    return description, items


def _check_budget_restated(project, paragraphs):
    for paragraph in paragraphs:
        if not re.search(r"\bbudget\b", paragraph, re.IGNORECASE):
            continue
        for amount in find_amounts(paragraph):
            if project.budget is not None and (amount.value, amount.currency) != (
                project.budget,
                project.budget_currency,
            ):
                project.warnings.append(
                    f"le texte donne un budget de « {amount.as_stated} », "
                    f"le champ « {BUDGET_LABEL} » {project.budget}"
                )
