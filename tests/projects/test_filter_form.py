"""The filter form as assistive technologies read it, and the chips of the filters that apply."""

import pytest
from lxml import html as lxml_html

from core.models import Organisation
from projects.models import Region
from tests.factories import make_organisation, make_project

pytestmark = pytest.mark.django_db


def selects(response):
    document = lxml_html.fromstring(response.content.decode())
    return {
        select.get("name"): [
            (option.text_content().strip(), option.get("selected") is not None)
            for option in select.iter("option")
        ]
        for select in document.iter("select")
    }


@pytest.fixture
def catalogue():
    donor = make_organisation("Gouvernement du Canada", acronym="POPS")
    make_project(title="Mobilisation de la diaspora", region=Region.LATIN_AMERICA_CARIBBEAN, donors=[donor])
    return donor


def test_every_select_has_a_labelled_first_option_and_one_option_selected(client, catalogue):
    found = selects(client.get("/projets/"))

    assert set(found) == {"coverage", "region", "donor", "ordering"}
    assert found["coverage"][0] == ("Toutes les couvertures", True)
    assert found["region"][0] == ("Toutes les régions", True)
    assert found["donor"][0] == ("Tous les bailleurs", True)
    assert found["ordering"][0] == ("Titre (A → Z)", True)
    for name, options in found.items():
        assert all(label for label, _ in options), name
        assert [selected for _, selected in options].count(True) == 1, name


def test_a_chosen_option_is_the_only_one_selected(client, catalogue):
    found = selects(client.get(f"/projets/?donor={catalogue.pk}&ordering=-budget"))

    assert [label for label, selected in found["donor"] if selected] == ["Gouvernement du Canada (POPS) (1)"]
    assert [label for label, selected in found["ordering"] if selected] == ["Budget décroissant"]


def test_rejected_values_are_errors_not_active_filter_chips(client, catalogue):
    missing = Organisation.objects.order_by("pk").last().pk + 1
    response = client.get(
        f"/projets/?q=diaspora&status=bogus&year_min=deux-mille&donor={missing}&region=nulle-part"
    )
    document = lxml_html.fromstring(response.content.decode())

    chips = [chip.text_content().strip() for chip in document.find_class("chip")]
    assert chips == ["Mots du titre ou identifiant : diaspora× (retirer ce filtre)"]
    errors = document.find_class("notice--error")[0].text_content()
    for label in ("Statut", "En cours à partir de", "Bailleur", "Région (IDF)"):
        assert f"{label} :" in errors
    # The rejected region leaves "Toutes les régions" selected.
    assert selects(response)["region"][0] == ("Toutes les régions", True)


def test_the_options_are_rendered_once_per_content_state_and_follow_an_edit(client, catalogue):
    first = client.get("/projets/?region=nulle-part")
    again = client.get("/projets/?region=nulle-part")

    facets_template = "includes/_filter_facets.html"
    assert facets_template in [t.name for t in first.templates]
    assert facets_template not in [t.name for t in again.templates]
    assert again.content == first.content
    assert ("Gouvernement du Canada (POPS) (1)", False) in selects(again)["donor"]
    document = lxml_html.fromstring(again.content.decode())
    region = document.get_element_by_id("f-region").getparent()
    assert "nulle-part" in region.find_class("field__error")[0].text_content()

    make_project(title="Retour volontaire", donors=[catalogue])
    edited = client.get("/projets/?region=nulle-part")

    assert facets_template in [t.name for t in edited.templates]
    assert ("Gouvernement du Canada (POPS) (2)", False) in selects(edited)["donor"]
