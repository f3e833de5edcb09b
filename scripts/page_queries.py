"""What `make bench` and tests/test_query_counts.py measure: the SQL of the main pages, each
requested through the full handler, with addresses taken from the synthetic records so that they
exist at every size."""

import math
import re
from collections import Counter

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import page_cache
from projects.models import Project
from projects.views import ProjectListView
from synthetic.catalogue import synthetic_projects, synthetic_releases

MAIN_PAGES = (
    "home",
    "project-list",
    "project-list-filtered",
    "project-list-by-budget",
    "project-list-last-page",
    "project-detail",
    "news-list",
    "news-detail",
    "search",
    "export-csv",
    "export-iati",
    "sitemap",
)


def main_page_urls():
    project = synthetic_projects().select_related("project_type").order_by("project_code").first()
    release = synthetic_releases().order_by("slug").first()
    projects_url = reverse("projects:list")
    last_page = max(1, math.ceil(Project.objects.published().count() / ProjectListView.paginate_by))
    return {
        "home": reverse("home"),
        "project-list": projects_url,
        "project-list-filtered": f"{projects_url}?type={project.project_type.slug}&status={project.status}",
        "project-list-by-budget": f"{projects_url}?ordering=-budget",
        "project-list-last-page": f"{projects_url}?page={last_page}",
        "project-detail": project.get_absolute_url(),
        "news-list": reverse("news:list"),
        "news-detail": release.get_absolute_url(),
        "search": f"{reverse('search:results')}?q=diaspora",
        "export-csv": reverse("projects-export-csv"),
        "export-iati": reverse("projects-iati"),
        "sitemap": reverse("sitemap"),
    }


def clear_caches():
    """Every cache emptied, as after a change saved by staff: the shared ones and this process's
    stored pages, so that a "cold" request draws its page."""
    for cache in caches.all(initialized_only=False):
        cache.clear()
    page_cache.pages.clear()


def fetch(client, url):
    """GET through the full handler and read the whole body, streamed or not."""
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def captured_queries(client, url):
    """The SQL of one request to `url`, body read to the end."""
    # The log is a bounded deque: once full, its length stops moving and a capture sees nothing.
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as captured:
        response, _ = fetch(client, url)
    assert response.status_code == 200, f"{url}: HTTP {response.status_code}"
    return [query["sql"] for query in captured.captured_queries]


LITERALS = re.compile(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b")
IN_LISTS = re.compile(r"IN \(\?(?:, \?)*\)")
CURSOR_NAMES = re.compile(r'"_django_curs_\w+"')


def query_shape(sql):
    """The statement with its literals, IN lists and server-side cursor name masked."""
    return IN_LISTS.sub("IN (…)", CURSOR_NAMES.sub('"_django_curs"', LITERALS.sub("?", sql)))


def grown_queries(before, after):
    """The statements run more often in `after` than in `before`, with how many more times."""
    shape = Counter(query_shape(sql) for sql in before)
    grown = Counter(query_shape(sql) for sql in after)
    grown.subtract(shape)
    return [(sql, count) for sql, count in grown.items() if count > 0]
