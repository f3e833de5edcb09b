"""The passage of text under each search result: whole numbers, whole words, every cut marked."""

import re

import pytest
from lxml import html

from search.queries import MARK_END, MARK_START, excerpt
from tests.factories import make_release

# As in the seed text of the Hispaniola release (fixtures/seeds/001_*.txt), after a first paragraph.
OPENING = (
    "L'Organisation internationale pour les migrations intensifie ses efforts de lutte contre la "
    "traite des personnes dans les deux pays de l'île, où des milliers d'enfants vivent dans la rue, "
    "travaillent comme domestiques ou traversent la frontière sans leurs parents, souvent aux mains "
    "de passeurs et de trafiquants qui les exploitent."
)
FUNDING = (
    "Le 1,6 million de dollars donné par le Bureau de contrôle et de lutte contre la traite des "
    "personnes du Département d'Etat américain et par le Fonds des Nations Unies pour l'Enfance "
    "(UNICEF), permettra de soutenir un programme centré sur les enfants entraînés dans la traite."
)
CLOSING = (
    "Grâce à ce nouveau financement, environ 500 victimes de traite à travers l'île d'Hispaniola "
    "bénéficieront d'une aide directe, notamment de soins médicaux et d'un soutien psychosocial, "
    "nutritionnel et éducatif, et seront accompagnées jusqu'à leur retour dans leur famille."
)


def marked(text, *words):
    for word in words:
        text = text.replace(word, f"{MARK_START}{word}{MARK_END}")
    return text


def test_an_excerpt_keeps_a_number_with_its_unit_when_the_match_follows_it():
    # Twenty words of another sentence before: the passage would start a few words before the match.
    text = " ".join(["mot"] * 20) + " de 1,6 million de dollars donné par le " + marked("Bureau", "Bureau")

    passage = excerpt(text)

    assert "1,6 million de dollars" in passage
    assert passage.startswith("… ")


def test_an_excerpt_keeps_the_groups_of_digits_of_an_amount_together():
    text = marked("Le budget du projet", "budget") + " s'élève à 2 400 000 dollars " + " ".join(["mot"] * 40)

    passage = excerpt(text, words=7)

    assert passage.startswith("Le ")
    assert "2 400 000 dollars" in passage
    assert passage.endswith(" …")


def test_an_excerpt_that_reaches_the_end_of_the_text_has_no_ellipsis_there():
    passage = excerpt(marked("Un texte court sur la traite.", "traite"))

    assert passage == f"Un texte court sur la {MARK_START}traite{MARK_END}."


@pytest.mark.django_db
def test_search_excerpts_start_and_end_on_whole_words_and_mark_their_cuts(client):
    make_release(title="Lutte contre la traite sur Hispaniola", body=f"{OPENING}\n\n{FUNDING}\n\n{CLOSING}")

    page = html.fromstring(client.get("/recherche/", {"q": "contrôle"}).content)

    [passage] = [p.text_content() for p in page.xpath("//p[@class='search-result__excerpt']")]
    assert "1,6 million de dollars donné par le Bureau de contrôle" in passage
    # The passage starts with its sentence, and its cuts are shown as such.
    assert passage.startswith("… Le 1,6 million")
    assert passage.endswith(" …")
    whole_text = " ".join(f"{OPENING} {FUNDING} {CLOSING}".split())
    for part in filter(None, re.split(r"\s*…\s*", passage)):
        assert part in whole_text
        # Each part begins and ends with a whole word of the text.
        start = whole_text.index(part)
        assert start == 0 or whole_text[start - 1] == " ", part
        end = start + len(part)
        assert end == len(whole_text) or whole_text[end] == " ", part
