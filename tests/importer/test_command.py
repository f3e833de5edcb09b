from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from reversion.models import Revision, Version

from core.models import Country, Organisation, Page
from core.phone import tel_uri
from importer.run import reason
from news.models import FundingAnnouncement, MediaContact, NewsRelease, Quote
from projects.models import Project, ProjectResult, ProjectType
from tests.factories import add_section, make_organisation, make_page, make_project
from tests.importer.conftest import (
    ABOUT_LABEL,
    DIASPORA_LABEL,
    FIXTURES,
    IMPORTABLE_SEEDS,
    LABOUR_MIGRATION_LABEL,
    OVERVIEW,
    PROJECT_DIASPORA,
    PROJECT_LABOUR_MIGRATION,
    RELEASE_BORDER_POLICE,
    RELEASE_TRAFFICKING,
)

pytestmark = pytest.mark.django_db

CONTENT_MODELS = [
    Project,
    ProjectResult,
    ProjectType,
    Country,
    NewsRelease,
    FundingAnnouncement,
    MediaContact,
    Quote,
]


def run_import(*paths, pages=(), dry_run=False, draft=False):
    """Runs the command; returns (stdout, stderr, the CommandError or None)."""
    stdout, stderr = StringIO(), StringIO()
    args = [str(path) for path in paths] + (["--dry-run"] if dry_run else []) + (["--draft"] if draft else [])
    for slug, path in pages:
        args += ["--page", slug, str(path)]
    try:
        call_command("import_iom_pages", *args, stdout=stdout, stderr=stderr)
    except CommandError as error:
        return stdout.getvalue(), stderr.getvalue(), error
    return stdout.getvalue(), stderr.getvalue(), None


def row_counts():
    return {model.__name__: model.objects.count() for model in CONTENT_MODELS}


def test_project_page_003_is_imported_field_by_field():
    _out, _err, error = run_import(PROJECT_LABOUR_MIGRATION)

    assert error is None
    project = Project.objects.get(project_code="L48-805")
    assert project.title.startswith("Renforcement des capacités du Gouvernement haïtien")
    assert project.slug == (
        "renforcement-des-capacites-du-gouvernement-haitien-en-vue-d-une-gestion-amelioree-de-la-migration-"
        "de-main-d-oeuvre-et-formulation-d-accords-en-la-matiere"
    )
    assert project.start_year is None
    assert project.end_year == 2024
    assert project.status == "completed"
    assert project.project_type.name == "Migration de main-d’œuvre"
    assert project.project_type.slug == "migration-de-main-d-oeuvre"
    assert project.budget == Decimal("78350.00")
    assert project.budget_currency == "USD"
    assert project.coverage == "national"
    assert project.region == "latin_america_caribbean"
    assert project.fund == ""
    assert project.prima_id == ""
    assert project.funding_year is None
    assert [c.iso_code for c in project.beneficiary_countries.all()] == ["HT"]
    assert project.description.count("\n\n") == 1
    assert project.publication_status == "published"
    assert project.publish_from is None
    assert list(project.results.values_list("position", "kind")) == [(1, "result"), (2, "result")]


def test_project_page_004_is_imported_field_by_field():
    run_import(PROJECT_DIASPORA)

    project = Project.objects.get(project_code="CD.0037")
    assert project.title == "Mobilisation de la diaspora à l’appui du développement d’Haïti"
    assert project.slug == "mobilisation-de-la-diaspora-a-l-appui-du-developpement-d-haiti"
    assert (project.start_year, project.end_year, project.funding_year) == (2020, 2024, 2019)
    assert project.status == "active"
    assert project.project_type.name == "Développement communautaire"
    assert project.budget == Decimal("200000.00")
    assert project.coverage == "national"
    assert project.region == "latin_america_caribbean"
    assert project.prima_id == "HT10P0503"
    assert [c.iso_code for c in project.beneficiary_countries.all()] == ["HT"]
    results = list(project.results.all())
    assert [(r.position, r.kind) for r in results] == [
        (1, "activity"),
        (2, "activity"),
        (3, "activity"),
        (4, "activity"),
    ]
    assert results[0].text.startswith("Améliorera la coordination")
    assert results[3].text.startswith("Élaborera une stratégie de communication")


