"""Cached fragments and conditional GET: fast repeat visits, never stale after an edit."""

import contextlib

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from core.models import PublicationStatus
from projects.models import Project
from tests.factories import make_project, make_project_type, make_release

pytestmark = pytest.mark.django_db


def page_text(response):
    """The page with French no-break spaces read as plain spaces."""
    return response.content.decode().replace("\u202f", " ").replace("\xa0", " ")


def test_home_figures_refresh_as_soon_as_staff_save_a_project(client):
    project = make_project(budget=1000, project_type=make_project_type(name="Santé"))
    assert "1 000 $ US" in page_text(client.get(reverse("home")))

    project.budget = 250000
    project.save()

    html = page_text(client.get(reverse("home")))
    assert "250 000 $ US" in html
    assert "1 000 $ US" not in html


def test_filter_counts_refresh_when_a_project_is_unpublished(client):
    project = make_project(title="Projet à retirer")
    make_project()
    url = reverse("projects:list")
    assert client.get(url).context["paginator"].count == 2
    assert [
        o.count
        for f in client.get(url).context["filterset"].facets
        if f.name == "status"
        for o in f.options
        if o.value == "active"
    ] == [2]

    project.publication_status = PublicationStatus.DRAFT
    project.save()

    response = client.get(url)
    [active] = [
        o
        for f in response.context["filterset"].facets
        if f.name == "status"
        for o in f.options
        if o.value == "active"
    ]
    assert active.count == 1
    assert "Projet à retirer" not in response.content.decode()


def test_a_repeat_visit_of_the_home_page_reads_the_cache_not_the_tables(
    client, django_assert_max_num_queries
):
    make_project(budget=1000)
    client.get(reverse("home"))
    with django_assert_max_num_queries(7):
        client.get(reverse("home"))


@pytest.mark.parametrize(
    "url", ["/", "/projets/", "/projets/export.csv", "/projets/iati.xml", "/actualites/feed/", "/sitemap.xml"]
)
def test_an_unchanged_page_revalidates_with_304(client, url):
    make_project(budget=1000)
    first = client.get(url)
    assert first.status_code == 200
    etag = first["ETag"]

    again = client.get(url, headers={"If-None-Match": etag})

    assert again.status_code == 304
    assert again.content == b""


def test_an_edit_changes_the_export_etag(client):
    project = make_project(budget=1000)
    etag = client.get("/projets/export.csv")["ETag"]

    project.budget = 2000
    project.save()

    response = client.get("/projets/export.csv", headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert "2000,00" in b"".join(response.streaming_content).decode("utf-8-sig")


def test_the_cached_count_of_releases_follows_a_new_release(client):
    make_release()
    assert client.get(reverse("news:list")).context["paginator"].count == 1

    make_release()

    assert client.get(reverse("news:list")).context["paginator"].count == 2


def test_the_content_version_is_read_once_per_request(client, django_assert_num_queries):
    make_project(budget=1000)
    client.get(reverse("projects:list"))
    # Filter counts, charts and the row count share one read of the version.
    with django_assert_num_queries(7):
        client.get(reverse("projects:list"))


def test_unknown_parameters_do_not_make_new_cache_entries(client, django_assert_num_queries):
    make_project(budget=1000)
    client.get(reverse("projects:list"), {"status": "active"})
    # Tracking parameters and the sort read the same cached counts and charts: no recount.
    with django_assert_num_queries(7):
        client.get(
            reverse("projects:list"), {"status": "active", "utm_source": "lettre", "ordering": "-budget"}
        )


def test_a_deployment_migrate_drops_the_fragments_the_previous_code_drew(client):
    make_project(budget=1000, project_type=make_project_type(name="Santé"))
    client.get(reverse("home"))
    # A change that bypasses the models' signals, as the code of a new release would:
    # only the migrate of the deployment can tell the cache.
    Project.objects.update(budget=2000)
    assert "1 000 $ US" in page_text(client.get(reverse("home")))

    call_command("migrate", verbosity=0)

    assert "2 000 $ US" in page_text(client.get(reverse("home")))


def test_a_change_after_a_rolled_back_one_still_refreshes_the_pages_at_commit(
    client, django_capture_on_commit_callbacks
):
    # The check of core.cache that reads Django's list of on_commit callbacks: a rollback to a
    # savepoint drops the callback of the first change, so the second must register its own.
    client.get("/")  # the home figures, cached
    with django_capture_on_commit_callbacks() as callbacks:
        with contextlib.suppress(RuntimeError), transaction.atomic():
            make_project(budget=1000)
            raise RuntimeError("rolled back")
        make_project(budget=2500)
    assert callbacks, "the change left nothing to run at commit"
    for callback in callbacks:
        callback()

    assert "2 500" in page_text(client.get("/"))
