"""A project's donors: those named on it and those of the funding a release announces for it."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.urls import reverse

from core.models import PublicationStatus
from tests.factories import add_funding, make_organisation, make_project, make_release

pytestmark = pytest.mark.django_db


@pytest.fixture
def funded():
    """A release announcing anti-trafficking funding for one project; a draft release for another."""
    tip = make_organisation("Bureau de contrôle et de lutte contre la traite des personnes", acronym="")
    unicef = make_organisation("Fonds des Nations Unies pour l'enfance", acronym="UNICEF")
    inl = make_organisation("Bureau des affaires de stupéfiants", acronym="INL")
    trafficking = make_project(title="Lutte contre la traite", project_code="TR-001")
    border = make_project(title="Police des frontières", project_code="PF-002", donors=[inl])
    other = make_project(title="Sans bailleur", project_code="SB-003")
    release = make_release(title="L'OIM intensifie ses efforts de lutte contre la traite")
    add_funding(
        release,
        donors=[tip, unicef],
        amount=Decimal("1600000"),
        amount_as_stated="1,6 million de dollars",
        project=trafficking,
    )
    draft = make_release(title="Brouillon", publication_status=PublicationStatus.DRAFT)
    add_funding(draft, donors=[unicef], amount=Decimal("5"), project=other)
    return {
        "release": release,
        "trafficking": trafficking,
        "border": border,
        "other": other,
        "tip": tip,
        "unicef": unicef,
        "inl": inl,
    }


def donor_facet(response):
    facet = next(f for f in response.context["filterset"].facets if f.name == "donor")
    return {option.label: option.count for option in facet.options}


def test_donor_filter_offers_the_donors_of_announced_funding_with_their_counts(client, funded):
    response = client.get(reverse("projects:list"))

    # The draft release's funding gives UNICEF nothing more; "Sans bailleur" has no donor.
    assert donor_facet(response) == {
        "Bureau de contrôle et de lutte contre la traite des personnes": 1,
        "Bureau des affaires de stupéfiants (INL)": 1,
        "Fonds des Nations Unies pour l'enfance (UNICEF)": 1,
    }
    html = response.content.decode()
    assert (
        f'<option value="{funded["unicef"].pk}">Fonds des Nations Unies pour l&#x27;enfance (UNICEF) (1)</option>'
        in html
    )


def test_choosing_a_donor_lists_the_projects_it_funds_through_a_release(client, funded):
    response = client.get(reverse("projects:list"), {"donor": funded["unicef"].pk})

    assert [p.title for p in response.context["page_obj"].object_list] == ["Lutte contre la traite"]
    # The other facets count within that donor's projects.
    assert donor_facet(response)["Bureau des affaires de stupéfiants (INL)"] == 1
    status = next(f for f in response.context["filterset"].facets if f.name == "status")
    assert sum(option.count for option in status.options) == 1


def test_project_card_and_page_name_the_donors_of_announced_funding(client, funded):
    listing = client.get(reverse("projects:list")).content.decode()
    assert "UNICEF" in listing

    page = client.get(funded["trafficking"].get_absolute_url()).content.decode()
    assert "Fonds des Nations Unies pour l&#x27;enfance" in page
    assert "Financements annoncés" in page
    assert "1,6 million de dollars" in page
    assert "L&#x27;OIM intensifie ses efforts de lutte contre la traite" in page

    # A draft release's funding stays off the public page.
    other = client.get(funded["other"].get_absolute_url()).content.decode()
    assert "Financements annoncés" not in other
    assert "UNICEF" not in other


def test_csv_and_json_exports_carry_the_donors(client, funded):
    body = b"".join(client.get(reverse("projects-export-csv")).streaming_content).decode("utf-8-sig")
    rows = {row["Projet ID"]: row for row in csv.DictReader(io.StringIO(body), delimiter=";")}
    assert rows["TR-001"]["Bailleurs"] == (
        "Bureau de contrôle et de lutte contre la traite des personnes | Fonds des Nations Unies pour l'enfance"
    )
    assert rows["PF-002"]["Bailleurs"] == "Bureau des affaires de stupéfiants"
    assert rows["SB-003"]["Bailleurs"] == ""

    data = json.loads(b"".join(client.get(reverse("projects-export-json")).streaming_content))
    records = {record["project_code"]: record for record in data["projects"]}
    assert records["TR-001"]["donors"] == [
        "Bureau de contrôle et de lutte contre la traite des personnes",
        "Fonds des Nations Unies pour l'enfance",
    ]
    [funding] = records["TR-001"]["announced_funding"]
    assert funding["amount"] == 1600000
    assert funding["amount_as_stated"] == "1,6 million de dollars"
    assert funding["release_url"].endswith(funded["release"].get_absolute_url())
    assert records["SB-003"]["announced_funding"] == []


def test_an_empty_donor_filter_says_so_rather_than_offer_an_empty_list(client):
    make_project()

    html = client.get(reverse("projects:list")).content.decode()

    assert 'name="donor"' not in html
    assert "Aucun projet publié n&#x27;indique encore de bailleur." in html
