"""The template side of core/formatting.py, plus the tags that read the request or the page."""

import functools

from django import template
from django.conf import settings
from django.urls import get_script_prefix, reverse, translate_url
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core import formatting
from core.formatting import CONTENT_LANGUAGE
from core.long_text import render_long_text
from core.site_url import site_url

register = template.Library()

for name in (
    "money",
    "money_whole",
    "figure",
    "stated_figure",
    "coordinate",
    "long_date",
    "years",
    "is_quotation",
    "tel_uri",
):
    register.filter(name, getattr(formatting, name))
register.filter("french_spacing", formatting.french_spacing, is_safe=True)


@register.filter(is_safe=True)
def long_text(text, mode=""):
    """A long text's HTML, Markdown made safe (core.long_text), with French spacing.

    `mode` "mark_language": each block marked lang="fr" on pages in another language;
    "quotation": a paragraph in quotation marks is a pull quote (the releases' bodies).
    """
    return mark_safe(
        render_long_text(
            text,
            lang=None if mode != "mark_language" or formatting.is_french() else CONTENT_LANGUAGE,
            typography=formatting.french_spacing,
            is_quotation=formatting.is_quotation if mode == "quotation" else None,
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
    if formatting.is_french():
        return ""
    return mark_safe(f' lang="{CONTENT_LANGUAGE}"')


@register.filter(needs_autoescape=True)
def in_content_language(value, autoescape=True):
    """A record's text inside a sentence: wrapped in a span marked lang="fr" on pages in another language."""
    text = conditional_escape(value) if autoescape else value
    if formatting.is_french():
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
        localized = _path_in_language(request.path_info, code, current, get_script_prefix())
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


# Resolving and reversing the address again for each language on every page: the answer depends
# on the address, the languages (the current one resolves the prefix) and where the site is mounted.
@functools.lru_cache(maxsize=1024)
def _path_in_language(path, code, current, script_prefix):
    localized = translate_url(path, code)
    if localized == path and code != current:
        # No page answers at this address (a 404): the other language's home page does.
        with translation.override(code):
            localized = reverse("home")
    return localized
