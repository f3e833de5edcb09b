import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from core.formatting import (
    figure,
    french_spacing,
    long_date,
    money,
    money_whole,
    years,
)
from projects.models import Project

NBSP = "\xa0"


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        (Decimal("78350.00"), "USD", "78 350,00 $ US"),
        (Decimal("3000000"), "CAD", "3 000 000,00 $ CA"),
        (Decimal("1600000"), "EUR", "1 600 000,00 €"),
        (Decimal("250.5"), "HTG", "250,50 G"),
        (Decimal("999.99"), "CHF", "999,99 CHF"),
        (200000, "USD", "200 000,00 $ US"),
    ],
)
def test_money_groups_thousands_with_no_break_spaces_and_a_decimal_comma(amount, currency, expected):
    assert money(amount, currency) == expected.replace(" ", NBSP)


def test_money_whole_rounds_to_the_unit_for_headline_figures():
    assert money_whole(Decimal("15006700.50")) == f"15{NBSP}006{NBSP}701{NBSP}${NBSP}US"
    assert money_whole(Decimal("278350.49"), "CAD") == f"278{NBSP}350{NBSP}${NBSP}CA"
    assert money(Decimal("1.005")) == f"1,01{NBSP}${NBSP}US"


def test_money_of_nothing_is_empty():
    assert money(None) == ""
    assert money("") == ""


@pytest.mark.parametrize(
    ("value", "expected"),
    [(Decimal("650.00"), "650"), (Decimal("2.40"), "2,4"), (Decimal("12000"), "12 000"), (Decimal("0"), "0")],
)
def test_figure_drops_useless_decimals(value, expected):
    assert figure(value) == expected.replace(" ", NBSP)


def test_long_date_is_french_with_first_of_month():
    assert long_date(date(2026, 11, 22)) == "22 novembre 2026"
    assert long_date(date(2019, 8, 1)) == "1er août 2019"
    assert long_date(None) == ""


def test_years_describes_the_period_of_a_project():
    assert years(Project(start_year=2020, end_year=2024)) == f"2020{NBSP}–{NBSP}2024"
    assert years(Project(end_year=2024)) == "jusqu'en 2024"
    assert years(Project(start_year=2020)) == "depuis 2020"
    assert years(Project()) == ""


def test_french_spacing_keeps_high_punctuation_and_guillemets_with_their_word():
    text = "Les domaines suivants : santé ; logement. « Nous agissons » ! Vraiment ?"

    assert french_spacing(text) == (
        f"Les domaines suivants{NBSP}: santé{NBSP}; logement. «{NBSP}Nous agissons{NBSP}»{NBSP}! Vraiment{NBSP}?"
    )
    assert (
        french_spacing("https://www.iom.int/fr?page=1 et 10:30") == "https://www.iom.int/fr?page=1 et 10:30"
    )


def test_the_template_filters_are_the_formatting_functions():
    from django.template import engines

    rendered = (
        engines["django"]
        .from_string(
            "{% load oim_format %}{{ amount|money:'USD' }} | {{ day|long_date }} | {{ phone|tel_uri }}"
        )
        .render({"amount": Decimal("78350"), "day": date(2026, 11, 1), "phone": "+509 3701-6500"})
    )
    assert rendered == f"78{NBSP}350,00{NBSP}${NBSP}US | 1er novembre 2026 | +50937016500"


def test_no_python_module_imports_a_template_tag_library():
    root = Path(__file__).resolve().parents[2]
    offenders = [
        str(path.relative_to(root))
        for path in root.glob("*/**/*.py")
        if not path.relative_to(root).parts[0].startswith(".")
        and re.search(r"^\s*(from|import) \S*templatetags", path.read_text(), re.MULTILINE)
    ]
    assert offenders == []
