"""Reading the text of an IOM web page: a project page, a news release or an editorial page
(the country overview). No database here."""

import html
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import slugify

from core.importer.amounts import Amount, AmountError, find_amounts, parse_number
from projects.models import Coverage, ProjectStatus, Region, ResultKind


class ParseError(ValueError):
    """The text cannot be imported; the message says why, in French, for the person running the import.

    `code` names the cases a caller may phrase in its own terms (the admin has no --page option).
    """

    def __init__(self, message, *, code=""):
        super().__init__(message)
        self.code = code


EDITORIAL_PAGE = "editorial_page"


# The site's navigation, saved at the top of every page; "Qui sommes nousL'Organisation..." is a
# heading glued to its teaser text.
NAV_HEADINGS = (
    "Qui sommes nous",
    "Structure",
    "Notre travail",
    "Ce que nous faisons",
    "Partenariats",
    "Agir",
    "Travailler avec nous",
    "Engagez-vous",
)
NAV_ITEMS = {
    "-",
    "- Structure organisationnelle",
    "- Directrice générale",
    "- Directrice générale adjointe chargée de la gestion et des réformes",
    "- Directrice générale adjointe chargée des opérations",
    "- Bureau du Chef de Cabinet",
    "- Bureau des partenariats, de la sensibilisation et de la communication",
    "- Bureau de la stratégie et de la performance institutionnelle",
    "- Où travaillons-nous",
    "- Données et recherche",
    "- 2030 AGENDA",
}

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

MAX_SLUG_LENGTH = 200  # the slug fields hold 200 characters


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


@dataclass(frozen=True)
class Contact:
    name: str
    organisation_label: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Quotation:
    text: str
    speaker: str
    speaker_role: str = ""


@dataclass
class ParsedRelease:
    title: str
    slug: str
    dateline: str
    lead: str
    paragraphs: list[str]
    funding: list[Amount] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    quotes: list[Quotation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def body(self):
        return "\n\n".join(self.paragraphs)


def french_slugify(text, max_length=MAX_SLUG_LENGTH):
    """slugify() drops "œ" and glues "l’OIM" into "loim"; spell them out first."""
    text = text.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae").replace("Æ", "Ae")
    slug = slugify(re.sub(r"['’]", " ", text))
    if len(slug) > max_length:
        slug = slug[: max_length + 1].rsplit("-", 1)[0]
    return slug


def decode(data):
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ParseError(
            f"le fichier n'est pas en UTF-8 (octet 0x{data[error.start]:02x} à la position {error.start})"
        ) from error
    # Valid UTF-8, yet no page's text holds one (a UTF-16 or binary file does), nor can the
    # database store it.
    if "\x00" in text:
        raise ParseError(
            f"le fichier contient un caractère nul (octet 0x00 à la position {data.index(0)}), "
            "ce qu'un texte ne contient pas : enregistrez à nouveau la page en texte UTF-8"
        )
    return text


def clean_text(text):
    """Remove what the HTML export left: mailto attributes, tags, entities, non-breaking spaces."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r'"?mailto:[^"\s>]*"?\s*>', "", text)
    text = strip_tags(text)
    text = html.unescape(text)
    return text.replace("\u00a0", " ").replace("\ufeff", "")


def strip_navigation(lines):
    """Drop the navigation block the saved pages start with."""
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        if not line or line in NAV_ITEMS or any(line.startswith(heading) for heading in NAV_HEADINGS):
            index += 1
            continue
        break
    return lines[index:]


_LIST_ITEM = re.compile(r"^(\d+)[.)]\s+")
_PARAGRAPH_END = (".", "!", "?", ":", "»", '"', "…")


def reflow(lines):
    """Join hard-wrapped lines into paragraphs: a paragraph ends with a blank line, a final
    punctuation mark, or before a numbered list item."""
    paragraphs, current = [], []
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        if current and _LIST_ITEM.match(line):
            paragraphs.append(" ".join(current))
            current = []
        current.append(line)
        if line.endswith(_PARAGRAPH_END):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def _lines(text):
    return strip_navigation(clean_text(text).split("\n"))


def parse_page(text):
    """A ParsedProject or a ParsedRelease, recognised by the page's shape."""
    if not text.strip():
        raise ParseError("le fichier est vide")
    lines = [line.rstrip() for line in _lines(text)]
    if not lines:
        raise ParseError("le fichier ne contient que le menu du site")
    if _looks_like_project(lines):
        return parse_project(lines)
    release = _parse_release_or_none(lines)
    if release is None and _parse_editorial_or_none(lines) is not None:
        raise ParseError(
            "texte d'une page éditoriale (un chapeau puis des intertitres, comme la présentation du pays) : "
            "il ne dit pas quelle page du site il remplit ; importez-le avec --page SLUG FICHIER, "
            "par exemple --page a-propos FICHIER",
            code=EDITORIAL_PAGE,
        )
    if release is None:
        raise ParseError(
            "texte non reconnu : ni une fiche de projet (champs « Projet ID », « Statut du projet »…) "
            "ni un communiqué de presse (titre, paragraphes, lieu d'émission ou contacts presse)"
        )
    return release


def _looks_like_project(lines):
    labels = {line.strip() for line in lines}
    return len(lines) > 2 and lines[1].strip() == "-" and bool(labels & PROJECT_LABELS.keys())


# Project pages -----------------------------------------------------------------------------------


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
        if (
            index + 1 < len(paragraphs)
            and paragraph.endswith(":")
            and _LIST_ITEM.match(paragraphs[index + 1])
        ):
            kind = _kind_of_list(paragraph)
            index += 1
            while index < len(paragraphs) and _LIST_ITEM.match(paragraphs[index]):
                items.append(ListItem(kind, _item_text(_LIST_ITEM.sub("", paragraphs[index]))))
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


# News releases -----------------------------------------------------------------------------------

_CONTACT_INTRO = re.compile(r"Pour plus d['’]informations?,?\s*veuillez contacter\s*:?\s*", re.IGNORECASE)
_DATELINE = re.compile(r"^(?P<place>[A-ZÀ-Ý][\w'’. -]{1,40}?)\s+[-–—]\s+(?P<text>\S.*)$")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"\b(?:Tél|Tel|Téléphone)\.?\s*:?\s*(?P<phone>\+?\s*\d[\d ]{5,}\d)", re.IGNORECASE)
_EMAIL_LABEL = re.compile(r"\b(?:E-?mail|Courriel)\s*:?", re.IGNORECASE)


