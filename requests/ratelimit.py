"""Rate limits for the public intake form, counted in the database so they hold across server processes.

A fixed window per key: one atomic INSERT ... ON CONFLICT DO UPDATE creates the counter or raises it.
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


def hit(scope: str, value: str, *, limit: int, window_minutes: int) -> Verdict:
    """Count one hit on (scope, value) in the current window; allowed while the count stays within `limit`."""
    window = window_minutes * 60
    now = timezone.now().timestamp()
    index = math.floor(now / window)
    key = salted_hmac("requests.ratelimit", f"{scope}|{index}|{value.strip().lower()}", algorithm="sha256").hexdigest()
    expires_at = datetime.datetime.fromtimestamp((index + 1) * window, tz=datetime.UTC)
    hits = _increment(key, expires_at)
    return Verdict(allowed=hits <= limit, retry_after=max(1, math.ceil((index + 1) * window - now)))


def _increment(key: str, expires_at: datetime.datetime) -> int:
    """Create the counter at 1 or add 1, in one atomic statement (PostgreSQL and SQLite >= 3.35)."""
    table = connection.ops.quote_name(RateLimitBucket._meta.db_table)
    sql = (
        f'INSERT INTO {table} ("key", "hits", "expires_at") VALUES (%s, 1, %s) '  # noqa: S608 (our table name)
        f'ON CONFLICT ("key") DO UPDATE SET "hits" = {table}."hits" + 1 RETURNING "hits"'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [key, connection.ops.adapt_datetimefield_value(expires_at)])
        return cursor.fetchone()[0]


def purge_expired_buckets() -> int:
    """Delete counters whose window has closed; `purge_requests` runs it daily."""
    deleted, _by_model = RateLimitBucket.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted
