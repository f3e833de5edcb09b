"""Amounts, figures, dates, phone numbers and editorial text in the active language (French by
default): plain functions, which the template filters of core/templatetags/oim_format.py wrap."""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import formats
from django.utils.dateformat import format as format_date
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core import phone

__all__ = [
    "coordinate",
    "figure",
    "french_spacing",
    "is_french",
    "is_quotation",
    "long_date",
    "money",
    "money_whole",
    "stated_figure",
    "tel_uri",
    "years",
]

NBSP = "\xa0"

# The language the records are written in: marked as such on pages in another language.
CONTENT_LANGUAGE = "fr"

# French writes the symbol after the amount: 78 350,00 $ US.
CURRENCY_SYMBOLS = {
    "USD": "$ US",
    "CAD": "$ CA",
    "EUR": "€",
    "HTG": "G",
    "CHF": "CHF",
}

# English writes it before, as the IOM's English pages do: US$78,350.00.
CURRENCY_PREFIXES = {
    "USD": "US$",
    "CAD": "C$",
    "EUR": "€",
    "HTG": "HTG" + NBSP,
    "CHF": "CHF" + NBSP,
}

# A paragraph set entirely between quotation marks is a quotation, whatever the marks.
QUOTE_OPENERS = ("«", '"', "“", "‹")


def _decimal(value):
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _number(value, decimal_pos):
    return formats.number_format(value, decimal_pos=decimal_pos, use_l10n=True, force_grouping=True)


def is_french():
    return (get_language() or CONTENT_LANGUAGE).startswith("fr")


def _money(value, currency, decimal_pos):
    amount = _decimal(value)
    if amount is None:
        return ""
    # number_format cuts extra decimals off; an amount is rounded.
    amount = amount.quantize(Decimal(1).scaleb(-decimal_pos), rounding=ROUND_HALF_UP)
    number = _number(amount, decimal_pos)
    if is_french():
        symbol = CURRENCY_SYMBOLS.get(currency, currency).replace(" ", NBSP)
        return f"{number}{NBSP}{symbol}"
    prefix = CURRENCY_PREFIXES.get(currency, currency + NBSP)
    return f"-{prefix}{number[1:]}" if number.startswith("-") else f"{prefix}{number}"


def money(value, currency="USD"):
    """78350 → « 78 350,00 $ US » (English: US$78,350.00); the symbol stays on the line of the amount."""
    return _money(value, currency, 2)


def money_whole(value, currency="USD"):
    """For headline figures, where cents only get in the way: « 15 006 700 $ US »."""
    return _money(value, currency, 0)


def figure(value):
    """A stated figure: 650.00 → « 650 », 2.40 → « 2,4 », 12000 → « 12 000 »."""
    number = _decimal(value)
    if number is None:
        return ""
    number = number.normalize()
    decimals = max(0, -number.as_tuple().exponent)
    return _number(number, decimals)


def stated_figure(item, decimal_pos=0):
    """A figure or amount as its text states it, qualifier first: « quelque 2,4 milliards $ US »,
    « plus de 50 », « 2,3 millions $ US »; without a stated form, the number itself."""
    value = getattr(item, "amount", None)
    if value is None:
        value = item.value
    currency = getattr(item, "currency", "")
    if item.value_as_stated:
        # The stated form is French text: the French symbol follows it on every page.
        symbol = CURRENCY_SYMBOLS.get(currency, currency).replace(" ", NBSP) if currency else ""
        number = f"{item.value_as_stated}{NBSP}{symbol}" if symbol else item.value_as_stated
    elif currency:
        number = _money(value, currency, int(decimal_pos))
    else:
        number = figure(value)
    qualifier = item.qualifier.strip()
    if not qualifier:
        return number
    return f"{qualifier}{number}" if qualifier.endswith(("'", "’")) else f"{qualifier} {number}"


def coordinate(value):
    """A latitude or longitude in the active language: 18,53389 (English: 18.53389)."""
    number = _decimal(value)
    if number is None:
        return ""
    return formats.number_format(number, decimal_pos=5, use_l10n=True)


def long_date(value):
    """22 novembre 2026, and « 1er » for the first of the month as French writes it;
    22 November 2026 in English."""
    if not value:
        return ""
    day = "1er" if value.day == 1 and is_french() else str(value.day)
    return f"{day} {format_date(value, 'F Y')}"


def years(project):
    """The period of a project: « 2020 – 2024 », « jusqu'en 2024 », « depuis 2020 »."""
    start, end = project.start_year, project.end_year
    if start and end:
        return str(start) if start == end else f"{start}{NBSP}–{NBSP}{end}"
    if end:
        return _("jusqu'en %(year)s") % {"year": end}
    if start:
        return _("depuis %(year)s") % {"year": start}
    return ""


# French typography: a no-break space before the high punctuation marks and inside « », so that
# none of them starts a line. Texts imported from saved pages have lost the site's no-break spaces.
_SPACE_BEFORE = re.compile(r"[ \t]+(?=[:;!?»])")
_SPACE_AFTER = re.compile(r"(?<=«)[ \t]+")


def french_spacing(text):
    """The text with French no-break spaces; safe text stays safe (only spaces change)."""
    if not text:
        return text
    return _SPACE_AFTER.sub(NBSP, _SPACE_BEFORE.sub(NBSP, str(text)))


def is_quotation(paragraph):
    return paragraph.lstrip().startswith(QUOTE_OPENERS)


def tel_uri(number):
    """A phone number as the target of a tel: link (blank for none)."""
    return phone.tel_uri(number or "")
