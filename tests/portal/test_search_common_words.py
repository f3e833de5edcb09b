"""A word most records contain: the search ranks a bounded sample through the GIN index, counts
up to settings.SEARCH_COUNT_CAP, and marks excerpts for the rows shown only."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import html

from search import queries
from tests.factories import make_project, make_release

pytestmark = pytest.mark.django_db

CAP = 30


@pytest.fixture
def common_word(settings):
    """ "migration" in 60 projects of 300 and 5 releases, more than a cap of 30."""
    settings.SEARCH_COUNT_CAP = CAP
    for number in range(300):
        text = "Gestion de la migration." if number % 5 == 0 else "Appui aux communes."
        make_project(title=f"Programme {number:03d}", description=f"{text} Paragraphe {number}.")
    make_project(title="Migration et frontières", description="La migration aux postes-frontières.")
    for number in range(5):
        make_release(title=f"Communiqué {number}", body="La migration de retour.")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def plan_nodes(plan):
    yield plan
    for child in plan.get("Plans", []):
        yield from plan_nodes(child)


def search_plans(client, text):
    """The plan of each SELECT of the search page for `text`, run again as the page ran it."""
    with CaptureQueriesContext(connection) as captured:
        client.get("/recherche/", {"q": text})
    plans = []
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            sql = query["sql"]
            if sql.startswith("SET"):
                cursor.execute(sql)
            elif sql.startswith("SELECT"):
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
                [[explained]] = cursor.fetchall()
                if isinstance(explained, str):
                    explained = json.loads(explained)
                plans.append((sql, list(plan_nodes(explained[0]["Plan"]))))
    return plans


def test_a_common_word_reads_the_projects_through_the_gin_index_never_the_table(client, common_word):
    plans = search_plans(client, "migration")

    project_plans = [nodes for sql, nodes in plans if '"projects_project"' in sql]
    assert any(
        node["Node Type"] == "Bitmap Index Scan" and node["Index Name"] == "project_search_gin"
        for nodes in project_plans
        for node in nodes
    )
    table_scans = [
        node
        for nodes in project_plans
        for node in nodes
        if node["Node Type"] == "Seq Scan" and node.get("Relation Name") == "projects_project"
    ]
    assert table_scans == []


def test_more_matches_than_the_cap_say_more_than_the_cap(client, common_word):
    page = html.fromstring(client.get("/recherche/", {"q": "migration"}).content)

    assert (
        page.findtext(".//p[@class='results-count']").strip()
        == f"Plus de {CAP} résultats pour « migration »."
    )
    assert len(page.xpath("//li[@class='search-result']")) == 20
    english = html.fromstring(client.get("/en/recherche/", {"q": "migration"}).content)
    assert (
        english.findtext(".//p[@class='results-count']").strip()
        == f"More than {CAP} results for “migration”."
    )


def test_fewer_matches_than_the_cap_are_counted_exactly(client, common_word, settings):
    settings.SEARCH_COUNT_CAP = 1000
    page = html.fromstring(client.get("/recherche/", {"q": "migration"}).content)

    assert page.findtext(".//p[@class='results-count']").strip() == "66 résultats pour « migration »."


def test_the_title_match_comes_first_and_the_pages_share_no_result(client, common_word, monkeypatch):
    # 40 of the 66 matches ranked: the title match, made last, is not among the first 40.
    monkeypatch.setattr(queries, "RANKED_CANDIDATES", 40)
    first = html.fromstring(client.get("/recherche/", {"q": "migration"}).content)
    second = html.fromstring(client.get("/recherche/", {"q": "migration", "page": "2"}).content)

    titles = [
        first.xpath("//li[@class='search-result']//h2/a/text()"),
        second.xpath("//li[@class='search-result']//h2/a/text()"),
    ]
    assert titles[0][0] == "Migration et frontières"
    # The cap of 30 is the last result shown: 20 on the first page, 10 on the second.
    assert [len(titles[0]), len(titles[1])] == [20, 10]
    assert set(titles[0]).isdisjoint(titles[1])
    assert second.xpath("//nav[@class='pagination']//a[@aria-current='page']/text()") == ["2"]


def test_excerpts_are_marked_for_the_shown_rows_only(client, common_word):
    with CaptureQueriesContext(connection) as captured:
        page = html.fromstring(client.get("/recherche/", {"q": "migration"}).content)

    headlines = [query["sql"] for query in captured.captured_queries if "ts_headline" in query["sql"]]
    marked_ids = {
        int(pk) for sql in headlines for pk in re.search(r"IN \(([\d, ]+)\)", sql).group(1).split(",")
    }
    assert len(marked_ids) == 20
    shown = page.xpath("//li[@class='search-result']")
    assert all(
        result.find(".//p[@class='search-result__excerpt']/mark").text == "migration" for result in shown
    )


def test_an_identifier_is_found_through_indexes_too(client, common_word):
    make_project(title="Projet à identifier", project_code="L48-805", description="Texte.")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE projects_project")

    plans = search_plans(client, "l48-805")

    nodes = [node for sql, nodes in plans if '"projects_project"' in sql for node in nodes]
    assert {"project_search_gin", "project_code_upper", "project_prima_id_upper"} <= {
        node.get("Index Name") for node in nodes
    }
    assert not [
        n for n in nodes if n["Node Type"] == "Seq Scan" and n.get("Relation Name") == "projects_project"
    ]
