"""Each database constraint rejects bad data even when no form stands in the way."""

from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.db import IntegrityError, transaction

from core.models import Country, Organisation, ThematicArea
from news.models import FundingAnnouncement
from offices.models import FieldOffice
from projects.models import Project, ProjectResult
from tests.factories import (
    add_contact,
    add_funding,
    add_result,
    add_section,
    make_office,
    make_organisation,
    make_page,
    make_project,
    make_project_type,
    make_release,
    make_thematic_area,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "values",
    [
        pytest.param({"budget": -1}, id="negative budget"),
        pytest.param({"start_year": 2024, "end_year": 2023}, id="end year before start year"),
        pytest.param({"start_year": 1950}, id="start year before IOM existed"),
        pytest.param({"end_year": 2101}, id="end year too far"),
        pytest.param({"funding_year": 1900}, id="funding year out of range"),
        pytest.param({"status": "ongoing"}, id="unknown status"),
        pytest.param({"coverage": "planetary"}, id="unknown coverage"),
        pytest.param({"region": "oceania"}, id="unknown region"),
        pytest.param({"budget_currency": "XYZ"}, id="unknown currency"),
        pytest.param({"publication_status": "hidden"}, id="unknown publication state"),
        pytest.param({"project_code": ""}, id="empty project code"),
    ],
)
def test_database_rejects_invalid_project_values(values):
    project = make_project()
    with pytest.raises(IntegrityError), transaction.atomic():
        Project.objects.filter(pk=project.pk).update(**values)


def test_database_rejects_a_project_created_with_negative_budget():
    with pytest.raises(IntegrityError), transaction.atomic():
        Project.objects.create(title="Projet", slug="projet", project_code="X-1", status="active", budget=-5)


def test_database_accepts_a_project_with_the_values_the_constraints_allow():
    make_project(budget=0, start_year=1951, end_year=2100, funding_year=2020, coverage="", region="")


def test_duplicate_project_code_is_rejected():
    make_project(project_code="L48-805")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_project(project_code="L48-805")


def test_duplicate_non_empty_prima_id_is_rejected():
    make_project(prima_id="HT10P0503")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_project(prima_id="HT10P0503")


def test_several_projects_may_have_no_prima_id():
    make_project(prima_id="")
    make_project(prima_id="")
    assert Project.objects.filter(prima_id="").count() == 2


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda slug: make_project(slug=slug), id="project"),
        pytest.param(lambda slug: make_project_type(slug=slug), id="project type"),
        pytest.param(lambda slug: make_release(slug=slug), id="release"),
        pytest.param(lambda slug: make_office(slug=slug), id="office"),
        pytest.param(lambda slug: make_page(slug=slug), id="page"),
        pytest.param(
            lambda slug: ThematicArea.objects.create(
                name=f"Domaine {slug} {ThematicArea.objects.count()}", slug=slug
            ),
            id="thematic area",
        ),
    ],
)
def test_duplicate_slug_is_rejected(make):
    make("meme-adresse")
    with pytest.raises(IntegrityError), transaction.atomic():
        make("meme-adresse")


def test_duplicate_names_of_reference_records_are_rejected():
    make_organisation("UNICEF")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_organisation("UNICEF")
    make_thematic_area("Gestion des frontières")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_thematic_area("Gestion des frontières")
    make_project_type("Migration de main-d'œuvre")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_project_type("Migration de main-d'œuvre")


@pytest.mark.parametrize("iso_code", ["ht", "H1", "H"])
def test_country_iso_code_must_be_two_capital_letters(iso_code):
    with pytest.raises(IntegrityError), transaction.atomic():
        Country.objects.create(iso_code=iso_code, name="Pays")


def test_duplicate_country_iso_code_is_rejected():
    Country.objects.create(iso_code="HT", name="Haïti")
    with pytest.raises(IntegrityError), transaction.atomic():
        Country.objects.create(iso_code="HT", name="Ayiti")


def test_unknown_organisation_kind_is_rejected():
    organisation = make_organisation()
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.filter(pk=organisation.pk).update(kind="club")


