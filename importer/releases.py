"""Reading an IOM news release: its dateline, lead and paragraphs, the amounts announced, the
press contacts and the quotations."""

import re
from dataclasses import dataclass, field

from core.phone import phone_as_written
from importer.amounts import Amount, find_amounts
from importer.text import french_slugify, reflow


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


_CONTACT_INTRO = re.compile(r"Pour plus d['’]informations?,?\s*veuillez contacter\s*:?\s*", re.IGNORECASE)
_DATELINE = re.compile(r"^(?P<place>[A-ZÀ-Ý][\w'’. -]{1,40}?)\s+[-–—]\s+(?P<text>\S.*)$")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"\b(?:Tél|Tel|Téléphone)\.?\s*:?\s*(?P<phone>\+?\s*\d[\d ]{5,}\d)", re.IGNORECASE)
_EMAIL_LABEL = re.compile(r"\b(?:E-?mail|Courriel)\s*:?", re.IGNORECASE)


def parse_release_or_none(lines):
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
