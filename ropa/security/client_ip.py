"""The client's address for lockout, read the one way a reverse proxy cannot be fooled into.

Each trusted proxy appends the address it received the request from to X-Forwarded-For, so with N
trusted proxies the client is the N-th address from the right; anything further left was sent by the
client and is ignored. With no trusted proxy (TRUSTED_PROXY_COUNT=0, the default) the header is ignored
altogether: a client that reaches gunicorn directly could otherwise name any address it likes, and so never be
locked out or rate-limited.
"""

import ipaddress
import logging

from django.conf import settings
from django.http import HttpRequest

logger = logging.getLogger(__name__)
_warned = False


def client_ip(request: HttpRequest) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: REMOTE_ADDR, or the address the outermost trusted proxy saw."""
    remote = request.META.get("REMOTE_ADDR")
    count = settings.ROPA_TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < count:
        # The proxies did not add what they promised; the direct peer is all that can be trusted.
        _warn_missing_proxy(count, len(forwarded))
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def _warn_missing_proxy(count: int, seen: int) -> None:
    """Say once per process that TRUSTED_PROXY_COUNT promises proxies that did not add their address."""
    global _warned
    if not _warned:
        _warned = True
        logger.warning(
            "TRUSTED_PROXY_COUNT=%s, but a request came with %s X-Forwarded-For address(es): is gunicorn reached "
            "without the proxy? Using the socket's peer address.", count, seen,
        )
