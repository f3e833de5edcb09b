"""Back up the database with pg_dump, and restore such a dump into an empty database.

    python3 scripts/backup.py backup                 writes backups/oimhaiti-YYYYMMDD-HHMMSS.dump
    python3 scripts/backup.py restore FILE           restores FILE into the database
    FORCE=1 python3 scripts/backup.py restore FILE   ... even if that database already has tables

The database is DATABASE_URL's, or the project-local cluster when it is unset (the binaries
beside its pg_ctl, so that pg_dump is never older than the server). Standard library only.
A restore creates the database when it does not exist, and refuses one that holds tables
unless FORCE=1: then the dump's objects are dropped and recreated, and tables it does not
know are left alone.
"""

import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import localdb  # scripts/ is on the path: this file is run as a script

BACKUP_DIR = localdb.PROJECT_DIR / "backups"


def fail(message):
    print(f"backup: {message}", file=sys.stderr)
    sys.exit(1)


def database_url():
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        return url
    localdb.start()
    return localdb.url()


def client_binary(name):
    if not os.environ.get("DATABASE_URL", "").strip():
        return localdb.find_bin_dir() / name
    found = shutil.which(name)
    if found:
        return Path(found)
    return localdb.find_bin_dir() / name


def with_database(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + quote(name)))


def database_name(url):
    return unquote(urlsplit(url).path.lstrip("/"))


def psql(url, sql, **variables):
    """Runs one statement; `:'name'` and `:"name"` in it are quoted by psql itself."""
    options = [f"--set={key}={value}" for key, value in variables.items()]
    result = subprocess.run(
        [client_binary("psql"), "--no-psqlrc", "--set=ON_ERROR_STOP=1", "-tA", *options, url],
        input=sql,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        fail(result.stderr.strip())
    return result.stdout.strip()


def backup():
    url = database_url()
    BACKUP_DIR.mkdir(exist_ok=True)
    target = BACKUP_DIR / f"oimhaiti-{datetime.now():%Y%m%d-%H%M%S}.dump"
    partial = target.with_suffix(".dump.part")
    # Written under another name first: a dump cut short never looks like a good one.
    result = subprocess.run([client_binary("pg_dump"), "--format=custom", "--file", partial, url])
    if result.returncode != 0:
        partial.unlink(missing_ok=True)
        fail("pg_dump failed (see the messages above).")
    partial.rename(target)
    print(target.relative_to(localdb.PROJECT_DIR) if target.is_relative_to(localdb.PROJECT_DIR) else target)


def restore(dump):
    dump = Path(dump)
    if not dump.is_file():
        fail(f"no such file: {dump}")
    url = database_url()
    name = database_name(url)
    maintenance = with_database(url, "postgres")
    if not psql(maintenance, "SELECT 1 FROM pg_database WHERE datname = :'name'", name=name):
        psql(maintenance, 'CREATE DATABASE :"name"', name=name)
    tables = int(
        psql(
            url, "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
        )
    )
    force = os.environ.get("FORCE", "").strip() in {"1", "true", "yes"}
    if tables and not force:
        fail(
            f"the database {name} is not empty ({tables} tables); restore into an empty one, or set FORCE=1."
        )
    options = ["--clean", "--if-exists"] if tables else []
    # Owners and grants name roles of the server the dump came from, which this one may not have.
    result = subprocess.run(
        [
            client_binary("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            *options,
            "--dbname",
            url,
            dump,
        ]
    )
    if result.returncode != 0:
        fail("pg_restore failed (see the messages above); nothing was changed.")
    print(f"{dump} restored into the database {name}.")


if __name__ == "__main__":
    if sys.argv[1:2] == ["backup"] and len(sys.argv) == 2:
        backup()
    elif sys.argv[1:2] == ["restore"] and len(sys.argv) == 3:
        restore(sys.argv[2])
    else:
        fail(f"usage: {sys.argv[0]} backup | restore FILE")
