"""What staff read when an admin form refuses a value: French, next to the field at fault."""

import re

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from core.models import Country
from tests.factories import (
    add_contact,
    add_funding,
    make_office,
    make_organisation,
    make_project,
    make_release,
    make_superuser,
)
from tests.html_forms import admin_form_data
from tests.scenarios import make_diaspora_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(make_superuser())
    return client


def post_change_form(client, record, **changes):
    meta = record._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk])
    response = client.post(url, admin_form_data(client.get(url), **changes))
    assert response.status_code == 200, "the form should have been refused"
    return response.content.decode()


def errors_of(html, field_id):
    """The messages of the error list the admin puts next to one input (aria-describedby)."""
    found = re.search(rf'<ul class="errorlist" id="id_{re.escape(field_id)}_error">(.*?)</ul>', html, re.S)
    assert found, f"no error next to {field_id}"
    return [message.replace("&#x27;", "'") for message in re.findall(r"<li>(.*?)</li>", found[1])]


def assert_no_constraint_name(html):
    assert "contrainte" not in html.lower()
    assert not re.search(r"\b\w+_(valid|unique|range|non_negative|required|in_haiti|format)\b", html)


def test_a_negative_budget_is_refused_next_to_the_budget(admin_client):
    html = post_change_form(admin_client, make_project(), budget="-5")

    assert errors_of(html, "budget") == ["Le budget ne peut pas être négatif."]
    assert_no_constraint_name(html)


def test_the_budget_input_refuses_negative_numbers_in_the_browser(admin_client):
    project = make_project()
    html = admin_client.get(reverse("admin:projects_project_change", args=[project.pk])).content.decode()

    assert re.search(r'<input type="number" name="budget"[^>]* min="0"', html)
    assert re.search(r'<input type="number" name="start_year"[^>]* min="1951" max="2100"', html)


def test_an_end_year_before_the_start_year_is_refused_next_to_the_end_year(admin_client):
    html = post_change_form(admin_client, make_project(start_year=2021), end_year="2019")

    assert errors_of(html, "end_year") == ["L'année de fin précède l'année de début."]
    assert_no_constraint_name(html)


def test_a_year_out_of_range_is_refused_with_the_range(admin_client):
    html = post_change_form(admin_client, make_project(), start_year="1900")

    assert errors_of(html, "start_year") == ["L'année doit être comprise entre 1951 et 2100."]


def test_a_prima_id_already_taken_names_the_project_that_has_it(admin_client):
    make_diaspora_project()
    html = post_change_form(admin_client, make_project(), prima_id="HT10P0503")

    assert errors_of(html, "prima_id") == [
        "Ce PRIMA ID est déjà celui du projet CD.0037 – "
        "Mobilisation de la diaspora à l'appui du développement d'Haïti."
    ]
    assert_no_constraint_name(html)


def test_a_project_id_already_taken_names_the_project_that_has_it(admin_client):
    make_diaspora_project()
    html = post_change_form(admin_client, make_project(), project_code="CD.0037")

    assert errors_of(html, "project_code") == [
        "Ce projet ID est déjà celui de « CD.0037 – "
        "Mobilisation de la diaspora à l'appui du développement d'Haïti »."
    ]


def test_a_slug_already_taken_names_the_release_that_has_it(admin_client):
    make_release(title="Le Canada soutient la lutte contre la traite", slug="canada-traite")
    html = post_change_form(admin_client, make_release(), slug="canada-traite")

    assert errors_of(html, "slug") == [
        "Ce slug est déjà celui de « Le Canada soutient la lutte contre la traite »."
    ]


