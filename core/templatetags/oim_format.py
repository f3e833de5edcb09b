"""Amounts, figures, dates and editorial text in the active language (French by default)."""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import formats, translation
from django.utils.dateformat import format as format_date
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.long_text import render_long_text
from core.phone import tel_uri
from core.site_url import site_url

register = template.Library()

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


def _is_french():
    return (get_language() or CONTENT_LANGUAGE).startswith("fr")


def _money(value, currency, decimal_pos):
    amount = _decimal(value)
    if amount is None:
        return ""
    # number_format cuts extra decimals off; an amount is rounded.
    amount = amount.quantize(Decimal(1).scaleb(-decimal_pos), rounding=ROUND_HALF_UP)
    number = _number(amount, decimal_pos)
    if _is_french():
        symbol = CURRENCY_SYMBOLS.get(currency, currency).replace(" ", NBSP)
        return f"{number}{NBSP}{symbol}"
    prefix = CURRENCY_PREFIXES.get(currency, currency + NBSP)
    return f"-{prefix}{number[1:]}" if number.startswith("-") else f"{prefix}{number}"


@register.filter
def money(value, currency="USD"):
    """78350 → « 78 350,00 $ US » (English: US$78,350.00); the symbol stays on the line of the amount."""
    return _money(value, currency, 2)


@register.filter
def money_whole(value, currency="USD"):
    """For headline figures, where cents only get in the way: « 15 006 700 $ US »."""
    return _money(value, currency, 0)


@register.filter(name="tel_uri")
def tel_uri_filter(phone):
    return tel_uri(phone)


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


@register.filter
def coordinate(value):
    """A latitude or longitude in the active language: 18,53389 (English: 18.53389)."""
    number = _decimal(value)
    if number is None:
        return ""
    return formats.number_format(number, decimal_pos=5, use_l10n=True)


@register.filter
def long_date(value):
    """22 novembre 2026, and « 1er » for the first of the month as French writes it;
    22 November 2026 in English."""
    if not value:
        return ""
    day = "1er" if value.day == 1 and _is_french() else str(value.day)
    return f"{day} {format_date(value, 'F Y')}"


@register.filter
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


@register.filter(is_safe=True)
def french_spacing(text):
    """The text with French no-break spaces; safe text stays safe (only spaces change)."""
    if not text:
        return text
    return _SPACE_AFTER.sub(NBSP, _SPACE_BEFORE.sub(NBSP, str(text)))


def is_quotation(paragraph):
    return paragraph.lstrip().startswith(QUOTE_OPENERS)


@register.filter(is_safe=True)
def long_text(text, mode=""):
    """A long text's HTML, Markdown made safe (core.long_text), with French spacing.

    `mode` "mark_language": each block marked lang="fr" on pages in another language;
    "quotation": a paragraph in quotation marks is a pull quote (the releases' bodies).
    """
    return mark_safe(
        render_long_text(
            text,
            lang=None if mode != "mark_language" or _is_french() else CONTENT_LANGUAGE,
            typography=french_spacing,
            is_quotation=is_quotation if mode == "quotation" else None,
        )
    )


@register.simple_tag(takes_context=True)
def canonical_url(context, path=None):
    """The page's public address: under SITE_URL, the same behind any proxy or host name; where
    it is unset, under the address the request came in on."""
    # The context's request, there also in an `{% include ... only %}`.
    request = getattr(context, "request", None) or context.get("request")
    if path is None:
        path = request.path if request else "/"
    return f"{site_url(request) if request else settings.SITE_URL}{path}"


@register.filter
def page_numbers(page_obj):
    """The page links to show: the ends, the neighbours of the current page, « … » between."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)


@register.simple_tag
def content_lang():
    """` lang="fr"` on an element holding a record's text, when the page is in another language."""
    if _is_french():
        return ""
    return mark_safe(f' lang="{CONTENT_LANGUAGE}"')


@register.filter(needs_autoescape=True)
def in_content_language(value, autoescape=True):
    """A record's text inside a sentence: wrapped in a span marked lang="fr" on pages in another language."""
    text = conditional_escape(value) if autoescape else value
    if _is_french():
        return text
    return format_html('<span lang="{}">{}</span>', CONTENT_LANGUAGE, text)


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The page in each language: [{code, name, path, url (path and query), current, default}]."""
    request = context.get("request")
    if request is None:
        return []
    query = request.GET.urlencode()
    current = get_language()
    versions = []
    for code, name in settings.LANGUAGES:
        localized = translate_url(request.path_info, code)
        if localized == request.path_info and code != current:
            # No page answers at this address (a 404): the other language's home page does.
            with translation.override(code):
                localized = reverse("home")
        versions.append(
            {
                "code": code,
                "name": name,
                "path": localized,
                "url": f"{localized}?{query}" if query else localized,
                "current": code == current,
                "default": code == settings.LANGUAGE_CODE,
            }
        )
    return versions
