"""No main page may run more SQL queries as the catalogue grows: 10 rows or 100, the same count."""

import pytest

from scripts.page_queries import (
    MAIN_PAGES,
    captured_queries,
    clear_caches,
    fetch,
    grown_queries,
    main_page_urls,
)
from synthetic.catalogue import create_synthetic


def queries_of(client, page):
    url = main_page_urls()[page]
    # Counted once the caches are warm, as most visitors find them; bulk_create sends no
    # signal, so caches are emptied by hand after rows are added.
    clear_caches()
    fetch(client, url)
    return captured_queries(client, url)


@pytest.mark.django_db
@pytest.mark.parametrize("page", MAIN_PAGES)
def test_query_count_does_not_grow_from_10_to_100_projects_and_releases(client, page):
    create_synthetic(projects=10, releases=10, seed=1)
    with_10 = queries_of(client, page)

    create_synthetic(projects=90, releases=90, seed=1)
    with_100 = queries_of(client, page)

    grown = "\n".join(f"+{count} × {sql}" for sql, count in grown_queries(with_10, with_100))
    assert len(with_100) == len(with_10), f"{page}: {len(with_10)} → {len(with_100)} queries\n{grown}"
