"""The database unreachable: a French 503 page asking to come back shortly, never a 500.

Django reconnects on the next request once the database answers again (CONN_HEALTH_CHECKS), so
nothing here needs a restart.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views import defaults

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


def database_unreachable(exception):
    return isinstance(exception, (OperationalError, InterfaceError))


def unavailable_response(exception):
    logger.warning("Database unreachable, answered 503: %s", str(exception).strip().partition("\n")[0])
    # No request in the context: no context processor (user, messages) may query the database.
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """Turns a failed connection raised by a view or its template into the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if database_unreachable(exception):
            return unavailable_response(exception)
        return None


def server_error(request):
    """handler500: a failed connection raised by a middleware (a session saved on the way out)
    also gets the 503 page."""
    exception = sys.exc_info()[1]
    if database_unreachable(exception):
        return unavailable_response(exception)
    return defaults.server_error(request)
