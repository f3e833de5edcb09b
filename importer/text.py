"""The text of a saved IOM web page, whatever its kind: decoded, cleaned of its HTML remains and of
the site's navigation, and joined into paragraphs. No database here."""

import html
import re
import unicodedata

from django.utils.html import strip_tags
from django.utils.text import slugify


class ParseError(ValueError):
    """The text cannot be imported; the message says why, in French, for the person running the import.

    `code` names the cases a caller may phrase in its own terms (the admin has no --page option).
    """

    def __init__(self, message, *, code=""):
        super().__init__(message)
        self.code = code


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

MAX_SLUG_LENGTH = 200  # the slug fields hold 200 characters


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


LIST_ITEM = re.compile(r"^(\d+)[.)]\s+")
PARAGRAPH_END = (".", "!", "?", ":", "»", '"', "…")


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
        if current and LIST_ITEM.match(line):
            paragraphs.append(" ".join(current))
            current = []
        current.append(line)
        if line.endswith(PARAGRAPH_END):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def page_lines(text):
    return strip_navigation(clean_text(text).split("\n"))
