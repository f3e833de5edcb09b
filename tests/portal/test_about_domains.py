"""The About page names each domain of activity once, whether its text or the domain list gives it."""

import pytest
from django.urls import reverse
from lxml import html

from tests.factories import add_section, make_page, make_thematic_area

pytestmark = pytest.mark.django_db

# As the overview's seed text gives them (fixtures/05_pages.json), and fixtures/01_reference.json.
DOMAINS = [
    "Opérations de gestion de camp, WASH et planification de sites",
    "Protection des bénéficiaires",
    "Gestion des données, recensement, énumération dans les zones de retour",
    "Santé, réponse au choléra, soutien psychosocial",
    "Logement temporaire, biens non alimentaires",
    "Stabilisation communautaire et relèvement précoce",
    "Réduction des risques de catastrophe",
    "Traite des personnes",
    "Renforcement des capacités sur la gestion des migrations",
    "Retours et réintégrations volontaires assistés (des migrants en situation irrégulière)",
]


@pytest.fixture
def about():
    page = make_page(slug="a-propos", title="L'OIM en Haïti", lead="L'OIM est présente en Haïti depuis 1994.")
    add_section(
        page,
        heading="Les activités de l'OIM",
        body="Actuellement, l'OIM met en œuvre 12 projets actifs dans les domaines suivants :\n\n"
        + "\n".join(f"- {domain}" for domain in DOMAINS),
    )
    for position, domain in enumerate(DOMAINS, start=1):
        make_thematic_area(name=domain, position=position)
    return page


def main_text(client):
    page = html.fromstring(client.get(reverse("about")).content)
    [main] = page.xpath("//main")
    return " ".join(main.text_content().split())


def test_each_of_the_ten_domains_appears_once(client, about):
    text = main_text(client)

    assert {domain: text.count(domain) for domain in DOMAINS} == dict.fromkeys(DOMAINS, 1)


def test_a_domain_the_text_does_not_name_is_listed_beside_it(client, about):
    make_thematic_area(name="Gestion des frontières", description="Appui aux postes-frontières.", position=11)

    page = html.fromstring(client.get(reverse("about")).content)

    [aside] = page.xpath("//aside[@aria-labelledby='domaines-titre']")
    assert [item.findtext("strong") for item in aside.iter("li")] == ["Gestion des frontières"]
    assert main_text(client).count("Traite des personnes") == 1
