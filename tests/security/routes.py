"""Every URL pattern the site defines, read from the resolver, and concrete addresses for them.

The draft-leak walk and the fuzz both start here, so a page added to any urls.py is visited
without anyone listing it; a pattern these helpers cannot fill in makes both fail.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation

from portal.sitemaps import SITEMAPS


@dataclass(frozen=True)
class Route:
    name: str | None
    route: str
    parameters: tuple

    @property
    def is_public(self):
        # The admin is for staff, behind its login: tests/test_admin.py and the lockout test cover it.
        return not self.route.startswith(settings.ADMIN_URL)


def all_routes(patterns=None, namespace=None, prefix=""):
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        # Language prefixes from i18n_patterns are added by reverse(), below, not here.
        text = "" if isinstance(entry.pattern, LocalePrefixPattern) else str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part) or None
            yield from all_routes(entry.url_patterns, inner, prefix + text)
        else:
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            parameters = tuple(entry.pattern.regex.groupindex)
            yield Route(name, prefix + text, parameters)


def public_routes():
    return [route for route in all_routes() if route.is_public]


def addresses(route, values):
    """The route's address in every language, once per value of its parameter (`values[name]`)."""
    assert route.name, f"the URL pattern {route.route!r} needs a name to be reversed"
    # Parameters every caller fills the same way: the sitemap's sections.
    values = {"section": list(SITEMAPS), **values}
    missing = [name for name in route.parameters if name not in values]
    assert not missing, f"{route.route!r}: no test values for the parameters {missing}; add them"
    assert len(route.parameters) <= 1, f"{route.route!r}: one parameter at most is supported"
    combinations = [{}]
    for name in route.parameters:
        combinations = [{name: value} for value in values[name]]
    urls = []
    for code, _label in settings.LANGUAGES:
        with translation.override(code):
            for kwargs in combinations:
                url = reverse(route.name, kwargs=kwargs)
                if url not in urls:
                    urls.append(url)
    return urls


def body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")
