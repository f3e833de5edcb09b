"""The whole-page cache: a repeat visit costs one read of the content state, and is never stale."""

import gzip
from datetime import timedelta

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers

from core import page_cache
from core.models import PublicationStatus
from tests.factories import make_editor, make_office, make_page, make_project, make_release
from tests.html_forms import save_through_admin

pytestmark = pytest.mark.django_db

# Everything the content-state check may cost: one read of the cache.
STATE_CHECK = 1


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_MAX_BYTES = 8 * 1024 * 1024
    page_cache.pages.clear()
    yield
    page_cache.pages.clear()


@pytest.fixture
def catalogue():
    project = make_project(title="Abris temporaires", slug="abris-d-urgence", summary="Des abris.")
    release = make_release(title="Retour des familles", slug="retour-des-familles")
    office = make_office(name="Bureau de Jacmel")
    make_page(title="L'OIM en Haïti", slug="a-propos")
    return {"project": project, "release": release, "office": office}


PUBLIC_URLS = [
    "/",
    "/a-propos/",
    "/projets/",
    "/projets/?status=active",
    "/projets/abris-d-urgence/",
    "/actualites/",
    "/actualites/retour-des-familles/",
    "/bureaux/",
    "/recherche/?q=abris",
    "/en/projets/",
]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_a_repeat_visit_runs_no_query_beyond_the_content_state_and_gets_the_same_page(
    client, catalogue, url, django_assert_max_num_queries
):
    first = client.get(url)
    assert first.status_code == 200

    with django_assert_max_num_queries(STATE_CHECK):
        again = client.get(url)

    assert again.content == first.content
    assert dict(again.headers) == dict(first.headers)


def test_an_office_page_is_served_from_the_cache(client, catalogue, django_assert_max_num_queries):
    url = catalogue["office"].get_absolute_url()
    first = client.get(url)
    assert "Bureau de Jacmel" in first.content.decode()
    with django_assert_max_num_queries(STATE_CHECK):
        assert client.get(url).content == first.content


def test_a_compressed_page_keeps_its_headers_and_body_when_served_from_the_cache(client, catalogue):
    first = client.get("/projets/", headers={"Accept-Encoding": "gzip, deflate"})
    assert first["Content-Encoding"] == "gzip"

    again = client.get("/projets/", headers={"Accept-Encoding": "gzip, deflate"})
    plain = client.get("/projets/")

    assert dict(again.headers) == dict(first.headers)
    assert "Abris temporaires" in gzip.decompress(again.content).decode()
    assert "Content-Encoding" not in plain
    assert "Abris temporaires" in plain.content.decode()


def test_the_same_parameters_in_another_order_share_one_page(
    client, catalogue, django_assert_max_num_queries
):
    first = client.get("/projets/?status=active&ordering=-budget")
    with django_assert_max_num_queries(STATE_CHECK):
        again = client.get("/projets/?ordering=-budget&status=active")
    assert again.content == first.content


def test_an_address_with_blank_parameters_still_redirects_to_the_one_without(client, catalogue):
    stored = client.get("/projets/?status=active")

    response = client.get("/projets/?q=&status=active&type=")

    assert response.status_code == 302
    assert response["Location"] == "/projets/?status=active"
    assert client.get(response["Location"]).content == stored.content


def test_a_parameter_given_twice_keeps_the_value_the_view_reads():
    assert page_cache.normalised_query("page=3&page=2") == "page=3&page=2"
    assert page_cache.normalised_query("type=b&q=&page=2&type=a") == "page=2&type=b&type=a"


def test_an_edit_saved_through_the_orm_is_on_the_next_page(client, catalogue):
    assert "Abris temporaires" in client.get("/projets/").content.decode()
    project = catalogue["project"]

    project.title = "Abris renforcés"
    project.save()

    html = client.get("/projets/").content.decode()
    assert "Abris renforcés" in html
    assert "Abris temporaires" not in html


def test_an_edit_saved_through_the_admin_is_on_the_next_page(client, catalogue):
    url = catalogue["release"].get_absolute_url()
    assert "Retour des familles" in client.get(url).content.decode()
    staff = Client()
    staff.force_login(make_editor())

    save_through_admin(
        staff,
        reverse("admin:news_newsrelease_change", args=[catalogue["release"].pk]),
        title="Retour des familles à Jacmel",
    )

    assert "Retour des familles à Jacmel" in client.get(url).content.decode()


def test_a_release_scheduled_for_later_shows_once_its_time_has_come(
    client, catalogue, monkeypatch, django_capture_on_commit_callbacks
):
    now = timezone.now()
    client.get("/actualites/")  # the catalogue's state read and its page stored
    with django_capture_on_commit_callbacks(execute=True):  # saved and committed, as by the admin
        make_release(
            title="Annonce programmée", slug="annonce-programmee", publish_from=now + timedelta(hours=1)
        )
    assert "Annonce programmée" not in client.get("/actualites/").content.decode()
    assert "Annonce programmée" not in client.get("/actualites/").content.decode()

    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(hours=2))

    assert "Annonce programmée" in client.get("/actualites/").content.decode()


