"""`make backup` then `make restore` gives back every row of every table."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import psycopg2
import pytest
from django.db import connection

from tests.factories import add_funding, make_office, make_organisation, make_page, make_project, make_release

PROJECT_DIR = Path(__file__).resolve().parent.parent.parent
TABLES = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"


def url_for(name):
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="") + (
        f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    )
    host = quote(db["HOST"] or "localhost", safe="") + (f":{db['PORT']}" if db["PORT"] else "")
    return f"postgres://{credentials}@{host}/{quote(name, safe='')}"


def run_script(*args, database, **env):
    return subprocess.run(
        [sys.executable, "scripts/backup.py", *args],
        cwd=PROJECT_DIR,
        env={**os.environ, "DATABASE_URL": url_for(database), **env},
        capture_output=True,
        text=True,
    )


def contents(cursor):
    """Per table: the number of rows and a digest of all of them."""
    cursor.execute(TABLES)
    tables = [row[0] for row in cursor.fetchall()]
    snapshot = {}
    for table in tables:
        cursor.execute(
            f"SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM \"{table}\" t"
        )
        snapshot[table] = cursor.fetchone()
    return snapshot


@pytest.fixture
def scratch_database():
    name = f"{connection.settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
    yield name
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# Committed rows, so that pg_dump (another connection) sees them; serialized_rollback gives the
# migrations' rows (the Éditeurs group) back to the tests that run after this one.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_and_restore_keep_every_record(scratch_database):
    donor = make_organisation(name="Bureau des affaires de migration (exemple)")
    project = make_project(
        title="Projet sauvegardé, « accents » et retours\nà la ligne", donors=[donor], budget="1234.56"
    )
    release = make_release(related_projects=[project], publication_status="draft")
    add_funding(release, donors=[donor], amount="200000.00")
    project.offices.add(make_office())
    make_page(slug="a-propos", body="Premier paragraphe.\n\nSecond.")
    source = connection.settings_dict["NAME"]

    backup = run_script("backup", database=source)
    assert backup.returncode == 0, backup.stderr
    dump = PROJECT_DIR / backup.stdout.strip().splitlines()[-1]
    try:
        assert dump.name.startswith("oimhaiti-") and dump.suffix == ".dump"
        assert dump.read_bytes()[:5] == b"PGDMP"  # the custom format

        restored = run_script("restore", str(dump), database=scratch_database)
        assert restored.returncode == 0, restored.stderr

        with connection.cursor() as cursor:
            expected = contents(cursor)
        with psycopg2.connect(url_for(scratch_database)) as other, other.cursor() as cursor:
            actual = contents(cursor)
        other.close()
        assert actual == expected
        assert expected["projects_project"][0] == 1 and expected["news_newsrelease"][0] == 1

        refused = run_script("restore", str(dump), database=scratch_database)
        assert refused.returncode == 1
        assert "not empty" in refused.stderr

        forced = run_script("restore", str(dump), database=scratch_database, FORCE="1")
        assert forced.returncode == 0, forced.stderr
        with psycopg2.connect(url_for(scratch_database)) as other, other.cursor() as cursor:
            assert contents(cursor) == expected
        other.close()
    finally:
        dump.unlink(missing_ok=True)
