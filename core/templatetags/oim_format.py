"""French presentation of amounts, figures, dates and editorial text."""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.conf import settings
from django.utils import formats
from django.utils.dateformat import format as format_date

register = template.Library()

NBSP = "\xa0"

CURRENCY_SYMBOLS = {
    "USD": "$ US",
    "CAD": "$ CA",
    "EUR": "€",
    "HTG": "G",
    "CHF": "CHF",
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


def _money(value, currency, decimal_pos):
    amount = _decimal(value)
    if amount is None:
        return ""
    # number_format cuts extra decimals off; an amount is rounded.
    amount = amount.quantize(Decimal(1).scaleb(-decimal_pos), rounding=ROUND_HALF_UP)
    symbol = CURRENCY_SYMBOLS.get(currency, currency).replace(" ", NBSP)
    return f"{_number(amount, decimal_pos)}{NBSP}{symbol}"


@register.filter
def money(value, currency="USD"):
    """78350 → « 78 350,00 $ US »; the symbol stays on the line of the amount."""
    return _money(value, currency, 2)


@register.filter
def money_whole(value, currency="USD"):
    """For headline figures, where cents only get in the way: « 15 006 700 $ US »."""
    return _money(value, currency, 0)


@register.filter
def figure(value):
    """A stated figure: 650.00 → « 650 », 2.40 → « 2,4 », 12000 → « 12 000 »."""
    number = _decimal(value)
    if number is None:
        return ""
    number = number.normalize()
    decimals = max(0, -number.as_tuple().exponent)
    return _number(number, decimals)


@register.filter
def coordinate(value):
    """A latitude or longitude in the French way: 18,53389."""
    number = _decimal(value)
    if number is None:
        return ""
    return formats.number_format(number, decimal_pos=5, use_l10n=True)


@register.filter
def long_date(value):
    """22 novembre 2026, and « 1er » for the first of the month as French writes it."""
    if not value:
        return ""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {format_date(value, 'F Y')}"


@register.filter
def years(project):
    """The period of a project: « 2020 – 2024 », « jusqu'en 2024 », « depuis 2020 »."""
    start, end = project.start_year, project.end_year
    if start and end:
        return str(start) if start == end else f"{start}{NBSP}–{NBSP}{end}"
    if end:
        return f"jusqu'en {end}"
    if start:
        return f"depuis {start}"
    return ""


@register.filter
def paragraphs(text):
    """Paragraphs separated by a blank line, without their surrounding white space."""
    if not text:
        return []
    return [part.strip() for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]


@register.filter
def is_quotation(paragraph):
    return paragraph.lstrip().startswith(QUOTE_OPENERS)


@register.simple_tag(takes_context=True)
def canonical_url(context, path=None):
    """The page's public address, from SITE_URL: the same behind any proxy or host name."""
    if path is None:
        request = context.get("request")
        path = request.path if request else "/"
    return f"{settings.SITE_URL}{path}"


@register.filter
def page_numbers(page_obj):
    """The page links to show: the ends, the neighbours of the current page, « … » between."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)
