"""Whole public pages for anonymous visitors, kept in each server process's memory.

A page is stored under its address (the path and its non-empty parameters in order of name), its
language, the site's address, whether the client takes gzip, the day, and the content state of
core.cache: the version every saved change replaces and the times still to come of the records
scheduled for later. An edit, or a scheduled record coming online, changes the state, so no page
drawn before is served again. The state is read once per request, shared with the fragments of a
page that has to be drawn: a stored page costs that one read, and no other query.

Only the public pages are stored (PUBLIC_PAGES), as answered to a visitor without a session: never
to staff (a session cookie, so never a preview), never an error or a redirect, a response that
sets a cookie (the CSRF token's among them), one marked private or not to be cached, or one that
varies on something the key leaves out.

Set above the gzip and ETag middleware: a stored page keeps the headers they gave it (the
compressed body for a client that takes gzip), and a stored page answers a revalidation with a
304 as a drawn one does. The middleware above it add their headers (CSP...) to either alike.
"""

import hashlib
import threading
from collections import OrderedDict

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import cc_delim_re, get_conditional_response

from core.cache import content_state
from core.export_files import accepts_gzip
from core.querystring import without_empty_parameters
from core.site_url import site_url

PUBLIC_PAGES = frozenset(
    {
        "home",
        "about",
        "projects:list",
        "projects:detail",
        "news:list",
        "news:detail",
        "offices:list",
        "offices:detail",
        "search:results",
    }
)
# What a stored page may vary on: the encoding and the language are in the key, and the only
# cookie a public page reads is the session's, whose visitors never reach the cache.
KEYED_VARY = frozenset({"accept-encoding", "accept-language", "cookie"})
UNCACHEABLE_CONTROL = frozenset({"private", "no-store", "no-cache"})


def normalised_query(query_string):
    """The non-empty parameters sorted by name; a name given twice keeps its values' order,
    which decides the value a view reads."""
    parts = without_empty_parameters(query_string).split("&")
    return "&".join(sorted(filter(None, parts), key=lambda part: part.partition("=")[0]))


def page_key(request, query):
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    raw = "\n".join(
        [
            request.path,
            query,
            language,
            site_url(request),
            "gzip" if accepts_gzip(request) else "identity",
            # Pages count the projects of the current year.
            timezone.localdate().isoformat(),
            content_state(),
        ]
    )
    return hashlib.sha256(raw.encode()).digest(), language


class StoredPage:
    def __init__(self, response):
        self.content = response.content
        self.headers = dict(response.items())
        self.size = len(self.content) + sum(len(name) + len(value) for name, value in self.headers.items())

    def response(self, request):
        response = HttpResponse(self.content, headers=self.headers)
        return get_conditional_response(request, etag=self.headers.get("ETag"), response=response)


class PageStore:
    """The least recently served pages go first once their total size passes the limit."""

    def __init__(self):
        self._pages = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key, page, max_size):
        if page.size > max_size:
            return
        with self._lock:
            if (previous := self._pages.pop(key, None)) is not None:
                self._size -= previous.size
            self._pages[key] = page
            self._size += page.size
            while self._size > max_size:
                _, oldest = self._pages.popitem(last=False)
                self._size -= oldest.size

    def clear(self):
        with self._lock:
            self._pages.clear()
            self._size = 0

    def __len__(self):
        return len(self._pages)


pages = PageStore()


def storable(request, response, language):
    match = request.resolver_match
    if match is None or match.view_name not in PUBLIC_PAGES:
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    # The CSRF token was put in the page (its cookie is then set, too).
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        return False
    if response.get("Content-Language", language) != language:
        return False
    control = {
        part.split("=")[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    vary = {part.strip().lower() for part in cc_delim_re.split(response.get("Vary", "")) if part.strip()}
    return not control & UNCACHEABLE_CONTROL and vary <= KEYED_VARY


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        max_size = settings.PAGE_CACHE_MAX_BYTES
        query = request.META.get("QUERY_STRING", "")
        if (
            not max_size
            or request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            # The lists redirect such an address to the one without the blank parameters.
            or without_empty_parameters(query) != query
        ):
            return self.get_response(request)
        try:
            key, language = page_key(request, normalised_query(query))
        except DatabaseError:
            # The state cannot be read: the page is drawn, or the database's absence answered.
            return self.get_response(request)
        if (page := pages.get(key)) is not None:
            return page.response(request)
        response = self.get_response(request)
        if request.method == "GET" and storable(request, response, language):
            pages.put(key, StoredPage(response), max_size)
        return response
