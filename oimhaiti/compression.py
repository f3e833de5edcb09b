"""gzip for pages, never for a page that may hold a secret (BREACH).

BREACH recovers a secret from the size of compressed responses that carry it next to text an
attacker chooses (a search term). Anonymous visitors' pages hold no secret: the public forms use
GET, with no CSRF token, and the public has no session. So a response is sent uncompressed when
it carries a CSRF token (the token sets its cookie on the response: the admin's login and forms)
or when the visitor is signed in (a session cookie: staff, whose pages may show what the public
does not see).
"""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers

from core.export_files import accepts_gzip


class PublicGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if settings.CSRF_COOKIE_NAME in response.cookies or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return response
        # Django's own test reads "gzip;q=0", a refusal, as an acceptance.
        if not accepts_gzip(request):
            patch_vary_headers(response, ("Accept-Encoding",))
            return response
        etag = response.get("ETag", "")
        if (
            response.status_code == 304
            and etag.startswith('"')
            and f"W/{etag}" in request.headers.get("If-None-Match", "")
        ):
            # The compressed page's ETag was made weak: its revalidation names it the same way.
            response.headers["ETag"] = f"W/{etag}"
        return super().process_response(request, response)
