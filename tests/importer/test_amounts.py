from decimal import Decimal

import pytest

from importer.amounts import AmountError, find_amounts, parse_amount, parse_number


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("1,6 million de dollars", "1600000", "USD"),
        ("4,7 millions de dollars", "4700000", "USD"),
        ("2,3 millions de dollars américains", "2300000", "USD"),
        ("3 millions de dollars canadiens", "3000000", "CAD"),
        ("200 000 dollars E.-U.", "200000", "USD"),
        ("2,4 milliards de dollars É.-U.", "2400000000", "USD"),
        ("1\u00a0250,50 euros", "1250.50", "EUR"),
    ],
)
def test_parse_amount_reads_french_amounts_with_their_currency(text, value, currency):
    amount = parse_amount(text)

    assert amount.value == Decimal(value)
    assert amount.currency == currency
    assert amount.as_stated == text


def test_parse_number_reads_the_english_decimal_point_of_the_budget_field():
    assert parse_number("78350.00") == Decimal("78350.00")
    assert parse_number("200 000") == Decimal("200000")


@pytest.mark.parametrize("text", ["", "abc", "78 350,00,1", "1.000.000", "-5"])
def test_parse_number_rejects_what_is_not_a_number(text):
    with pytest.raises(AmountError, match="n'est pas un nombre"):
        parse_number(text)


def test_parse_amount_rejects_a_number_without_currency():
    with pytest.raises(AmountError):
        parse_amount("2021")


def test_find_amounts_ignores_years_and_counts_and_keeps_reading_order():
    text = (
        "Le financement s’élève à 4,7 millions de dollars. Grâce au financement (2,3 millions de dollars "
        "américains) et (3 millions de dollars canadiens), achevés d’ici 2021 ; 110 officiers en 2018."
    )

    assert [(a.value, a.currency) for a in find_amounts(text)] == [
        (Decimal("4700000.00"), "USD"),
        (Decimal("2300000.00"), "USD"),
        (Decimal("3000000.00"), "CAD"),
    ]
