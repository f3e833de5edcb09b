from django.conf import settings


def client_ip_address(request):
    """The address admin login throttling counts failures for.

    Behind the proxy, REMOTE_ADDR is the proxy's own address, so every visitor would share one
    counter. The proxy appends the address it saw to X-Forwarded-For: the last entry is the one a
    client cannot forge, whatever it sent in that header itself.
    """
    if settings.BEHIND_PROXY:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if forwarded[-1]:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR")
