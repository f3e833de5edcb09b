import re
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    # The manifest storage needs `collectstatic` first; tests read static files from the finders.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True


@pytest.fixture(autouse=True)
def export_files_dir(settings, tmp_path):
    # Each test keeps its stored exports in its own folder, never in the project's var/.
    settings.EXPORT_FILES_DIR = tmp_path / "exports"
    return settings.EXPORT_FILES_DIR


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    # The tests look at pages as they are drawn (their queries, their context): the whole-page
    # cache is tested in tests/core/test_page_cache.py, which turns it on.
    settings.PAGE_CACHE_MAX_BYTES = 0


@pytest.fixture(autouse=True)
def default_language():
    # A request under /en/ leaves English active in the test's thread: reverse() and
    # get_absolute_url() in the next test would then give /en/ addresses.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def database_unreachable(transactional_db):
    """A context manager: within it, the database is stopped as far as Django can tell.

    A real failed connection: the default connection points at a closed TCP port, then back.
    """

    @contextmanager
    def unreachable():
        original = dict(connection.settings_dict)
        connection.close()
        connection.settings_dict.update(HOST="127.0.0.1", PORT="1", OPTIONS={"connect_timeout": 2})
        try:
            yield
        finally:
            connection.close()
            connection.settings_dict.clear()
            connection.settings_dict.update(original)

    return unreachable


@pytest.fixture
def check_deferred_constraints(db):
    """Checks now the constraints PostgreSQL defers to the commit, which a test never reaches."""

    def check():
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    return check


SAVEPOINT_SQL = re.compile(r"^\s*(RELEASE |ROLLBACK TO )?SAVEPOINT ", re.IGNORECASE)


class PageQueries(CaptureQueriesContext):
    """The queries as a public page runs them in production, outside any transaction.

    Every test runs inside one, where the page cache reads in a savepoint (core/cache.py) so that
    a missing cache table leaves the test's transaction usable: those statements are not counted.
    """

    @property
    def captured_queries(self):
        return [query for query in super().captured_queries if not SAVEPOINT_SQL.match(query["sql"])]


def _query_counter(pytestconfig, exact):
    @contextmanager
    def assert_queries(num, info=None):
        with PageQueries(connection) as context:
            yield context
        performed = len(context)
        if performed != num if exact else performed > num:
            sqls = "\n\n".join(query["sql"] for query in context.captured_queries)
            pytest.fail(
                f"Expected to perform {num} queries{'' if exact else ' or less'} but {performed} were done"
                + (f"\n{info}" if info else "")
                + (f"\n\nQueries:\n{sqls}" if pytestconfig.getoption("verbose") > 0 else "")
            )

    return assert_queries


@pytest.fixture
def django_assert_num_queries(pytestconfig):
    return _query_counter(pytestconfig, exact=True)


@pytest.fixture
def django_assert_max_num_queries(pytestconfig):
    return _query_counter(pytestconfig, exact=False)
