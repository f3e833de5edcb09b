"""requirements/*.txt pin, with hashes, every package pyproject.toml asks for, and make install uses them.

A dependency added to pyproject.toml without `make lock` fails here, before a fresh clone would
install something else than the developer's machine.
"""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

PROJECT_DIR = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text())
# One requirement: "name==version \" then its "--hash=sha256:..." lines, then "# via" comments.
ENTRY = re.compile(r"^([A-Za-z0-9._-]+)==(\S+)((?:\s*\\\n\s+--hash=sha256:[0-9a-f]{64})+)", re.MULTILINE)


def pins(name):
    text = (PROJECT_DIR / "requirements" / name).read_text()
    entries = {canonicalize_name(match[1]): match[2] for match in ENTRY.finditer(text)}
    requirement_lines = [line for line in text.splitlines() if line and not line.startswith((" ", "#"))]
    assert len(requirement_lines) == len(entries), f"{name}: a requirement without its hashes"
    return entries


def assert_pinned(requirements, locked):
    for text in requirements:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{requirement.name} is not in the lock: run make lock"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"{requirement.name}=={locked[name]} is outside {requirement.specifier}: run make lock"
        )


def test_the_runtime_lock_pins_every_dependency_of_the_project_with_hashes():
    locked = pins("lock.txt")
    assert_pinned(PYPROJECT["project"]["dependencies"], locked)
    assert "django" in locked and "pytest" not in locked


def test_the_dev_lock_pins_the_dev_tools_and_the_same_runtime_versions():
    runtime, dev = pins("lock.txt"), pins("dev.txt")
    assert_pinned(PYPROJECT["project"]["dependencies"], dev)
    assert_pinned(PYPROJECT["project"]["optional-dependencies"]["dev"], dev)
    assert {name: dev.get(name) for name in runtime} == runtime


@pytest.mark.parametrize("lock", ["lock.txt", "dev.txt"])
def test_the_locks_say_which_command_writes_them(lock):
    assert "#    make lock\n" in (PROJECT_DIR / "requirements" / lock).read_text()


def test_make_install_installs_the_locked_versions_and_reruns_when_a_lock_changes():
    makefile = (PROJECT_DIR / "Makefile").read_text()
    stamp_rule = re.search(r"^\$\(STAMP\):(.*)\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    prerequisites, recipe = stamp_rule[1].split(), stamp_rule[2]
    assert {"pyproject.toml", "requirements/lock.txt", "requirements/dev.txt"} <= set(prerequisites)
    assert "pip install --quiet --require-hashes -r requirements/dev.txt" in recipe
    assert "pip install --quiet --no-deps --no-build-isolation -e ." in recipe
