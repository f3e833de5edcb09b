import csv
import io
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import PublicationStatus
from projects.exports import iter_projects, project_record
from projects.models import Project, ProjectStatus
from tests.factories import (
    make_country,
    make_organisation,
    make_project,
    make_project_type,
    make_thematic_area,
)
from tests.scenarios import make_diaspora_project, make_labour_migration_project

pytestmark = pytest.mark.django_db

CSV_HEADERS = [
    "Projet ID",
    "PRIMA ID",
    "Titre",
    "Statut",
    "Type de projet",
    "Année de début",
    "Année de fin",
    "Année de financement",
    "Budget",
    "Devise",
    "Couverture",
    "Région (IDF)",
    "Fonds",
    "Bailleurs",
    "États membres bénéficiaires",
    "Domaines d'activité",
    "Description",
    "Page du projet",
]


def content(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def csv_rows(response):
    body = content(response)
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def json_projects(response):
    assert response["Content-Type"] == "application/json"
    return json.loads(content(response))["projects"]


@pytest.fixture
def projects(settings):
    settings.SITE_URL = "https://haiti.example.org"
    completed = make_labour_migration_project(
        title="Migration de main-d'œuvre : accords bilatéraux",
        slug="l48-805",
        beneficiary_countries=[make_country("HT", "Haïti"), make_country("DO", "République dominicaine")],
        donors=[make_organisation("Fonds de l'OIM pour le développement"), make_organisation("Canada")],
    )
    completed.thematic_areas.set([make_thematic_area("Migration et développement")])
    active = make_diaspora_project(title="Mobilisation de la diaspora", summary="")
    draft = make_project(
        project_code="DRAFT-1", status=ProjectStatus.COMPLETED, publication_status=PublicationStatus.DRAFT
    )
    return completed, active, draft


def test_csv_is_utf8_with_bom_semicolons_and_french_headers(client, projects):
    body = content(client.get("/projets/export.csv"))

    assert body.startswith("\ufeffProjet ID;PRIMA ID;Titre;Statut;".encode())
    header = next(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert header == CSV_HEADERS


def test_csv_has_one_row_per_published_project_with_french_amounts_and_joined_lists(client, projects):
    response = client.get("/projets/export.csv")

    assert response["Content-Disposition"] == 'attachment; filename="projets-oim-haiti.csv"'
    rows = {row["Projet ID"]: row for row in csv_rows(response)}
    assert set(rows) == {"L48-805", "CD.0037"}
    assert rows["L48-805"] == {
        "Projet ID": "L48-805",
        "PRIMA ID": "",
        "Titre": "Migration de main-d'œuvre : accords bilatéraux",
        "Statut": "Achevé",
        "Type de projet": "Migration de main-d'œuvre",
        "Année de début": "",
        "Année de fin": "2024",
        "Année de financement": "",
        "Budget": "78350,00",
        "Devise": "USD",
        "Couverture": "National",
        "Région (IDF)": "",
        "Fonds": "",
        "Bailleurs": "Canada | Fonds de l'OIM pour le développement",
        "États membres bénéficiaires": "Haïti | République dominicaine",
        "Domaines d'activité": "Migration et développement",
        "Description": projects[0].description,
        "Page du projet": "https://haiti.example.org/projets/l48-805/",
    }
    assert rows["CD.0037"]["Budget"] == "200000,00"
    assert rows["CD.0037"]["PRIMA ID"] == "HT10P0503"


def test_csv_amounts_have_a_decimal_comma_that_french_excel_reads_as_a_number(client):
    make_project(project_code="C-1", budget=Decimal("1234567.5"))

    [row] = csv_rows(client.get("/projets/export.csv"))

    assert row["Budget"] == "1234567,50"


def test_csv_description_column_holds_the_project_text(client):
    make_project(project_code="C-2", description="Premier paragraphe.\n\nDeuxième ; avec un point-virgule.")

    [row] = csv_rows(client.get("/projets/export.csv"))

    assert "Résumé" not in row
    assert row["Description"] == "Premier paragraphe.\n\nDeuxième ; avec un point-virgule."


def test_json_lists_the_projects_with_their_values(client, projects):
    records = {record["project_code"]: record for record in json_projects(client.get("/projets/export.json"))}

    assert set(records) == {"L48-805", "CD.0037"}
    diaspora = records["CD.0037"]
    assert diaspora["budget"] == 200000
    assert diaspora["budget_currency"] == "USD"
    assert (diaspora["start_year"], diaspora["end_year"]) == (2020, 2024)
    assert (diaspora["status"], diaspora["status_label"]) == ("active", "Actif")
    assert diaspora["prima_id"] == "HT10P0503"
    assert records["L48-805"]["donors"] == ["Canada", "Fonds de l'OIM pour le développement"]
    assert records["L48-805"]["beneficiary_countries"] == ["Haïti", "République dominicaine"]
    assert records["L48-805"]["budget"] == 78350.00
    assert records["L48-805"]["start_year"] is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?status=completed", {"L48-805"}),
        ("?type=developpement-communautaire", {"CD.0037"}),
        ("?q=diaspora", {"CD.0037"}),
        ("?budget_min=100000", {"CD.0037"}),
        ("?status=completed&status=active&year_min=2025", set()),
    ],
)
def test_csv_and_json_contain_exactly_the_filtered_projects(client, projects, query, expected):
    csv_codes = {row["Projet ID"] for row in csv_rows(client.get(f"/projets/export.csv{query}"))}
    json_codes = {
        record["project_code"] for record in json_projects(client.get(f"/projets/export.json{query}"))
    }

    assert csv_codes == json_codes == expected


