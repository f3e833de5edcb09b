import pytest
from django.conf import settings
from django.db import connection
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
def default_language():
    # A request under /en/ leaves English active in the test's thread: reverse() and
    # get_absolute_url() in the next test would then give /en/ addresses.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def check_deferred_constraints(db):
    """Checks now the constraints PostgreSQL defers to the commit, which a test never reaches."""

    def check():
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    return check
