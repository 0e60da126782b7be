"""Work that runs beside the web, in the worker (`manage.py worker`), never in a web request.

A job names a registered function (ropa.jobs.registry) and its JSON arguments; the worker claims it with a
lease (ropa/jobs/lease.py), runs it, and stores its progress and its JSON result or its error for the page that
shows it. Deliberately without history: a job is a transient work item, not a decision of the record, its
arguments may name an uploaded file, and its progress changes many times a second; old jobs are deleted.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class JobQuerySet(models.QuerySet):
    def unfinished(self) -> "JobQuerySet":
        return self.filter(state__in=(Job.State.QUEUED, Job.State.RUNNING))

    def due(self, now) -> "JobQuerySet":
        """Waiting or running, and no worker's lease on it (a killed worker's lease runs out)."""
        return self.unfinished().filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))


class Job(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting for the worker")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    function = models.CharField(_("function"), max_length=200)
    arguments = models.JSONField(_("arguments"), default=dict)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("asked for by"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=10, blank=True)
    time_limit = models.PositiveIntegerField(_("time limit (seconds)"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    progress_message = models.CharField(max_length=300, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    claimed_by = models.CharField(max_length=100, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        indexes = [
            models.Index(fields=["id"], condition=Q(state__in=["queued", "running"]), name="job_unfinished"),
            models.Index(fields=["owner", "function", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.function} #{self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)

    @property
    def percent(self) -> int:
        return min(100, 100 * self.progress_done // self.progress_total) if self.progress_total else 0
