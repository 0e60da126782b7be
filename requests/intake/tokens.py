"""The two e-mailed links: a confirmation link (signed, single-use, expiring) and a private status link.

Each token signs "<request id>.<random secret>" with SECRET_KEY; the secret is also stored on the
request, so a link works only while its secret is there: the confirmation secret is cleared once used.
"""

import secrets
from enum import Enum

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare

from requests.models import RightsRequest, Status

CONFIRMATION_SALT = "requests.intake.confirm"
STATUS_SALT = "requests.intake.status"


class LinkProblem(Enum):
    TAMPERED = "tampered"
    EXPIRED = "expired"
    USED = "used"


class BadLink(Exception):
    def __init__(self, problem: LinkProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def new_secret() -> str:
    return secrets.token_urlsafe(24)


def confirmation_token(request: RightsRequest) -> str:
    return signing.TimestampSigner(salt=CONFIRMATION_SALT).sign(f"{request.pk}.{request.confirmation_nonce}")


def status_token(request: RightsRequest) -> str:
    return signing.Signer(salt=STATUS_SALT).sign(f"{request.pk}.{request.status_key}")


def request_for_confirmation(token: str, *, lock: bool = True) -> RightsRequest:
    """The unconfirmed request the link names; locked for update (inside transaction.atomic()) unless `lock` is off.

    Without the lock it only checks the link, to show the page whose button confirms it.
    """
    try:
        value = signing.TimestampSigner(salt=CONFIRMATION_SALT).unsign(
            token, max_age=settings.INTAKE_CONFIRMATION_HOURS * 3600,
        )
    except signing.SignatureExpired:
        raise BadLink(LinkProblem.EXPIRED) from None
    except signing.BadSignature:
        raise BadLink(LinkProblem.TAMPERED) from None
    pk, nonce = _split(value)
    if pk is None:
        raise BadLink(LinkProblem.TAMPERED)
    found = RightsRequest.objects.select_for_update() if lock else RightsRequest.objects.select_related("organisation")
    request = found.filter(pk=pk).first()
    if request is None:
        # Signed by us but gone: an unconfirmed request is purged after INTAKE_UNCONFIRMED_DAYS.
        raise BadLink(LinkProblem.EXPIRED)
    if not request.confirmation_nonce or not constant_time_compare(request.confirmation_nonce, nonce):
        raise BadLink(LinkProblem.USED)
    if request.status != Status.AWAITING_CONFIRMATION:  # a handler confirmed or withdrew it meanwhile
        raise BadLink(LinkProblem.USED)
    return request


def request_for_status(token: str) -> RightsRequest | None:
    """The request a status link names, or None for a link that is tampered with or whose request is gone."""
    try:
        value = signing.Signer(salt=STATUS_SALT).unsign(token)
    except signing.BadSignature:
        return None
    pk, key = _split(value)
    if pk is None:
        return None
    request = RightsRequest.objects.filter(pk=pk).select_related("organisation").first()
    if request is None or not request.status_key or not constant_time_compare(request.status_key, key):
        return None
    return request


def _split(value: str) -> tuple[int | None, str]:
    pk, _dot, secret = value.partition(".")
    return (int(pk) if pk.isdigit() else None), secret
