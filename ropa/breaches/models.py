"""The breach register (Art. 33(5)): every personal data breach is documented, whether notified or not.

A breach is notified to Datatilsynet within 72 hours of awareness unless it is unlikely to result in a risk
(Art. 33(1)); the people affected are told when the risk is high, unless an Art. 34(3) exemption applies.
The decisions and their reasons live on the breach; the phases of the notification (Art. 33(4)) are notices.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ropa.breaches.clock import DUE_SOON, hours_between, notification_deadline
from ropa.breaches.workflow import ALLOWED_MOVES, EXEMPTIONS, Communication, Risk, Status, is_allowed_move
from ropa.history.forward_only import StoredValues
from ropa.models import (
    DataSubjectCategory,
    Organisation,
    PersonalDataCategory,
    ProcessingActivity,
    Processor,
    System,
    YesNoUnknown,
)

BREACH_PERMISSIONS = ("add", "change", "delete", "view", "export")

__all__ = ["Breach", "BreachQuerySet", "Communication", "Notice", "Risk", "Status", "ALLOWED_MOVES"]


class BreachQuerySet(models.QuerySet):
    def clock_running(self) -> "BreachQuerySet":
        """Breaches whose notification decision is open while the 72-hour clock runs (overdue ones included):
        awareness recorded, not notified, not decided as unlikely to result in a risk."""
        return self.filter(status=Status.ASSESSING, aware_at__isnull=False, notified_at__isnull=True)

    def overdue(self, now: datetime.datetime | None = None) -> "BreachQuerySet":
        return self.clock_running().filter(notification_deadline__lt=now or timezone.now())

    def due_by(self, moment: datetime.datetime) -> "BreachQuerySet":
        """Running clocks that end at `moment` or earlier, overdue ones included."""
        return self.clock_running().filter(notification_deadline__lte=moment)


class Breach(StoredValues):
    """One personal data breach (Art. 4(12)) with its facts, effects, remedial action and decisions."""

    Status = Status
    Risk = Risk
    Communication = Communication

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("controller"), on_delete=models.PROTECT, related_name="breaches",
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("A few words to find it by, e.g. “Lost laptop”."))
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.ASSESSING)
    # When: the clock starts at awareness (Art. 33(1)), not when the breach happened.
    occurred_at = models.DateTimeField(_("happened"), null=True, blank=True, help_text=_("Leave empty if unknown."))
    aware_at = models.DateTimeField(
        _("became aware"), null=True, blank=True,
        help_text=_("When we had a reasonable degree of certainty that a breach had happened: the 72 hours run "
                    "from here (Art. 33(1))."),
    )
    contained_at = models.DateTimeField(_("contained"), null=True, blank=True)
    notification_deadline = models.DateTimeField(_("notify by"), null=True, blank=True, editable=False)
    # What happened (Art. 33(3)(a)) and its nature in the EDPB's three kinds.
    description = models.TextField(_("what happened"), help_text=_("In plain words, as you would tell Datatilsynet."))
    confidentiality = models.BooleanField(_("confidentiality breach (disclosed or accessed)"), default=False)
    integrity = models.BooleanField(_("integrity breach (altered)"), default=False)
    availability = models.BooleanField(_("availability breach (lost or destroyed)"), default=False)
    activities = models.ManyToManyField(
        ProcessingActivity, verbose_name=_("processing activities involved"), blank=True, related_name="breaches",
    )
    systems = models.ManyToManyField(System, verbose_name=_("systems involved"), blank=True, related_name="breaches")
    processors = models.ManyToManyField(
        Processor, verbose_name=_("processors involved"), blank=True, related_name="breaches",
    )
    data_subject_categories = models.ManyToManyField(
        DataSubjectCategory, verbose_name=_("categories of data subjects"), blank=True,
        help_text=_("Filled from the activities involved when left empty; narrow it to those affected."),
    )
    approximate_data_subjects = models.PositiveIntegerField(
        _("approximate number of data subjects"), null=True, blank=True,
    )
    personal_data_categories = models.ManyToManyField(
        PersonalDataCategory, verbose_name=_("categories of personal data"), blank=True,
        help_text=_("Filled from the activities involved when left empty; narrow it to those affected."),
    )
    approximate_records = models.PositiveIntegerField(
        _("approximate number of personal data records"), null=True, blank=True,
    )
    consequences = models.TextField(_("likely consequences"), blank=True, help_text=_("Art. 33(3)(c)."))
    measures_taken = models.TextField(_("measures taken"), blank=True, help_text=_("Art. 33(3)(d)."))
    measures_proposed = models.TextField(
        _("measures proposed"), blank=True,
        help_text=_("Art. 33(3)(d), including those to mitigate possible adverse effects."),
    )
    # Art. 33(2): a processor tells the controller without undue delay after becoming aware.
    reported_by_processor = models.ForeignKey(
        Processor, verbose_name=_("breach at a processor"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="reported_breaches",
    )
    processor_told_at = models.DateTimeField(_("the processor told us"), null=True, blank=True)
    processor_without_undue_delay = models.CharField(
        _("the processor told us without undue delay (Art. 33(2))"), max_length=10, choices=YesNoUnknown.choices,
        default=YesNoUnknown.UNKNOWN,
    )
    # The decisions and their reasons.
    risk = models.CharField(_("risk to the people affected"), max_length=10, choices=Risk.choices, blank=True)
    risk_assessment = models.TextField(
        _("risk assessment"), blank=True,
        help_text=_("Why: kind and sensitivity of the data, how easily people can be identified, how severe and "
                    "lasting the consequences, how many people, special characteristics."),
    )
    not_notified_reason = models.TextField(
        _("why it was not notified"), blank=True,
        help_text=_("Art. 33(1) and (5): why the breach is unlikely to result in a risk."),
    )
    notified_at = models.DateTimeField(
        _("notified to Datatilsynet"), null=True, blank=True,
        help_text=_("When the initial notification was sent; later phases are listed under notices."),
    )
    delay_reasons = models.TextField(
        _("reasons for the delay"), blank=True, help_text=_("Art. 33(1): required when notified after 72 hours."),
    )
    authority_case_number = models.CharField(_("Datatilsynet's case number"), max_length=50, blank=True)
    communication = models.CharField(
        _("data subjects (Art. 34)"), max_length=20, choices=Communication.choices, blank=True,
    )
    communicated_at = models.DateTimeField(_("data subjects told"), null=True, blank=True)
    communication_means = models.TextField(
        _("how they were told, or how the public was told"), blank=True,
        help_text=_("E-mail, letter, notice on the website… for Art. 34(3)(c), the public communication."),
    )
    exemption_reasons = models.TextField(
        _("reasons for the exemption"), blank=True, help_text=_("Art. 34(3): why the condition is met."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(
        m2m_fields=[activities, systems, processors, data_subject_categories, personal_data_categories]
    )

    objects = BreachQuerySet.as_manager()

    # The status as the database holds it: save() refuses a move the workflow does not allow, whatever the path.
    stored_fields = ("status",)

    class Meta:
        ordering = ["-aware_at", "-pk"]
        verbose_name = _("personal data breach")
        verbose_name_plural = _("personal data breaches")
        default_permissions = BREACH_PERMISSIONS
        indexes = [models.Index(fields=["status", "notification_deadline"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(occurred_at__isnull=True) | Q(aware_at__isnull=True) | Q(occurred_at__lte=F("aware_at")),
                name="breach_happened_before_awareness",
                violation_error_message=_("A breach cannot come to our attention before it happened."),
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.NOT_NOTIFIED) | (Q(risk=Risk.UNLIKELY) & ~Q(not_notified_reason="")),
                name="breach_not_notified_has_reason",
                violation_error_message=_("Art. 33(1): not notifying needs the reason why no risk is likely."),
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.NOTIFIED) | Q(notified_at__isnull=False),
                name="breach_notified_has_date",
            ),
            models.CheckConstraint(
                condition=Q(status=Status.ASSESSING) | ~Q(risk=""),
                name="breach_decided_has_risk",
                violation_error_message=_("Art. 33(1): assess the risk to people before deciding on notification."),
            ),
            models.CheckConstraint(
                condition=Q(risk="") | ~Q(risk_assessment=""),
                name="breach_risk_has_assessment",
                violation_error_message=_("Art. 33(5): record the reasons for the risk level (the kind of data and "
                                          "breach, how many people, how severe the consequences)."),
            ),
            models.CheckConstraint(
                condition=Q(notified_at__isnull=True) | Q(notified_at__lte=F("notification_deadline"))
                | ~Q(delay_reasons=""),
                name="breach_late_notification_has_reasons",
                violation_error_message=_("Art. 33(1): a notification after 72 hours needs the reasons for the delay."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        # Forward only, on every path (admin, a past version from history, import, shell): nothing goes back to
        # being assessed once decided, and closed is final (ropa/breaches/workflow.py).
        stored = self.stored_values()
        if stored and not is_allowed_move(stored["status"], self.status):
            raise ValidationError({"status": self._illegal_move_message(stored["status"])})
        self.notification_deadline = notification_deadline(self.aware_at) if self.aware_at else None
        super().save(*args, **kwargs)
        self.remember_stored(kwargs.get("update_fields"))

    def _illegal_move_message(self, current: str) -> str:
        return _("A breach cannot go from “%(from)s” to “%(to)s”.") % {
            "from": Status(current).label, "to": Status(self.status).label,
        }

    def clean(self) -> None:
        errors: dict[str, list] = {}

        def error(field: str, message) -> None:
            errors.setdefault(field, []).append(message)

        self._clean_times(error)
        self._clean_notification(error)
        self._clean_communication(error)
        stored = self.stored_values()
        if stored and not is_allowed_move(stored["status"], self.status):
            error("status", self._illegal_move_message(stored["status"]))
        elif self._state.adding and self.status == Status.CLOSED:
            error("status", _("A new breach cannot be recorded as closed."))
        if self.status == Status.CLOSED:
            # Art. 33(5): the register documents the facts, the effects and the remedial action taken.
            for field in ("consequences", "measures_taken"):
                if not getattr(self, field).strip():
                    error(field, _("Record this before closing the breach (Art. 33(5))."))
        if errors:
            raise ValidationError(errors)

    def _clean_times(self, error) -> None:
        now = timezone.now()
        for field in ("occurred_at", "aware_at", "contained_at", "processor_told_at", "notified_at", "communicated_at"):
            value = getattr(self, field)
            if value and value > now:
                error(field, _("This cannot be in the future."))
        if self.occurred_at and self.aware_at and self.occurred_at > self.aware_at:
            error("aware_at", _("A breach cannot come to our attention before it happened."))
        if self.occurred_at and self.contained_at and self.contained_at < self.occurred_at:
            error("contained_at", _("A breach cannot be contained before it happened."))
        if self.reported_by_processor_id and not self.processor_told_at:
            error("processor_told_at", _("Art. 33(2): record when the processor told us."))
        if self.processor_told_at and self.aware_at and self.aware_at > self.processor_told_at:
            error("aware_at", _(
                "Art. 33(2): we are aware at the latest when our processor tells us; the clock starts then."
            ))
        if self.status != Status.ASSESSING and not self.aware_at:
            error("aware_at", _("Record when we became aware before deciding on notification."))

    def _clean_notification(self, error) -> None:
        # Art. 33(1) and (5), EDPB Guidelines 9/2022: whether to notify follows from the assessed risk, and the
        # register keeps the reasons for the level, so a decision never rests on an empty assessment.
        if self.status != Status.ASSESSING and not self.risk:
            error("risk", _("Art. 33(1): assess the risk to people before deciding on notification."))
        if self.risk and not self.risk_assessment.strip():
            error("risk_assessment", _("Art. 33(5): record the reasons for the risk level (the kind of data and "
                                       "breach, how many people, how severe the consequences)."))
        if self.status == Status.NOT_NOTIFIED:
            if self.risk and self.risk != Risk.UNLIKELY:
                error("risk", _("Art. 33(1): only a breach unlikely to result in a risk may go unnotified."))
            if not self.not_notified_reason.strip():
                error("not_notified_reason", _("Art. 33(1) and (5): record why the breach is unlikely to result in a "
                                               "risk."))
        if self.notified_at and self.status in (Status.ASSESSING, Status.NOT_NOTIFIED):
            error("status", _("The breach has been notified: set the status to notified."))
        if self.status == Status.NOTIFIED and not self.notified_at:
            error("notified_at", _("Record when Datatilsynet was notified."))
        if self.notified_at and self.aware_at:
            if self.notified_at < self.aware_at:
                error("notified_at", _("Datatilsynet cannot be notified before we became aware of the breach."))
            elif self.notified_at > notification_deadline(self.aware_at) and not self.delay_reasons.strip():
                error("delay_reasons", _("Art. 33(1): the notification came after 72 hours; give the reasons for "
                                         "the delay."))

    def _clean_communication(self, error) -> None:
        if self.communication == Communication.COMMUNICATED and not self.communicated_at:
            error("communicated_at", _("Record when the data subjects were told."))
        if self.communicated_at and self.aware_at and self.communicated_at < self.aware_at:
            error("communicated_at", _("The data subjects cannot be told before we became aware of the breach."))
        if self.communication in EXEMPTIONS:
            if self.risk != Risk.HIGH:
                error("communication", _("Art. 34(3) exemptions apply only where the risk is high."))
            if not self.exemption_reasons.strip():
                error("exemption_reasons", _("Art. 34(3): record why the condition is met."))
        if self.communication == Communication.DISPROPORTIONATE and not self.communication_means.strip():
            error("communication_means", _("Art. 34(3)(c): describe the public communication that informs people "
                                           "instead."))
        if self.status == Status.CLOSED and self.risk == Risk.HIGH and not self.communication:
            error("communication", _("Art. 34: a high risk means telling the data subjects, or recording the Art. "
                                     "34(3) exemption, before closing."))

    # The clock

    @property
    def is_clock_running(self) -> bool:
        return self.status == Status.ASSESSING and self.aware_at is not None and self.notified_at is None

    def hours_left(self, now: datetime.datetime | None = None) -> float | None:
        """Hours until the 72 hours run out (negative once past), while the decision is open."""
        if not self.is_clock_running:
            return None
        return hours_between(now or timezone.now(), self.notification_deadline or notification_deadline(self.aware_at))

    def is_overdue(self, now: datetime.datetime | None = None) -> bool:
        hours = self.hours_left(now)
        return hours is not None and hours < 0

    def is_due_soon(self, now: datetime.datetime | None = None) -> bool:
        hours = self.hours_left(now)
        return hours is not None and 0 <= hours <= DUE_SOON.total_seconds() / 3600

    @property
    def was_notified_late(self) -> bool:
        return bool(self.notified_at and self.aware_at and self.notified_at > notification_deadline(self.aware_at))

    @property
    def hours_to_notification(self) -> float | None:
        if not (self.notified_at and self.aware_at):
            return None
        return hours_between(self.aware_at, self.notified_at)

    # The record

    @property
    def contact_point(self) -> str:
        """Art. 33(3)(b): the DPO from the organisation, or the organisation's own contact details."""
        organisation = self.organisation
        parts = [organisation.dpo_name, organisation.dpo_email, organisation.dpo_phone]
        if not any(parts):
            parts = [organisation.name, organisation.email, organisation.phone]
        return ", ".join(part for part in parts if part)

    def categories_from_record(self) -> tuple[set[int], set[int]]:
        """The ids of the data subject and personal data categories of the linked activities (Art. 30(1)(c))."""
        activities = self.activities.all()
        subjects = DataSubjectCategory.objects.filter(processingactivity__in=activities).values_list("pk", flat=True)
        data = PersonalDataCategory.objects.filter(processingactivity__in=activities).values_list("pk", flat=True)
        return set(subjects), set(data)

    def prefill_categories(self) -> bool:
        """Fill empty category lists from the linked activities; True if anything was filled."""
        subjects, data = self.categories_from_record()
        filled = False
        if subjects and not self.data_subject_categories.exists():
            self.data_subject_categories.set(subjects)
            filled = True
        if data and not self.personal_data_categories.exists():
            self.personal_data_categories.set(data)
            filled = True
        return filled

    def allowed_moves(self) -> list[str]:
        return sorted(ALLOWED_MOVES[self.status])


