"""The timeline of a rights request: every move, extension and identity check, with who, when and why."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from requests.models.history import CachedHistoryManager
from requests.models.workflow import Status
from ropa.models import RECORD_PERMISSIONS


def acting_user():
    """The signed-in user of the current web request, as simple-history's middleware recorded it, or None."""
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


class StatusChange(models.Model):
    """One entry on a request's timeline; from and to are equal for events that keep the status."""

    request = models.ForeignKey(
        "requests.RightsRequest", verbose_name=_("request"), on_delete=models.CASCADE, related_name="status_changes",
    )
    from_status = models.CharField(_("from"), max_length=25, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=25, choices=Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("when"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)
    history = HistoricalRecords(history_manager=CachedHistoryManager)

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline")
        default_permissions = RECORD_PERMISSIONS

    def __str__(self) -> str:
        return f"{self.get_from_status_display() or '–'} → {self.get_to_status_display()}"

    @property
    def is_move(self) -> bool:
        return self.from_status != self.to_status
