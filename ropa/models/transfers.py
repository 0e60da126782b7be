"""Transfers of personal data to third countries and international organisations (Arts. 44–49).

Which countries are in the EEA is law and lives here; which destinations are adequate is data
(`AdequacyDecision`, seeded by migration and kept up to date in the admin).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, ExpressionWrapper, OuterRef, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from ropa.documents.files import private_storage, tia_document_path, validate_pdf
from ropa.models.activities import ProcessingActivity
from ropa.models.base import DOCUMENT_PERMISSIONS, RECORD_PERMISSIONS
from ropa.models.processors import Processor

# Art. 44 read with the EEA Agreement (Annex XI; the GDPR applies in Iceland, Liechtenstein and Norway since
# 20 July 2018): data moving between these countries is not a transfer to a third country.
EU_MEMBER_STATES = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
)
EEA_EFTA_STATES = frozenset({"IS", "LI", "NO"})
EEA_COUNTRIES = EU_MEMBER_STATES | EEA_EFTA_STATES


def is_in_eea(country_code: str) -> bool:
    return str(country_code).upper() in EEA_COUNTRIES


class AdequacyDecisionQuerySet(models.QuerySet):
    def in_force(self, today: datetime.date | None = None) -> "AdequacyDecisionQuerySet":
        today = today or timezone.localdate()
        return self.filter(Q(adopted_on__isnull=True) | Q(adopted_on__lte=today)).filter(
            Q(expires_on__isnull=True) | Q(expires_on__gte=today)
        )

    def for_destination(self, country, organisation) -> "AdequacyDecisionQuerySet":
        """Decisions about a country or an international organisation (matched by name, ignoring case).

        Takes plain values or OuterRef()s, so `clean()` and the SQL in `TransferQuerySet` share one rule.
        """
        return self.filter(
            (Q(country=country) & ~Q(country=""))
            | (Q(international_organisation__iexact=organisation) & ~Q(international_organisation=""))
        )

    def covering(self, country, organisation, certified, today: datetime.date | None = None):
        """In-force decisions for the destination that cover this recipient (the US one only if DPF-certified)."""
        return (
            self.in_force(today)
            .for_destination(country, organisation)
            .filter(Q(certified_recipients_only=False) | Q(certified_recipients_only=certified))
        )


# The kinds of Commission act an adequacy finding is made in, longest first (as the record's titles begin).
DECISION_KINDS = (
    gettext_noop("Commission Implementing Decision"),
    gettext_noop("Commission Decision"),
)


class AdequacyDecision(models.Model):
    """Art. 45: the Commission found that a country or an international organisation protects data adequately."""

    country = CountryField(_("country"), blank=True)
    international_organisation = models.CharField(_("international organisation"), max_length=200, blank=True)
    reference = models.CharField(
        _("decision"), max_length=100, help_text=_("e.g. Implementing Decision (EU) 2023/1795"),
    )
    adopted_on = models.DateField(_("adopted"), null=True, blank=True)
    expires_on = models.DateField(
        _("expires"), null=True, blank=True, help_text=_("Leave empty when the decision has no end date."),
    )
    scope = models.TextField(_("scope"), blank=True)
    certified_recipients_only = models.BooleanField(
        _("only for recipients certified under the EU–US Data Privacy Framework"), default=False,
    )
    awaiting_eea_incorporation = models.BooleanField(
        _("not yet part of the EEA Agreement"), default=False,
        help_text=_("Until it is, controllers in Iceland, Liechtenstein and Norway cannot rely on the decision."),
    )
    history = HistoricalRecords()

    objects = AdequacyDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["country", "international_organisation"]
        verbose_name = _("adequacy decision")
        verbose_name_plural = _("adequacy decisions")
        default_permissions = RECORD_PERMISSIONS
        constraints = [
            models.CheckConstraint(
                condition=(Q(country="") & ~Q(international_organisation=""))
                | (~Q(country="") & Q(international_organisation="")),
                name="adequacy_names_country_or_organisation",
                violation_error_message=_("Name either a country or an international organisation."),
            ),
            models.UniqueConstraint(
                fields=["country"], condition=~Q(country=""), name="one_adequacy_decision_per_country",
            ),
            models.UniqueConstraint(
                Lower("international_organisation"), condition=~Q(international_organisation=""),
                name="one_adequacy_decision_per_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.destination} ({self.reference})"

    def reference_in_words(self) -> str:
        """The decision's name in the active language: the record keeps the Official Journal's English title
        ("Commission Implementing Decision (EU) 2023/1795"); letters and notices in nb and sv translate its kind."""
        for kind in DECISION_KINDS:
            if self.reference.startswith(f"{kind} "):
                return f"{gettext(kind)}{self.reference[len(kind):]}"
        return self.reference

    @property
    def destination(self) -> str:
        return self.country.name if self.country else self.international_organisation


class TransferQuerySet(models.QuerySet):
    def with_safeguard(self, today: datetime.date | None = None) -> "TransferQuerySet":
        """Annotate `valid_safeguard`: outside the EEA, and adequate, or an Art. 46 tool, or an Art. 49 derogation.

        The SQL form of the rules in `Transfer.clean()`; tests hold the two equal for every branch.
        """
        decisions = AdequacyDecision.objects.covering(
            OuterRef("destination_country"), OuterRef("international_organisation"),
            OuterRef("recipient_dpf_certified"), today,
        )
        controller_in_eu = Q(activity__isnull=False, activity__organisation__country__in=EU_MEMBER_STATES)
        adequacy = Exists(decisions.filter(awaiting_eea_incorporation=False)) | (Exists(decisions) & controller_in_eu)
        article46 = Q(tool__in=Transfer.ARTICLE46_TOOLS) & ~Q(tool=Transfer.Tool.SCC) | (
            Q(tool=Transfer.Tool.SCC) & ~Q(scc_module="")
        )
        article49 = (
            Q(tool=Transfer.Tool.DEROGATION)
            & ~Q(derogation="")
            & (
                ~Q(derogation=Transfer.Derogation.COMPELLING_INTERESTS)
                | (~Q(derogation_assessment="") & Q(authority_informed_on__isnull=False))
            )
        )
        valid = ~Q(destination_country__in=EEA_COUNTRIES) & (adequacy | article46 | article49)
        return self.annotate(valid_safeguard=ExpressionWrapper(valid, output_field=models.BooleanField()))

    def without_valid_safeguard(self, today: datetime.date | None = None) -> "TransferQuerySet":
        return self.with_safeguard(today).filter(valid_safeguard=False)


class Transfer(models.Model):
    """Art. 30(1)(e), Arts. 44–49: personal data leaving the EEA, where it goes and what makes it lawful."""

    class Tool(models.TextChoices):
        ADEQUACY = "adequacy", _("Adequacy decision (Art. 45)")
        SCC = "scc", _("Standard contractual clauses, Decision (EU) 2021/914 (Art. 46(2)(c))")
        AUTHORITY_SCC = "authority_scc", _("Standard clauses adopted by a supervisory authority (Art. 46(2)(d))")
        BCR = "bcr", _("Binding corporate rules (Arts. 46(2)(b), 47)")
        CODE_OF_CONDUCT = "code_of_conduct", _("Approved code of conduct (Art. 46(2)(e))")
        CERTIFICATION = "certification", _("Approved certification mechanism (Art. 46(2)(f))")
        AD_HOC = "ad_hoc", _("Ad hoc contractual clauses authorised by the authority (Art. 46(3)(a))")
        DEROGATION = "derogation", _("Derogation for a specific situation (Art. 49)")

    class SccModule(models.TextChoices):
        C2C = "1", _("Module 1: controller to controller")
        C2P = "2", _("Module 2: controller to processor")
        P2P = "3", _("Module 3: processor to processor")
        P2C = "4", _("Module 4: processor to controller")

    class Derogation(models.TextChoices):
        EXPLICIT_CONSENT = "a", _("Art. 49(1)(a): explicit consent after being told of the risks")
        CONTRACT_WITH_SUBJECT = "b", _("Art. 49(1)(b): necessary for a contract with the data subject")
        CONTRACT_FOR_SUBJECT = "c", _("Art. 49(1)(c): necessary for a contract in the data subject's interest")
        PUBLIC_INTEREST = "d", _("Art. 49(1)(d): important reasons of public interest")
        LEGAL_CLAIMS = "e", _("Art. 49(1)(e): legal claims")
        VITAL_INTERESTS = "f", _("Art. 49(1)(f): vital interests")
        PUBLIC_REGISTER = "g", _("Art. 49(1)(g): from a public register")
        COMPELLING_INTERESTS = "second", _(
            "Art. 49(1), second subparagraph: compelling legitimate interests, not repetitive, few people"
        )

    ARTICLE46_TOOLS = [
        Tool.SCC, Tool.AUTHORITY_SCC, Tool.BCR, Tool.CODE_OF_CONDUCT, Tool.CERTIFICATION, Tool.AD_HOC,
    ]

    activity = models.ForeignKey(
        ProcessingActivity, verbose_name=_("processing activity"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="transfers",
    )
    processor = models.ForeignKey(
        Processor, verbose_name=_("processor"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="transfers",
    )
    recipient = models.CharField(
        _("recipient"), max_length=200, blank=True, help_text=_("Leave empty when the processor is the recipient."),
    )
    description = models.TextField(_("what is transferred, and why"), blank=True)
    destination_country = CountryField(_("destination country"), blank=True)
    international_organisation = models.CharField(
        _("or international organisation"), max_length=200, blank=True,
        help_text=_("Its name as written in the table of adequacy decisions."),
    )
    recipient_dpf_certified = models.BooleanField(
        _("recipient certified under the EU–US Data Privacy Framework"), default=False,
    )
    tool = models.CharField(
        _("transfer tool"), max_length=20, choices=Tool.choices, blank=True,
        help_text=_("Leave empty for a destination an adequacy decision covers."),
    )
    scc_module = models.CharField(_("SCC module"), max_length=1, choices=SccModule.choices, blank=True)
    scc_signed_on = models.DateField(_("SCCs signed"), null=True, blank=True)
    safeguard_details = models.TextField(
        _("safeguard details"), blank=True,
        help_text=_("The BCR approval, code of conduct, certificate or authorisation relied on."),
    )
    derogation = models.CharField(_("Art. 49 derogation"), max_length=6, choices=Derogation.choices, blank=True)
    derogation_assessment = models.TextField(
        _("assessment and safeguards (Art. 49(6))"), blank=True,
        help_text=_("For the second-subparagraph case: the compelling legitimate interests and the safeguards."),
    )
    authority_informed_on = models.DateField(_("supervisory authority informed"), null=True, blank=True)
    tia_date = models.DateField(_("transfer impact assessment date"), null=True, blank=True)
    tia_document = models.FileField(
        _("transfer impact assessment (PDF)"), storage=private_storage, upload_to=tia_document_path,
        validators=[validate_pdf], blank=True, max_length=200,
    )
    supplementary_measures = models.TextField(_("supplementary measures"), blank=True)
    history = HistoricalRecords()

    objects = TransferQuerySet.as_manager()

    class Meta:
        ordering = ["destination_country", "international_organisation", "pk"]
        verbose_name = _("transfer to a third country")
        verbose_name_plural = _("transfers to third countries")
        default_permissions = DOCUMENT_PERMISSIONS
        constraints = [
            models.CheckConstraint(
                condition=Q(activity__isnull=False) | Q(processor__isnull=False),
                name="transfer_from_activity_or_processor",
                violation_error_message=_("Name the processing activity or the processor the data comes from."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_name} → {self.destination}"

    def clean(self) -> None:
        """Art. 44: only destinations outside the EEA; Art. 45 adequacy, else an Art. 46 tool or Art. 49 derogation."""
        errors: dict[str, str] = {}
        if not self.activity_id and not self.processor_id:
            errors["activity"] = gettext("Name the processing activity or the processor the data comes from.")
        if bool(self.destination_country) == bool(self.international_organisation.strip()):
            errors["destination_country"] = gettext(
                "Art. 44: name the destination, either a country or an international organisation."
            )
        elif self.destination_country and is_in_eea(self.destination_country.code):
            errors["destination_country"] = gettext(
                "Art. 44: %(country)s is in the EEA, so sending data there is not a transfer to a third country "
                "and needs no safeguard. Do not record it as a transfer."
            ) % {"country": self.destination_country.name}
        else:
            adequate = self.adequacy_decision() is not None
            if self.tool == self.Tool.ADEQUACY and not adequate:
                errors["tool"] = self._why_not_adequate()
            elif not self.tool and not adequate:
                advice = gettext("Name an Art. 46 safeguard or an Art. 49 derogation.")
                errors["tool"] = f"{self._why_not_adequate()} {advice}"
            elif not self.tool:
                self.tool = self.Tool.ADEQUACY
        if self.tool == self.Tool.SCC and not self.scc_module:
            errors["scc_module"] = gettext(
                "Art. 46(2)(c): name the module of the standard contractual clauses (Decision (EU) 2021/914)."
            )
        if self.tool == self.Tool.DEROGATION:
            if not self.derogation:
                errors["derogation"] = gettext("Art. 49(1): name the derogation the transfer relies on.")
            elif self.derogation == self.Derogation.COMPELLING_INTERESTS:
                if not self.derogation_assessment.strip():
                    errors["derogation_assessment"] = gettext(
                        "Art. 49(1), second subparagraph, and Art. 49(6): document the assessment of the "
                        "compelling legitimate interests and the safeguards in the record."
                    )
                if self.authority_informed_on is None:
                    errors["authority_informed_on"] = gettext(
                        "Art. 49(1), second subparagraph: the supervisory authority must be informed of the transfer."
                    )
        if errors:
            raise ValidationError(errors)

    @property
    def recipient_name(self) -> str:
        return self.recipient or (self.processor.name if self.processor_id else "")

    @property
    def destination(self) -> str:
        return self.destination_country.name if self.destination_country else self.international_organisation

    @property
    def controller_in_eu(self) -> bool:
        return bool(self.activity_id) and self.activity.organisation.country.code in EU_MEMBER_STATES

    def adequacy_decision(self, today: datetime.date | None = None) -> AdequacyDecision | None:
        """The Art. 45 decision this transfer can rely on, if any (same rule as `TransferQuerySet.with_safeguard`)."""
        decisions = AdequacyDecision.objects.covering(
            self.destination_country.code or "", self.international_organisation.strip(),
            self.recipient_dpf_certified, today,
        )
        if not self.controller_in_eu:
            decisions = decisions.filter(awaiting_eea_incorporation=False)
        return decisions.first()

    def _why_not_adequate(self) -> str:
        destination = (self.destination_country.code or "", self.international_organisation.strip())
        decision = AdequacyDecision.objects.for_destination(*destination).first()
        values = {"destination": self.destination}
        if decision is None:
            return gettext("Art. 45: there is no adequacy decision for %(destination)s.") % values
        if decision.certified_recipients_only and not self.recipient_dpf_certified:
            return gettext(
                "Art. 45: the adequacy decision for %(destination)s covers only recipients certified under the "
                "EU–US Data Privacy Framework, and this recipient is not marked as certified."
            ) % values
        if decision.awaiting_eea_incorporation and not self.controller_in_eu:
            return gettext(
                "Art. 45: the adequacy decision for %(destination)s is not yet part of the EEA Agreement, so a "
                "controller in Iceland, Liechtenstein or Norway cannot rely on it."
            ) % values
        return gettext("Art. 45: the adequacy decision for %(destination)s is not in force today.") % values

    @property
    def has_valid_safeguard(self) -> bool:
        """Read from `TransferQuerySet.with_safeguard()` when annotated, else asked of the database."""
        if hasattr(self, "valid_safeguard"):
            return self.valid_safeguard
        return Transfer.objects.with_safeguard().filter(pk=self.pk, valid_safeguard=True).exists()

    def safeguard_summary(self) -> str:
        """What makes the transfer lawful, in a sentence for the record and for access requests (Art. 15(2))."""
        if self.tool == self.Tool.ADEQUACY:
            decision = self.adequacy_decision()
            if decision is None:
                return gettext("Adequacy decision (Art. 45), which no longer covers this transfer")
            if decision.certified_recipients_only:
                return gettext(
                    "Adequacy decision (Art. 45), %(reference)s, for a recipient certified under the EU–US Data "
                    "Privacy Framework"
                ) % {"reference": decision.reference_in_words()}
            return gettext("Adequacy decision (Art. 45), %(reference)s") % {"reference": decision.reference_in_words()}
        if self.tool == self.Tool.SCC:
            text = gettext("Standard contractual clauses (Decision (EU) 2021/914, Art. 46(2)(c))")
            if self.scc_module:
                text = f"{text}, {self.get_scc_module_display().lower()}"
            if self.scc_signed_on:
                text = gettext("%(clauses)s, signed %(date)s") % {
                    "clauses": text, "date": self.scc_signed_on.isoformat(),
                }
            return text
        if self.tool == self.Tool.DEROGATION:
            return self.get_derogation_display() if self.derogation else gettext("Derogation (Art. 49), not named")
        if self.tool:
            return self.get_tool_display()
        return gettext("No safeguard recorded")
