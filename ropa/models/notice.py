"""The officer's own introduction to a controller's public privacy notice (Art. 12(1): concise, plain words)."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ropa.models.base import RECORD_PERMISSIONS
from ropa.models.organisations import Organisation

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