def _parse_release_or_none(lines):
    title = lines[0].strip()
    text = "\n".join(lines[1:])
    contact_match = _CONTACT_INTRO.search(text)
    contact_text = ""
    if contact_match:
        contact_text = text[contact_match.end() :]
        text = text[: contact_match.start()]
    paragraphs = reflow(text.split("\n"))
    if not title or len(paragraphs) < 2:
        return None
    dateline = ""
    match = _DATELINE.match(paragraphs[0])
    if match:
        dateline, paragraphs[0] = match["place"].strip(), match["text"]
    contacts = parse_contacts(contact_text)
    if not contacts and not dateline:
        return None
    return ParsedRelease(
        title=title,
        slug=french_slugify(title),
        dateline=dateline,
        lead=paragraphs[0],
        paragraphs=paragraphs[1:],
        funding=[amount for paragraph in paragraphs for amount in find_amounts(paragraph)],
        contacts=contacts,
        quotes=[quote for paragraph in paragraphs for quote in parse_quotes(paragraph)],
    )


def normalise_phone(phone):
    from core.phone import phone_as_written

    return phone_as_written(phone)


def parse_contacts(text):
    """Contacts written one field a line (name / organisation / Tel / E-mail), or on one line
    separated by commas; several contacts are separated by "ou"."""
    contacts = []
    for chunk in re.split(r"(?:^|\n|,)\s*ou\s*(?=\n|,|$)", text.strip()):
        if not chunk.strip():
            continue
        email_match = _EMAIL.search(chunk)
        phone_match = _PHONE.search(chunk)
        rest = _EMAIL.sub("", _PHONE.sub("", chunk))
        rest = _EMAIL_LABEL.sub("", rest)
        parts = [part.strip(" .:;") for part in re.split(r"[\n,]", rest)]
        parts = [part for part in parts if part]
        if not parts:
            continue
        contacts.append(
            Contact(
                name=parts[0],
                organisation_label=parts[1] if len(parts) > 1 else "",
                phone=normalise_phone(phone_match["phone"]) if phone_match else "",
                email=email_match.group(0) if email_match else "",
            )
        )
    return contacts


