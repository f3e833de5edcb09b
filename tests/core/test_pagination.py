import re
from datetime import date

import pytest
from django.core.paginator import UnorderedObjectListWarning
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.pagination import CachedCountPaginator, has_total_ordering
from news.models import NewsRelease
from news.views import NewsReleaseListView
from projects.filters import ORDERINGS, ProjectFilter
from projects.models import Project
from projects.views import ProjectListView
from scripts.page_queries import captured_queries
from tests.factories import make_organisation, make_project, make_release

pytestmark = pytest.mark.django_db

PAGE_SIZE = 4
PROJECT_ORDERINGS = ["", *ORDERINGS]


@pytest.fixture
def projects():
    """25 projects (seven pages of four) whose titles, budgets and years often tie."""
    donor = make_organisation()
    for number in range(25):
        start = None if number % 6 == 0 else 2010 + number % 4
        make_project(
            title=f"Projet {number % 7}",
            budget=None if number % 5 == 0 else 1000 * (number % 3),
            start_year=start,
            end_year=None if start is None else start + number % 2,
            donors=[donor],
        )


def pages_of(rows, size=PAGE_SIZE):
    return [rows[start : start + size] for start in range(0, len(rows), size)]


def offsets(queries):
    return [int(match) for sql in queries for match in re.findall(r"OFFSET (\d+)", sql)]


def paginator(queryset):
    return CachedCountPaginator(queryset, PAGE_SIZE, count_key=("test", str(queryset.query)))


@pytest.mark.parametrize("ordering", PROJECT_ORDERINGS)
def test_every_page_of_the_project_list_holds_the_rows_plain_slicing_gives(
    client, projects, monkeypatch, ordering
):
    monkeypatch.setattr(ProjectListView, "paginate_by", PAGE_SIZE)
    ordered = list(
        ProjectFilter({"ordering": ordering} if ordering else None, queryset=Project.objects.published()).qs
    )
    expected = pages_of(ordered)
    assert len(expected) == 7

    sort = f"ordering={ordering}&" if ordering else ""

    shown = [
        list(client.get(f"/projets/?{sort}page={number}").context["page_obj"].object_list)
        for number in range(1, len(expected) + 1)
    ]

    assert shown == expected


@pytest.mark.parametrize("ordering", PROJECT_ORDERINGS)
def test_every_sort_of_the_project_list_ends_with_a_unique_key(ordering):
    filterset = ProjectFilter(
        {"ordering": ordering} if ordering else None, queryset=Project.objects.published()
    )

    assert has_total_ordering(filterset.qs)


def test_the_news_list_ends_its_order_with_a_unique_key():
    assert has_total_ordering(NewsReleaseListView().get_queryset())


@pytest.mark.parametrize("ordering", PROJECT_ORDERINGS)
def test_the_last_page_of_the_project_list_is_read_from_the_end_with_a_small_offset(
    client, projects, monkeypatch, ordering
):
    monkeypatch.setattr(ProjectListView, "paginate_by", PAGE_SIZE)
    sort = f"ordering={ordering}&" if ordering else ""

    queries = captured_queries(client, f"/projets/?{sort}page=7")
    page_reads = [sql for sql in queries if 'FROM "projects_project"' in sql and " LIMIT " in sql]

    # Plain slicing would skip 24 rows; from the end, the one project of the last page comes first.
    assert len(page_reads) == 1, page_reads
    assert page_reads[0].endswith("LIMIT 1"), page_reads[0]


def test_a_page_past_the_middle_keeps_the_prefetches_of_the_queryset(projects, django_assert_num_queries):
    queryset = Project.objects.published().prefetch_related("donors").order_by("-title", "-pk")
    page = paginator(queryset).page(6)

    with django_assert_num_queries(0):  # read with the page
        donors = [[donor.name for donor in project.donors.all()] for project in page.object_list]

    assert isinstance(page.object_list, list)
    assert len(donors) == PAGE_SIZE and all(len(names) == 1 for names in donors)


def test_a_queryset_whose_order_can_tie_is_paginated_from_the_start(projects):
    queryset = Project.objects.published().order_by("title")  # seven titles for 25 projects
    assert not has_total_ordering(queryset)

    with CaptureQueriesContext(connection) as captured:
        rows = list(paginator(queryset).page(7).object_list)

    assert offsets(q["sql"] for q in captured.captured_queries) == [24]
    assert len(rows) == 1


def test_an_unordered_queryset_is_paginated_from_the_start(projects):
    queryset = Project.objects.published().order_by()
    assert not has_total_ordering(queryset)

    with pytest.warns(UnorderedObjectListWarning):
        pages = paginator(queryset)
    with CaptureQueriesContext(connection) as captured:
        rows = [row.pk for number in pages.page_range for row in pages.page(number).object_list]

    assert sorted(rows) == sorted(Project.objects.values_list("pk", flat=True))
    assert max(offsets(q["sql"] for q in captured.captured_queries)) == 24


def test_every_page_of_the_news_list_follows_the_newest_first_order_even_when_dates_tie(client, monkeypatch):
    monkeypatch.setattr(NewsReleaseListView, "paginate_by", PAGE_SIZE)
    releases = [make_release() for _ in range(10)]
    # Same date and creation time for most of them: only the key added to the order separates them.
    NewsRelease.objects.filter(pk__in=[r.pk for r in releases[:8]]).update(
        release_date=date(2024, 5, 1), created_at=releases[0].created_at
    )
    ordered = list(NewsReleaseListView().get_queryset())

    shown = [
        list(client.get(f"/actualites/?page={number}").context["page_obj"].object_list)
        for number in (1, 2, 3)
    ]

    assert shown == pages_of(ordered)
    assert sorted(release.pk for page in shown for release in page) == sorted(r.pk for r in releases)
