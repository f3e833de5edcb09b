"""The layout of the code: every module of the apps fits in a few screens."""

from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
MAX_LINES = 400


def production_modules():
    """The modules of the project package and the apps (folders with an __init__.py), not the
    tests nor the migrations, which Django writes."""
    for package in sorted(PROJECT_DIR.glob("*/__init__.py")):
        if package.parent.name == "tests":
            continue
        for module in sorted(package.parent.rglob("*.py")):
            if "migrations" not in module.relative_to(PROJECT_DIR).parts:
                yield module


def test_the_apps_are_found():
    packages = {module.relative_to(PROJECT_DIR).parts[0] for module in production_modules()}

    assert {"oimhaiti", "core", "projects", "news", "offices", "search", "importer", "synthetic"} <= packages


def test_no_module_of_the_apps_is_over_400_lines():
    too_long = {
        str(module.relative_to(PROJECT_DIR)): lines
        for module in production_modules()
        if (lines := len(module.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }

    assert too_long == {}
