"""The template side of core/formatting.py, plus the tags that read the request or the page."""

from django import template
from django.conf import settings
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_from_path

from core import formatting
from core.formatting import CONTENT_LANGUAGE
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
    "paragraphs",
    "as_list",
    "is_quotation",
    "tel_uri",
):
    register.filter(name, getattr(formatting, name))
register.filter("french_spacing", formatting.french_spacing, is_safe=True)


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
    """The page in each language: [{code, name, path, url (path and query), current, default}].

    Every public page is the same path with or without the language prefix, so the other
    language's address keeps the path and the query string.
    """
    request = context.get("request")
    if request is None:
        return []
    prefix = get_language_from_path(request.path_info)
    path = request.path_info.removeprefix(f"/{prefix}") if prefix else request.path_info
    query = request.GET.urlencode()
    current = get_language()
    versions = []
    for code, name in settings.LANGUAGES:
        localized = path if code == settings.LANGUAGE_CODE else f"/{code}{path}"
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