def test_french_and_english_pages_are_stored_apart(client, catalogue):
    french = client.get("/")
    english = client.get("/en/")
    assert french["Content-Language"] == "fr"
    assert english["Content-Language"] == "en"

    assert client.get("/").content == french.content
    assert client.get("/en/").content == english.content
    assert french.content != english.content


def test_an_editor_never_gets_a_stored_page_nor_stores_one(client, catalogue):
    draft = make_project(
        title="Projet en préparation", slug="en-preparation", publication_status=PublicationStatus.DRAFT
    )
    editor = Client()
    editor.force_login(make_editor())
    public_page = client.get("/projets/").content

    preview = editor.get(draft.get_absolute_url())
    assert "Projet en préparation" in preview.content.decode()
    assert "Projet en préparation" not in editor.get("/projets/").content.decode()  # drawn for staff
    stored = len(page_cache.pages)

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get("/projets/").content == public_page
    assert len(page_cache.pages) == stored


def test_a_page_drawn_for_an_editor_is_not_served_to_the_public(client, catalogue):
    draft = make_project(
        title="Projet en préparation", slug="en-preparation", publication_status=PublicationStatus.DRAFT
    )
    editor = Client()
    editor.force_login(make_editor())
    assert "Projet en préparation" in editor.get(draft.get_absolute_url()).content.decode()

    assert len(page_cache.pages) == 0
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 404
    assert "Projet en préparation" not in response.content.decode()


def test_a_missing_page_is_not_stored(client, catalogue):
    assert client.get("/projets/inconnu/").status_code == 404
    assert len(page_cache.pages) == 0

    make_project(title="Projet nouveau", slug="inconnu")

    response = client.get("/projets/inconnu/")
    assert response.status_code == 200
    assert "Projet nouveau" in response.content.decode()


def test_a_stored_page_answers_a_revalidation_with_304(client, catalogue, django_assert_max_num_queries):
    etag = client.get("/projets/")["ETag"]
    assert client.get("/projets/")["ETag"] == etag

    with django_assert_max_num_queries(STATE_CHECK):
        again = client.get("/projets/", headers={"If-None-Match": etag})

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag


def test_a_compressed_stored_page_answers_its_weak_etag_with_304(client, catalogue):
    etag = client.get("/", headers={"Accept-Encoding": "gzip"})["ETag"]
    assert etag.startswith('W/"')

    again = client.get("/", headers={"Accept-Encoding": "gzip", "If-None-Match": etag})

    assert again.status_code == 304


def test_exports_and_feeds_are_left_to_their_own_stored_files(client, catalogue):
    client.get("/projets/export.csv")
    client.get("/actualites/feed/")
    assert len(page_cache.pages) == 0


def test_a_stopped_database_gives_the_503_page_even_for_a_stored_page(client, database_unreachable):
    make_project(title="Abris temporaires", slug="abris-temporaires")
    assert "Abris temporaires" in client.get("/projets/").content.decode()

    with database_unreachable():
        response = client.get("/projets/")

    assert response.status_code == 503
    assert "Site temporairement indisponible" in response.content.decode()
    assert "Abris temporaires" in client.get("/projets/").content.decode()


def public_view_answering(change):
    """The middleware around a public page whose response `change` alters."""

    def get_response(request):
        request.resolver_match = resolve("/projets/")
        response = HttpResponse("<p>Les projets</p>", headers={"Content-Language": "fr"})
        change(response)
        return response

    return page_cache.PageCacheMiddleware(get_response)


@pytest.mark.parametrize(
    "change",
    [
        lambda response: response.set_cookie("suivi", "1"),
        lambda response: patch_vary_headers(response, ["User-Agent"]),
        lambda response: patch_cache_control(response, private=True),
        lambda response: add_never_cache_headers(response),
        lambda response: setattr(response, "status_code", 302),
    ],
    ids=["sets-a-cookie", "varies-on-user-agent", "private", "never-cache", "redirect"],
)
def test_a_response_the_key_cannot_describe_is_not_stored(change, rf):
    middleware = public_view_answering(change)
    middleware(rf.get("/projets/"))
    assert len(page_cache.pages) == 0


def test_a_public_response_is_stored(rf):
    middleware = public_view_answering(lambda response: patch_vary_headers(response, ["Accept-Language"]))
    middleware(rf.get("/projets/"))
    assert len(page_cache.pages) == 1


def test_a_head_request_gets_the_stored_page_headers(client, catalogue, django_assert_max_num_queries):
    first = client.get("/actualites/")

    with django_assert_max_num_queries(STATE_CHECK):
        head = client.head("/actualites/")

    assert head.status_code == 200
    assert head.content == b""
    assert dict(head.headers) == dict(first.headers)
