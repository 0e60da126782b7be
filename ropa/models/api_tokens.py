"""API tokens: a shop's or a platform's own system acting as one person through the REST API (ropa/api/).

A token acts as its user, so it reaches exactly that person's workspaces and role (Art. 32(1)(b), (4): only those
authorised see personal data). Only a lookup prefix and the SHA-256 hash of the secret are stored; the token itself
is shown once, when it is made.
"""

import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

TOKEN_PREFIX = "ropa_"  # noqa: S105 (the public shape of every token, not a secret)
LOOKUP_LENGTH = 8  # hex characters of the public lookup part


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def usable(self, now: datetime.datetime | None = None) -> "ApiTokenQuerySet":
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, user__is_active=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now),
        )


class ApiToken(models.Model):
    """One bearer token: `ropa_<lookup>_<secret>`, found by its lookup, checked against the hash of its secret."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="api_tokens",
        help_text=_("The token acts as this person: it reaches exactly their workspaces and role."),
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("Which system uses it, e.g. “Web shop, My account page”."),
    )
    lookup = models.CharField(_("lookup prefix"), max_length=LOOKUP_LENGTH, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    read_only = models.BooleanField(_("read only"), default=False, help_text=_("Refuses every write."))
    may_vouch = models.BooleanField(
        _("may vouch for identity"), default=False,
        help_text=_("May file rights requests for customers the calling system has logged in: no e-mail "
                    "confirmation, the deadline runs from receipt (Art. 12(3), 12(6))."),
    )
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True, help_text=_("Empty: never."))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["last_used_at"])

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["user__username", "name"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({TOKEN_PREFIX}{self.lookup}…)"

    def issue(self) -> str:
        """Give the (unsaved or saved) token a new lookup and secret; returns the token to show once."""
        self.lookup = secrets.token_hex(LOOKUP_LENGTH // 2)
        secret = secrets.token_urlsafe(32)
        self.secret_hash = hash_secret(secret)
        return f"{TOKEN_PREFIX}{self.lookup}_{secret}"

    def matches(self, secret: str) -> bool:
        return hmac.compare_digest(self.secret_hash, hash_secret(secret))

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > timezone.now())

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    @staticmethod
    def split(token: str) -> tuple[str, str] | None:
        """(lookup, secret) of a presented token, None when it has not the token's shape."""
        if not token.startswith(TOKEN_PREFIX):
            return None
        lookup, _sep, secret = token[len(TOKEN_PREFIX):].partition("_")
        if len(lookup) != LOOKUP_LENGTH or not secret:
            return None
        return lookup, secret
