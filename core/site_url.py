from django.conf import settings


def site_url(request):
    """The site's public address, without a trailing slash, for links that leave the page (feeds,
    exports, canonical links, robots.txt): SITE_URL, or where it is unset the scheme and host the
    request came in on, so that `make run PORT=8010` links to port 8010. The host is one of
    ALLOWED_HOSTS: Django answers 400 to any other before a view runs."""
    if settings.SITE_URL:
        return settings.SITE_URL
    return f"{request.scheme}://{request.get_host()}"
