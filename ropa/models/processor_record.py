"""The processor's record (Art. 30(2)): processing we carry out on behalf of a client controller."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ropa.models.activities import YesNoUnknown
from ropa.models.base import RECORD_PERMISSIONS
from ropa.models.organisations import Organisation
from ropa.models.vocabularies import DataSubjectCategory, PersonalDataCategory, SecurityMeasure


class ProcessorActivity(models.Model):
    """Art. 30(2)(a)–(d): for each client controller, the categories of processing, transfers and security."""

    processor = models.ForeignKey(
        Organisation, verbose_name=_("processor (us)"), on_delete=models.PROTECT, related_name="processor_activities",
    )
    client = models.ForeignKey(
        Organisation, verbose_name=_("controller we act for"), on_delete=models.PROTECT,
        related_name="processing_by_others",
    )
    name = models.CharField(_("name"), max_length=200)
    categories_of_processing = models.TextField(_("categories of processing (Art. 30(2)(b))"))
    data_subject_categories = models.ManyToManyField(
        DataSubjectCategory, verbose_name=_("categories of data subjects"), blank=True,
    )
    personal_data_categories = models.ManyToManyField(
        PersonalDataCategory, verbose_name=_("categories of personal data"), blank=True,
    )
    transfers_outside_eea = models.CharField(
        _("transfers to third countries"), max_length=10, choices=YesNoUnknown.choices, default=YesNoUnknown.UNKNOWN,
    )
    transfers_description = models.TextField(
        _("transfers, with their safeguards (Art. 30(2)(c))"), blank=True,
    )
    security_measures = models.ManyToManyField(SecurityMeasure, verbose_name=_("security measures"), blank=True)
    security_description = models.TextField(_("security measures, in general (Art. 30(2)(d))"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(m2m_fields=[data_subject_categories, personal_data_categories, security_measures])

    class Meta:
        ordering = ["client__name", "name"]
        verbose_name = _("processing on behalf of a controller")
        verbose_name_plural = _("processor's record (Art. 30(2))")
        default_permissions = RECORD_PERMISSIONS

    def __str__(self) -> str:
        return f"{self.name} ({self.client})"
