"""The code uses Django's public API: private attributes change between releases without notice."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = [
    path
    for app in ("core", "projects", "news", "offices", "search", "oimhaiti", "importer")
    for path in (ROOT / app).rglob("*.py")
    if "migrations" not in path.parts
]

PRIVATE = {
    "a cached property's function (Paginator.count.func)": r"\.count\.func\b",
    "Sitemap._items() or _languages()": r"\._(items|languages)\(",
    "an attribute set on a database connection": r"\bconnection\.\w+\s*=[^=]",
}


@pytest.mark.parametrize("what", PRIVATE)
def test_no_module_uses_private_django_api(what):
    pattern = re.compile(PRIVATE[what])
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in PRODUCTION
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line)
    ]
    assert found == [], f"{what}: {found}"
