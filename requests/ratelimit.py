"""Rate limits for the public intake form, counted in the database so they hold across server processes.

A fixed window per key: one atomic INSERT ... ON CONFLICT DO UPDATE creates the counters or raises them.
Keys are keyed hashes (HMAC with SECRET_KEY), so the table never holds an IP or e-mail address.
"""

import datetime
import ipaddress
import math
from dataclasses import dataclass

from django.db import connection
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from requests.models import RateLimitBucket
from ropa.security.client_ip import client_ip


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int  # seconds until the window closes


def client_address(request: HttpRequest) -> str:
    """The client's address by the same trusted-proxy rule as the login lockout (TRUSTED_PROXY_COUNT).

    An IPv6 client is counted by its /64 network: one household or server usually holds a whole /64.
    """
    address = client_ip(request) or ""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def mailbox(address: str) -> str:
    """The mailbox an e-mail address reaches, for counting: case-folded and without a `+tag` in the local part.

    kari+1@example.net and Kari+2@Example.net reach the same person, so they share one limit; the address the
    requester typed is still the one written to the request and mailed.
    """
    local, at, domain = address.strip().casefold().rpartition("@")
    if not at:
        return address.strip().casefold()
    return f"{local.partition('+')[0] or local}@{domain}"


def hit(scope: str, value: str, *, limit: int, window_minutes: int) -> Verdict:
    """Count one hit on (scope, value) in the current window; allowed while the count stays within `limit`."""
    return hit_each([(scope, value, limit)], window_minutes=window_minutes)


def hit_each(counted: list[tuple[str, str, int]], *, window_minutes: int) -> Verdict:
    """Count one hit on each (scope, value, limit) in one statement; allowed while every count is within its limit."""
    window = window_minutes * 60
    now = timezone.now().timestamp()
    index = math.floor(now / window)
    limits = {_key(scope, index, value): limit for scope, value, limit in counted}
    expires_at = datetime.datetime.fromtimestamp((index + 1) * window, tz=datetime.UTC)
    hits = _increment(sorted(limits), expires_at)  # one order for every statement: concurrent ones never deadlock
    return Verdict(
        allowed=all(hits[key] <= limit for key, limit in limits.items()),
        retry_after=max(1, math.ceil((index + 1) * window - now)),
    )


def _key(scope: str, window_index: int, value: str) -> str:
    return salted_hmac(
        "requests.ratelimit", f"{scope}|{window_index}|{value.strip().lower()}", algorithm="sha256",
    ).hexdigest()


def _increment(keys: list[str], expires_at: datetime.datetime) -> dict[str, int]:
    """Create each counter at 1 or add 1, in one atomic statement (PostgreSQL and SQLite >= 3.35)."""
    table = connection.ops.quote_name(RateLimitBucket._meta.db_table)
    rows = ", ".join(["(%s, 1, %s)"] * len(keys))
    sql = (
        f'INSERT INTO {table} ("key", "hits", "expires_at") VALUES {rows} '  # noqa: S608 (our table name)
        f'ON CONFLICT ("key") DO UPDATE SET "hits" = {table}."hits" + 1 RETURNING "key", "hits"'
    )
    expires = connection.ops.adapt_datetimefield_value(expires_at)
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for key in keys for value in (key, expires)])
        return dict(cursor.fetchall())


def purge_expired_buckets() -> int:
    """Delete counters whose window has closed; `purge_requests` runs it daily."""
    deleted, _by_model = RateLimitBucket.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted
