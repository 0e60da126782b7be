"""Data protection impact assessments (Art. 35): the screening every activity gets, and the DPIA itself.

The screening asks the two questions a supervisory authority tells a controller to ask: is the processing in
Art. 35(3) or on the list of the controller's own authority (Art. 35(4): Datatilsynet's for a Norwegian
controller, IMY's for a Swedish one), and how many of the EDPB's nine criteria does it meet (WP248 rev.01: two
or more, a DPIA is needed). Its answer drives `ProcessingActivity.dpia_required`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ropa.documents.files import dpia_document_path, private_storage, validate_pdf
from ropa.models.activities import ProcessingActivity, YesNoUnknown
from ropa.models.base import DOCUMENT_PERMISSIONS, RECORD_PERMISSIONS

# WP248 rev.01, section III.B.a: in most cases a processing meeting two criteria needs a DPIA.
CRITERIA_THRESHOLD = 2


class Criterion(models.TextChoices):
    """The EDPB's nine criteria for processing likely to result in a high risk (WP248 rev.01)."""

    EVALUATION = "evaluation", _("1. Evaluation or scoring, profiling and predicting included")
    AUTOMATED_DECISION = "automated_decision", _("2. Automated decision with legal or similarly significant effect")
    MONITORING = "monitoring", _("3. Systematic monitoring, of a publicly accessible area included")
    SENSITIVE = "sensitive", _("4. Special categories, offence data or data of a highly personal nature")
    LARGE_SCALE = "large_scale", _("5. Data processed on a large scale")
    MATCHING = "matching", _("6. Matching or combining datasets beyond what people would expect")
    VULNERABLE = "vulnerable", _("7. Vulnerable data subjects (children, employees, patients, the elderly)")
    INNOVATIVE = "innovative", _("8. Innovative use or new technological or organisational solutions")
    PREVENTS_RIGHTS = "prevents_rights", _("9. Prevents people from exercising a right or using a service")


class ListedProcessing(models.TextChoices):
    """Art. 35(3), and Datatilsynet's list under Art. 35(4): processing that always needs a DPIA (our wording)."""

    SYSTEMATIC_EVALUATION = "35_3_a", _("Art. 35(3)(a): systematic, extensive automated evaluation with legal or "
                                        "similarly significant effects")
    LARGE_SCALE_SPECIAL = "35_3_b", _("Art. 35(3)(b): special categories or offence data on a large scale")
    PUBLIC_MONITORING = "35_3_c", _("Art. 35(3)(c): systematic monitoring of a publicly accessible area on a "
                                    "large scale")
    BIOMETRICS = "biometrics", _("Biometric data to identify people, with at least one other criterion")
    GENETICS = "genetics", _("Genetic data, with at least one other criterion")
    LOCATION = "location", _("Location data on a large scale, or combined with another criterion")
    EMPLOYEE_MONITORING = "employee_monitoring", _(
        "Systematic monitoring of employees (control measures, camera surveillance at work)"
    )
    PREDICTION = "prediction", _("Profiling to predict people's finances, health, preferences, behaviour or "
                                 "movements for commercial use")
    ALGORITHM_TRAINING = "algorithm_training", _("Special categories or highly personal data used to train "
                                                 "algorithms")
    INNOVATIVE_TECHNOLOGY = "innovative_technology", _("Innovative technology, with at least one other criterion")
    VULNERABLE_MONITORING = "vulnerable_monitoring", _(
        "Monitoring or evaluating vulnerable people, such as children at school or patients"
    )
    THIRD_PARTY_REFUSAL = "third_party_refusal", _(
        "Data from third parties used to refuse or end a contract with the person"
    )
    LARGE_SCALE_DEVICES = "large_scale_devices", _("Data from connected devices or vehicles on a large scale")


# Art. 35(3): in the Regulation itself, so on every authority's list.
ARTICLE_35_3 = (
    ListedProcessing.SYSTEMATIC_EVALUATION, ListedProcessing.LARGE_SCALE_SPECIAL, ListedProcessing.PUBLIC_MONITORING,
)

# Art. 35(4): each authority's own list, by the controller's country (interpretation, kept here to be changed in
# one place). Datatilsynet's list names the items below. IMY's list (Förteckning enligt artikel 35.4) works from
# the nine criteria, two or more meaning a DPIA, which the screening already asks; none of Datatilsynet's items is
# on it, so a Swedish controller is screened against Art. 35(3) and the criteria. A country without a list here
# gets the same.
AUTHORITY_LISTS: dict[str, tuple[ListedProcessing, ...]] = {
    "NO": tuple(item for item in ListedProcessing if item not in ARTICLE_35_3),
    "SE": (),
}


