"""Reading the text of an IOM web page: a project page, a news release or an editorial page
(the country overview), told apart by their shape. No database here."""

from importer.editorial_pages import parse_editorial_or_none
from importer.project_pages import looks_like_project, parse_project
from importer.releases import parse_release_or_none
from importer.text import ParseError, page_lines

EDITORIAL_PAGE = "editorial_page"


def parse_page(text):
    """A ParsedProject or a ParsedRelease, recognised by the page's shape."""
    if not text.strip():
        raise ParseError("le fichier est vide")
    lines = [line.rstrip() for line in page_lines(text)]
    if not lines:
        raise ParseError("le fichier ne contient que le menu du site")
    if looks_like_project(lines):
        return parse_project(lines)
    release = parse_release_or_none(lines)
    if release is None and parse_editorial_or_none(lines) is not None:
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


def parse_editorial_page(text):
    """A ParsedPage: the first paragraph is the lead, then the text up to the first heading, then
    the sections. The text says nothing of which page it is: the person importing says it."""
    if not text.strip():
        raise ParseError("le fichier est vide")
    lines = [line.rstrip() for line in page_lines(text)]
    if looks_like_project(lines):
        raise ParseError("c'est une fiche de projet : importez-la sans --page")
    page = parse_editorial_or_none(lines)
    if page is None:
        raise ParseError(
            "texte non reconnu comme page : il faut un premier paragraphe (le chapeau) "
            "puis au moins un intertitre suivi de texte"
        )
    return page
