"""Signing and verifying a webhook exactly as the Standard Webhooks specification says (standardwebhooks.com).

The secret is `whsec_` followed by the base64 of 24 to 64 random bytes; the signature is
`v1,` + base64(HMAC-SHA256(secret bytes, "{webhook-id}.{webhook-timestamp}.{body}")). A receiver compares in
constant time and refuses a timestamp far from its clock, so a captured message cannot be replayed later.
"""

import base64
import hashlib
import hmac
import secrets
import time

PREFIX = "whsec_"
TOLERANCE = 5 * 60  # seconds a receiver accepts between the webhook-timestamp and its own clock


class InvalidSignature(Exception):
    pass


def new_secret() -> str:
    return PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def secret_bytes(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(PREFIX))


def sign(secret: str, message_id: str, timestamp: int, body: str | bytes) -> str:
    """The `webhook-signature` header's value for one message and attempt."""
    if isinstance(body, bytes):
        body = body.decode()
    content = f"{message_id}.{timestamp}.{body}".encode()
    digest = hmac.new(secret_bytes(secret), content, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def headers(secret: str, message_id: str, body: str, timestamp: int | None = None) -> dict[str, str]:
    timestamp = int(time.time()) if timestamp is None else timestamp
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, message_id, timestamp, body),
    }


def verify(secret: str, headers: dict[str, str], body: str | bytes, *, now: float | None = None) -> None:
    """Raise InvalidSignature unless one of the header's signatures is this body's, signed recently enough.

    `webhook-signature` may hold several space-separated signatures (during a secret's rotation); one suffices.
    """
    lowered = {key.lower(): value for key, value in headers.items()}
    try:
        message_id, timestamp = lowered["webhook-id"], int(lowered["webhook-timestamp"])
        given = lowered["webhook-signature"].split()
    except (KeyError, ValueError):
        raise InvalidSignature("missing or malformed webhook headers") from None
    now = time.time() if now is None else now
    if abs(now - timestamp) > TOLERANCE:
        raise InvalidSignature("timestamp outside the tolerance")
    expected = sign(secret, message_id, timestamp, body)
    if not any(hmac.compare_digest(expected, signature) for signature in given):
        raise InvalidSignature("no matching signature")
