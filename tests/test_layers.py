"""The import-linter contract of pyproject.toml holds for the code, and breaks on a back-arrow."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
PACKAGES = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["root_packages"]


def lint_imports(tree):
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tree,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def tree(tmp_path):
    """A copy of the project's packages and its pyproject.toml, to add a module to."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def test_the_code_keeps_its_contracts():
    outcome = lint_imports(ROOT)
    assert outcome.returncode == 0, outcome.stdout + outcome.stderr
    assert "0 broken" in outcome.stdout


def test_the_copy_keeps_them_too(tree):
    outcome = lint_imports(tree)
    assert outcome.returncode == 0, outcome.stdout + outcome.stderr


@pytest.mark.parametrize(
    ("module", "source", "contract", "arrow"),
    [
        # A lower content app reaching up to the one above it.
        (
            "offices/back_arrow.py",
            "from projects.models import Project\n",
            "Floors",
            "offices.back_arrow -> projects.models",
        ),
        # The ground reaching up to a page that gathers the apps.
        ("core/back_arrow.py", "import portal.views\n", "Floors", "core.back_arrow -> portal.views"),
        # A model-free helper reaching for the models.
        (
            "core/formatting.py",
            "from core.models import Currency\n",
            "model-free",
            "core.formatting -> core.models",
        ),
    ],
)
def test_a_back_arrow_breaks_the_contract(tree, module, source, contract, arrow):
    path = tree / module
    path.write_text((path.read_text() if path.exists() else "") + source)

    outcome = lint_imports(tree)

    assert outcome.returncode == 1, outcome.stdout + outcome.stderr
    broken = [line for line in outcome.stdout.splitlines() if " BROKEN" in line]
    assert len(broken) == 1 and contract in broken[0], outcome.stdout
    assert any(line.lstrip("- ").startswith(f"{arrow} (l.") for line in outcome.stdout.splitlines())
