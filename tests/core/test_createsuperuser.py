"""`make superuser` (manage.py createsuperuser) asks its questions in French."""

import getpass
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from tests.factories import make_superuser

pytestmark = pytest.mark.django_db

STRONG_PASSWORD = "Citadelle-Laferrière-1804"


class Terminal(StringIO):
    def isatty(self):
        return True


@pytest.fixture
def answers(monkeypatch):
    """Feeds the answers in turn to input() and getpass(), and keeps every question asked."""
    questions, queue = [], []

    def answer(prompt=""):
        questions.append(prompt)
        return queue.pop(0)

    monkeypatch.setattr("builtins.input", answer)
    monkeypatch.setattr(getpass, "getpass", answer)

    def give(*values):
        queue.extend(values)
        return questions

    return give


def _create(**options):
    out, err = StringIO(), StringIO()
    call_command("createsuperuser", stdin=Terminal(), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_every_question_and_the_result_are_in_french(answers):
    questions = answers("marie", "marie@example.org", STRONG_PASSWORD, STRONG_PASSWORD)

    out, err = _create()

    assert questions[0].startswith("Nom d’utilisateur")
    assert questions[1:] == ["Adresse électronique : ", "Mot de passe : ", "Mot de passe (confirmation) : "]
    assert out == "Compte administrateur « marie » créé.\n"
    assert err == ""
    user = get_user_model().objects.get(username="marie")
    assert user.is_superuser and user.check_password(STRONG_PASSWORD)


def test_mistakes_are_explained_in_french_and_asked_again(answers):
    make_superuser(username="jean")
    questions = answers(
        "jean",
        "marie",
        "marie@example.org",
        STRONG_PASSWORD,
        "autre chose",
        "court",
        "court",
        STRONG_PASSWORD,
        STRONG_PASSWORD,
    )

    out, err = _create()

    assert "Erreur : ce nom d’utilisateur est déjà pris." in err
    assert "Erreur : les deux mots de passe ne correspondent pas." in err
    assert "Ce mot de passe est trop court. Il doit contenir au minimum 12 caractères." in err
    assert "Error" not in err
    assert questions.count("Mot de passe : ") == 3
    assert out == "Compte administrateur « marie » créé.\n"


def test_without_a_terminal_it_says_in_french_how_to_create_the_account():
    out = StringIO()

    call_command("createsuperuser", stdin=StringIO(), stdout=out)

    assert "Aucun compte créé" in out.getvalue()
    assert not get_user_model().objects.exists()
