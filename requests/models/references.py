"""The counter behind the RR-YYYY-NNNN references: one row per year, raised by one atomic upsert."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ropa.models import RECORD_PERMISSIONS


class ReferenceCounter(models.Model):
    """The last reference number handed out in a year.

    Deliberately without history: it holds a number, not part of the record, and every request it numbers has
    its own. Read and raised only by RightsRequest.next_reference().
    """

    year = models.PositiveIntegerField(_("year"), unique=True)
    last_number = models.PositiveIntegerField(_("last number"))

    class Meta:
        verbose_name = _("reference counter")
        verbose_name_plural = _("reference counters")
        default_permissions = RECORD_PERMISSIONS

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"
