"""The form reader of tests/html_forms.py posts what a browser would, so admin tests save real pages."""

import pytest
from django.urls import reverse

from projects.models import Project
from tests.factories import make_project, make_superuser
from tests.html_forms import FormReader, admin_form_data, save_through_admin

FORM = """
<form id="other_form"><input name="q" value="ailleurs"></form>
<form id="project_form">
  <input name="title" value="Gestion des frontières &amp; migration">
  <input type="hidden" name="csrfmiddlewaretoken" value="jeton">
  <input type="checkbox" name="published" checked>
  <input type="checkbox" name="featured" value="1">
  <input type="radio" name="status" value="draft"><input type="radio" name="status" value="active" checked>
  <input type="submit" name="_save" value="Enregistrer">
  <input type="file" name="photo">
  <input name="locked" value="non envoyé" disabled>
  <select name="kind"><option value="a">A</option><option value="b">B</option></select>
  <select name="donors" multiple>
    <option value="1" selected>Canada</option><option value="2">IDF</option><option value="3" selected>UE</option>
  </select>
  <select name="office" multiple><option value="7">Port-au-Prince</option></select>
  <textarea name="body">
Première ligne
Deuxième ligne</textarea>
</form>
"""


def read(form_id="project_form"):
    reader = FormReader(form_id)
    reader.feed(FORM)
    return reader.data


def test_the_reader_sends_what_a_browser_sends_from_one_form():
    assert read() == {
        "title": ["Gestion des frontières & migration"],
        "csrfmiddlewaretoken": ["jeton"],
        "published": ["on"],
        "status": ["active"],
        # A single-choice list with nothing selected sends its first option; a multiple one nothing.
        "kind": ["a"],
        "donors": ["1", "3"],
        "body": ["Première ligne\nDeuxième ligne"],
    }
    assert read("other_form") == {"q": ["ailleurs"]}


@pytest.mark.django_db
def test_an_admin_page_saved_through_its_form_keeps_the_fields_not_changed(client):
    client.force_login(make_superuser())
    project = make_project(title="Titre d'origine", project_code="BM.0042", budget="1500000.00")
    url = reverse("admin:projects_project_change", args=[project.pk])

    data = admin_form_data(client.get(url), title="Titre corrigé")
    assert data["title"] == "Titre corrigé"
    assert data["project_code"] == "BM.0042"

    save_through_admin(client, url, title="Titre corrigé")
    project = Project.objects.get(pk=project.pk)
    assert (project.title, project.project_code, str(project.budget)) == (
        "Titre corrigé",
        "BM.0042",
        "1500000.00",
    )
