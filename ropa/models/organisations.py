"""Organisations named in the record: controllers, joint controllers, representatives, processors, recipients."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords
from stdnum import exceptions as stdnum_errors
from stdnum.dk import cvr
from stdnum.fi import ytunnus
from stdnum.is_ import kennitala
from stdnum.no import orgnr as no_orgnr
from stdnum.se import orgnr as se_orgnr

from ropa.models.base import RECORD_PERMISSIONS
from ropa.models.workspaces import Workspace

# Organisation numbers ropa can check, by country (python-stdnum knows each format and check digit).
ORGANISATION_NUMBER_FORMATS = {"NO": no_orgnr, "SE": se_orgnr, "DK": cvr, "FI": ytunnus, "IS": kennitala}


def clean_organisation_number(number: str, country: str) -> str:
    """Return the number in its compact form, or raise ValidationError if it is not valid for the country."""
    module = ORGANISATION_NUMBER_FORMATS.get(str(country))
    if not number or module is None:
        return number.strip()
    try:
        return module.validate(number)
    except stdnum_errors.ValidationError:
        raise ValidationError(
            _("%(number)s is not a valid organisation number in %(country)s."),
            code="invalid_organisation_number",
            params={"number": number, "country": country},
        ) from None


# The languages a privacy notice can be written and published in (settings.LANGUAGES, in the same order).
RECORD_LANGUAGES = [("nb", _("Norwegian Bokmål")), ("en", _("English")), ("sv", _("Swedish"))]


class Organisation(models.Model):
    """Art. 30(1)(a) and 30(2)(a): who is named in the record, with contact details and DPO."""

    class Role(models.TextChoices):
        CONTROLLER = "controller", _("Controller")
        JOINT_CONTROLLER = "joint_controller", _("Joint controller")
        REPRESENTATIVE = "representative", _("Representative (Art. 27)")
        PROCESSOR = "processor", _("Processor")
        RECIPIENT = "recipient", _("Recipient")

    workspace = models.ForeignKey(
        "ropa.Workspace", verbose_name=_("workspace"), on_delete=models.PROTECT, related_name="organisations",
        blank=True, help_text=_("The client whose record names this organisation."),
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.CONTROLLER)
    organisation_number = models.CharField(
        _("organisation number"), max_length=30, blank=True,
        help_text=_("Checked for Norway, Sweden, Denmark, Finland and Iceland."),
    )
    country = CountryField(_("country"), default="NO")
    address = models.TextField(_("postal address"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    representative = models.ForeignKey(
        "self", verbose_name=_("representative in the EU/EEA"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="represents",
        help_text=_("Art. 27: only for a controller established outside the EEA."),
    )
    dpo_name = models.CharField(_("data protection officer"), max_length=200, blank=True)
    dpo_email = models.EmailField(_("DPO e-mail"), blank=True)
    dpo_phone = models.CharField(_("DPO phone"), max_length=40, blank=True)
    # Art. 12(6) read with Art. 12(3): whether the deadline runs from identity confirmation (interpretation).
    deadline_waits_for_identity = models.BooleanField(
        _("deadline waits for identity check"), default=False,
        help_text=_("When on, a rights request's deadline counts from the day the requester's identity is confirmed."),
    )
    # Art. 12(1): the language the record's words for data subjects are written in; the public notice is offered in
    # it, and in another language only once every text is translated (ropa/notice/wording.py): never mixed.
    record_language = models.CharField(
        _("language of the record's wording"), max_length=2, choices=RECORD_LANGUAGES, default="nb",
        help_text=_("The language the activities' names, purposes and wording for data subjects are written in. "
                    "The privacy notice is offered in this language, and in another once its wording is translated."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        default_permissions = RECORD_PERMISSIONS

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if self.workspace_id is None:
            self.workspace = Workspace.objects.sole()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.representative_id and self.workspace_id and self.representative.workspace_id != self.workspace_id:
            raise ValidationError({"representative": _("Choose an organisation of the same workspace.")})
        try:
            self.organisation_number = clean_organisation_number(self.organisation_number, self.country)
        except ValidationError as error:
            raise ValidationError({"organisation_number": error}) from None
        if self.representative_id and self.representative_id == self.pk:
            raise ValidationError({"representative": _("An organisation cannot be its own representative.")})

    @property
    def has_contact_details(self) -> bool:
        return bool(self.email or self.phone or self.address)