def test_release_001_is_imported_with_its_amount_and_contacts():
    run_import(RELEASE_TRAFFICKING)

    release = NewsRelease.objects.get(
        slug="l-oim-intensifie-ses-efforts-de-lutte-contre-la-traite-sur-hispaniola"
    )
    assert release.title == "L'OIM intensifie ses efforts de lutte contre la traite sur Hispaniola"
    assert release.dateline == ""
    assert release.release_date is None
    assert release.lead.startswith("De nouveaux fonds")
    assert len(release.body.split("\n\n")) == 7
    assert list(release.funding.values_list("position", "amount", "currency", "amount_as_stated")) == [
        (1, Decimal("1600000.00"), "USD", "1,6 million de dollars")
    ]
    assert list(release.contacts.values_list("name", "organisation_label", "phone", "email")) == [
        ("Michela Macchiavello", "OIM Haïti", "+509 3245 5153", "mmacchiavello@iom.int"),
        ("Leonard Doyle", "", "+509 3702 5066", "ldoyle@iom.int"),
    ]
    assert tel_uri(release.contacts.first().phone) == "+50932455153"


def test_release_002_is_imported_with_dateline_amounts_contact_and_quotes():
    run_import(RELEASE_BORDER_POLICE)

    release = NewsRelease.objects.get(slug__startswith="avec-le-soutien-des-etats-unis-et-du-canada")
    assert release.dateline == "Port-au-Prince"
    assert release.lead.startswith("Les gouvernements des Etats-Unis et du Canada")
    assert len(release.body.split("\n\n")) == 8
    assert list(release.funding.values_list("amount", "currency")) == [
        (Decimal("4700000.00"), "USD"),
        (Decimal("2300000.00"), "USD"),
        (Decimal("3000000.00"), "CAD"),
    ]
    assert list(release.contacts.values_list("name", "phone", "email")) == [
        ("Emily Bauman", "+509 3783 5424", "ebauman@iom.int")
    ]
    assert list(release.quotes.values_list("speaker", "speaker_role")) == [
        ("Marc Justin", "Commissaire, Directeur de la POLIFRONT"),
        ("Giuseppe Loprete", "chef de mission de l’OIM en Haïti"),
    ]


def test_importing_the_same_files_twice_changes_nothing():
    run_import(*IMPORTABLE_SEEDS)
    counts = row_counts()
    stamps = {
        "projects": dict(Project.objects.values_list("project_code", "updated_at")),
        "releases": dict(NewsRelease.objects.values_list("slug", "updated_at")),
    }

    out, _err, error = run_import(*IMPORTABLE_SEEDS)

    assert error is None
    assert out.count("inchangé") == 4
    assert row_counts() == counts
    assert dict(Project.objects.values_list("project_code", "updated_at")) == stamps["projects"]
    assert dict(NewsRelease.objects.values_list("slug", "updated_at")) == stamps["releases"]


def test_reimport_keeps_curated_donors_and_restores_edited_fields():
    run_import(RELEASE_BORDER_POLICE, PROJECT_DIASPORA)
    release = NewsRelease.objects.get(dateline="Port-au-Prince")
    donor = make_organisation(name="Bureau des affaires de stupéfiants", acronym="INL")
    funding = release.funding.get(position=2)
    funding.donors.set([donor])
    funding.is_total = False
    funding.save()
    release.organisations.add(donor)
    Project.objects.filter(project_code="CD.0037").update(budget=Decimal("1.00"), summary="Écrit à la main.")

    out, _err, _error = run_import(RELEASE_BORDER_POLICE, PROJECT_DIASPORA)

    assert list(release.funding.get(position=2).donors.all()) == [donor]
    assert list(release.organisations.all()) == [donor]
    project = Project.objects.get(project_code="CD.0037")
    assert project.budget == Decimal("200000.00")
    assert project.summary == "Écrit à la main."
    assert f"{DIASPORA_LABEL} modifié (budget)" in out


def test_dry_run_reports_what_would_change_and_writes_nothing():
    out, _err, error = run_import(*IMPORTABLE_SEEDS, dry_run=True)

    assert error is None
    assert out.count("serait créé") == 4
    assert all(count == 0 for count in row_counts().values())
    assert not Organisation.objects.exists()