def test_unknown_publication_state_is_rejected_on_every_public_record():
    for record in [make_release(), make_office(), make_page()]:
        with pytest.raises(IntegrityError), transaction.atomic():
            type(record).objects.filter(pk=record.pk).update(publication_status="hidden")


def test_unknown_result_kind_is_rejected():
    result = add_result(make_project())
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectResult.objects.filter(pk=result.pk).update(kind="wish")


@pytest.mark.parametrize(
    "values",
    [
        pytest.param({"amount": -1}, id="negative amount"),
        pytest.param({"currency": "BTC"}, id="unknown currency"),
    ],
)
def test_database_rejects_invalid_funding(values):
    funding = add_funding(make_release(), donors=[make_organisation()], amount=1000)
    with pytest.raises(IntegrityError), transaction.atomic():
        FundingAnnouncement.objects.filter(pk=funding.pk).update(**values)


@pytest.mark.parametrize("email", ["pas-une-adresse", "deux@@iom.int", "sans domaine@iom", "a@b"])
def test_invalid_email_is_rejected_on_media_contacts(email):
    with pytest.raises(IntegrityError), transaction.atomic():
        add_contact(make_release(), email=email)


def test_media_contact_may_have_no_email():
    assert add_contact(make_release(), email="").email == ""
    assert add_contact(make_release(), email="alemonnier@iom.int").email == "alemonnier@iom.int"


@pytest.mark.parametrize("email", ["pas-une-adresse", "bureau@iom"])
def test_invalid_email_is_rejected_on_field_offices(email):
    office = make_office()
    with pytest.raises(IntegrityError), transaction.atomic():
        FieldOffice.objects.filter(pk=office.pk).update(email=email)


@pytest.mark.parametrize(
    "values",
    [
        pytest.param({"kind": "embassy"}, id="unknown kind"),
        pytest.param({"departement": "HT-XX"}, id="unknown departement"),
        pytest.param({"latitude": "48.85", "longitude": "-72.3"}, id="latitude outside Haiti"),
        pytest.param({"latitude": "18.5", "longitude": "2.35"}, id="longitude outside Haiti"),
        pytest.param({"latitude": "18.5", "longitude": None}, id="latitude without longitude"),
    ],
)
def test_database_rejects_invalid_field_office_values(values):
    office = make_office()
    with pytest.raises(IntegrityError), transaction.atomic():
        FieldOffice.objects.filter(pk=office.pk).update(**values)


def test_field_office_in_haiti_is_accepted():
    office = make_office(latitude="18.19", longitude="-73.75", email="haiti@iom.int")
    assert FieldOffice.objects.filter(pk=office.pk, latitude__isnull=False).exists()


def test_two_rows_of_a_list_cannot_share_their_position(check_deferred_constraints):
    project = make_project()
    add_result(project, position=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        add_result(project, position=1)
        check_deferred_constraints()
    release = make_release()
    add_contact(release, position=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        add_contact(release, position=1)
        check_deferred_constraints()


def test_rows_of_a_list_may_trade_places_within_a_transaction(check_deferred_constraints):
    project = make_project()
    first, second = add_result(project, text="A", position=1), add_result(project, text="B", position=2)

    with transaction.atomic():
        ProjectResult.objects.filter(pk=first.pk).update(position=2)
        ProjectResult.objects.filter(pk=second.pk).update(position=1)
        check_deferred_constraints()

    assert list(project.results.values_list("position", "text")) == [(1, "B"), (2, "A")]


def test_the_migration_gives_sections_sharing_a_place_places_of_their_own():
    renumber_sections = import_module("core.migrations.0005_renumber_page_sections").renumber_sections
    page = make_page()
    for position, heading in ((1, "B"), (1, "C"), (0, "A")):
        add_section(page, position=position, heading=heading)

    renumber_sections(django_apps, None)

    assert list(page.sections.values_list("position", "heading")) == [(1, "A"), (2, "B"), (3, "C")]
