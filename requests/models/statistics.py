"""What is kept of a purged request: anonymous facts for statistics, with nothing that identifies anyone."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from requests.models.history import CachedHistoryManager
from requests.models.rights import Right
from requests.models.workflow import CLOSED_STATUSES, Status
from ropa.models import RECORD_PERMISSIONS, Organisation


class RequestStatistic(models.Model):
    """One closed and purged request: month of receipt, rights, outcome, timeliness. No reference, no requester."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("controller"), on_delete=models.PROTECT, related_name="+",
    )
    month = models.DateField(_("month received"), help_text=_("The first day of the month."))
    rights = models.ManyToManyField(Right, verbose_name=_("rights"), related_name="+")
    outcome = models.CharField(
        _("outcome"), max_length=25, choices=[(s.value, s.label) for s in Status if s in CLOSED_STATUSES],
    )
    extended = models.BooleanField(_("extended"), default=False)
    on_time = models.BooleanField(_("answered on time"))
    days_to_answer = models.PositiveIntegerField(_("days to answer"))
    history = HistoricalRecords(m2m_fields=[rights], history_manager=CachedHistoryManager)

    class Meta:
        ordering = ["month", "pk"]
        verbose_name = _("statistic of a purged request")
        verbose_name_plural = _("statistics of purged requests")
        default_permissions = RECORD_PERMISSIONS

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.get_outcome_display()}"
