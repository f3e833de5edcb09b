"""The admin's import page: staff upload saved IOM pages and read one report per file."""

from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import resolve, reverse
from reversion.models import Version

from core.models import Page
from news.models import NewsRelease
from projects.models import Project
from tests.factories import add_section, make_editor, make_page, make_project
from tests.importer.conftest import (
    ABOUT_LABEL,
    DIASPORA_LABEL,
    OVERVIEW,
    PROJECT_DIASPORA,
    RELEASE_TRAFFICKING,
    TRAFFICKING_LABEL,
)

pytestmark = pytest.mark.django_db

URL = "/admin/importer/"


def upload(path, name=None):
    return SimpleUploadedFile(name or path.name, path.read_bytes(), content_type="text/plain")


def text_of(response):
    """The page's text as staff read it (its HTML with entities decoded)."""
    return unescape(response.content.decode())


@pytest.fixture
def editor(client):
    user = make_editor()
    client.force_login(user)
    return user


def test_the_admin_index_links_to_the_import_page_for_editors(client, editor):
    response = client.get(reverse("admin:index"))

    assert f'href="{URL}"' in text_of(response)
    assert "Importer des pages du site de l'OIM</a>" in text_of(response)


def test_an_editor_imports_a_project_and_a_release_as_drafts_to_review(client, editor):
    response = client.post(
        URL, {"files": [upload(PROJECT_DIASPORA), upload(RELEASE_TRAFFICKING)], "draft": "on"}
    )

    html = text_of(response)
    project = Project.objects.get(project_code="CD.0037")
    release = NewsRelease.objects.get()
    assert f"{DIASPORA_LABEL} créé" in html
    assert f'href="{reverse("admin:projects_project_change", args=[project.pk])}"' in html
    assert f"{TRAFFICKING_LABEL} créé" in html
    assert "CD.0037 créé" not in html and release.slug not in html
    assert project.publication_status == release.publication_status == "draft"
    [version] = Version.objects.get_for_object(project)
    assert version.revision.user == editor
    assert version.revision.get_comment() == f"Importé depuis le fichier « {PROJECT_DIASPORA.name} »."


def test_a_file_that_cannot_be_read_is_reported_and_the_others_still_import(client, editor):
    latin1 = SimpleUploadedFile("ancien.txt", "Projet ID\nÉtat".encode("latin-1"))

    response = client.post(URL, {"files": [latin1, upload(PROJECT_DIASPORA)]})

    html = text_of(response)
    assert "ancien.txt" in html
    assert "n'est pas en UTF-8" in html
    assert f"{DIASPORA_LABEL} créé" in html
    assert Project.objects.count() == 1


def test_a_file_holding_a_nul_byte_is_refused_with_its_reason_and_the_other_still_imports(client, editor):
    text = PROJECT_DIASPORA.read_bytes().replace(b"Mobilisation de", b"Mobilisation\x00 de")
    nul = SimpleUploadedFile("nul.txt", text, content_type="text/plain")

    response = client.post(URL, {"files": [nul, upload(RELEASE_TRAFFICKING)]})

    assert response.status_code == 200
    html = text_of(response)
    assert "nul.txt" in html
    assert "le fichier contient un caractère nul (octet 0x00 à la position " in html
    assert "communiqué" in html and " créé" in html
    assert not Project.objects.exists()
    assert NewsRelease.objects.count() == 1


def test_a_simulation_reports_what_would_change_and_writes_nothing(client, editor):
    response = client.post(URL, {"files": [upload(PROJECT_DIASPORA)], "dry_run": "on"})

    html = text_of(response)
    assert "Simulation : rien n'a été écrit" in html
    assert f"{DIASPORA_LABEL} serait créé" in html
    assert not Project.objects.exists()


def test_the_country_overview_fills_the_chosen_page(client, editor):
    page = make_page(slug="a-propos", title="L'OIM en Haïti", lead="Ancien chapeau.")
    add_section(page, heading="Ancien intertitre")

    response = client.post(URL, {"files": [upload(OVERVIEW)], "page": "a-propos"})

    assert f"{ABOUT_LABEL} modifiée" in text_of(response)
    page.refresh_from_db()
    assert page.title == "L'OIM en Haïti"
    assert page.lead.startswith("L'Organisation Internationale pour les Migrations")
    assert list(page.sections.values_list("heading", flat=True)) == [
        "Capacités de l'OIM dans le pays",
        "Les activités de l'OIM",
    ]


