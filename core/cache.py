"""Cached fragments of pages (home figures, charts, filter counts), dropped when content changes.

A version stamp in the cache names the current state of the content. Saving or deleting any
content record, or changing its links, replaces it, so every fragment computed before is ignored
from then on (and expires on its own). The default database cache is shared by every server
process and written in the same transaction as the content.
"""

import contextvars
import hashlib
import time
import uuid

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import get_language

VERSION_KEY = "content-version"
# Short enough that a record scheduled for later shows in the figures soon after its time comes.
FRAGMENT_TIMEOUT = 10 * 60
CONTENT_APPS = ("core", "projects", "news", "offices")


# The version read once per request (see remember_content_version_per_request).
_request_memo = contextvars.ContextVar("content_version_memo", default=None)


def content_version():
    # Read: the next change must write a new version, even within the same transaction.
    transaction.get_connection().content_version_unread = False
    memo = _request_memo.get()
    if memo and "version" in memo:
        return memo["version"]
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    if memo is not None:
        memo["version"] = version
    return version


def _new_version():
    version = uuid.uuid4().hex
    cache.set(VERSION_KEY, version, None)
    if (memo := _request_memo.get()) is not None:
        memo["version"] = version


def remember_content_version_per_request(get_response):
    """Middleware: a page with several cached fragments reads the version once."""

    def middleware(request):
        token = _request_memo.set({})
        try:
            return get_response(request)
        finally:
            _request_memo.reset(token)

    return middleware


def _bump_is_pending(connection):
    """A new version written in this transaction, committed later, and read by no one since."""
    return getattr(connection, "content_version_unread", False) and any(
        func is _new_version for _, func, _ in connection.run_on_commit
    )


def bump_content_version(**kwargs):
    """Called on every change: a new version now, and again at commit.

    At commit too, so that a cache outside the database (Redis) cannot keep a fragment computed
    before the commit. Deleting a thousand records in one transaction writes the cache once.
    """
    connection = transaction.get_connection()
    if connection.in_atomic_block and _bump_is_pending(connection):
        return
    _new_version()
    connection.content_version_unread = True
    transaction.on_commit(_new_version)


def fragment_key(name, *parts):
    raw = "|".join([content_version(), get_language() or "", name, *map(str, parts)])
    return f"fragment:{name}:{hashlib.sha256(raw.encode()).hexdigest()}"


def cached_fragment(name, parts, compute):
    """The value `compute()` gives for these parts of the request, computed once per content version."""
    key = fragment_key(name, *parts)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, FRAGMENT_TIMEOUT)
    return value


def drop_fragments_after_migrate(using="default", **kwargs):
    """A deployment runs `migrate`: fragments and stored exports drawn by the previous code
    (its markup, its columns) are not served by the new one."""
    if using == "default":
        _new_version()


def connect_invalidation(core_config):
    """Any change to a content model or to its links makes every cached fragment stale."""
    post_migrate.connect(drop_fragments_after_migrate, sender=core_config, dispatch_uid="cache-migrate")
    for model in apps.get_models():
        if model._meta.app_label not in CONTENT_APPS:
            continue
        label = model._meta.label
        post_save.connect(bump_content_version, sender=model, dispatch_uid=f"cache-save-{label}")
        post_delete.connect(bump_content_version, sender=model, dispatch_uid=f"cache-delete-{label}")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                bump_content_version,
                sender=field.remote_field.through,
                dispatch_uid=f"cache-m2m-{label}-{field.name}",
            )


def publication_period():
    """A number that changes every FRAGMENT_TIMEOUT, for what must also follow the clock."""
    return int(time.time() // FRAGMENT_TIMEOUT)


def content_etag(request, *args, **kwargs):
    """An ETag for pages drawn from the content alone (exports, feeds, sitemap).

    It changes with the content version, the address and the language, and at least every
    FRAGMENT_TIMEOUT, so a record scheduled for later is not hidden by a 304 for long.
    """
    raw = "|".join(
        [content_version(), str(publication_period()), get_language() or "", request.get_full_path()]
    )
    return hashlib.sha256(raw.encode()).hexdigest()[:32]
