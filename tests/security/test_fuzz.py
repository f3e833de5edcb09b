"""Random query strings, paths and form posts at every public address never produce a server error."""

import string
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.forms import SearchForm
from portal.sitemaps import SITEMAPS
from projects.filters import ProjectFilter
from tests.factories import (
    make_office,
    make_organisation,
    make_page,
    make_project,
    make_project_type,
    make_release,
)
from tests.security.routes import addresses, public_routes

pytestmark = pytest.mark.django_db

# Every example shares one test transaction; the test client keeps its own state per example anyway.
FUZZ = settings(
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

PARAMETERS = sorted({*ProjectFilter.base_filters, *SearchForm.base_fields, "page"})
SAFE_TEXT = st.characters(exclude_categories=("Cs",))  # lone surrogates cannot be sent at all

TRICKY_VALUES = [
    "",
    " ",
    "0",
    "-1",
    "1e309",
    "-1e309",
    "NaN",
    "Infinity",
    "9" * 40,
    "2147483648",
    "-9223372036854775809",
    "0x10",
    "١٢٣",
    "²",
    "\x00",
    "\x00abc",
    "%00",
    "\r\n",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "*:* & | ! ( ) <->",
    ":*",
    "\\",
    "&amp;",
    "[]",
    "{}",
    "null",
    "true",
]

values = st.one_of(
    st.sampled_from(TRICKY_VALUES),
    st.text(SAFE_TEXT, max_size=60),
    st.text(alphabet="0123456789-+.,eE ", max_size=30),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.builds(
        lambda char, count: char * count, st.characters(exclude_categories=("Cs",)), st.integers(1, 20000)
    ),
)
keys = st.one_of(st.sampled_from(PARAMETERS), st.text(SAFE_TEXT, max_size=20))
pairs = st.lists(st.tuples(keys, values), max_size=8)
# Percent signs, brackets and separators as a client may send them, undecoded.
raw_queries = st.text(alphabet=string.printable + "%é€\x7f", max_size=200)
methods = st.sampled_from(["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"])


@pytest.fixture
def urls():
    project_type = make_project_type()
    donor = make_organisation()
    project = make_project(
        project_type=project_type, donors=[donor], budget=1000, start_year=2020, end_year=2024
    )
    release = make_release(related_projects=[project])
    office = make_office(latitude="18.5", longitude="-72.3")
    project.offices.add(office)
    make_page(slug="a-propos")
    slugs = [project.slug, release.slug, office.slug, "nexiste-pas"]
    values = {"slug": slugs, "section": [*SITEMAPS, "inconnue"]}
    return [url for route in public_routes() for url in addresses(route, values)]


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


def prefixes(urls):
    """Where each address's fixed part ends: random paths are tried under every one of them."""
    found = {"/static/"}
    for url in urls:
        head, _, _ = url.rstrip("/").rpartition("/")
        found.add(head + "/")
    return sorted(found)


def assert_no_server_error(response, description):
    assert response.status_code < 500, f"{response.status_code} for {description}"


@settings(FUZZ, max_examples=2000)
@given(data=st.data(), query=pairs)
def test_random_query_strings_never_break_a_page(urls, visitor, data, query):
    url = data.draw(st.sampled_from(urls))
    address = f"{url}?{urlencode(query)}"
    assert_no_server_error(visitor.get(address), address)


@settings(FUZZ, max_examples=500)
@given(data=st.data(), query=raw_queries)
def test_malformed_query_strings_never_break_a_page(urls, visitor, data, query):
    url = data.draw(st.sampled_from(urls))
    address = f"{url}?{query.replace('#', '%23')}"
    assert_no_server_error(visitor.get(address), repr(address))


@settings(FUZZ, max_examples=500)
@given(
    data=st.data(),
    segments=st.lists(st.text(SAFE_TEXT, min_size=1, max_size=40), min_size=1, max_size=4),
    raw=st.sampled_from(["", "%", "%zz", "%ff%fe", "%c0%af", "%2e%2e/", "..", "%00", "//", "%e2%80%ae"]),
)
def test_random_paths_never_break_a_page(urls, visitor, data, segments, raw):
    prefix = data.draw(st.sampled_from(prefixes(urls)))
    address = prefix + "/".join(quote(segment, safe="") for segment in segments) + raw
    assert_no_server_error(visitor.get(address), repr(address))


@settings(FUZZ, max_examples=500)
@given(data=st.data(), form=pairs, method=methods)
def test_random_form_posts_never_break_a_page(urls, visitor, data, form, method):
    url = data.draw(st.sampled_from(urls))
    body = urlencode(form)
    response = visitor.generic(method, url, body, content_type="application/x-www-form-urlencoded")
    assert_no_server_error(response, f"{method} {url} {body!r}")
