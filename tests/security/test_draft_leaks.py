"""No draft and no record scheduled for later shows anywhere on the public site; editors preview them."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from core.models import PublicationStatus
from tests.factories import (
    add_result,
    add_section,
    make_editor,
    make_office,
    make_organisation,
    make_page,
    make_project,
    make_project_type,
    make_release,
)
from tests.security.routes import addresses, body, public_routes

pytestmark = pytest.mark.django_db

# Every record below has this word in its title, so one search finds them all.
SHARED_WORD = "kermadec"


@dataclass
class Hidden:
    """A record the public must never see, and the words that would give it away."""

    record: object
    words: tuple

    @property
    def url(self):
        return self.record.get_absolute_url()


def hiding(state):
    if state == "draft":
        return {"publication_status": PublicationStatus.DRAFT}
    return {
        "publication_status": PublicationStatus.PUBLISHED,
        "publish_from": timezone.now() + timedelta(days=30),
    }


@pytest.fixture(params=["draft", "future"])
def site(request):
    """Published records linked both ways with hidden ones, the way editors build a site up."""
    state = request.param

    def token(kind, part):
        return f"zq{kind}{state}{part}"

    project = make_project(title=f"{SHARED_WORD.title()} projet public", slug="kermadec-projet-public")
    release = make_release(
        title=f"{SHARED_WORD.title()} communiqué public", slug="kermadec-communique-public"
    )
    office = make_office(name=f"{SHARED_WORD.title()} bureau public", slug="kermadec-bureau-public")

    hidden_project = make_project(
        title=f"{SHARED_WORD.title()} {token('project', 'title')}",
        slug=token("project", "slug"),
        project_code=f"ZQ{9 if state == 'draft' else 8}-999",
        summary=token("project", "summary"),
        project_type=make_project_type(name=token("project", "type")),
        donors=[make_organisation(name=token("project", "donor"))],
        **hiding(state),
    )
    add_result(hidden_project, text=token("project", "result"))
    hidden_release = make_release(
        title=f"{SHARED_WORD.title()} {token('release', 'title')}",
        slug=token("release", "slug"),
        lead=token("release", "lead"),
        **hiding(state),
    )
    hidden_office = make_office(
        name=f"{SHARED_WORD.title()} {token('office', 'title')}",
        slug=token("office", "slug"),
        city=token("office", "city"),
        latitude="18.5",
        longitude="-72.3",
        **hiding(state),
    )
    # The one page the site shows is "À propos": a hidden version must not replace the empty one.
    hidden_page = make_page(
        slug="a-propos",
        title=f"{SHARED_WORD.title()} {token('page', 'title')}",
        lead=token("page", "lead"),
        **hiding(state),
    )
    add_section(hidden_page, heading=token("page", "section"))

    project.offices.add(hidden_office)
    hidden_project.offices.add(office)
    release.related_projects.add(hidden_project)
    release.sites.add(hidden_office)
    hidden_release.related_projects.add(project)
    hidden_release.sites.add(office)

    hidden = {
        "project": Hidden(
            hidden_project,
            (
                token("project", "title"),
                token("project", "slug"),
                hidden_project.project_code,
                token("project", "summary"),
                token("project", "type"),
                token("project", "donor"),
                token("project", "result"),
            ),
        ),
        "release": Hidden(
            hidden_release, (token("release", "title"), token("release", "slug"), token("release", "lead"))
        ),
        "office": Hidden(
            hidden_office, (token("office", "title"), token("office", "slug"), token("office", "city"))
        ),
        "page": Hidden(
            hidden_page, (token("page", "title"), token("page", "lead"), token("page", "section"))
        ),
    }
    return {"state": state, "published": [project, release, office], "hidden": hidden}


def walk(client, site):
    """Every public address: each pattern in every language, bare and with a search matching all
    records, detail patterns with the slug of every record, published or not."""
    visited = {}
    for route in public_routes():
        urls = addresses(route, {"slug": [record.slug for record in site["published"]] + hidden_slugs(site)})
        if not route.parameters:
            urls += [f"{url}?q={SHARED_WORD}" for url in urls]
        for url in urls:
            visited[url] = (route, client.get(url))
    return visited


def hidden_slugs(site):
    # The hidden page has no address of its own: it is the "À propos" page.
    return [hidden.record.slug for kind, hidden in site["hidden"].items() if kind != "page"]


def test_no_hidden_record_appears_at_any_public_address(client, site):
    forbidden = [word for hidden in site["hidden"].values() for word in hidden.words]
    seen_published = set()

    for url, (_route, response) in walk(client, site).items():
        assert response.status_code < 500, url
        if any(f"/{slug}/" in url for slug in hidden_slugs(site)):
            assert response.status_code == 404, f"{url} answers {response.status_code}"
            continue
        content = body(response)
        leaked = [word for word in forbidden if word in content]
        assert not leaked, f"{url} shows {leaked}"
        seen_published |= {record.slug for record in site["published"] if record.slug in content}

    # The walk does reach the records: the published ones all show up somewhere.
    assert seen_published == {record.slug for record in site["published"]}


def test_every_public_pattern_is_walked_and_answers(client, site):
    answered = {route for route, response in walk(client, site).values() if response.status_code == 200}
    assert answered == set(public_routes())


def test_hidden_detail_pages_answer_404_to_visitors_and_staff_without_rights(client, site):
    staff_without_rights = get_user_model().objects.create_user("stagiaire", is_staff=True)
    other = Client()
    other.force_login(staff_without_rights)
    for kind in ("project", "release", "office"):
        url = site["hidden"][kind].url
        assert client.get(url).status_code == 404, url
        assert other.get(url).status_code == 404, url


def test_editor_previews_hidden_detail_pages_with_a_banner(client, site):
    client.force_login(make_editor())
    banner = (
        "Aperçu : brouillon non publié" if site["state"] == "draft" else "Aperçu : publication programmée"
    )
    for kind in ("project", "release", "office"):
        hidden = site["hidden"][kind]
        response = client.get(hidden.url)
        assert response.status_code == 200, hidden.url
        html = response.content.decode()
        assert banner in html
        assert hidden.words[0] in html
        assert "no-store" in response["Cache-Control"]


def test_editor_sees_no_banner_on_published_pages(client, site):
    client.force_login(make_editor())
    for record in site["published"]:
        response = client.get(record.get_absolute_url())
        assert response.status_code == 200
        assert "Aperçu" not in response.content.decode()
        assert "no-store" not in response.get("Cache-Control", "")


def test_hidden_records_stay_out_of_lists_for_editors_too(client, site):
    client.force_login(make_editor())
    html = client.get(f"/recherche/?q={SHARED_WORD}").content.decode()
    assert "projet public" in html
    for hidden in site["hidden"].values():
        assert hidden.words[0] not in html
