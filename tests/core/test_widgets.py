"""The widgets drawn in Python give exactly the HTML of Django's templates."""

import pytest
from django import forms
from django.test import Client

from core import widgets

TRICKY = 'a "quoted" <b>&amp; value'


@pytest.mark.parametrize(
    ("ours", "django_widget"),
    [(widgets.TextInput, forms.TextInput), (widgets.NumberInput, forms.NumberInput)],
)
@pytest.mark.parametrize("value", [None, "", "0", "2024", TRICKY, 12.5])
@pytest.mark.parametrize(
    "attrs",
    [
        {},
        {"id": "id_q", "aria-describedby": "id_q_helptext"},
        {"required": True, "disabled": False, "min": 0, "step": "0.01", "data-x": TRICKY},
    ],
)
def test_inputs_match_django_templates(ours, django_widget, value, attrs):
    assert ours().render("q", value, attrs) == django_widget().render("q", value, attrs)


CHOICES = [("title", "Titre (A → Z)"), ("-budget", "Budget <décroissant> & « plus »"), ("", "—")]
GROUPED = [("Ordre", CHOICES), ("3", "Trois")]


@pytest.mark.parametrize("choices", [CHOICES, GROUPED, []])
@pytest.mark.parametrize("value", [None, "", "-budget", "absent", 3])
@pytest.mark.parametrize("attrs", [{}, {"id": "id_ordering", "aria-invalid": "true", "required": True}])
def test_selects_match_django_templates(choices, value, attrs):
    ours = widgets.Select(choices=choices).render("ordering", value, attrs)
    assert ours == forms.Select(choices=choices).render("ordering", value, attrs)
    multiple = forms.SelectMultiple(choices=choices)
    assert type("Multiple", (widgets.Select,), {"allow_multiple_selected": True})(choices=choices).render(
        "o", [value], attrs
    ) == multiple.render("o", [value], attrs)


def test_a_subclass_with_its_own_template_keeps_it():
    class Radio(widgets.Select):
        template_name = forms.RadioSelect.template_name
        option_template_name = forms.RadioSelect.option_template_name

    html = Radio(choices=CHOICES).render("ordering", "title")
    assert "<label><input" in html
    assert "<option" not in html


@pytest.mark.django_db
def test_the_project_filter_form_renders_no_widget_template():
    response = Client().get("/projets/?q=%22diaspora%22&year_min=2020&budget_max=abc&ordering=-budget")

    rendered = [template.name for template in response.templates]
    assert "includes/_filter_form.html" in rendered
    assert not [name for name in rendered if name and name.startswith("django/forms/")]
    page = response.content.decode()
    assert (
        '<input type="text" name="q" value="&quot;diaspora&quot;" aria-describedby="id_q_helptext" id="id_q">'
        in page
    )
    assert '<input type="number" name="year_min" value="2020" min="1951" max="2100" id="id_year_min">' in page
    assert 'name="budget_max" value="abc" min="0" step="0.01" aria-invalid="true"' in page
    assert '<option value="-budget" selected>Budget décroissant</option>' in page