_NAME = r"(?:[A-ZÀ-Ý][\w-]+(?:\s+(?:de|da|del|van|von|le|la)\s+|\s+))*[A-ZÀ-Ý][\w-]+"
_TITLES = ("Commissaire", "Ministre", "Directeur", "Directrice", "Inspecteur", "Docteur", "Dr")
_QUOTE_BEFORE = re.compile(
    rf"(?:Selon|D['’]après)\s+(?:l[ea]\s+|l['’])?(?P<speaker>{_NAME}),\s*(?P<role>[^,«]+?),?\s*«\s*(?P<text>[^»]+?)\s*»"
)
_QUOTE_AFTER = re.compile(
    rf"«\s*(?P<text>[^»]+?)\s*»,?\s*(?:a|ont)\s+(?:déclaré|affirmé|indiqué|ajouté|souligné|expliqué)\s+"
    rf"(?:l[ea]\s+)?(?P<speaker>{_NAME}),\s*(?P<role>[^.]+?)\.?$"
)


def _speaker_and_role(speaker, role):
    first, _, others = speaker.partition(" ")
    if first in _TITLES and others:
        return others, f"{first}, {role.strip()}"
    return speaker, role.strip()


def parse_quotes(paragraph):
    quotes = []
    for pattern in (_QUOTE_BEFORE, _QUOTE_AFTER):
        for match in pattern.finditer(paragraph):
            speaker, role = _speaker_and_role(match["speaker"], match["role"])
            quotes.append(Quotation(text=match["text"].strip(), speaker=speaker, speaker_role=role))
    return quotes


# Editorial pages ---------------------------------------------------------------------------------

_BULLET = re.compile(r"^[•·▪‣◦*–-]\s+")
_HEADING_MAX_LENGTH = 120


@dataclass(frozen=True)
class Section:
    heading: str
    body: str


@dataclass
class ParsedPage:
    lead: str
    paragraphs: list[str]
    sections: list[Section]
    warnings: list[str] = field(default_factory=list)

    @property
    def body(self):
        return "\n\n".join(self.paragraphs)


def _blocks(lines):
    """Paragraphs, and bulleted lists as one block of "- item" lines (the site's list markup)."""
    blocks, text, bullets = [], [], []

    def flush():
        if text:
            blocks.extend(reflow(text))
            text.clear()
        if bullets:
            blocks.append("\n".join(f"- {item}" for item in bullets))
            bullets.clear()

    for raw in lines:
        line = " ".join(raw.split())
        if _BULLET.match(line):
            if text:
                flush()
            bullets.append(_BULLET.sub("", line))
        elif not line:
            flush()
        else:
            if bullets:
                flush()
            text.append(line)
    flush()
    return blocks


def _is_heading(block):
    return (
        "\n" not in block
        and len(block) <= _HEADING_MAX_LENGTH
        and not block.startswith("- ")
        and not block.endswith((*_PARAGRAPH_END, ",", ";"))
    )


def _parse_editorial_or_none(lines):
    blocks = _blocks(lines)
    if not blocks or _is_heading(blocks[0]):
        return None
    lead, paragraphs, sections = blocks[0], [], []
    for index, block in enumerate(blocks[1:], start=1):
        if _is_heading(block) and index + 1 < len(blocks) and not _is_heading(blocks[index + 1]):
            sections.append([block])
        elif sections:
            sections[-1].append(block)
        else:
            paragraphs.append(block)
    if not sections:
        return None
    return ParsedPage(
        lead=lead,
        paragraphs=paragraphs,
        sections=[Section(heading=heading, body="\n\n".join(body)) for heading, *body in sections],
    )


def parse_editorial_page(text):
    """A ParsedPage: the first paragraph is the lead, then the text up to the first heading, then
    the sections. The text says nothing of which page it is: the person importing says it."""
    if not text.strip():
        raise ParseError("le fichier est vide")
    lines = [line.rstrip() for line in _lines(text)]
    if _looks_like_project(lines):
        raise ParseError("c'est une fiche de projet : importez-la sans --page")
    page = _parse_editorial_or_none(lines)
    if page is None:
        raise ParseError(
            "texte non reconnu comme page : il faut un premier paragraphe (le chapeau) "
            "puis au moins un intertitre suivi de texte"
        )
    return page
