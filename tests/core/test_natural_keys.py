"""Content dumped with natural keys loads into an empty database, and loads twice without duplicates."""

import json

import pytest
from django.apps import apps
from django.core.management import call_command

from core.models import Country, Organisation, Page, ThematicArea
from news.models import NewsRelease
from offices.models import FieldOffice
from projects.models import Project, ProjectType
from tests.factories import (
    add_contact,
    add_funding,
    add_result,
    add_section,
    make_country,
    make_office,
    make_organisation,
    make_page,
    make_project,
    make_project_type,
    make_release,
    make_thematic_area,
)

pytestmark = pytest.mark.django_db

CONTENT_APPS = ["core", "projects", "news", "offices"]
CONTENT_MODELS = [NewsRelease, Project, FieldOffice, Page, ProjectType, ThematicArea, Organisation, Country]


@pytest.fixture
def content():
    haiti = make_country("HT", "Haïti")
    dominican_republic = make_country("DO", "République dominicaine")
    state = make_organisation("Département d'État des États-Unis", country=haiti)
    inl = make_organisation("Bureau des affaires internationales de stupéfiants", acronym="INL", parent=state)
    dpc = make_organisation("Direction de la Protection Civile", acronym="DPC", kind="haitian_institution")
    office = make_office(name="Sous-bureau des Cayes", slug="les-cayes", partner=dpc)
    area = make_thematic_area("Gestion des frontières")
    project = make_project(
        title="Renforcement de la gestion des frontières",
        project_code="L48-805",
        prima_id="HT10P0503",
        project_type=make_project_type("Gestion des frontières", slug="gestion-des-frontieres"),
        budget="1250000.00",
        donors=[inl],
        beneficiary_countries=[haiti, dominican_republic],
    )
    project.offices.set([office])
    project.thematic_areas.set([area])
    add_result(project, text="Les postes-frontières sont équipés.")
    add_result(project, text="Les agents sont formés.", kind="activity")
    release = make_release(
        title="Le Canada et les États-Unis soutiennent l'OIM", slug="soutien", related_projects=[project]
    )
    add_funding(release, donors=[inl], amount="2300000", currency="USD", position=1)
    add_funding(release, donors=[state], amount="3000000", currency="CAD", position=2)
    add_contact(release, name="Antoine Lemonnier", email="alemonnier@iom.int", position=1)
    add_section(make_page(title="L'OIM en Haïti", slug="a-propos"), heading="Nos domaines")


def _dump(path):
    call_command(
        "dumpdata", *CONTENT_APPS, natural_foreign=True, natural_primary=True, indent=2, output=str(path)
    )
    return json.loads(path.read_text())


def _delete_all():
    for model in CONTENT_MODELS:
        if model is Organisation:
            Organisation.objects.filter(parent__isnull=False).delete()
        model.objects.all().delete()


def _counts():
    return {
        model._meta.label: model.objects.count()
        for app in CONTENT_APPS
        for model in apps.get_app_config(app).get_models()
    }


def test_dump_with_natural_keys_reloads_into_an_empty_database(content, tmp_path):
    dumped = _dump(tmp_path / "first.json")
    counts = _counts()
    _delete_all()
    assert Project.objects.count() == 0

    call_command("loaddata", str(tmp_path / "first.json"), verbosity=0)

    assert _counts() == counts
    assert _dump(tmp_path / "second.json") == dumped
    project = Project.objects.get_by_natural_key("L48-805")
    assert project.prima_id == "HT10P0503"
    assert [o.acronym for o in project.donors.all()] == ["INL"]
    assert project.donors.get().parent.name == "Département d'État des États-Unis"
    assert sorted(c.iso_code for c in project.beneficiary_countries.all()) == ["DO", "HT"]
    assert [r.text for r in project.results.all()] == [
        "Les postes-frontières sont équipés.",
        "Les agents sont formés.",
    ]
    release = NewsRelease.objects.get_by_natural_key("soutien")
    assert [(f.currency, [d.name for d in f.donors.all()]) for f in release.funding.all()] == [
        ("USD", ["Bureau des affaires internationales de stupéfiants"]),
        ("CAD", ["Département d'État des États-Unis"]),
    ]
    assert list(release.related_projects.all()) == [project]
    assert FieldOffice.objects.get_by_natural_key("les-cayes").partner.acronym == "DPC"


def test_dump_uses_business_identifiers_instead_of_database_ids(content, tmp_path):
    dumped = _dump(tmp_path / "dump.json")
    project = next(row for row in dumped if row["model"] == "projects.project")
    assert "pk" not in project
    assert project["fields"]["donors"] == [["Bureau des affaires internationales de stupéfiants"]]
    assert sorted(project["fields"]["beneficiary_countries"]) == [["DO"], ["HT"]]
    assert project["fields"]["project_type"] == ["gestion-des-frontieres"]


def test_loading_the_same_dump_twice_creates_no_duplicates(content, tmp_path):
    _dump(tmp_path / "dump.json")
    counts = _counts()
    call_command("loaddata", str(tmp_path / "dump.json"), verbosity=0)
    call_command("loaddata", str(tmp_path / "dump.json"), verbosity=0)
    assert _counts() == counts


def test_loading_a_dump_into_a_database_with_other_ids_links_the_right_records(content, tmp_path):
    _dump(tmp_path / "dump.json")
    _delete_all()
    # Shift the ids: what used to be id 1 is now someone else's id.
    make_organisation("Autre organisation")
    make_country("FR", "France")
    call_command("loaddata", str(tmp_path / "dump.json"), verbosity=0)
    project = Project.objects.get_by_natural_key("L48-805")
    assert [o.acronym for o in project.donors.all()] == ["INL"]
    assert Organisation.objects.get_by_natural_key("Autre organisation").projects.count() == 0
