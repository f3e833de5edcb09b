"""Cached fragments of pages (home figures, charts, filter counts), dropped when content changes.

A version stamp in the cache names the current state of the content. Saving or deleting any
content record, or changing its links, replaces it, so every fragment computed before is ignored
from then on (and expires on its own). The default database cache is shared by every server
process and written in the same transaction as the content.

Beside the version, the cache keeps the times at which records scheduled for later come online:
no save announces those moments, yet the content changes then. Fragments are keyed by both
(content_state), read in the same single cache query.
"""

import contextvars
import hashlib
import logging
import uuid
import weakref

from django.apps import apps
from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError, connections, router, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils import timezone
from django.utils.translation import get_language

from core.site_url import site_url

logger = logging.getLogger(__name__)

VERSION_KEY = "content-state"
FRAGMENT_TIMEOUT = 10 * 60
CONTENT_APPS = ("core", "projects", "news", "offices")


# The version read once per request (see remember_content_version_per_request).
_request_memo = contextvars.ContextVar("content_version_memo", default=None)

# The database connections (one per thread) whose transaction wrote a version that nobody has
# read since: a further change in that transaction need not write another.
_unread_bump = weakref.WeakSet()


def _scheduled_times():
    from core.models import Publishable

    times = []
    for model in apps.get_models():
        if issubclass(model, Publishable):
            times += model._default_manager.scheduled().values_list("publish_from", flat=True)
    return sorted(times)


def _new_state():
    return {"version": uuid.uuid4().hex, "scheduled": _scheduled_times()}


def _state():
    # Read: the next change must write a new version, even within the same transaction.
    _unread_bump.discard(transaction.get_connection())
    memo = _request_memo.get()
    if memo and "state" in memo:
        return memo["state"]
    state = cache.get(VERSION_KEY)
    if not isinstance(state, dict):
        state = _new_state()
        if not cache.add(VERSION_KEY, state, None):
            # Another process stored one first; or the cache is unusable and the request keeps its own.
            state = cache.get(VERSION_KEY, state)
    if memo is not None:
        memo["state"] = state
    return state


def content_state():
    """The content version and the records still scheduled for later: it changes on every
    change, and when a scheduled record comes online."""
    state, now = _state(), timezone.now()
    return "|".join(
        [state["version"], *(moment.isoformat() for moment in state["scheduled"] if moment > now)]
    )


def _new_version():
    state = _new_state()
    cache.set(VERSION_KEY, state, None)
    if (memo := _request_memo.get()) is not None:
        memo["state"] = state


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
    # Django has no public way to ask whether a callback given to on_commit() is still to run:
    # a rollback to a savepoint drops it without a signal. run_on_commit is that list
    # (tests/core/test_caching.py pins the rollback case).
    return connection in _unread_bump and any(func is _new_version for _, func, _ in connection.run_on_commit)


def bump_content_version(**kwargs):
    """Called on every change: a new version now, and again at commit.

    At commit too, so that a cache outside the database (Redis) cannot keep a fragment computed
    before the commit. Deleting a thousand records in one transaction writes the cache once.
    """
    connection = transaction.get_connection()
    if connection.in_atomic_block and _bump_is_pending(connection):
        return
    _new_version()
    _unread_bump.add(connection)
    transaction.on_commit(_new_version)


def fragment_key(name, *parts):
    raw = "|".join([content_state(), get_language() or "", name, *map(str, parts)])
    return f"fragment:{name}:{hashlib.sha256(raw.encode()).hexdigest()}"


def cached_fragment(name, parts, compute):
    """The value `compute()` gives for these parts of the request, computed once per content version.

    Every host is served the same fragment: its links must be paths, never absolute addresses
    (core.site_url depends on the request's host where SITE_URL is unset)."""
    key = fragment_key(name, *parts)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, FRAGMENT_TIMEOUT)
    return value


def drop_fragments_after_migrate(using="default", **kwargs):
    """A deployment runs `migrate`: fragments and stored exports drawn by the previous code
    (its markup, its columns) are not served by the new one."""
    if using != "default":
        return
    try:
        _new_version()
    except Exception:  # an unreachable cache server must not fail the deployment
        logger.warning("The page cache could not be reset after migrate: fragments expire on their own.")


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


class MissOnErrorDatabaseCache(DatabaseCache):
    """The database cache, where a table that cannot be read or written (a restore that skipped
    it, a failed migration) is a miss: pages are computed, slower, never an error page.

    Inside a transaction (an admin save, an import) the cache's SQL runs in a savepoint, so its
    failure leaves the transaction usable for the page's own queries.
    """

    def _guarded(self, default, operation, *args, **kwargs):
        global _unusable_cache_reported
        using = router.db_for_write(self.cache_model_class)
        try:
            if connections[using].in_atomic_block:
                with transaction.atomic(using=using):
                    result = operation(*args, **kwargs)
            else:
                result = operation(*args, **kwargs)
        except DatabaseError as error:
            _report_unusable_cache(error)
            return default
        _unusable_cache_reported = False
        return result

    def get_many(self, keys, version=None):
        return self._guarded({}, super().get_many, keys, version=version)

    def has_key(self, key, version=None):
        return self._guarded(False, super().has_key, key, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(None, super().set, key, value, timeout, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(False, super().add, key, value, timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(False, super().touch, key, timeout, version=version)

    def delete(self, key, version=None):
        return self._guarded(False, super().delete, key, version=version)

    def delete_many(self, keys, version=None):
        return self._guarded(None, super().delete_many, keys, version=version)

    def clear(self):
        return self._guarded(None, super().clear)


# Said once per process, and again only after the cache has worked in between.
_unusable_cache_reported = False


def _report_unusable_cache(error):
    global _unusable_cache_reported
    if not _unusable_cache_reported:
        _unusable_cache_reported = True
        logger.warning(
            "The page cache cannot be read or written (%s): pages are computed without it.",
            str(error).strip().partition("\n")[0],
        )


def content_etag(request, *args, **kwargs):
    """An ETag for pages drawn from the content alone (exports, feeds, sitemap): it changes with
    the content state, the address and the language, and with the site's address, which their
    links carry."""
    raw = "|".join([content_state(), get_language() or "", site_url(request), request.get_full_path()])
    return hashlib.sha256(raw.encode()).hexdigest()[:32]