def test_exports_give_the_same_projects_in_the_same_order_as_the_list_page(client, projects):
    query = "?ordering=-budget&status=completed&status=active"
    page = client.get(f"/projets/{query}")
    assert page.status_code == 200
    listed = [project.project_code for project in page.context["page_obj"]]

    assert [row["Projet ID"] for row in csv_rows(client.get(f"/projets/export.csv{query}"))] == listed
    assert [r["project_code"] for r in json_projects(client.get(f"/projets/export.json{query}"))] == listed
    assert listed == ["CD.0037", "L48-805"]


def test_drafts_appear_in_no_export(client, projects):
    csv_body = content(client.get("/projets/export.csv?status=completed")).decode("utf-8-sig")
    json_body = content(client.get("/projets/export.json?status=completed")).decode()

    assert "DRAFT-1" not in csv_body
    assert "DRAFT-1" not in json_body


def test_an_empty_selection_is_a_valid_file(client, projects):
    assert json_projects(client.get("/projets/export.json?q=introuvable")) == []
    assert csv_rows(client.get("/projets/export.csv?q=introuvable")) == []


@pytest.mark.parametrize("path", ["/projets/export.csv", "/projets/export.json"])
def test_an_invalid_filter_is_a_400_explained_in_french(client, projects, path):
    response = client.get(f"{path}?year_min=deux-mille&status=inconnu")

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("Paramètres de filtre invalides :")
    assert "Saisissez un nombre entier." in text
    assert "- Statut : " in text


def _queries_for(client, path):
    with CaptureQueriesContext(connection) as queries:
        content(client.get(path))
    return len(queries)


@pytest.mark.parametrize("path", ["/projets/export.csv", "/projets/export.json", "/projets/iati.xml"])
def test_the_number_of_queries_does_not_grow_with_the_number_of_projects(client, path):
    project_type = make_project_type()
    countries = [make_country("HT", "Haïti"), make_country("DO", "République dominicaine")]

    def add_projects(count):
        for _ in range(count):
            make_project(
                start_year=2020,
                summary="Résumé.",
                project_type=project_type,
                beneficiary_countries=countries,
                donors=[make_organisation()],
            )

    add_projects(3)
    few = _queries_for(client, f"{path}?status=active")
    add_projects(57)
    many = _queries_for(client, f"{path}?status=active")

    assert few == many


def test_projects_are_read_in_chunks_each_with_its_own_prefetch_queries(db):
    countries = [make_country("HT", "Haïti")]
    for _ in range(30):
        make_project(beneficiary_countries=countries, donors=[make_organisation()])

    with CaptureQueriesContext(connection) as queries:
        records = [
            project_record(project, "https://haiti.example.org")
            for project in iter_projects(Project.objects.published(), "thematic_areas", chunk_size=10)
        ]

    assert len(records) == 30
    # One cursor over the projects, then donors, announced funding, countries and areas once per
    # chunk of 10 (the funding's donors only when there is funding).
    assert len(queries) == 1 + 3 * 4
