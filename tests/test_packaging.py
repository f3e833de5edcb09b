"""The wheel holds every app the settings load and every file the running site reads.

scripts/wheel_check.py (make wheel-check) installs the wheel and serves pages from it; this
test says, faster and file by file, what would be missing.
"""

import importlib.util
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

PROJECT_DIR = Path(__file__).resolve().parent.parent


def load_wheel_check():
    spec = importlib.util.spec_from_file_location("wheel_check", PROJECT_DIR / "scripts" / "wheel_check.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def project_files(folder, pattern="**/*"):
    return {
        path.relative_to(PROJECT_DIR).as_posix()
        for path in (PROJECT_DIR / folder).glob(pattern)
        if path.is_file() and "__pycache__" not in path.parts and path.name != ".gitkeep"
    }


@pytest.fixture(scope="module")
def wheel_files(tmp_path_factory):
    wheel = load_wheel_check().build_wheel(tmp_path_factory.mktemp("wheel"))
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_the_wheel_holds_every_app_of_the_project_with_its_migrations_and_data(wheel_files):
    own_apps = [
        config
        for config in apps.get_app_configs()
        if Path(config.path).parent == PROJECT_DIR and config.name != "synthetic"
    ]
    assert {config.name for config in own_apps} >= {
        "core",
        "search",
        "projects",
        "news",
        "offices",
        "portal",
        "importer",
    }
    for config in own_apps:
        missing = project_files(config.name) - wheel_files
        assert not missing, f"{config.name}: not in the wheel: {sorted(missing)}"
    assert "projects/iati_schema/iati-activities-schema.xsd" in wheel_files
    assert "offices/data/haiti-adm1.geojson" in wheel_files
    assert "oimhaiti/settings.py" in wheel_files
    # The synthetic catalogue of make bench, the scripts and the tests stay in the checkout.
    assert not any(name.startswith(("tests/", "scripts/", "synthetic/")) for name in wheel_files)


@pytest.mark.parametrize("folder", ["templates", "static", "locale"])
def test_the_wheel_carries_the_site_folders_inside_the_project_package(wheel_files, folder):
    expected = {f"oimhaiti/{name}" for name in project_files(folder)}
    assert expected, folder
    assert not expected - wheel_files


def test_the_wheel_carries_the_initial_content_but_not_the_seed_texts(wheel_files):
    fixtures = {name for name in wheel_files if name.startswith("oimhaiti/fixtures/")}
    assert fixtures == {f"oimhaiti/{name}" for name in project_files("fixtures", "*.json")}
    assert "oimhaiti/fixtures/03_projects.json" in fixtures


def test_a_checkout_finds_the_site_folders_beside_the_apps():
    assert settings.SITE_FILES_DIR == settings.BASE_DIR == PROJECT_DIR
    assert Path(settings.TEMPLATES[0]["DIRS"][0]) == PROJECT_DIR / "templates"
