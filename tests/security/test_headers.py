"""Security headers on pages, static files and error pages; no inline code for the CSP to allow."""

import re

import pytest
from django.conf import settings

from tests.factories import make_project, make_superuser
from tests.security.routes import addresses, body, public_routes

pytestmark = pytest.mark.django_db

EXPECTED = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
DENIED_FEATURES = ("camera", "microphone", "geolocation", "payment", "usb")
INLINE_CODE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.IGNORECASE)


def csp_directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def assert_security_headers(response):
    for header, value in EXPECTED.items():
        assert response[header] == value, header
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    directives = csp_directives(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["img-src"] == ["'self'", "data:"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    permissions = response["Permissions-Policy"]
    for feature in DENIED_FEATURES:
        assert f"{feature}=()" in permissions


def test_page_sends_the_security_headers(client):
    response = client.get("/")
    assert response.status_code == 200
    assert_security_headers(response)


def test_static_file_sends_the_security_headers(client):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert_security_headers(response)


def test_not_found_page_sends_the_security_headers(client):
    response = client.get("/projets/nexiste-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
    assert_security_headers(response)


def test_server_error_page_sends_the_security_headers(client, monkeypatch):
    client.raise_request_exception = False

    def broken(*args, **kwargs):
        raise RuntimeError("panne simulée")

    monkeypatch.setattr("portal.views.project_charts_html", broken)
    response = client.get("/")
    assert response.status_code == 500
    assert_security_headers(response)


def test_admin_login_sends_the_security_headers(client):
    response = client.get(f"/{settings.ADMIN_URL}login/")
    assert response.status_code == 200
    assert_security_headers(response)


def test_public_pages_have_no_inline_script_or_style(client):
    project = make_project()
    for route in public_routes():
        for url in addresses(route, {"slug": [project.slug]}):
            response = client.get(url)
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                inline = INLINE_CODE.findall(body(response))
                assert not inline, f"{url}: {inline}"


def test_admin_pages_need_no_relaxed_policy(client):
    """Django 5.2's admin keeps its scripts and styles in files, so the one strict policy fits it."""
    project = make_project()
    client.force_login(make_superuser())
    admin = f"/{settings.ADMIN_URL}"
    for url in (admin, f"{admin}projects/project/", f"{admin}projects/project/{project.pk}/change/"):
        response = client.get(url)
        assert response.status_code == 200, url
        inline = INLINE_CODE.findall(response.content.decode())
        assert not inline, f"{url}: {inline}"
