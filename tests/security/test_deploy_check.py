"""`manage.py check --deploy` is clean under the production variables the README documents."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent.parent
PRODUCTION_ENV = {"DEBUG": "0", "ALLOWED_HOSTS": "haiti.example.org", "BEHIND_PROXY": "1"}
# Variables a developer's shell or .env may hold that would change what is checked.
CLEARED = {
    "DEBUG",
    "HTTPS",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_AGE",
    # Set by the browser tests in this process; never in production.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def manage(*args, **env):
    base = {key: value for key, value in os.environ.items() if key not in CLEARED}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env={
            **base,
            **PRODUCTION_ENV,
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": "postgres://oimhaiti@db.example.org/oimhaiti",
            **env,
        },
        capture_output=True,
        text=True,
    )


def test_deploy_check_reports_nothing_in_production():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stderr


def test_deploy_check_flags_plain_http_so_make_serve_is_not_mistaken_for_production():
    result = manage("check", "--deploy", "--fail-level", "WARNING", HTTPS="0")
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr


def test_production_settings_are_strict_and_the_admin_moves_with_admin_url():
    script = (
        "import django; from django.conf import settings as s; django.setup(); "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, "
        "s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_HTTPONLY, "
        "s.SECURE_PROXY_SSL_HEADER, s.ADMIN_URL); "
        "\nfrom django.urls import resolve, Resolver404\n"
        "print(resolve('/gestion-7f3k/login/').view_name)\n"
        "try: resolve('/admin/login/'); print(True)\nexcept Resolver404: print(False)"
    )
    base = {key: value for key, value in os.environ.items() if key not in CLEARED}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_DIR,
        env={
            **base,
            **PRODUCTION_ENV,
            "SECRET_KEY": "x" * 50,
            "DATABASE_URL": "postgres://u@db.example/db",
            "ADMIN_URL": "/gestion-7f3k/",
            "DJANGO_SETTINGS_MODULE": "oimhaiti.settings",
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    values, admin_view, old_address_is_admin = result.stdout.strip().splitlines()[-3:]
    assert (
        values == "31536000 True True True True True True ('HTTP_X_FORWARDED_PROTO', 'https') gestion-7f3k/"
    )
    assert admin_view == "admin:login"
    assert old_address_is_admin == "False"
