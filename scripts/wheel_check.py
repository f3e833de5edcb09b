"""Build the wheel, install it in a new virtualenv and run the site from it, away from the checkout.

`make wheel-check` (and so `make test`) runs it with the project's virtualenv, whose locked
setuptools builds the wheel. The new virtualenv gets the versions of requirements/lock.txt, as a
server would, and the project from the wheel alone; everything then runs from an empty temporary
folder, so nothing is imported or read from the checkout: `django check`, `migrate` and the
initial content into a database of its own (dropped at the end), `collectstatic`, then the home
page in French and in English and the list of projects.
"""

import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

PROJECT_DIR = Path(__file__).resolve().parent.parent
LOCK_FILE = PROJECT_DIR / "requirements" / "lock.txt"
# What a build must not pick up from the checkout: the wheel is built from a clean copy.
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", ".pgdata", "build", "dist", "*.egg-info", "__pycache__", "staticfiles", "var", ".env"
)

CREATE_DATABASE = """
import os, sys
import dj_database_url, psycopg2
config = dj_database_url.parse(os.environ["WHEEL_CHECK_SERVER_URL"])
keys = {"NAME": "dbname", "USER": "user", "PASSWORD": "password", "HOST": "host", "PORT": "port"}
connection = psycopg2.connect(**{arg: config[key] for key, arg in keys.items() if config.get(key)})
connection.autocommit = True
with connection.cursor() as cursor:
    for statement in sys.argv[1:]:
        cursor.execute(statement)
connection.close()
"""

SEE_PAGES = """
from pathlib import Path
from django.test import Client
import oimhaiti

package = Path(oimhaiti.__file__).resolve().parent
assert "site-packages" in package.parts, f"oimhaiti imported from {package}, not from the wheel"
client = Client()
home = client.get("/").content.decode()
assert '<html lang="fr">' in home and "Projets" in home, home[:2000]
english = client.get("/en/").content.decode()
assert '<html lang="en">' in english and "Projects" in english, english[:2000]
projects = client.get("/projets/").content.decode()
assert "Mobilisation de la diaspora à l’appui du développement d’Haïti" in projects, projects[:2000]
print(f"wheel-check: the home page in French and English, and the projects of fixtures/, served from {package}")
"""


def run(*args, **kwargs):
    print("+", " ".join("<script>" if "\n" in str(arg) else str(arg) for arg in args), flush=True)
    subprocess.run([str(arg) for arg in args], check=True, **kwargs)


def build_wheel(temp):
    """The wheel of a clean copy of the checkout, built in temp: its path."""
    source, dist = temp / "source", temp / "dist"
    shutil.copytree(PROJECT_DIR, source, ignore=NOT_COPIED, symlinks=True)
    # With the locked setuptools of the virtualenv that runs this script.
    run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--quiet",
        "--no-deps",
        "--no-build-isolation",
        "--wheel-dir",
        dist,
        source,
    )
    (wheel,) = dist.glob("oimhaiti-*.whl")
    return wheel


def base_database_url():
    if url := os.environ.get("DATABASE_URL", "").strip():
        return url
    result = subprocess.run(
        [sys.executable, PROJECT_DIR / "scripts" / "localdb.py", "url"],
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


def with_database(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def main():
    base_url = base_database_url()
    database = urlsplit(base_url).path.lstrip("/") + "_wheel_check"
    with tempfile.TemporaryDirectory(prefix="oimhaiti-wheel-") as temp:
        temp = Path(temp)
        wheel = build_wheel(temp)
        venv, site = temp / "venv", temp / "site"
        site.mkdir()
        run(sys.executable, "-m", "venv", venv)
        python = venv / "bin" / "python"
        # The runtime versions of the lock, as a server installs them, then the project alone.
        run(python, "-m", "pip", "install", "--quiet", "--require-hashes", "-r", LOCK_FILE)
        run(python, "-m", "pip", "install", "--quiet", "--no-deps", wheel)
        run(python, "-m", "pip", "check")

        env = {
            name: value
            for name, value in os.environ.items()
            if name not in {"DJANGO_SETTINGS_MODULE", "PYTHONPATH", "VIRTUAL_ENV"}
        }
        env.update(
            DEBUG="0",
            SECRET_KEY=secrets.token_urlsafe(50),
            DATABASE_URL=with_database(base_url, database),
            ALLOWED_HOSTS="testserver",
            HTTPS="0",
            # No .env: the check sees the variables above and nothing else.
            ENV_FILE="",
        )
        # The server's address in the environment, not on a command line that is printed.
        server = {**env, "WHEEL_CHECK_SERVER_URL": base_url}
        drop, create = f'DROP DATABASE IF EXISTS "{database}"', f'CREATE DATABASE "{database}"'
        run(python, "-c", CREATE_DATABASE, drop, create, env=server)
        try:
            django = [python, "-m", "django"]
            settings = "--settings=oimhaiti.settings"
            run(*django, "check", settings, "--fail-level", "WARNING", cwd=site, env=env)
            run(*django, "migrate", settings, "--no-input", "--verbosity", "0", cwd=site, env=env)
            run(*django, "load_initial_content", settings, "--if-empty", cwd=site, env=env)
            run(*django, "collectstatic", settings, "--no-input", "--verbosity", "0", cwd=site, env=env)
            run(*django, "shell", settings, "-c", SEE_PAGES, cwd=site, env=env)
        finally:
            run(python, "-c", CREATE_DATABASE, drop, env=server)
    print("wheel-check: passed")


if __name__ == "__main__":
    main()
