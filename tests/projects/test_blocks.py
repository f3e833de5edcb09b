"""The block projects own on the pages of the app below them: an office's projects."""

import pytest
from django.template import engines
from lxml import html

from core.models import PublicationStatus
from tests.factories import make_office, make_project

pytestmark = pytest.mark.django_db


def test_projects_at_an_office_lists_its_published_projects_as_cards():
    office = make_office()
    make_project(title="Projet publié").offices.add(office)
    make_project(title="Projet en brouillon", publication_status=PublicationStatus.DRAFT).offices.add(office)

    rendered = engines["django"].from_string("{% load project_blocks %}{% projects_at office %}")
    page = html.fromstring(rendered.render({"office": office}))

    assert page.xpath("string(//h2)") == "Projets"
    assert "Projet publié" in page.text_content()
    assert "Projet en brouillon" not in page.text_content()
