"""The public privacy notice's own rows: the introduction, the translations of the record's public wording, and
the published versions (Art. 12(1) and 13(3))."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ropa.models.base import RECORD_PERMISSIONS
from ropa.models.organisations import RECORD_LANGUAGES, Organisation

# The notice's languages, in the order a missing introduction falls back through.
NOTICE_LANGUAGES = ("nb", "en", "sv")


class NoticeIntroduction(models.Model):
    """What the notice says before the record speaks: one text per language, every change kept in history."""

    organisation = models.OneToOneField(
        Organisation, verbose_name=_("controller"), on_delete=models.CASCADE, related_name="notice_introduction",
    )
    text_nb = models.TextField(_("introduction (Norwegian)"), blank=True)
    text_en = models.TextField(_("introduction (English)"), blank=True)
    text_sv = models.TextField(_("introduction (Swedish)"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("introduction to the privacy notice")
        verbose_name_plural = _("introductions to the privacy notice")
        default_permissions = RECORD_PERMISSIONS

    def __str__(self) -> str:
        return str(_("Introduction to the privacy notice of %(organisation)s") % {"organisation": self.organisation})

    def text_for(self, language: str | None = None) -> tuple[str, str]:
        """The text in `language` (the active one by default), else the first other language that has one."""
        wanted = (language or get_language() or "nb")[:2]
        for code in (wanted, *NOTICE_LANGUAGES):
            text = getattr(self, f"text_{code}", "").strip()
            if text:
                return text, code
        return "", wanted


class WordingTranslation(models.Model):
    """The controller's own translation of one text of its record meant for data subjects (Art. 12(1)).

    Keyed by the text as written in the record's language: when the officer rewrites that text, its old
    translation no longer matches, so the notice in that language waits for a new one instead of telling
    yesterday's words. One table for every public text (activity, purpose, retention rule) keeps the
    activity's form as it is and translates a sentence used twice once.
    """

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("controller"), on_delete=models.CASCADE, related_name="wording_translations",
    )
    language = models.CharField(_("language"), max_length=2, choices=RECORD_LANGUAGES)
    original = models.TextField(_("text as written in the record"))
    translation = models.TextField(_("translation"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "language", "original"]
        verbose_name = _("translation of the notice wording")
        verbose_name_plural = _("translations of the notice wording")
        default_permissions = RECORD_PERMISSIONS

    def __str__(self) -> str:
        return f"{self.get_language_display()}: {Truncator(self.original).chars(60)}"

    def save(self, *args, **kwargs) -> None:
        # The key is compared stripped, as the notice strips the record's text before it says it.
        self.original = self.original.strip()
        self.translation = self.translation.strip()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.language and self.organisation_id and self.language == self.organisation.record_language:
            raise ValidationError({"language": _("The record is already written in this language.")})
        twins = WordingTranslation.objects.filter(
            organisation_id=self.organisation_id, language=self.language, original=self.original.strip(),
        ).exclude(pk=self.pk)
        if self.organisation_id and twins.exists():
            raise ValidationError({"original": _("This text already has a translation in this language.")})


class PublishedNotice(models.Model):
    """One published version of a controller's privacy notice in one language, frozen as it was published.

    Art. 13(3) and 12(1): what data subjects were told, and when, stays readable after the record changes;
    the next version lists what changed since this one.
    """

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("controller"), on_delete=models.CASCADE, related_name="published_notices",
    )
    language = models.CharField(_("language"), max_length=2, choices=RECORD_LANGUAGES)
    version = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("published by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    body_html = models.TextField(_("notice (HTML)"))
    markdown = models.TextField(_("notice (Markdown)"))
    # What the notice tells, by activity, to find what changed between two versions in the same language.
    outline = models.JSONField(_("outline"), default=dict)
    changes = models.JSONField(_("what changed since the previous version"), default=list)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "language", "-version"]
        get_latest_by = "version"
        verbose_name = _("published privacy notice")
        verbose_name_plural = _("published privacy notices")
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(fields=["organisation", "language", "version"], name="one_notice_per_version"),
        ]

    def __str__(self) -> str:
        return str(_("%(organisation)s, %(language)s, version %(version)s") % {
            "organisation": self.organisation, "language": self.get_language_display(), "version": self.version,
        })

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ValidationError(_("A published notice is never changed: publish a new version."))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("ropa:privacy_notice_version", args=[self.organisation_id, self.language, self.version])
