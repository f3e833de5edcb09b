"""The shareable address of a filtered list: only the parameters that say something."""

from functools import wraps
from urllib.parse import unquote_plus

from django.http import HttpResponseRedirect
from django.utils.encoding import escape_uri_path


def without_empty_parameters(query_string):
    """The query string without its blank parameters, the others as they were written, in order.

    A GET form sends every field, so "?q=&status=active&type=" becomes "status=active". The kept
    parameters are not re-encoded: an invalid value comes back as given, to be shown as an error.
    """
    return "&".join(part for part in query_string.split("&") if _has_value(part))


def _has_value(parameter):
    return unquote_plus(parameter.partition("=")[2]).strip() != ""


def drop_empty_parameters(view):
    """Redirects a GET with blank parameters to the same address without them.

    The address it redirects to has none left, so it is served as it is: no loop.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        query_string = request.META.get("QUERY_STRING", "")
        if request.method in ("GET", "HEAD") and query_string:
            cleaned = without_empty_parameters(query_string)
            if cleaned != query_string:
                path = escape_uri_path(request.path)
                return HttpResponseRedirect(path + (f"?{cleaned}" if cleaned else ""))
        return view(request, *args, **kwargs)

    return wrapper
