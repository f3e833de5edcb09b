"""The blocks news owns on the pages of the apps below it: a project's and an office's releases."""

from datetime import date

import pytest
from django.template import engines
from lxml import html

from core.models import PublicationStatus
from tests.factories import make_office, make_project, make_release

pytestmark = pytest.mark.django_db

TEMPLATE = engines["django"].from_string("{% load news_blocks %}{% releases_about record heading %}")


def test_releases_about_a_project_lists_its_published_releases_newest_first():
    project = make_project()
    older = make_release(title="Annonce de janvier", release_date=date(2026, 1, 5))
    newer = make_release(title="Annonce de mars", release_date=date(2026, 3, 2))
    draft = make_release(title="Brouillon", publication_status=PublicationStatus.DRAFT)
    make_release(title="Sans lien")
    for release in (older, newer, draft):
        release.related_projects.add(project)

    page = html.fromstring(TEMPLATE.render({"record": project, "heading": "Communiqués liés"}))

    assert page.xpath("string(//h2)") == "Communiqués liés"
    assert [link.text_content() for link in page.xpath("//li/a")] == ["Annonce de mars", "Annonce de janvier"]


def test_releases_about_an_office_without_releases_shows_no_block():
    office = make_office()
    make_release(title="Ailleurs")

    assert TEMPLATE.render({"record": office, "heading": "Communiqués"}).strip() == ""
