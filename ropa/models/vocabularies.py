"""Controlled vocabularies of the record, seeded by data migration and translated (Art. 30(1)(c), (d), (g))."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from ropa.models.base import RECORD_PERMISSIONS, Vocabulary
from ropa.models.organisations import Organisation
from ropa.models.workspaces import Workspace


class DataSubjectCategory(Vocabulary):
    """Art. 30(1)(c): categories of data subjects, e.g. customers, newsletter subscribers."""

    history = HistoricalRecords()

    class Meta(Vocabulary.Meta):
        verbose_name = _("category of data subjects")
        verbose_name_plural = _("categories of data subjects")


class PersonalDataCategory(Vocabulary):
    """Art. 30(1)(c): categories of personal data, flagged where Art. 9 or Art. 10 applies."""

    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("Ordinary personal data")
        SPECIAL = "special", _("Special category (Art. 9)")
        CRIMINAL = "criminal", _("Criminal convictions and offences (Art. 10)")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.ORDINARY)
    national_identity_number = models.BooleanField(
        _("national identity number"), default=False,
        help_text=_("Fødselsnummer, personnummer: an activity holding it must say why (personopplysningsloven § 12, "
                    "dataskyddslagen 3 kap. 10 §)."),
    )
    history = HistoricalRecords()

    class Meta(Vocabulary.Meta):
        verbose_name = _("category of personal data")
        verbose_name_plural = _("categories of personal data")

    @property
    def is_special_category(self) -> bool:
        return self.kind == self.Kind.SPECIAL

    @property
    def is_criminal_offence_data(self) -> bool:
        return self.kind == self.Kind.CRIMINAL


class RecipientCategory(Vocabulary):
    """Art. 30(1)(d): categories of recipients, including those in third countries."""

    # "Internal staff only" says the data goes to no one outside the controller: Art. 19 has no one to tell.
    internal = models.BooleanField(
        _("within our own organisation"), default=False,
        help_text=_("Our own staff: the data is not disclosed outside us, so answers to data subjects do not list "
                    "this category among those told of a correction, erasure or restriction (Art. 19)."),
    )
    history = HistoricalRecords()

    class Meta(Vocabulary.Meta):
        verbose_name = _("category of recipients")
        verbose_name_plural = _("categories of recipients")


class SecurityMeasure(Vocabulary):
    """Art. 30(1)(g) and Art. 32(1): technical and organisational security measures."""

    class Kind(models.TextChoices):
        TECHNICAL = "technical", _("Technical")
        ORGANISATIONAL = "organisational", _("Organisational")

    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices, default=Kind.TECHNICAL)
    history = HistoricalRecords()

    class Meta(Vocabulary.Meta):
        verbose_name = _("security measure")
        verbose_name_plural = _("security measures")


class System(models.Model):
    """A system where personal data lives (web shop platform, e-mail, accounting), with its vendor."""

    workspace = models.ForeignKey(
        "ropa.Workspace", verbose_name=_("workspace"), on_delete=models.PROTECT, related_name="systems",
        blank=True,
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    vendor = models.ForeignKey(
        Organisation, verbose_name=_("vendor"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="systems",
    )
    location = CountryField(_("where the data is stored"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("system")
        verbose_name_plural = _("systems")
        default_permissions = RECORD_PERMISSIONS
        constraints = [models.UniqueConstraint(fields=["workspace", "name"], name="system_name_per_workspace")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if self.workspace_id is None:
            self.workspace_id = self.vendor.workspace_id if self.vendor_id else Workspace.objects.sole().pk
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.vendor_id and self.workspace_id and self.vendor.workspace_id != self.workspace_id:
            raise ValidationError({"vendor": _("Choose an organisation of the same workspace.")})
