"""The start-up path (`make run`, `make serve`) never writes over what staff changed.

A test of the fixtures themselves: the exception to "no fixtures in tests", since the start-up
loads them.
"""

import re
import shlex
from decimal import Decimal
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from reversion.models import Version

from news.models import NewsRelease
from projects.models import Project
from tests.factories import make_editor, make_project
from tests.html_forms import save_through_admin

pytestmark = pytest.mark.django_db


def _makefile_commands(target):
    """The `manage.py` commands of a Makefile target's recipe, as call_command arguments."""
    makefile = (settings.BASE_DIR / "Makefile").read_text()
    recipe = re.search(rf"^{re.escape(target)}:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE).group(1)
    return [shlex.split(line.split("manage.py", 1)[1]) for line in recipe.splitlines() if "manage.py" in line]


def start_up():
    """What `make run` and `make serve` run before the server starts, after `migrate`."""
    out = StringIO()
    commands = _makefile_commands("fixtures")
    assert commands, "the Makefile's fixtures target runs no manage.py command"
    for name, *arguments in commands:
        call_command(name, *arguments, stdout=out)
    return out.getvalue()


def _labour_project():
    return Project.objects.get(project_code="L48-805")


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def test_start_up_again_keeps_a_budget_edited_in_the_admin_and_writes_no_revision(editor_client):
    start_up()
    project = _labour_project()
    assert project.budget == Decimal("78350.00")
    save_through_admin(
        editor_client, reverse("admin:projects_project_change", args=[project.pk]), budget="80000"
    )
    versions = Version.objects.count()

    output = start_up()

    assert _labour_project().budget == Decimal("80000.00")
    assert Version.objects.count() == versions
    latest = Version.objects.get_for_object(_labour_project()).first()
    assert Decimal(latest.field_dict["budget"]) == Decimal("80000.00")
    assert "n'est pas rechargé" in output


def test_start_up_loads_nothing_into_a_database_that_already_has_content():
    make_project(title="Projet saisi par le personnel")

    start_up()

    assert list(Project.objects.values_list("title", flat=True)) == ["Projet saisi par le personnel"]
    assert not NewsRelease.objects.exists()


def test_first_start_up_loads_the_content_with_one_first_revision_per_record():
    start_up()

    assert NewsRelease.objects.count() == 2
    for project in Project.objects.all():
        (version,) = Version.objects.get_for_object(project)
        assert version.revision.comment == "Contenu initial (fixtures)"


def test_reloading_asks_first_and_a_no_changes_nothing(editor_client, monkeypatch):
    start_up()
    project = _labour_project()
    save_through_admin(
        editor_client, reverse("admin:projects_project_change", args=[project.pk]), budget="80000"
    )
    questions = []
    monkeypatch.setattr("builtins.input", lambda question: questions.append(question) or "n")
    out = StringIO()

    call_command("load_initial_content", stdout=out)

    (question,) = questions
    assert "Des enregistrements existent (" in question
    assert "projets : 2, communiqués de presse : 2" in question
    assert question.endswith("Continuer ? [o/N] ")
    assert "Rien n'est chargé." in out.getvalue()
    assert _labour_project().budget == Decimal("80000.00")


def test_reloading_without_input_refuses_when_records_exist():
    start_up()
    Project.objects.filter(project_code="L48-805").update(budget=80000)

    with pytest.raises(CommandError, match=r"Des enregistrements existent .*--replace"):
        call_command("load_initial_content", "--no-input")

    assert _labour_project().budget == Decimal("80000.00")


def test_confirmed_reload_restores_the_initial_content_and_the_history_says_so(editor_client, monkeypatch):
    start_up()
    project = _labour_project()
    save_through_admin(
        editor_client, reverse("admin:projects_project_change", args=[project.pk]), budget="80000"
    )
    monkeypatch.setattr("builtins.input", lambda question: "o")

    call_command("load_initial_content", stdout=StringIO())

    assert _labour_project().budget == Decimal("78350.00")
    latest = Version.objects.get_for_object(project).first()
    assert latest.revision.comment == "Contenu initial rechargé (fixtures)"
    assert Decimal(latest.field_dict["budget"]) == Decimal("78350.00")
