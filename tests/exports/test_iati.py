from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone
from lxml import etree

from core.models import OrganisationKind, PublicationStatus
from projects import iati
from projects.models import Coverage, ProjectStatus
from tests.factories import make_country, make_organisation, make_project
from tests.scenarios import make_diaspora_project, make_labour_migration_project

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CODELISTS = iati.SCHEMA_DIR / "codelists"

pytestmark = pytest.mark.django_db


def codes(name):
    return {code.text for code in etree.parse(str(CODELISTS / f"{name}.xml")).iter("code")}


def get_iati(client, query=""):
    response = client.get(f"/projets/iati.xml{query}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return etree.fromstring(b"".join(response.streaming_content))


def activity(document, project_code):
    [element] = document.xpath(
        "iati-activity[iati-identifier=$identifier]", identifier=f"XM-DAC-47066-{project_code}"
    )
    return element


@pytest.fixture
def seed_projects():
    donors = [
        make_organisation("Fonds de l'OIM pour le développement", kind=OrganisationKind.INTERGOVERNMENTAL),
        make_organisation("Ministère des Haïtiens vivant à l'étranger", kind=OrganisationKind.GOVERNMENT),
    ]
    return make_labour_migration_project(), make_diaspora_project(donors=donors)


def test_iati_xml_of_the_seed_projects_validates_against_the_2_03_schema(client, seed_projects):
    document = get_iati(client)

    schema = iati.load_schema()
    assert schema.validate(document), schema.error_log
    assert document.get("version") == "2.03"
    assert document.get("generated-datetime")


def test_each_published_project_is_one_activity_reported_by_iom(client, seed_projects):
    document = get_iati(client)

    assert sorted(document.xpath("iati-activity/iati-identifier/text()")) == [
        "XM-DAC-47066-CD.0037",
        "XM-DAC-47066-L48-805",
    ]
    for element in document.iterchildren("iati-activity"):
        assert element.get(XML_LANG) == "fr"
        assert element.xpath("iati-identifier/text()")[0].startswith("XM-DAC-47066-")
        [reporting] = element.xpath("reporting-org")
        assert (reporting.get("ref"), reporting.get("type")) == ("XM-DAC-47066", "40")
        assert reporting.xpath("narrative/text()") == [
            "Organisation internationale pour les migrations (OIM)"
        ]
        [implementing] = element.xpath("participating-org[@role='4']")
        assert implementing.get("ref") == "XM-DAC-47066"
    diaspora = activity(document, "CD.0037")
    assert diaspora.get("default-currency") == "USD"
    assert diaspora.xpath("title/narrative/text()") == [
        "Mobilisation de la diaspora à l'appui du développement d'Haïti"
    ]
    assert diaspora.xpath("title/narrative/@xml:lang") == ["fr"]
    # With no description, the summary describes the project.
    assert diaspora.xpath("description[@type='1']/narrative/text()") == [
        "Une cartographie de la diaspora haïtienne aux États-Unis."
    ]
    assert diaspora.xpath("other-identifier[@type='A1']/@ref") == ["HT10P0503"]


def test_budget_has_its_period_currency_and_value_date_when_both_years_are_known(client, seed_projects):
    diaspora = activity(get_iati(client), "CD.0037")

    [budget] = diaspora.xpath("budget")
    assert (budget.get("type"), budget.get("status")) == ("1", "2")
    assert budget.xpath("period-start/@iso-date") == ["2020-01-01"]
    assert budget.xpath("period-end/@iso-date") == ["2024-12-31"]
    [value] = budget.xpath("value")
    assert (value.text, value.get("currency"), value.get("value-date")) == ("200000.00", "USD", "2020-01-01")


def test_fields_the_data_lacks_are_omitted(client, seed_projects):
    # L48-805 states only its end year: no start date, and no budget period to put its budget in.
    labour = activity(get_iati(client), "L48-805")

    assert labour.xpath("activity-date/@type") == ["3"]
    assert labour.xpath("activity-date/@iso-date") == ["2024-12-31"]
    assert labour.xpath("budget") == []
    assert labour.xpath("legacy-data[@iati-equivalent='budget']/@value") == ["78350.00"]
    assert activity(get_iati(client), "CD.0037").xpath("legacy-data[@iati-equivalent='budget']") == []
    assert labour.xpath("participating-org[@role='1']") == []
    assert labour.xpath("other-identifier") == []


def test_activity_dates_are_planned_dates_at_the_ends_of_the_known_years(client, seed_projects):
    diaspora = activity(get_iati(client), "CD.0037")

    dates = {date.get("type"): date.get("iso-date") for date in diaspora.xpath("activity-date")}
    assert dates == {"1": "2020-01-01", "3": "2024-12-31"}


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (ProjectStatus.PREPARATION, "1"),
        (ProjectStatus.ACTIVE, "2"),
        (ProjectStatus.COMPLETED, "4"),
        (ProjectStatus.CANCELLED, "5"),
        (ProjectStatus.SUSPENDED, "6"),
    ],
)
def test_project_status_maps_to_the_activity_status_codelist(client, status, code):
    make_project(project_code="P-1", status=status, start_year=2022, summary="Résumé.")

    [element] = get_iati(client).xpath("iati-activity/activity-status")

    assert element.get("code") == code
    assert code in codes("ActivityStatus")


