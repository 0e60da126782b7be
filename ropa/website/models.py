"""The cookie and tracker register, and the dated results of checking a website against it.

Art. 30(1) asks for the recipients of the data and its transfers; a website's cookies and the third parties its
pages call are where such recipients most often hide (IMY's 2023–2024 pixel decisions). The register belongs to the
controller; each item says which activity and which processor or recipient it serves, so the check can reconcile
what the site does with what the record says.
"""

import fnmatch

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ropa.models.activities import ProcessingActivity
from ropa.models.base import RECORD_PERMISSIONS
from ropa.models.organisations import Organisation
from ropa.models.processors import Processor


class CookieCategory(models.TextChoices):
    """The four categories cookie declarations use; only the first needs no consent (ePrivacy Art. 5(3))."""

    STRICTLY_NECESSARY = "necessary", _("Strictly necessary")
    PREFERENCES = "preferences", _("Preferences")
    STATISTICS = "statistics", _("Statistics")
    MARKETING = "marketing", _("Marketing")



class Website(models.Model):
    """A website a controller runs, with how to answer its consent banner when checking it."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("controller"), on_delete=models.CASCADE, related_name="websites",
    )
    address = models.URLField(_("address"), help_text=_("The start page, e.g. https://www.example.no/."))
    reject_selector = models.CharField(
        _("“reject all” button (CSS selector)"), max_length=300, blank=True,
        help_text=_("Only for a consent banner the check does not know; common banners are found by themselves."),
    )
    accept_selector = models.CharField(_("“accept all” button (CSS selector)"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "address"]
        verbose_name = _("website")
        verbose_name_plural = _("websites")
        default_permissions = RECORD_PERMISSIONS
        permissions = [("check_website", _("Can check a website against the record"))]
        constraints = [models.UniqueConstraint(fields=["organisation", "address"], name="website_once")]

    def __str__(self) -> str:
        return self.address


class Cookie(models.Model):
    """One cookie or storage key a controller's website sets, and what it is for."""

    class Kind(models.TextChoices):
        COOKIE = "cookie", _("Cookie")
        LOCAL_STORAGE = "local_storage", _("Local storage")
        SESSION_STORAGE = "session_storage", _("Session storage")

    class Party(models.TextChoices):
        FIRST = "first", _("First party")
        THIRD = "third", _("Third party")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("controller"), on_delete=models.CASCADE, related_name="cookies",
    )
    website = models.ForeignKey(
        Website, verbose_name=_("website"), on_delete=models.CASCADE, null=True, blank=True, related_name="cookies",
        help_text=_("Leave empty when every website of the controller sets it."),
    )
    name = models.CharField(
        _("name or pattern"), max_length=200, help_text=_("An asterisk matches any characters: _ga_* or _hj*."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COOKIE)
    party = models.CharField(_("first or third party"), max_length=5, choices=Party.choices, default=Party.FIRST)
    host = models.CharField(
        _("host that sets it"), max_length=200, blank=True, help_text=_("e.g. .facebook.com; empty for our own."),
    )
    category = models.CharField(_("category"), max_length=12, choices=CookieCategory.choices)
    purpose = models.CharField(_("what it is for, in words for visitors"), max_length=500)
    lifetime = models.CharField(_("lifetime"), max_length=100, help_text=_("e.g. “session”, “1 year”."))
    activity = models.ForeignKey(
        ProcessingActivity, verbose_name=_("processing activity"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="cookies",
    )
    processor = models.ForeignKey(
        Processor, verbose_name=_("processor or recipient"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="cookies",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "category", "name"]
        verbose_name = _("cookie or storage item")
        verbose_name_plural = _("cookies and storage items")
        default_permissions = RECORD_PERMISSIONS

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.website_id and self.organisation_id and self.website.organisation_id != self.organisation_id:
            raise ValidationError({"website": _("The website belongs to another controller.")})
        if self.activity_id and self.organisation_id and self.activity.organisation_id != self.organisation_id:
            raise ValidationError({"activity": _("The activity belongs to another controller.")})

    def matches(self, name: str) -> bool:
        return fnmatch.fnmatchcase(name, self.name)


class WebsiteCheck(models.Model):
    """One run of the check: when, how far it got, what the browser saw, and what disagreed with the record."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    website = models.ForeignKey(Website, verbose_name=_("website"), on_delete=models.CASCADE, related_name="checks")
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    pages_planned = models.PositiveIntegerField(_("pages to check"), default=0)
    pages_checked = models.PositiveIntegerField(_("pages checked"), default=0)
    error = models.TextField(_("error"), blank=True)
    observations = models.JSONField(_("what the browser saw"), default=dict, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_at", "-pk"]
        get_latest_by = "started_at"
        verbose_name = _("website check")
        verbose_name_plural = _("website checks")
        default_permissions = RECORD_PERMISSIONS

    def __str__(self) -> str:
        return f"{self.website} {self.started_at:%Y-%m-%d %H:%M}"

    def previous(self) -> "WebsiteCheck | None":
        return (
            WebsiteCheck.objects.filter(website=self.website_id, status=self.Status.DONE, pk__lt=self.pk)
            .order_by("-pk").first()
        )


class FindingQuerySet(models.QuerySet):
    def open(self) -> "FindingQuerySet":
        """Findings of each website's latest finished check: what still disagrees with the record."""
        latest = WebsiteCheck.objects.filter(
            website=models.OuterRef("website_check__website"), status=WebsiteCheck.Status.DONE,
        )
        latest_pk = models.Subquery(latest.order_by("-pk").values("pk")[:1])
        return self.filter(website_check_id=latest_pk)


class Finding(models.Model):
    """Where the website and the record disagree, with the law that makes it matter."""

    class Kind(models.TextChoices):
        UNNAMED_PARTY = "unnamed_party", _("Third party not named in the record")
        NO_TRANSFER = "no_transfer", _("Party outside the EEA without a recorded transfer")
        BEFORE_CONSENT = "before_consent", _("Tracking before consent or after “reject all”")
        SPECIAL_CATEGORY = "special_category", _("Marketing tracker on pages about special-category data")
        NOT_SET = "not_set", _("In the register, not set by the site")
        NOT_REGISTERED = "not_registered", _("Set by the site, not in the register")

    website_check = models.ForeignKey(
        WebsiteCheck, verbose_name=_("check"), on_delete=models.CASCADE, related_name="findings",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    subject = models.CharField(_("party or cookie"), max_length=300)
    page = models.CharField(_("first seen on"), max_length=2000, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    is_new = models.BooleanField(_("new since the previous check"), default=True)
    history = HistoricalRecords()

    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["website_check", "kind", "subject"]
        verbose_name = _("website finding")
        verbose_name_plural = _("website findings")
        default_permissions = RECORD_PERMISSIONS

    def __str__(self) -> str:
        return f"{self.subject}: {self.get_kind_display()}"

    @property
    def key(self) -> tuple[str, str]:
        """What makes two checks' findings the same finding."""
        return (self.kind, self.subject)

    def message(self) -> str:
        from ropa.website.findings import describe

        return describe(self)
