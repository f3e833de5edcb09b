"""The staff admin: every page renders for both roles, accounts stay with superusers, the tools work."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import PublicationStatus
from news.models import NewsRelease
from projects.models import Project, ProjectStatus
from tests.factories import (
    add_contact,
    add_funding,
    add_result,
    add_section,
    make_country,
    make_editor,
    make_office,
    make_organisation,
    make_page,
    make_project,
    make_project_type,
    make_release,
    make_superuser,
    make_thematic_area,
)
from tests.html_forms import admin_form_data, save_through_admin

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["superuser", "editor"])
def staff_client(request, client):
    client.force_login(make_superuser() if request.param == "superuser" else make_editor())
    return client


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


@pytest.fixture
def admin_client(client):
    client.force_login(make_superuser())
    return client


def _project():
    donor = make_organisation("Bureau des affaires internationales de stupéfiants", acronym="INL")
    project = make_project(
        title="Renforcement de la gestion des frontières",
        project_code="L48-805",
        prima_id="HT10P0503",
        project_type=make_project_type("Gestion des frontières"),
        budget="1250000",
        start_year=2021,
        end_year=2030,
        donors=[donor],
    )
    add_result(project, text="Les postes-frontières sont équipés.")
    return project


def _release():
    release = make_release(title="Le Canada soutient la lutte contre la traite", dateline="Port-au-Prince")
    add_funding(
        release, donors=[make_organisation("Affaires mondiales Canada")], amount="3000000", currency="CAD"
    )
    add_contact(release, name="Antoine Lemonnier", email="alemonnier@iom.int")
    return release


def _page():
    page = make_page(title="L'OIM en Haïti", slug="a-propos")
    add_section(page, heading="Nos domaines d'activité")
    return page


# Each admin page and a text only that page shows: a record's name, a field label, an inline title.
ADMIN_PAGES = {
    "projects.project": (_project, "Renforcement de la gestion des frontières", "Projet ID"),
    "projects.projecttype": (
        lambda: make_project_type("Migration de main-d'œuvre"),
        "Migration de main-d",
        "Nom",
    ),
    "news.newsrelease": (_release, "Le Canada soutient la lutte contre la traite", "Financements annoncés"),
    "offices.fieldoffice": (
        lambda: make_office(name="Sous-bureau des Cayes"),
        "Sous-bureau des Cayes",
        "Département",
    ),
    "core.organisation": (lambda: make_organisation("UNICEF", acronym="UNICEF"), "UNICEF", "Sigle"),
    "core.country": (
        lambda: make_country("DO", "République dominicaine"),
        "République dominicaine",
        "Code ISO",
    ),
    "core.thematicarea": (
        lambda: make_thematic_area("Gestion des frontières"),
        "Gestion des frontières",
        "Ordre",
    ),
    "core.page": (_page, "L&#x27;OIM en Haïti", "Sections"),
}


@pytest.mark.parametrize("model", ADMIN_PAGES)
def test_changelist_lists_records_for_superusers_and_editors(staff_client, model):
    make, text, _ = ADMIN_PAGES[model]
    make()
    response = staff_client.get(reverse(f"admin:{model.replace('.', '_')}_changelist"))
    assert response.status_code == 200
    assert text in response.content.decode()
    assert "Administration du portail OIM Haïti" in response.content.decode()


@pytest.mark.parametrize("model", ADMIN_PAGES)
def test_add_page_shows_the_empty_form_for_superusers_and_editors(staff_client, model):
    _, _, label = ADMIN_PAGES[model]
    response = staff_client.get(reverse(f"admin:{model.replace('.', '_')}_add"))
    assert response.status_code == 200
    assert label in response.content.decode()
    assert response.context["adminform"].form.instance.pk is None


@pytest.mark.parametrize("model", ADMIN_PAGES)
def test_change_page_shows_the_record_for_superusers_and_editors(staff_client, model):
    make, text, label = ADMIN_PAGES[model]
    record = make()
    response = staff_client.get(reverse(f"admin:{model.replace('.', '_')}_change", args=[record.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert text in page
    assert label in page
    assert "Historique" in page


def test_project_change_page_shows_its_results_and_links_to_the_public_page(admin_client):
    project = _project()
    page = admin_client.get(reverse("admin:projects_project_change", args=[project.pk])).content.decode()
    assert "Les postes-frontières sont équipés." in page
    assert (
        reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(project).pk, project.pk])
        in page
    )


def test_release_change_page_shows_funding_and_contacts(admin_client):
    release = _release()
    page = admin_client.get(reverse("admin:news_newsrelease_change", args=[release.pk])).content.decode()
    assert "alemonnier@iom.int" in page
    assert "Affaires mondiales Canada" in page
    assert "Contacts presse" in page


@pytest.mark.parametrize(
    "url", ["admin:auth_user_changelist", "admin:auth_group_changelist", "admin:auth_user_add"]
)
def test_editors_cannot_open_account_management(editor_client, url):
    assert editor_client.get(reverse(url)).status_code == 403


def test_staff_given_account_permissions_still_cannot_manage_accounts(client):
    user = make_editor()
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="auth"))
    client.force_login(user)
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_superusers_manage_accounts(admin_client):
    response = admin_client.get(reverse("admin:auth_user_changelist"))
    assert response.status_code == 200
    assert "Utilisateurs" in response.content.decode()


def test_admin_index_shows_editors_content_but_not_accounts(editor_client):
    page = editor_client.get(reverse("admin:index")).content.decode()
    assert "Projets" in page
    assert "Communiqués de presse" in page
    assert reverse("admin:auth_user_changelist") not in page


def test_editor_adds_a_project_with_its_results_through_the_admin(editor_client):
    project_type = make_project_type("Développement communautaire")
    save_through_admin(
        editor_client,
        reverse("admin:projects_project_add"),
        title="Appui aux communautés frontalières",
        slug="appui-communautes-frontalieres",
        project_code="CD.0037",
        status=ProjectStatus.ACTIVE,
        project_type=str(project_type.pk),
        budget="500000",
        start_year="2023",
        end_year="2025",
        **{
            "results-TOTAL_FORMS": "2",
            "results-0-kind": "result",
            "results-0-text": "Premier résultat",
            "results-0-position": "",
            "results-1-kind": "activity",
            "results-1-text": "Première activité",
            "results-1-position": "",
        },
    )
    project = Project.objects.get(project_code="CD.0037")
    assert project.project_type == project_type
    # Rows left without an order go last, in the order they were typed.
    assert [(r.position, r.text) for r in project.results.order_by("position")] == [
        (1, "Premier résultat"),
        (2, "Première activité"),
    ]


def test_editor_swaps_the_order_of_two_results(editor_client, check_deferred_constraints):
    project = make_project()
    add_result(project, text="A", position=1)
    add_result(project, text="B", position=2)
    save_through_admin(
        editor_client,
        reverse("admin:projects_project_change", args=[project.pk]),
        **{"results-0-position": "2", "results-1-position": "1"},
    )
    check_deferred_constraints()  # as the commit of the request does
    assert [(r.position, r.text) for r in project.results.all()] == [(1, "B"), (2, "A")]


def test_two_new_rows_with_the_same_order_are_refused_with_a_message(editor_client):
    release = make_release()
    url = reverse("admin:news_newsrelease_change", args=[release.pk])
    data = admin_form_data(
        editor_client.get(url),
        **{
            "contacts-TOTAL_FORMS": "2",
            "contacts-0-position": "1",
            "contacts-0-name": "Premier contact",
            "contacts-1-position": "1",
            "contacts-1-name": "Second contact",
        },
    )
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "Corrigez les données en double" in response.content.decode()
    assert not release.contacts.exists()


def test_editor_changes_a_release_through_the_admin(editor_client):
    release = _release()
    save_through_admin(
        editor_client,
        reverse("admin:news_newsrelease_change", args=[release.pk]),
        title="Nouveau titre",
        release_date="14/03/2024",
    )
    release.refresh_from_db()
    assert release.title == "Nouveau titre"
    assert str(release.release_date) == "2024-03-14"
    assert release.contacts.get().email == "alemonnier@iom.int"


def test_publish_action_publishes_the_selected_drafts(editor_client):
    drafts = [make_project(publication_status=PublicationStatus.DRAFT) for _ in range(2)]
    other = make_project(publication_status=PublicationStatus.DRAFT)
    response = editor_client.post(
        reverse("admin:projects_project_changelist"),
        {"action": "publish", "_selected_action": [p.pk for p in drafts]},
        follow=True,
    )
    assert "Publication de 2 projets." in response.content.decode()
    assert set(Project.objects.published()) == set(drafts)
    other.refresh_from_db()
    assert other.publication_status == PublicationStatus.DRAFT


def test_publish_action_warns_about_records_scheduled_for_later(admin_client):
    release = make_release(
        publication_status=PublicationStatus.DRAFT, publish_from=timezone.now() + timezone.timedelta(days=3)
    )
    response = admin_client.post(
        reverse("admin:news_newsrelease_changelist"),
        {"action": "publish", "_selected_action": [release.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "Publication de 1 communiqué de presse." in page
    assert "n&#x27;apparaîtra sur le site qu&#x27;à cette date" in page
    assert not NewsRelease.objects.published().exists()


def test_unpublish_action_returns_records_to_draft(admin_client):
    office = make_office()
    response = admin_client.post(
        reverse("admin:offices_fieldoffice_changelist"),
        {"action": "unpublish", "_selected_action": [office.pk]},
        follow=True,
    )
    assert "1 bureau ou site repasse en brouillon." in response.content.decode()
    office.refresh_from_db()
    assert office.publication_status == PublicationStatus.DRAFT


def test_changelist_warns_about_an_active_project_whose_end_year_has_passed(admin_client):
    last_year = timezone.localdate().year - 1
    make_project(title="Projet à clore", status=ProjectStatus.ACTIVE, start_year=2020, end_year=last_year)
    make_project(title="Projet achevé", status=ProjectStatus.COMPLETED, start_year=2020, end_year=last_year)
    page = admin_client.get(reverse("admin:projects_project_changelist")).content.decode()
    assert f"⚠ Actif mais terminé en {last_year}" in page
    assert page.count("⚠ Actif mais terminé") == 1


def test_data_quality_filter_finds_stale_and_incomplete_projects(admin_client):
    last_year = timezone.localdate().year - 1
    stale = make_project(
        title="Projet à clore", end_year=last_year, budget=10, project_type=make_project_type()
    )
    without_budget = make_project(title="Projet sans budget", project_type=make_project_type())
    without_type = make_project(title="Projet sans type", budget=10)
    clean = make_project(title="Projet complet", budget=10, project_type=make_project_type(), end_year=2099)
    url = reverse("admin:projects_project_changelist")

    def listed(issue):
        return set(admin_client.get(url, {"qualite": issue}).context["cl"].result_list)

    assert listed("ended") == {stale}
    assert listed("no_budget") == {without_budget}
    assert listed("no_type") == {without_type}
    assert listed("any") == {stale, without_budget, without_type}
    assert listed("none") == {clean}
    page = admin_client.get(url).content.decode()
    assert "⚠ Sans budget" in page
    assert "⚠ Sans type de projet" in page


def test_changelist_warns_about_a_release_without_date(admin_client):
    undated = make_release(title="Communiqué sans date")
    make_release(title="Communiqué daté", release_date="2024-03-14")
    url = reverse("admin:news_newsrelease_changelist")
    assert "⚠ Sans date" in admin_client.get(url).content.decode()
    assert list(admin_client.get(url, {"qualite": "no_date"}).context["cl"].result_list) == [undated]


def test_project_changelist_runs_the_same_number_of_queries_for_more_rows(admin_client):
    url = reverse("admin:projects_project_changelist")
    make_project(project_type=make_project_type(), donors=[make_organisation()])
    admin_client.get(url)
    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    for _ in range(5):
        make_project(project_type=make_project_type(), donors=[make_organisation()])
    with CaptureQueriesContext(connection) as many:
        admin_client.get(url)
    assert len(many) == len(few)


def test_project_changelist_shows_budget_and_years(admin_client):
    _project()
    page = admin_client.get(reverse("admin:projects_project_changelist")).content.decode()
    assert "1\xa0250\xa0000,00\xa0$\xa0US" in page
    assert "2021\xa0–\xa02030" in page
    assert "En ligne" in page


@pytest.mark.parametrize("term", ["L48-805", "HT10P0503", "INL", "stupéfiants", "gestion des frontières"])
def test_project_search_finds_by_title_ids_and_donor(admin_client, term):
    project = _project()
    make_project(title="Autre projet")
    response = admin_client.get(reverse("admin:projects_project_changelist"), {"q": term})
    assert list(response.context["cl"].result_list) == [project]


def test_publication_filter_separates_online_scheduled_and_draft(admin_client):
    online = make_page(title="En ligne")
    scheduled = make_page(title="Programmée", publish_from=timezone.now() + timezone.timedelta(days=1))
    draft = make_page(title="Brouillon", publication_status=PublicationStatus.DRAFT)
    url = reverse("admin:core_page_changelist")
    for value, expected in [("online", online), ("scheduled", scheduled), ("draft", draft)]:
        assert list(admin_client.get(url, {"publication": value}).context["cl"].result_list) == [expected]


def test_autocomplete_finds_organisations_for_editors(editor_client):
    make_organisation("Direction de la Protection Civile", acronym="DPC")
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"term": "DPC", "app_label": "projects", "model_name": "project", "field_name": "donors"},
    )
    assert response.status_code == 200
    assert [item["text"] for item in response.json()["results"]] == [
        "Direction de la Protection Civile (DPC)"
    ]


def test_delete_action_deletes_selected_projects(admin_client):
    project = make_project()
    response = admin_client.post(
        reverse("admin:projects_project_changelist"),
        {"action": "delete_selected", "_selected_action": [project.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Project.objects.filter(pk=project.pk).exists()


def test_admin_year_filter_follows_the_public_rule_and_refuses_a_bad_year(client):
    client.force_login(make_superuser())
    only_end = make_project(title="Projet terminé en 2020", start_year=None, end_year=2020)
    make_project(title="Projet de 2015 à 2016", start_year=2015, end_year=2016)
    url = reverse("admin:projects_project_changelist")

    in_2018 = client.get(url, {"annee": "2018"}).content.decode()
    in_2020 = client.get(url, {"annee": "2020"}).content.decode()
    public_2018 = client.get(reverse("projects:list"), {"year_min": 2018, "year_max": 2018}).content.decode()

    # A project known only by its end year ran in that year only, in the admin as on the site.
    assert only_end.title not in in_2018 and only_end.title not in public_2018
    assert only_end.title in in_2020
    # A year that is not a number is ignored: the whole list, not an error.
    bad = client.get(url, {"annee": "deux-mille"})
    assert bad.status_code == 200
    assert only_end.title in bad.content.decode() and "Projet de 2015 à 2016" in bad.content.decode()