def test_a_project_in_preparation_has_an_indicative_budget(client):
    make_project(
        project_code="P-1",
        status=ProjectStatus.PREPARATION,
        start_year=2026,
        end_year=2027,
        budget=10,
        summary="Résumé.",
    )

    assert get_iati(client).xpath("iati-activity/budget/@status") == ["1"]


def test_donors_are_funding_organisations_with_their_names(client, seed_projects):
    diaspora = activity(get_iati(client), "CD.0037")

    funders = {
        org.xpath("narrative/text()")[0]: org.get("type")
        for org in diaspora.xpath("participating-org[@role='1']")
    }
    assert funders == {
        "Fonds de l'OIM pour le développement": "40",
        "Ministère des Haïtiens vivant à l'étranger": "10",
    }


def test_an_ngo_donor_has_no_organisation_type_rather_than_a_guessed_one(client):
    make_project(
        start_year=2022, summary="Résumé.", donors=[make_organisation("Une ONG", kind=OrganisationKind.NGO)]
    )

    [funder] = get_iati(client).xpath("iati-activity/participating-org[@role='1']")

    assert funder.get("type") is None
    assert funder.xpath("narrative/text()") == ["Une ONG"]


def test_sector_is_given_only_for_project_types_with_a_dac_code(client, seed_projects):
    document = get_iati(client)

    [sector] = activity(document, "L48-805").xpath("sector")
    assert (sector.get("vocabulary"), sector.get("code"), sector.get("percentage")) == ("1", "15190", "100")
    assert activity(document, "CD.0037").xpath("sector") == []


def test_recipient_country_percentages_add_up_to_100(client):
    countries = [
        make_country("HT", "Haïti"),
        make_country("DO", "République dominicaine"),
        make_country("CU", "Cuba"),
    ]
    make_project(start_year=2022, summary="Résumé.", beneficiary_countries=countries)

    document = get_iati(client)
    recipients = document.xpath("iati-activity/recipient-country")

    assert sorted(r.get("code") for r in recipients) == ["CU", "DO", "HT"]
    assert sum(Decimal(r.get("percentage")) for r in recipients) == 100
    schema = iati.load_schema()
    assert schema.validate(document), schema.error_log