def listed_processing_for(country_code: str) -> list[ListedProcessing]:
    """The listed processing that applies to a controller established in this country (Art. 35(3) and (4))."""
    return [*ARTICLE_35_3, *AUTHORITY_LISTS.get(str(country_code).upper(), ())]


def authority_name(country_code: str) -> str:
    from requests.authorities import supervisory_authority  # the record's one table of authorities

    return supervisory_authority(country_code).name


# Datatilsynet's list items worded "together with at least one other criterion", each with the EDPB criterion it
# is in itself (WP248 rev.01: biometric and genetic data are special categories, location data is "of a highly
# personal nature", criterion 4; innovative technology is criterion 8). Such an item needs a DPIA only when another
# of the nine criteria is met as well; ticking its own criterion is the same fact twice, not another criterion.
NEEDS_ANOTHER_CRITERION: dict[str, Criterion] = {
    ListedProcessing.BIOMETRICS: Criterion.SENSITIVE,
    ListedProcessing.GENETICS: Criterion.SENSITIVE,
    ListedProcessing.LOCATION: Criterion.SENSITIVE,
    ListedProcessing.INNOVATIVE_TECHNOLOGY: Criterion.INNOVATIVE,
}


class DpiaScreening(models.Model):
    """Art. 35(1): does this activity need a DPIA? One screening per activity; its history keeps every answer."""

    activity = models.OneToOneField(
        ProcessingActivity, verbose_name=_("processing activity"), on_delete=models.CASCADE,
        related_name="dpia_screening",
    )
    listed_processing = models.JSONField(
        _("on the list of processing that always needs a DPIA"), default=list, blank=True,
        help_text=_("Art. 35(3) and the list of the controller's own supervisory authority (Art. 35(4)): any item "
                    "ticked means a DPIA is needed."),
    )
    criterion_evaluation = models.BooleanField(Criterion.EVALUATION.label, default=False)
    criterion_automated_decision = models.BooleanField(Criterion.AUTOMATED_DECISION.label, default=False)
    criterion_monitoring = models.BooleanField(Criterion.MONITORING.label, default=False)
    criterion_sensitive = models.BooleanField(Criterion.SENSITIVE.label, default=False)
    criterion_large_scale = models.BooleanField(Criterion.LARGE_SCALE.label, default=False)
    criterion_matching = models.BooleanField(Criterion.MATCHING.label, default=False)
    criterion_vulnerable = models.BooleanField(Criterion.VULNERABLE.label, default=False)
    criterion_innovative = models.BooleanField(Criterion.INNOVATIVE.label, default=False)
    criterion_prevents_rights = models.BooleanField(Criterion.PREVENTS_RIGHTS.label, default=False)
    reasoning = models.TextField(
        _("reasoning"), blank=True,
        help_text=_("Why each criterion is or is not met; required when a criterion or a listed item is ticked and no "
                    "DPIA is needed all the same (WP248)."),
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("answered by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["activity"]
        verbose_name = _("DPIA screening")
        verbose_name_plural = _("DPIA screenings")
        default_permissions = RECORD_PERMISSIONS

    def __str__(self) -> str:
        return _("DPIA screening of %(activity)s") % {"activity": self.activity}

    def save(self, *args, **kwargs) -> None:
        # Who answered and when: the signed-in user of the web request, as simple-history's middleware saw it.
        request = getattr(HistoricalRecords.context, "request", None)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self.answered_by, self.answered_at = user, timezone.now()
        super().save(*args, **kwargs)
        self.apply_to_activity()

    def clean(self) -> None:
        known = set(ListedProcessing.values)
        unknown = [item for item in self.listed_processing or [] if item not in known]
        if unknown:
            raise ValidationError({"listed_processing": _("Unknown item: %(items)s.") % {"items": ", ".join(unknown)}})
        if self.activity_id:
            country = self.activity.organisation.country.code
            applies = listed_processing_for(country)
            foreign = [item for item in self.listed_items(everything=True) if item not in applies]
            if foreign:
                raise ValidationError({"listed_processing": _(
                    "Art. 35(4): %(items)s is not on the list of %(authority)s, the controller's supervisory "
                    "authority; screen against its list and the nine criteria."
                ) % {"items": ", ".join(str(item.label) for item in foreign), "authority": authority_name(country)}})
        if self.dpia_required or self.reasoning.strip():
            return
        # WP248: a controller may conclude that one criterion, or a list item without the other criterion it
        # needs, is not a high risk, but must document why.
        if len(self.criteria_met()) == 1:
            raise ValidationError({"reasoning": _(
                "WP248: one criterion is met; record why the processing is still unlikely to result in a high risk."
            )})
        if self.listed_items():
            raise ValidationError({"reasoning": _(
                "The authority's list names %(items)s only together with another of the nine criteria: record why "
                "none is met."
            ) % {"items": ", ".join(str(item.label) for item in self.listed_items())}})

    def criteria_met(self) -> list[Criterion]:
        return [criterion for criterion in Criterion if getattr(self, f"criterion_{criterion.value}")]

    def listed_items(self, everything: bool = False) -> list[ListedProcessing]:
        """The ticked items on the list of the controller's authority (Art. 35(4)); `everything` for all ticked."""
        items = [ListedProcessing(item) for item in self.listed_processing or [] if item in ListedProcessing.values]
        if everything or not self.activity_id:
            return items
        applies = listed_processing_for(self.activity.organisation.country.code)
        return [item for item in items if item in applies]

    def listed_items_that_apply(self) -> list[ListedProcessing]:
        """The ticked list items that need a DPIA: all of them, except those worded "with at least one other
        criterion" while no criterion other than their own is met (NEEDS_ANOTHER_CRITERION)."""
        met = set(self.criteria_met())
        return [
            item for item in self.listed_items()
            if item not in NEEDS_ANOTHER_CRITERION or met - {NEEDS_ANOTHER_CRITERION[item]}
        ]

    @property
    def dpia_required(self) -> bool:
        """Art. 35(1), (3) and (4): listed processing as the list words it, or two or more of the nine criteria."""
        return bool(self.listed_items_that_apply()) or len(self.criteria_met()) >= CRITERIA_THRESHOLD

    def apply_to_activity(self) -> None:
        """Make the activity's `dpia_required` (and a status that contradicts it) follow this screening."""
        activity = self.activity
        wanted = YesNoUnknown.YES if self.dpia_required else YesNoUnknown.NO
        status = activity.dpia_status
        if wanted == YesNoUnknown.YES and status in ("", ProcessingActivity.DpiaStatus.NOT_NEEDED):
            status = ProcessingActivity.DpiaStatus.NOT_STARTED
        elif wanted == YesNoUnknown.NO and status in ("", ProcessingActivity.DpiaStatus.NOT_STARTED):
            status = ProcessingActivity.DpiaStatus.NOT_NEEDED
        if (activity.dpia_required, activity.dpia_status) != (wanted, status):
            activity.dpia_required, activity.dpia_status = wanted, status
            activity._change_reason = getattr(self, "_change_reason", None)
            activity.save(update_fields=["dpia_required", "dpia_status", "updated_at"])


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class Dpia(models.Model):
    """Art. 35(7): the assessment itself, the DPO's advice (Art. 35(2)) and prior consultation (Art. 36(1))."""

    class Decision(models.TextChoices):
        PROCEED = "proceed", _("Proceed as assessed")
        PROCEED_WITH_MEASURES = "proceed_with_measures", _("Proceed once the planned measures are in place")
        DO_NOT_PROCEED = "do_not_proceed", _("Do not proceed")

    activity = models.ForeignKey(
        ProcessingActivity, verbose_name=_("processing activity"), on_delete=models.CASCADE, related_name="dpias",
    )
    # Art. 35(7)(a)-(d)
    description = models.TextField(
        _("systematic description of the processing"),
        help_text=_("Art. 35(7)(a): the operations, the purposes and, where relevant, the legitimate interest."),
    )
    necessity_and_proportionality = models.TextField(
        _("necessity and proportionality"), blank=True,
        help_text=_("Art. 35(7)(b): why the processing is necessary for its purposes and not excessive."),
    )
    measures = models.TextField(
        _("measures to address the risks"), blank=True,
        help_text=_("Art. 35(7)(d): safeguards, security measures and mechanisms to protect the data."),
    )
    residual_risk = models.CharField(
        _("residual risk"), max_length=10, choices=RiskLevel.choices, blank=True,
        help_text=_("The risk left once the measures are in place."),
    )
    dpo_advice = models.TextField(
        _("the DPO's advice"), blank=True,
        help_text=_("Art. 35(2): the controller seeks the advice of the data protection officer, where designated."),
    )
    decision = models.CharField(_("decision"), max_length=25, choices=Decision.choices, blank=True)
    decided_on = models.DateField(_("decided"), null=True, blank=True)
    decided_by = models.CharField(_("decided by"), max_length=200, blank=True)
    prior_consultation_required = models.BooleanField(
        _("prior consultation of the supervisory authority required (Art. 36(1))"), default=False,
    )
    prior_consultation_on = models.DateField(_("authority consulted"), null=True, blank=True)
    prior_consultation_reference = models.CharField(_("the authority's case number"), max_length=100, blank=True)
    review_date = models.DateField(
        _("next review"), null=True, blank=True,
        help_text=_("Art. 35(11): review the assessment at least when the risk changes."),
    )
    document = models.FileField(
        _("DPIA document (PDF)"), storage=private_storage, upload_to=dpia_document_path, validators=[validate_pdf],
        blank=True, max_length=200,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["activity", "-decided_on", "-pk"]
        verbose_name = _("data protection impact assessment")
        verbose_name_plural = _("data protection impact assessments")
        default_permissions = DOCUMENT_PERMISSIONS
        constraints = [
            models.CheckConstraint(
                condition=~Q(residual_risk=RiskLevel.HIGH) | Q(prior_consultation_required=True),
                name="high_residual_risk_needs_prior_consultation",
                violation_error_message=_(
                    "Art. 36(1): when the residual risk stays high, the supervisory authority must be consulted "
                    "before the processing starts."
                ),
            ),
        ]

    def __str__(self) -> str:
        return _("DPIA of %(activity)s") % {"activity": self.activity}

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        self.apply_to_activity()

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.residual_risk == RiskLevel.HIGH and not self.prior_consultation_required:
            errors["prior_consultation_required"] = _(
                "Art. 36(1): when the residual risk stays high, the supervisory authority must be consulted "
                "before the processing starts."
            )
        if self.decision:
            if not self.residual_risk:
                errors["residual_risk"] = _("Art. 35(7)(c): assess the residual risk before deciding.")
            if self.decided_on is None:
                errors["decided_on"] = _("Record when the decision was made.")
            if self.activity_id and self.activity.organisation.dpo_name and not self.dpo_advice.strip():
                errors["dpo_advice"] = _("Art. 35(2): the controller has a data protection officer; record the advice.")
        proceeds = self.decision in (self.Decision.PROCEED, self.Decision.PROCEED_WITH_MEASURES)
        if proceeds and self.prior_consultation_required and self.prior_consultation_on is None:
            errors["prior_consultation_on"] = _(
                "Art. 36(1): the processing may not start before the supervisory authority has been consulted."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_decided(self) -> bool:
        return bool(self.decision)

    def apply_to_activity(self) -> None:
        """A decided DPIA completes the activity's DPIA status; while none is decided, it is in progress."""
        activity = self.activity
        decided = self.is_decided or activity.dpias.exclude(decision="").exists()
        status = ProcessingActivity.DpiaStatus.COMPLETED if decided else ProcessingActivity.DpiaStatus.IN_PROGRESS
        if activity.dpia_status != status:
            activity.dpia_status = status
            activity._change_reason = getattr(self, "_change_reason", None)
            activity.save(update_fields=["dpia_status", "updated_at"])


class DpiaRisk(models.Model):
    """Art. 35(7)(c): one risk to people's rights and freedoms, with its likelihood and severity."""

    class Scale(models.IntegerChoices):
        REMOTE = 1, _("1 – remote / minimal")
        POSSIBLE = 2, _("2 – possible / limited")
        LIKELY = 3, _("3 – likely / significant")
        CERTAIN = 4, _("4 – almost certain / maximum")

    dpia = models.ForeignKey(Dpia, verbose_name=_("DPIA"), on_delete=models.CASCADE, related_name="risks")
    description = models.TextField(_("risk to the data subjects"))
    likelihood = models.PositiveSmallIntegerField(_("likelihood"), choices=Scale.choices)
    severity = models.PositiveSmallIntegerField(_("severity"), choices=Scale.choices)
    measures = models.TextField(_("measures"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["dpia", "pk"]
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        default_permissions = RECORD_PERMISSIONS
        constraints = [
            models.CheckConstraint(
                condition=Q(likelihood__gte=1, likelihood__lte=4, severity__gte=1, severity__lte=4),
                name="dpia_risk_on_the_scale",
            ),
        ]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def level(self) -> RiskLevel:
        """Likelihood × severity on the 4 × 4 matrix: up to 3 low, up to 8 medium, above that high."""
        score = self.likelihood * self.severity
        if score <= 3:
            return RiskLevel.LOW
        return RiskLevel.MEDIUM if score <= 8 else RiskLevel.HIGH
