"""The admin locks out repeated failed logins, lives at a configurable address, and wants strong passwords."""

import logging

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from tests.factories import make_superuser

pytestmark = pytest.mark.django_db

PASSWORD = "mot-de-passe-de-test"


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    # Dozens of logins per test: the production hasher's cost is not what is tested here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def login_url():
    return f"/{settings.ADMIN_URL}login/?next=/{settings.ADMIN_URL}"


def attempt(client, user, password, **extra):
    return client.post(login_url(), {"username": user.username, "password": password}, **extra)


def test_admin_locks_an_account_out_after_the_configured_failures_and_logs_it(client, caplog):
    user = make_superuser()
    caplog.set_level(logging.WARNING, logger="axes")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, user, "mauvais")
        assert response.status_code == 200
        assert "Saisissez" in response.content.decode() or "correct" in response.content.decode()

    response = attempt(client, user, "mauvais")
    assert response.status_code == 429
    assert "Connexion temporairement bloquée" in response.content.decode()
    lockouts = [record.getMessage() for record in caplog.records if "Locking out" in record.getMessage()]
    assert len(lockouts) == 1
    assert user.username in lockouts[0] and "127.0.0.1" in lockouts[0]

    # Locked out, the right password is refused too, and no session is opened.
    response = attempt(client, user, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_address_so_a_colleague_elsewhere_still_logs_in(client):
    user = make_superuser()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, user, "mauvais")
    assert attempt(client, user, PASSWORD).status_code == 429

    elsewhere = Client(REMOTE_ADDR="10.1.2.3")
    response = attempt(elsewhere, user, PASSWORD)
    assert response.status_code == 302
    assert elsewhere.session["_auth_user_id"] == str(user.pk)


def test_a_successful_login_resets_the_failure_count(client):
    user = make_superuser()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, user, "mauvais")
    assert attempt(client, user, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, user, "mauvais")
    assert attempt(client, user, PASSWORD).status_code == 302


def test_behind_the_proxy_failures_count_per_forwarded_address(client, settings):
    settings.BEHIND_PROXY = True
    user = make_superuser()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, user, "mauvais", HTTP_X_FORWARDED_FOR="forged, 203.0.113.7")
    assert attempt(client, user, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    assert attempt(client, user, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.9").status_code == 302


def test_staff_sessions_expire(settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert 0 < settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"


@pytest.mark.parametrize(
    "password",
    ["court-1", "motdepasse", "123456789012345", "password1234", "camille.dupont"],
    ids=["too-short", "too-short-common", "numeric", "common", "like-the-username"],
)
def test_weak_passwords_are_refused(password):
    user = make_superuser(username="camille.dupont", email="camille.dupont@example.org")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_long_uncommon_password_is_accepted():
    user = make_superuser(username="camille.dupont")
    validate_password("Vétiver-Jacmel-2031-kòk", user)
