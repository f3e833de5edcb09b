import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
CONTROLLED = {"DEBUG", "SECRET_KEY", "DATABASE_URL"}
START_AND_REPORT = (
    "import django; from django.conf import settings; django.setup(); "
    "print('started', settings.DATABASES['default']['HOST'])"
)


def start_django(**env):
    """Start Django in a fresh interpreter with exactly these of the controlled variables."""
    clean_env = {key: value for key, value in os.environ.items() if key not in CONTROLLED}
    return subprocess.run(
        [sys.executable, "-c", START_AND_REPORT],
        cwd=PROJECT_DIR,
        env={**clean_env, **env, "DJANGO_SETTINGS_MODULE": "oimhaiti.settings"},
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_secret_key():
    result = start_django(DEBUG="0", DATABASE_URL="postgres://u@localhost/db")
    assert result.returncode != 0
    assert "started" not in result.stdout
    message = result.stderr.strip()
    assert "SECRET_KEY" in message
    assert len(message.splitlines()) == 1


def test_production_refuses_to_start_without_database_url():
    result = start_django(DEBUG="0", SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_production_starts_with_both_variables():
    result = start_django(DEBUG="0", SECRET_KEY="x" * 50, DATABASE_URL="postgres://u@db.example/db")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["started", "db.example"]


def test_development_uses_the_project_local_cluster_without_database_url():
    result = start_django(DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["started", str(PROJECT_DIR / ".pgdata")]


def test_site_speaks_french_in_haiti_time(settings):
    assert settings.LANGUAGE_CODE == "fr"
    assert settings.TIME_ZONE == "America/Port-au-Prince"
    assert settings.USE_TZ is True


def test_the_wsgi_application_keeps_its_start_up_objects_out_of_the_garbage_collector():
    clean_env = {key: value for key, value in os.environ.items() if key not in CONTROLLED}
    result = subprocess.run(
        [sys.executable, "-c", "import gc, oimhaiti.wsgi; print(gc.get_freeze_count())"],
        cwd=PROJECT_DIR,
        env={**clean_env, "DEBUG": "1"},
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 10_000


def _write_env_file(path):
    result = subprocess.run(
        [sys.executable, str(PROJECT_DIR / "scripts" / "localenv.py"), str(path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result


def test_manage_py_commands_start_without_variables_once_make_run_has_written_env(tmp_path):
    env_file = tmp_path / ".env"
    _write_env_file(env_file)

    result = subprocess.run(
        [sys.executable, "manage.py", "createsuperuser", "--help"],
        cwd=PROJECT_DIR,
        env={
            **{key: value for key, value in os.environ.items() if key not in CONTROLLED},
            "ENV_FILE": str(env_file),
        },
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert "usage: manage.py createsuperuser" in result.stdout
    text = env_file.read_text()
    assert "DEBUG=1\n" in text
    (secret_line,) = [line for line in text.splitlines() if line.startswith("SECRET_KEY=")]
    assert len(secret_line.removeprefix("SECRET_KEY=")) >= 50
    assert env_file.stat().st_mode & 0o077 == 0


def test_writing_env_again_keeps_the_existing_file(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("DEBUG=1\nSECRET_KEY=kept\n")

    _write_env_file(env_file)

    assert env_file.read_text() == "DEBUG=1\nSECRET_KEY=kept\n"


def test_the_env_file_is_never_committed():
    assert ".env" in (PROJECT_DIR / ".gitignore").read_text().splitlines()


def test_a_variable_of_the_environment_wins_over_the_env_file(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text(
        "DEBUG=1\nSITE_URL=https://from-file.example\nADMIN_URL=gestion-7f3k/\nALLOWED_HOSTS=a.example, b.example\n"
    )
    script = (
        "import django; from django.conf import settings as s; django.setup(); "
        "print(s.DEBUG, s.SITE_URL, s.ADMIN_URL, *s.ALLOWED_HOSTS)"
    )

    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_DIR,
        env={
            **{
                key: value
                for key, value in os.environ.items()
                if key not in {*CONTROLLED, "ADMIN_URL", "ALLOWED_HOSTS"}
            },
            "ENV_FILE": str(env_file),
            "SITE_URL": "https://from-environment.example",
            "DJANGO_SETTINGS_MODULE": "oimhaiti.settings",
        },
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "https://from-environment.example",
        "gestion-7f3k/",
        "a.example",
        "b.example",
    ]


def test_site_url_is_unset_by_default_so_links_follow_the_address_of_each_request():
    clean_env = {key: value for key, value in os.environ.items() if key not in {*CONTROLLED, "SITE_URL"}}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; from django.conf import settings as s; django.setup(); print(repr(s.SITE_URL))",
        ],
        cwd=PROJECT_DIR,
        env={**clean_env, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "oimhaiti.settings"},
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "''"


def _cache_of(cache_url):
    clean_env = {key: value for key, value in os.environ.items() if key not in CONTROLLED | {"CACHE_URL"}}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; from django.conf import settings; django.setup(); "
            "cache = settings.CACHES['default']; print(cache['BACKEND'], cache.get('LOCATION', ''))",
        ],
        cwd=PROJECT_DIR,
        env={
            **clean_env,
            "DEBUG": "1",
            "CACHE_URL": cache_url,
            "DJANGO_SETTINGS_MODULE": "oimhaiti.settings",
        },
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize(
    ("cache_url", "expected"),
    [
        ("", "core.cache.MissOnErrorDatabaseCache oimhaiti_cache"),
        (
            "redis://cache.internal:6379/0",
            "django.core.cache.backends.redis.RedisCache redis://cache.internal:6379/0",
        ),
        (
            "rediss://u:p@cache.internal:6380/1",
            "django.core.cache.backends.redis.RedisCache rediss://u:p@cache.internal:6380/1",
        ),
        ("locmem://", "django.core.cache.backends.locmem.LocMemCache"),
    ],
)
def test_cache_url_chooses_the_cache(cache_url, expected):
    result = _cache_of(cache_url)

    assert result.stdout.strip() == expected, result.stderr


def test_a_cache_url_of_an_unknown_kind_stops_start_up_and_names_it():
    result = _cache_of("redsi://cache.internal:6379/0")

    assert result.returncode != 0
    assert "started" not in result.stdout
    assert "Invalid cache schema redsi" in result.stderr


def test_with_debug_off_templates_are_compiled_once_per_process():
    check = (
        "import django; django.setup(); "
        "from django.template import engines; "
        "engine = engines['django'].engine; "
        "loader, = engine.template_loaders; "
        "print(type(loader).__module__, *(type(inner).__module__ for inner in loader.loaders)); "
        "print(engine.get_template('base.html') is engine.get_template('base.html'))"
    )
    clean_env = {key: value for key, value in os.environ.items() if key not in CONTROLLED}
    result = subprocess.run(
        [sys.executable, "-c", check],
        cwd=PROJECT_DIR,
        env={
            **clean_env,
            "DEBUG": "0",
            "SECRET_KEY": "x" * 50,
            "DATABASE_URL": "postgres://u@db.example/db",
            "DJANGO_SETTINGS_MODULE": "oimhaiti.settings",
        },
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    loaders, same_template = result.stdout.splitlines()
    assert loaders.split() == [
        "django.template.loaders.cached",
        "django.template.loaders.filesystem",
        "django.template.loaders.app_directories",
    ]
    assert same_template == "True"