def test_dry_run_on_imported_files_reports_a_change_without_writing_it():
    run_import(PROJECT_LABOUR_MIGRATION)
    Project.objects.update(end_year=2030)

    out, _err, _error = run_import(PROJECT_LABOUR_MIGRATION, dry_run=True)

    assert f"{LABOUR_MIGRATION_LABEL} serait modifié (année de fin)" in out
    assert Project.objects.get().end_year == 2030


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def broken_files(tmp_path):
    project_text = PROJECT_DIASPORA.read_text(encoding="utf-8")
    return {
        "vide.txt": ("", "le fichier est vide"),
        "sans-id.txt": (project_text.replace("-\nProjet ID\nCD.0037\n", ""), "sans « Projet ID »"),
        "budget.txt": (project_text.replace("200000.00", "deux cent mille"), "n'est pas un nombre"),
        "latin1.txt": (project_text.encode("latin-1", errors="replace"), "n'est pas en UTF-8"),
        "recette.txt": ("Recette du pain\nFarine, eau, sel.\nPétrir et cuire.", "texte non reconnu"),
        "nul.txt": (
            project_text.replace("Mobilisation de la diaspora", "Mobilisation\x00 de la diaspora"),
            "le fichier contient un caractère nul (octet 0x00 à la position ",
        ),
    }


@pytest.mark.parametrize(
    "name", ["vide.txt", "sans-id.txt", "budget.txt", "latin1.txt", "recette.txt", "nul.txt"]
)
def test_broken_file_is_reported_by_name_writes_nothing_and_good_file_still_imports(tmp_path, name):
    content, reason = broken_files(tmp_path)[name]
    broken = write(tmp_path, name, content)

    out, err, error = run_import(broken, PROJECT_LABOUR_MIGRATION)

    assert error is not None
    assert str(broken) in str(error)
    assert f"{broken} : non importé, rien n'a été écrit : " in err
    assert reason in err
    assert list(Project.objects.values_list("project_code", flat=True)) == ["L48-805"]
    assert f"{LABOUR_MIGRATION_LABEL} créé" in out
    assert not NewsRelease.objects.exists()


def test_a_file_rejected_by_the_database_rolls_back_entirely(tmp_path):
    text = PROJECT_DIASPORA.read_text(encoding="utf-8").replace("HT10P0503", "X" * 40)
    broken = write(tmp_path, "trop-long.txt", text)

    _out, err, error = run_import(broken)

    assert error is not None
    assert "trop-long.txt" in err
    assert not Project.objects.exists()
    assert not ProjectType.objects.exists()


def test_a_prima_id_another_project_has_is_reported_naming_that_project():
    make_project(project_code="XY.0001", title="Projet existant", prima_id="HT10P0503")

    _out, err, error = run_import(PROJECT_DIASPORA)

    assert error is not None
    assert "Ce PRIMA ID est déjà celui du projet XY.0001 – Projet existant." in err
    assert "project_prima_id_unique" not in err
    assert "contrainte" not in err
    assert not Project.objects.filter(project_code="CD.0037").exists()


def test_a_year_out_of_range_is_reported_in_words_not_by_the_constraint_name(tmp_path):
    text = PROJECT_DIASPORA.read_text(encoding="utf-8").replace("Date de début\n2020", "Date de début\n1900")
    path = write(tmp_path, "annee.txt", text)

    _out, err, error = run_import(path)

    assert error is not None
    assert "annee.txt : non importé, rien n'a été écrit : " in err
    assert "L'année doit être comprise entre 1951 et 2100." in err
    assert "project_start_year_range" not in err


def test_a_constraint_the_database_enforces_is_reported_by_its_message():
    project = make_project()
    try:
        with transaction.atomic():
            Project.objects.filter(pk=project.pk).update(budget=-1)
    except IntegrityError as error:
        assert reason(error) == "Le budget ne peut pas être négatif."
    else:
        pytest.fail("the database should refuse a negative budget")


def test_missing_file_is_reported_and_fails(tmp_path):
    _out, err, error = run_import(tmp_path / "absent.txt")

    assert error is not None
    assert "absent.txt : non importé" in err


def test_unknown_label_is_warned_on_stderr_naming_file_and_label(tmp_path):
    text = PROJECT_DIASPORA.read_text(encoding="utf-8").replace("Couverture\nNational", "Secteur\nMigration")
    path = write(tmp_path, "libelle.txt", text)

    out, err, error = run_import(path)

    assert error is None
    assert f"{path} : attention : libellé inconnu « Secteur »" in err
    assert f"{DIASPORA_LABEL} créé" in out


