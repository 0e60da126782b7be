"""Counters behind the intake form's rate limits, in the database so every server process shares them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ropa.models import RECORD_PERMISSIONS


class RateLimitBucket(models.Model):
    """Hits on one key (a keyed hash of an IP address or e-mail address) within one time window.

    Deliberately without history: a copy of each counter would keep traces of addresses after the
    window that justifies them (Art. 5(1)(c) and (e)), and counting is one atomic upsert (requests/ratelimit.py).
    """

    key = models.CharField(_("key"), max_length=64, unique=True)
    hits = models.PositiveIntegerField(_("hits"), default=0)
    expires_at = models.DateTimeField(_("expires"), db_index=True)

    class Meta:
        verbose_name = _("rate-limit counter")
        verbose_name_plural = _("rate-limit counters")
        default_permissions = RECORD_PERMISSIONS

    def __str__(self) -> str:
        return f"{self.key[:8]}… {self.hits}"
