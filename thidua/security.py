"""The client's address, as the login throttle sees it behind the deployment's proxies.

Each trusted proxy appends the address it received the request from to X-Forwarded-For, so
with N trusted proxies the client is the N-th entry from the right; anything to its left was
written by the client and is ignored (a spoofed header changes nothing). With no trusted proxy
(the default) the header is not read at all. django-ipware's proxy count counts differently
(it found no address in a plain one-proxy header such as nginx sends), hence these few lines.
"""

from django.conf import settings


def client_ip(request) -> str | None:
    trusted = settings.TRUSTED_PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR")
    if trusted <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < trusted:
        return remote  # not through all our proxies: trust only the socket's peer
    return forwarded[-trusted]
