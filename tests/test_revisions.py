"""Nothing edited in the admin is lost: revisions with author and time, restore, recovery."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from core.models import Page
from news.models import NewsRelease
from projects.models import Project, ProjectFigure, ProjectStatus
from tests.factories import (
    add_contact,
    add_figure,
    add_funding,
    add_quote,
    add_result,
    add_section,
    make_editor,
    make_organisation,
    make_page,
    make_project,
    make_release,
    make_superuser,
)
from tests.html_forms import admin_form_data, save_through_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return make_editor(username="marie", first_name="Marie", last_name="Joseph")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def _add_project_through_admin(client):
    save_through_admin(
        client,
        reverse("admin:projects_project_add"),
        title="Titre d'origine",
        slug="titre-origine",
        project_code="L48-805",
        status="active",
        budget="1000",
        **{
            "results-TOTAL_FORMS": "1",
            "results-0-position": "1",
            "results-0-kind": "result",
            "results-0-text": "Résultat d'origine",
        },
    )
    return Project.objects.get(project_code="L48-805")


@pytest.fixture
def admin_client(client):
    client.force_login(make_superuser())
    return client


def test_admin_change_is_kept_as_a_revision_with_author_and_time(editor_client, editor):
    project = make_project(title="Avant")
    before = timezone.now()
    save_through_admin(
        editor_client, reverse("admin:projects_project_change", args=[project.pk]), title="Après"
    )
    version = Version.objects.get_for_object(project).first()
    assert version.field_dict["title"] == "Après"
    assert version.revision.user == editor
    assert version.revision.date_created >= before
    history = editor_client.get(reverse("admin:projects_project_history", args=[project.pk]))
    assert "marie (Marie Joseph)" in " ".join(history.content.decode().split())


def test_restoring_an_earlier_revision_brings_back_old_values_and_results(editor_client):
    project = _add_project_through_admin(editor_client)
    first_version = Version.objects.get_for_object(project).get()
    change_url = reverse("admin:projects_project_change", args=[project.pk])
    result = project.results.get()
    save_through_admin(
        editor_client,
        change_url,
        title="Titre modifié",
        budget="2000",
        **{
            "results-0-text": "Résultat modifié",
            "results-TOTAL_FORMS": "2",
            "results-1-position": "2",
            "results-1-kind": "activity",
            "results-1-text": "Activité ajoutée",
        },
    )
    assert project.results.count() == 2

    revision_url = reverse("admin:projects_project_revision", args=[project.pk, first_version.pk])
    form = editor_client.get(revision_url)
    assert "Titre d&#x27;origine" in form.content.decode()
    project.refresh_from_db()
    assert project.title == "Titre modifié"  # looking at a revision changes nothing
    response = editor_client.post(revision_url, admin_form_data(form))

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Titre d'origine"
    assert project.budget == 1000
    assert [(r.pk, r.text) for r in project.results.all()] == [(result.pk, "Résultat d'origine")]
    assert Version.objects.get_for_object(project).count() == 3


def test_restoring_a_release_brings_back_its_funding_and_donors(editor_client):
    usaid = make_organisation("USAID")
    canada = make_organisation("Affaires mondiales Canada")
    add_url = reverse("admin:news_newsrelease_add")
    save_through_admin(
        editor_client,
        add_url,
        title="Communiqué",
        slug="communique",
        body="Texte.",
        **{
            "funding-TOTAL_FORMS": "1",
            "funding-0-position": "1",
            "funding-0-donors": [str(usaid.pk)],
            "funding-0-amount": "2300000",
            "funding-0-currency": "USD",
        },
    )
    release = NewsRelease.objects.get(slug="communique")
    first_version = Version.objects.get_for_object(release).get()
    change_url = reverse("admin:news_newsrelease_change", args=[release.pk])
    save_through_admin(
        editor_client,
        change_url,
        **{"funding-0-donors": [str(canada.pk)], "funding-0-amount": "3000000", "funding-0-currency": "CAD"},
    )

    revision_url = reverse("admin:news_newsrelease_revision", args=[release.pk, first_version.pk])
    response = editor_client.post(revision_url, admin_form_data(editor_client.get(revision_url)))

    assert response.status_code == 302
    funding = release.funding.get()
    assert (funding.amount, funding.currency) == (2300000, "USD")
    assert list(funding.donors.all()) == [usaid]


def test_deleted_project_can_be_recovered_with_its_results(editor_client):
    project = _add_project_through_admin(editor_client)
    pk = project.pk
    response = editor_client.post(reverse("admin:projects_project_delete", args=[pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Project.objects.filter(pk=pk).exists()

    recover_list = editor_client.get(reverse("admin:projects_project_recoverlist"))
    assert "L48-805 – Titre d&#x27;origine" in recover_list.content.decode()
    deleted = Version.objects.get_deleted(Project).get()
    recover_url = reverse("admin:projects_project_recover", args=[deleted.pk])
    response = editor_client.post(recover_url, admin_form_data(editor_client.get(recover_url)))

    assert response.status_code == 302
    project = Project.objects.get(pk=pk)
    assert project.title == "Titre d'origine"
    assert [r.text for r in project.results.all()] == ["Résultat d'origine"]


def test_publish_action_is_kept_as_a_revision(editor_client, editor):
    project = make_project(publication_status="draft")
    editor_client.post(
        reverse("admin:projects_project_changelist"), {"action": "publish", "_selected_action": [project.pk]}
    )
    latest, before = Version.objects.get_for_object(project)
    assert latest.field_dict["publication_status"] == "published"
    assert latest.revision.user == editor
    assert before.field_dict["publication_status"] == "draft"


def test_first_admin_change_of_a_record_made_outside_the_admin_can_be_undone(editor_client):
    project = make_project(title="Chargé depuis les fixtures")
    change_url = reverse("admin:projects_project_change", args=[project.pk])
    save_through_admin(editor_client, change_url, title="Modifié par erreur")

    original = Version.objects.get_for_object(project).last()
    revision_url = reverse("admin:projects_project_revision", args=[project.pk, original.pk])
    response = editor_client.post(revision_url, admin_form_data(editor_client.get(revision_url)))

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Chargé depuis les fixtures"


def test_record_never_edited_in_the_admin_can_be_recovered_after_deletion(editor_client):
    release = make_release(title="Communiqué importé", slug="importe")
    add_funding(release, donors=[make_organisation("UNICEF")], amount=1000, position=1)
    add_contact(release, name="Antoine Lemonnier", position=1)
    editor_client.post(reverse("admin:news_newsrelease_delete", args=[release.pk]), {"post": "yes"})
    assert not NewsRelease.objects.exists()

    deleted = Version.objects.get_deleted(NewsRelease).get()
    recover_url = reverse("admin:news_newsrelease_recover", args=[deleted.pk])
    response = editor_client.post(recover_url, admin_form_data(editor_client.get(recover_url)))

    assert response.status_code == 302
    release = NewsRelease.objects.get(slug="importe")
    assert [d.name for d in release.funding.get().donors.all()] == ["UNICEF"]
    assert release.contacts.get().name == "Antoine Lemonnier"


def test_deleting_through_the_list_action_keeps_the_records_recoverable(admin_client):
    projects = [make_project(), make_project()]
    admin_client.post(
        reverse("admin:projects_project_changelist"),
        {"action": "delete_selected", "_selected_action": [p.pk for p in projects], "post": "yes"},
    )
    assert not Project.objects.exists()
    assert {v.object_id for v in Version.objects.get_deleted(Project)} == {str(p.pk) for p in projects}


def test_select_all_keeps_the_state_of_the_filtered_rows_only(client):
    client.force_login(make_superuser())
    active = make_project(status=ProjectStatus.ACTIVE)
    completed = make_project(status=ProjectStatus.COMPLETED)
    url = reverse("admin:projects_project_changelist") + "?status__exact=active"

    client.post(
        url, {"action": "unpublish", "select_across": "1", "index": "0", "_selected_action": [active.pk]}
    )

    assert Version.objects.get_for_object(active).exists()
    assert not Version.objects.get_for_object(completed).exists()
    assert Project.objects.get(pk=completed.pk).publication_status == "published"


def test_restoring_a_revision_in_which_two_results_had_swapped_places(
    editor_client, check_deferred_constraints
):
    project = _add_project_through_admin(editor_client)
    change_url = reverse("admin:projects_project_change", args=[project.pk])
    save_through_admin(
        editor_client,
        change_url,
        **{
            "results-TOTAL_FORMS": "2",
            "results-1-position": "2",
            "results-1-kind": "activity",
            "results-1-text": "Activité ajoutée",
        },
    )
    two_rows = Version.objects.get_for_object(project).first()  # the newest
    save_through_admin(editor_client, change_url, **{"results-0-position": "2", "results-1-position": "1"})
    assert list(project.results.values_list("position", "text")) == [
        (1, "Activité ajoutée"),
        (2, "Résultat d'origine"),
    ]

    revision_url = reverse("admin:projects_project_revision", args=[project.pk, two_rows.pk])
    form = editor_client.get(revision_url)
    response = editor_client.post(revision_url, admin_form_data(form))
    check_deferred_constraints()  # as the commit of the request does

    assert response.status_code == 302
    assert list(project.results.values_list("position", "text")) == [
        (1, "Résultat d'origine"),
        (2, "Activité ajoutée"),
    ]


def _page_with_a_row_per_inline():
    page = make_page()
    add_section(page, heading="Section d'origine", body="Texte d'origine.")
    return page


def _project_with_a_row_per_inline():
    project = make_project()
    add_result(project, text="Résultat d'origine")
    ProjectFigure.objects.create(project=project, position=1, value=50, label="ménages d'origine")
    return project


def _release_with_a_row_per_inline():
    release = make_release()
    add_funding(release, donors=[make_organisation("USAID")], amount=2300000)
    add_contact(release, name="Contact d'origine", phone="+509 3702 5066")
    add_quote(release, text="Citation d'origine.")
    add_figure(release, value=12, label="chiffre d'origine")
    return release


RECORDS_WITH_INLINES = {
    Page: _page_with_a_row_per_inline,
    Project: _project_with_a_row_per_inline,
    NewsRelease: _release_with_a_row_per_inline,
}


def _admins_with_inlines():
    models = []
    for model in apps.get_models():
        try:
            model_admin = admin.site.get_model_admin(model)
        except admin.sites.NotRegistered:
            continue
        if model_admin.inlines:
            models.append(model)
    return models


def test_every_admin_with_inlines_is_covered_by_the_restore_test():
    assert set(_admins_with_inlines()) == set(RECORDS_WITH_INLINES)


def _inline_rows(record):
    rows = {}
    for inline in admin.site.get_model_admin(type(record)).inlines:
        parent_key = next(
            field.name
            for field in inline.model._meta.get_fields()
            if field.many_to_one and field.related_model is type(record)
        )
        queryset = inline.model.objects.filter(**{parent_key: record}).order_by("pk")
        rows[inline.model] = [model_to_dict(row) for row in queryset]
    return rows


@pytest.mark.parametrize("model", RECORDS_WITH_INLINES, ids=lambda model: model.__name__)
def test_restoring_an_old_revision_brings_back_every_inline_row(model, admin_client):
    record = RECORDS_WITH_INLINES[model]()
    before = _inline_rows(record)
    assert all(before.values()), "the record needs a row in each inline"
    change_url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[record.pk])
    save_through_admin(admin_client, change_url)  # the revision to come back to
    old_version = Version.objects.get_for_object(record).first()
    for inline_model in before:
        inline_model.objects.all().delete()
    save_through_admin(admin_client, change_url)

    revision_url = reverse(
        f"admin:{model._meta.app_label}_{model._meta.model_name}_revision", args=[record.pk, old_version.pk]
    )
    response = admin_client.post(revision_url, admin_form_data(admin_client.get(revision_url)))

    assert response.status_code == 302
    assert _inline_rows(record) == before