@pytest.fixture
def about_page():
    page = make_page(slug="a-propos", title="L'OIM en Haïti", lead="Ancien chapeau.")
    for position in (0, 1, 2):
        add_section(page, position=position, heading=f"Ancien intertitre {position}")
    return page


def test_the_five_seeds_import_in_one_command_with_the_overview_as_the_about_page(about_page):
    out, err, error = run_import(*IMPORTABLE_SEEDS, pages=[("a-propos", OVERVIEW)])

    assert error is None, err
    assert f"{ABOUT_LABEL} modifiée (chapeau; texte; sections : 2 modifiée(s), 1 supprimée(s))" in out
    about_page.refresh_from_db()
    assert about_page.title == "L'OIM en Haïti"
    assert about_page.lead.startswith("L'Organisation Internationale pour les Migrations")
    assert about_page.body.startswith("L'OIM est présente en Haïti depuis 1994.")
    # Every former section is replaced, the one placed at 0 too.
    assert list(about_page.sections.values_list("position", "heading")) == [
        (1, "Capacités de l'OIM dans le pays"),
        (2, "Les activités de l'OIM"),
    ]

    out, _err, error = run_import(*IMPORTABLE_SEEDS, pages=[("a-propos", OVERVIEW)])

    assert error is None
    assert out.count("inchangé") == 5
    assert f"{ABOUT_LABEL} inchangée" in out


def test_the_overview_for_a_page_that_does_not_exist_writes_nothing_and_says_so():
    _out, err, error = run_import(PROJECT_DIASPORA, pages=[("presentation", OVERVIEW)])

    assert error is not None
    assert "la page « presentation » n'existe pas" in err
    assert Page.objects.count() == 0
    assert Project.objects.filter(project_code="CD.0037").exists()


def test_the_overview_given_as_a_project_or_release_fails_with_how_to_import_it(about_page):
    _out, err, error = run_import(OVERVIEW)

    assert error is not None
    assert "--page SLUG FICHIER" in err
    assert about_page.sections.count() == 3


def test_a_dry_run_of_a_page_reports_the_change_and_writes_nothing(about_page):
    out, _err, error = run_import(pages=[("a-propos", OVERVIEW)], dry_run=True)

    assert error is None
    assert f"{ABOUT_LABEL} serait modifiée" in out
    about_page.refresh_from_db()
    assert about_page.lead == "Ancien chapeau."
    assert about_page.sections.count() == 3


def test_no_file_at_all_is_an_error():
    _out, _err, error = run_import()

    assert "au moins un fichier" in str(error)


def test_with_draft_new_records_wait_for_review_and_existing_ones_keep_their_state():
    run_import(PROJECT_DIASPORA)

    _out, _err, error = run_import(PROJECT_DIASPORA, RELEASE_TRAFFICKING, draft=True)

    assert error is None
    assert Project.objects.get(project_code="CD.0037").publication_status == "published"
    release = NewsRelease.objects.get()
    assert release.publication_status == "draft"
    assert not NewsRelease.objects.published().exists()


def test_an_import_is_a_revision_named_after_its_file_and_can_be_undone():
    run_import(PROJECT_DIASPORA)
    project = Project.objects.get(project_code="CD.0037")
    [imported] = Version.objects.get_for_object(project)
    assert imported.revision.get_comment() == f"Importé depuis le fichier « {PROJECT_DIASPORA} »."
    original_title = project.title

    # The page changed on the IOM site since: a new import keeps the former state first.
    Project.objects.filter(pk=project.pk).update(title="Titre modifié hors de l'import")
    Version.objects.all().delete()
    run_import(PROJECT_DIASPORA)

    before, after = sorted(Version.objects.get_for_object(project), key=lambda version: version.pk)
    assert before.field_dict["title"] == "Titre modifié hors de l'import"
    assert before.revision.get_comment() == "État avant l'import d'une page de l'OIM."
    assert after.field_dict["title"] == original_title
    before.revision.revert()
    project.refresh_from_db()
    assert project.title == "Titre modifié hors de l'import"


def test_importing_unchanged_files_adds_no_revision():
    run_import(*IMPORTABLE_SEEDS)
    revisions = Revision.objects.count()

    run_import(*IMPORTABLE_SEEDS)

    assert Revision.objects.count() == revisions


def test_importing_unchanged_files_over_the_fixtures_writes_no_revision():
    call_command("loaddata", *FIXTURES, stdout=StringIO())

    run_import(*IMPORTABLE_SEEDS)

    assert Revision.objects.count() == 0