def test_the_overview_without_a_page_chosen_says_which_field_to_fill(client, editor):
    response = client.post(URL, {"files": [upload(OVERVIEW)]})

    html = text_of(response)
    assert "choisissez la page qu'il remplit dans « Page éditoriale à remplir »" in html
    assert "--page" not in html


def test_a_page_takes_one_file_only(client, editor):
    make_page(slug="a-propos")

    response = client.post(URL, {"files": [upload(OVERVIEW), upload(PROJECT_DIASPORA)], "page": "a-propos"})

    assert "Pour remplir une page, un seul fichier" in text_of(response)
    assert not Project.objects.exists()
    assert not Page.objects.get(slug="a-propos").sections.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Ce champ est obligatoire."),
        (
            {"files": [SimpleUploadedFile("enorme.txt", b"a" * (1024 * 1024 + 1))]},
            "ce n'est pas le texte d'une page (enorme.txt)",
        ),
        (
            {"files": [SimpleUploadedFile(f"f{n}.txt", b"x") for n in range(21)]},
            "21 fichiers : 20 au plus à la fois.",
        ),
        ({"files": [upload(PROJECT_DIASPORA)], "page": "inconnue"}, "Sélectionnez un choix valide."),
    ],
)
def test_bad_uploads_are_refused_with_a_message_and_write_nothing(client, editor, data, message):
    response = client.post(URL, data)

    assert response.status_code == 200
    assert message in text_of(response)
    assert not Project.objects.exists()


def test_visitors_are_sent_to_the_admin_login(client):
    response = client.post(URL, {"files": [upload(PROJECT_DIASPORA)]})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert not Project.objects.exists()


def test_staff_without_the_import_permission_cannot_import(client):
    trainee = get_user_model().objects.create_user(username="stagiaire", is_staff=True)
    trainee.user_permissions.set(Permission.objects.filter(codename__in=["add_project", "change_project"]))
    client.force_login(trainee)

    response = client.post(URL, {"files": [upload(PROJECT_DIASPORA)]})

    assert response.status_code == 403
    assert not Project.objects.exists()
    assert URL not in text_of(client.get(reverse("admin:index")))


def test_an_upload_without_the_form_token_is_refused(editor):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)

    response = browser.post(URL, {"files": [upload(PROJECT_DIASPORA)]})

    assert response.status_code == 403
    assert not Project.objects.exists()


def test_a_constraint_the_import_breaks_is_reported_in_words_staff_read(client, editor):
    make_project(project_code="XY.0001", title="Projet existant", prima_id="HT10P0503")

    response = client.post(URL, {"files": [upload(PROJECT_DIASPORA)]})

    html = text_of(response)
    assert "Ce PRIMA ID est déjà celui du projet XY.0001 – Projet existant." in html
    assert "project_prima_id_unique" not in html
    assert "contrainte" not in html


def test_the_import_page_is_laid_out_as_the_admin_s_own_forms(client, editor):
    response = client.get(URL)

    page = text_of(response)
    assert 'href="/static/admin/css/forms.css"' in page
    assert (
        '<div class="breadcrumbs"><a href="/admin/">Accueil</a> › Importer des pages du site de l\'OIM</div>'
        in page
    )
    assert '<fieldset class="module aligned">\n      <h2>Fichiers à importer</h2>' in page
    assert '<label for="id_files" class="required">Fichiers texte\xa0:</label>' in page
    assert '<div class="flex-container checkbox-row"><input type="checkbox" name="dry_run"' in page
    assert '<div class="submit-row"><input type="submit" class="default" value="Importer"></div>' in page


def test_the_import_page_is_one_of_the_admin_site_s_own_pages(client, editor):
    """Registered by the admin site (its get_urls), the page moves with the admin's address."""
    match = resolve(URL)

    assert (match.namespace, match.url_name) == ("admin", "import_iom_pages")
    assert reverse("admin:import_iom_pages") == URL
    page = text_of(client.get(reverse("admin:import_iom_pages")))
    assert "Administration du portail OIM Haïti" in page
    assert "<h2>Fichiers à importer</h2>" in page