class Notice(models.Model):
    """Art. 33(4): one phase of the notification to Datatilsynet, with its date and what was sent."""

    class Kind(models.TextChoices):
        INITIAL = "initial", _("Initial notification")
        FOLLOW_UP = "follow_up", _("Follow-up with further information")
        FINAL = "final", _("Final report")

    breach = models.ForeignKey(Breach, verbose_name=_("breach"), on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.INITIAL)
    sent_at = models.DateTimeField(_("sent"))
    content = models.TextField(_("what was sent"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["breach", "sent_at", "pk"]
        verbose_name = _("notice to Datatilsynet")
        verbose_name_plural = _("notices to Datatilsynet")
        default_permissions = BREACH_PERMISSIONS
        constraints = [
            models.UniqueConstraint(
                fields=["breach"], condition=Q(kind="initial"), name="breach_one_initial_notice",
                violation_error_message=_("A breach has one initial notification; later ones are follow-ups."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {timezone.localtime(self.sent_at):%Y-%m-%d %H:%M}" if self.sent_at else ""

    def clean(self) -> None:
        if self.sent_at and self.sent_at > timezone.now():
            raise ValidationError({"sent_at": _("This cannot be in the future.")})
        breach = self.breach if self.breach_id else None
        if breach and breach.aware_at and self.sent_at and self.sent_at < breach.aware_at:
            raise ValidationError({"sent_at": _("A notice cannot be sent before we became aware of the breach.")})
        if breach and self.sent_at and self.kind == self.Kind.INITIAL:
            self._clean_initial(breach)

    def _clean_initial(self, breach: Breach) -> None:
        """The initial notice is the notification the breach records: both say when Datatilsynet was told (Art.
        33(1)), so the 72-hour check and the register cannot disagree. In the admin the breach is the form's,
        with the values being saved, so correcting both in one save passes."""
        if breach.notified_at is None:
            raise ValidationError({"sent_at": _(
                "An initial notification means the breach was notified: record it on the breach as notified, at "
                "the same time."
            )})
        if _to_the_minute(breach.notified_at) != _to_the_minute(self.sent_at):
            raise ValidationError({"sent_at": _(
                "The initial notification and the breach's “notified” time must agree: the breach says %(notified)s."
            ) % {"notified": f"{timezone.localtime(breach.notified_at):%Y-%m-%d %H:%M}"}})


def _to_the_minute(moment: datetime.datetime) -> datetime.datetime:
    return moment.replace(second=0, microsecond=0)