def test_a_negative_funding_amount_is_refused_next_to_the_amount(admin_client):
    release = make_release()
    add_funding(release, donors=[make_organisation()], amount="1000")
    url = reverse("admin:news_newsrelease_change", args=[release.pk])
    form_html = admin_client.get(url).content.decode()
    assert re.search(r'<input type="number" name="funding-0-amount"[^>]* min="0"', form_html)

    html = post_change_form(admin_client, release, **{"funding-0-amount": "-1"})

    assert errors_of(html, "funding-0-amount") == ["Le montant ne peut pas être négatif."]
    assert_no_constraint_name(html)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"latitude": "48.85", "longitude": "-72.3"},
            "latitude",
            "Hors d'Haïti : la latitude d'un lieu d'Haïti est comprise entre 17,5 et 20,5.",
        ),
        (
            {"latitude": "18.5", "longitude": "2.35"},
            "longitude",
            "Hors d'Haïti : la longitude d'un lieu d'Haïti est comprise entre -75 et -71.",
        ),
        (
            {"latitude": "18.5", "longitude": ""},
            "longitude",
            "Donnez la latitude et la longitude, ou aucune des deux.",
        ),
    ],
)
def test_coordinates_outside_haiti_or_half_given_are_refused_next_to_them(
    admin_client, changes, field, message
):
    html = post_change_form(admin_client, make_office(), **changes)

    assert errors_of(html, field) == [message]
    assert_no_constraint_name(html)


def test_a_country_code_in_small_letters_is_refused_next_to_the_code(admin_client):
    country = Country.objects.create(iso_code="HT", name="Haïti")
    html = post_change_form(admin_client, country, iso_code="ht")

    assert errors_of(html, "iso_code") == ["Le code ISO s'écrit en deux lettres majuscules, par exemple HT."]
    assert_no_constraint_name(html)


def test_two_rows_in_the_same_place_are_refused_in_words_staff_use(admin_client):
    release = make_release()
    html = post_change_form(
        admin_client,
        release,
        **{
            "contacts-TOTAL_FORMS": "2",
            "contacts-0-position": "1",
            "contacts-0-name": "Premier contact",
            "contacts-1-position": "1",
            "contacts-1-name": "Second contact",
        },
    )

    assert "deux lignes ne peuvent pas avoir la même place" in html
    assert "dans position" not in html


def as_a_browser_sends_it(data):
    """Browsers submit the text of every textarea with CRLF line endings (HTML's form encoding)."""
    return {
        name: value.replace("\n", "\r\n") if isinstance(value, str) else value for name, value in data.items()
    }


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: make_project(description="Premier paragraphe.\n\n- un\n- deux"), id="project"),
        pytest.param(lambda: make_release(lead="Chapeau.\nSuite.", body="Un.\n\nDeux."), id="release"),
        pytest.param(lambda: make_office(description="Un.\n\nDeux."), id="office"),
    ],
)
def test_a_form_saved_untouched_records_no_change_to_its_texts(admin_client, make):
    record = make()
    meta = record._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk])

    response = admin_client.post(url, as_a_browser_sends_it(admin_form_data(admin_client.get(url))))

    assert response.status_code == 302
    entry = LogEntry.objects.get(object_id=str(record.pk), content_type__model=meta.model_name)
    assert entry.get_change_message() == "Aucun champ modifié."
    history = admin_client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_history", args=[record.pk]))
    assert "Modification de" not in history.content.decode()


def test_text_typed_in_the_browser_is_stored_with_plain_line_endings(admin_client):
    project = make_project(description="Ancien.")
    url = reverse("admin:projects_project_change", args=[project.pk])
    data = admin_form_data(admin_client.get(url), description="Premier.\r\n\r\nSecond.\rTroisième.")

    admin_client.post(url, data)

    project.refresh_from_db()
    assert project.description == "Premier.\n\nSecond.\nTroisième."
    entry = LogEntry.objects.get(object_id=str(project.pk), content_type__model="project")
    assert entry.get_change_message() == "Modification de Description."


PHONE_REFUSED = "Ce numéro de téléphone n'est pas valide : écrivez-le avec l'indicatif du pays, par exemple +509 3245 5153."


def test_a_phone_number_that_is_not_one_is_refused_next_to_the_phone(admin_client):
    html = post_change_form(admin_client, make_office(), phone="+509 12")

    assert errors_of(html, "phone") == [PHONE_REFUSED]


def test_a_contact_phone_that_is_not_one_is_refused_next_to_the_phone(admin_client):
    release = make_release()
    add_contact(release, phone="+509 3245 5153")

    html = post_change_form(admin_client, release, **{"contacts-0-phone": "3245"})

    assert errors_of(html, "contacts-0-phone") == [PHONE_REFUSED]