def test_every_code_belongs_to_its_iati_codelist(client, seed_projects):
    make_project(
        status=ProjectStatus.PREPARATION,
        start_year=2026,
        end_year=2026,
        budget=5,
        budget_currency="HTG",
        summary="Résumé.",
        coverage=Coverage.REGIONAL,
        beneficiary_countries=[make_country("DO", "République dominicaine")],
        donors=[make_organisation(kind=OrganisationKind.PRIVATE)],
    )
    document = get_iati(client)

    checks = {
        "iati-activity/activity-status/@code": "ActivityStatus",
        "iati-activity/activity-date/@type": "ActivityDateType",
        "iati-activity/activity-scope/@code": "ActivityScope",
        "iati-activity/description/@type": "DescriptionType",
        "iati-activity/other-identifier/@type": "OtherIdentifierType",
        "iati-activity/reporting-org/@type": "OrganisationType",
        "iati-activity/participating-org/@type": "OrganisationType",
        "iati-activity/participating-org/@role": "OrganisationRole",
        "iati-activity/recipient-country/@code": "Country",
        "iati-activity/sector/@code": "Sector",
        "iati-activity/sector/@vocabulary": "SectorVocabulary",
        "iati-activity/budget/@type": "BudgetType",
        "iati-activity/budget/@status": "BudgetStatus",
        "iati-activity/budget/value/@currency": "Currency",
        "iati-activity/@default-currency": "Currency",
        "//@xml:lang": "Language",
    }
    for path, codelist in checks.items():
        used = set(document.xpath(path))
        assert used, path
        assert used <= codes(codelist), (path, used - codes(codelist))
    assert iati.load_schema().validate(document), iati.load_schema().error_log


def test_drafts_and_scheduled_projects_are_absent(client, seed_projects):
    make_project(
        project_code="DRAFT-1", start_year=2022, summary="R.", publication_status=PublicationStatus.DRAFT
    )
    make_project(
        project_code="LATER-1", start_year=2022, summary="R.", publish_from=timezone.now() + timedelta(days=1)
    )

    identifiers = get_iati(client).xpath("iati-activity/iati-identifier/text()")

    assert "XM-DAC-47066-DRAFT-1" not in identifiers
    assert "XM-DAC-47066-LATER-1" not in identifiers
    assert len(identifiers) == 2


def test_a_project_with_no_year_or_no_text_is_left_out_rather_than_given_made_up_ones(client, seed_projects):
    # The schema requires an activity-date and a description.
    make_project(project_code="NO-YEAR", summary="Un résumé.")
    make_project(project_code="NO-TEXT", start_year=2022)

    document = get_iati(client)

    assert len(document.xpath("iati-activity")) == 2
    schema = iati.load_schema()
    assert schema.validate(document), schema.error_log


def test_iati_xml_applies_the_project_list_filters(client, seed_projects):
    document = get_iati(client, "?status=completed")

    assert document.xpath("iati-activity/iati-identifier/text()") == ["XM-DAC-47066-L48-805"]


def test_an_invalid_filter_is_a_400_explained_in_french(client, seed_projects):
    response = client.get("/projets/iati.xml?year_min=deux-mille")

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Paramètres de filtre invalides" in response.content.decode()


def test_iati_xml_of_the_portal_fixtures_validates_and_holds_both_seed_projects(client, settings):
    call_command("loaddata", *sorted((settings.BASE_DIR / "fixtures").glob("*.json")), verbosity=0)

    document = get_iati(client)

    schema = iati.load_schema()
    assert schema.validate(document), schema.error_log
    labour, diaspora = activity(document, "L48-805"), activity(document, "CD.0037")
    assert labour.xpath("activity-status/@code") == ["4"]
    assert diaspora.xpath("activity-status/@code") == ["2"]
    assert diaspora.xpath("budget/value/text()") == ["200000.00"]
    # L48-805 states an end year only: its budget has no period an IATI <budget> could carry,
    # so it travels as legacy data, as the project page states it.
    assert labour.xpath("budget") == []
    assert labour.xpath("legacy-data[@iati-equivalent='budget']/@value") == ["78350.00"]
    assert labour.xpath("legacy-data[@iati-equivalent='budget']/@name") == ["Budget Amount (USD)"]
    assert diaspora.xpath("legacy-data[@name='Année de financement']/@value") == ["2019"]
    assert labour.xpath("sector/@code") == ["15190"]


def test_iati_file_is_a_download_named_with_its_date_at_its_stable_address(
    client, seed_projects, monkeypatch
):
    monkeypatch.setattr(timezone, "localdate", lambda *args: timezone.datetime(2026, 12, 4).date())

    response = client.get("/projets/iati.xml")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="oim-haiti-iati-2026-12-04.xml"'
    assert b"<iati-activities" in b"".join(response.streaming_content)
