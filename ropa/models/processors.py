"""Processors, the activities that use them, and their data processing agreements (Art. 28).

`activity.processors.all()` gives the processors an activity uses; `activity.processor_uses.all()` gives the
links themselves, with the categories of data each processor receives.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from ropa.documents.files import dpa_document_path, private_storage, validate_pdf
from ropa.models.activities import ProcessingActivity
from ropa.models.base import DOCUMENT_PERMISSIONS, RECORD_PERMISSIONS
from ropa.models.organisations import Organisation
from ropa.models.vocabularies import DataSubjectCategory, PersonalDataCategory


class Clause(models.TextChoices):
    """What Art. 28(3)(a)–(h) requires a DPA to bind the processor to; every clause is mandatory."""

    INSTRUCTIONS = "a", _("(a) processes only on documented instructions, transfers to third countries included")
    CONFIDENTIALITY = "b", _("(b) people authorised to process the data are bound to confidentiality")
    SECURITY = "c", _("(c) takes the security measures Art. 32 requires")
    SUB_PROCESSORS = "d", _("(d) engages sub-processors only as Art. 28(2) and (4) allow")
    RIGHTS_REQUESTS = "e", _("(e) helps the controller answer data subjects' requests")
    ASSISTANCE = "f", _("(f) helps with security, breaches and DPIAs (Arts. 32–36)")
    DELETION = "g", _("(g) deletes or returns all personal data when the service ends")
    AUDITS = "h", _("(h) makes available what shows compliance and allows audits")


class DpaStatus(models.TextChoices):
    MISSING = "missing", _("Missing")
    INCOMPLETE = "incomplete", _("Incomplete")
    ACTIVE = "active", _("Active")
    DUE_FOR_REVIEW = "due_for_review", _("Due for review")
    EXPIRED = "expired", _("Expired")
    NOT_REQUIRED = "not_required", _("Not required")


# A processor's status is that of its best agreement, in this order; an agreement due for review still binds.
STATUS_PRECEDENCE = [DpaStatus.ACTIVE, DpaStatus.DUE_FOR_REVIEW, DpaStatus.INCOMPLETE, DpaStatus.EXPIRED]
IN_FORCE = [DpaStatus.ACTIVE, DpaStatus.DUE_FOR_REVIEW]


class ProcessorQuerySet(models.QuerySet):
    def with_dpa_status(self, today: datetime.date | None = None) -> "ProcessorQuerySet":
        """Annotate `dpa_status_value` (a DpaStatus) in the same query as the processors."""
        agreements = DataProcessingAgreement.objects.filter(processor=OuterRef("pk")).with_status(today)
        whens = [When(~Q(role__in=Processor.ROLES_NEEDING_AGREEMENT), then=Value(DpaStatus.NOT_REQUIRED))]
        whens += [
            When(Exists(agreements.filter(status_value=status)), then=Value(status)) for status in STATUS_PRECEDENCE
        ]
        return self.annotate(
            dpa_status_value=Case(*whens, default=Value(DpaStatus.MISSING), output_field=models.CharField())
        )


class Processor(models.Model):
    """A vendor that handles personal data for us, or a party we pass data to, and what it does (Art. 28)."""

    class Role(models.TextChoices):
        PROCESSOR = "processor", _("Processor (Art. 28)")
        SUB_PROCESSOR = "sub_processor", _("Sub-processor (Art. 28(2) and (4))")
        JOINT_CONTROLLER = "joint_controller", _("Joint controller (Art. 26)")
        INDEPENDENT_CONTROLLER = "independent_controller", _("Independent controller receiving data")

    # Art. 28(3) and (4): a processor, and a processor's processor, act under a written contract.
    ROLES_NEEDING_AGREEMENT = [Role.PROCESSOR, Role.SUB_PROCESSOR]

    # Art. 28(3): an agreement binds the processor to one controller, so each workspace keeps its own processor
    # and its own agreements, even when two clients both use Klarna.
    workspace = models.ForeignKey(
        "ropa.Workspace", verbose_name=_("workspace"), on_delete=models.PROTECT, related_name="processors",
        blank=True,
    )
    name = models.CharField(
        _("name"), max_length=200, help_text=_("The service as people here know it, e.g. Microsoft 365."),
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("legal entity"), on_delete=models.PROTECT, related_name="processors",
    )
    role = models.CharField(_("role"), max_length=25, choices=Role.choices, default=Role.PROCESSOR)
    service = models.TextField(_("what it does for us"))
    countries = CountryField(_("countries where it processes data"), multiple=True, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    sub_processors = models.ManyToManyField(
        "self", verbose_name=_("its sub-processors"), symmetrical=False, blank=True, related_name="engaged_by",
        help_text=_("The processors this one engages in turn (Art. 28(2) and (4))."),
    )
    activities = models.ManyToManyField(
        ProcessingActivity, verbose_name=_("processing activities"), through="ProcessorUse",
        related_name="processors", blank=True,
    )
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords(m2m_fields=[sub_processors])

    objects = ProcessorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("processor")
        verbose_name_plural = _("processors")
        default_permissions = RECORD_PERMISSIONS
        constraints = [models.UniqueConstraint(fields=["workspace", "name"], name="processor_name_per_workspace")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if self.workspace_id is None:
            self.workspace_id = self.organisation.workspace_id
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.organisation_id and self.workspace_id and self.organisation.workspace_id != self.workspace_id:
            raise ValidationError({"organisation": _("Choose an organisation of the same workspace.")})

    @property
    def needs_agreement(self) -> bool:
        return self.role in self.ROLES_NEEDING_AGREEMENT

    @property
    def dpa_status(self) -> DpaStatus:
        """The status of the processor's best agreement; read from `with_dpa_status()` when annotated."""
        if hasattr(self, "dpa_status_value"):
            return DpaStatus(self.dpa_status_value)
        if not self.needs_agreement:
            return DpaStatus.NOT_REQUIRED
        statuses = {agreement.status for agreement in self.agreements.all()}
        return next((status for status in STATUS_PRECEDENCE if status in statuses), DpaStatus.MISSING)

    def sub_processor_chain(self) -> list["ChainLink"]:
        """Every processor below this one, depth first, each once: two queries whatever the chain's length."""
        links = defaultdict(list)
        through = Processor.sub_processors.through
        # Siblings by name: `add(a, b)` inserts its rows in set order, so neither the pk nor the table's own order
        # says anything, and the chain must read the same on every database.
        rows = through.objects.order_by("to_processor__name", "to_processor_id")
        for parent, child in rows.values_list("from_processor_id", "to_processor_id"):
            links[parent].append(child)
        order: list[tuple[int, int]] = []
        seen = {self.pk}

        def walk(parent: int, depth: int) -> None:
            for child in links[parent]:
                if child not in seen:
                    seen.add(child)
                    order.append((child, depth))
                    walk(child, depth + 1)

        walk(self.pk, 1)
        processors = Processor.objects.in_bulk([pk for pk, _depth in order])
        return [ChainLink(processors[pk], depth) for pk, depth in order]


@dataclass
class ChainLink:
    processor: Processor
    depth: int


class ProcessorUseQuerySet(models.QuerySet):
    def without_agreement_in_force(self, today: datetime.date | None = None) -> "ProcessorUseQuerySet":
        """Uses of a processor that needs a DPA but has none active or due for review (Art. 28(3))."""
        in_force = DataProcessingAgreement.objects.filter(processor=OuterRef("processor")).in_force(today)
        return self.filter(processor__role__in=Processor.ROLES_NEEDING_AGREEMENT).filter(~Exists(in_force))


class ProcessorUse(models.Model):
    """An activity's use of a processor, with the categories of personal data the processor receives."""

    activity = models.ForeignKey(
        ProcessingActivity, verbose_name=_("processing activity"), on_delete=models.CASCADE,
        related_name="processor_uses",
    )
    processor = models.ForeignKey(
        Processor, verbose_name=_("processor"), on_delete=models.PROTECT, related_name="uses",
    )
    personal_data_categories = models.ManyToManyField(
        PersonalDataCategory, verbose_name=_("categories of personal data it receives"), blank=True,
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    history = HistoricalRecords(m2m_fields=[personal_data_categories])

    objects = ProcessorUseQuerySet.as_manager()

    class Meta:
        ordering = ["activity", "processor"]
        verbose_name = _("use of a processor")
        verbose_name_plural = _("uses of processors")
        default_permissions = RECORD_PERMISSIONS
        constraints = [models.UniqueConstraint(fields=["activity", "processor"], name="processor_used_once")]

    def __str__(self) -> str:
        return f"{self.activity} → {self.processor}"


def _clause_field(clause: Clause) -> models.BooleanField:
    return models.BooleanField(clause.label, default=False)


def _clause_note(clause: Clause) -> models.CharField:
    label = format_lazy(_("note on clause ({letter})"), letter=clause.value)
    return models.CharField(label, max_length=500, blank=True)


class DataProcessingAgreementQuerySet(models.QuerySet):
    def with_status(self, today: datetime.date | None = None) -> "DataProcessingAgreementQuerySet":
        """Annotate `status_value`; the SQL twin of `DataProcessingAgreement.status_on()` (tests hold them equal)."""
        today = today or timezone.localdate()
        unconfirmed = Q(signed_on__isnull=True) | Q(signed_on__gt=today)  # Art. 28(3): not signed yet
        for clause in Clause:
            unconfirmed |= Q(**{f"clause_{clause.value}": False})
        return self.annotate(
            status_value=Case(
                When(ends_on__lt=today, then=Value(DpaStatus.EXPIRED)),
                When(unconfirmed, then=Value(DpaStatus.INCOMPLETE)),
                When(next_review__lte=today, then=Value(DpaStatus.DUE_FOR_REVIEW)),
                default=Value(DpaStatus.ACTIVE),
                output_field=models.CharField(),
            )
        )

    def in_force(self, today: datetime.date | None = None) -> "DataProcessingAgreementQuerySet":
        return self.with_status(today).filter(status_value__in=IN_FORCE)


class DataProcessingAgreement(models.Model):
    """The written contract Art. 28(3) requires between us and a processor (databehandleravtale)."""

    class SubProcessorAuthorisation(models.TextChoices):
        SPECIFIC = "specific", _("Prior specific authorisation for each sub-processor")
        GENERAL = "general", _("General written authorisation, with notice of changes and a right to object")

    processor = models.ForeignKey(
        Processor, verbose_name=_("processor"), on_delete=models.PROTECT, related_name="agreements",
    )
    version = models.CharField(_("version"), max_length=50, blank=True)
    signed_on = models.DateField(_("signed"), null=True, blank=True)
    effective_from = models.DateField(_("effective from"), null=True, blank=True)
    ends_on = models.DateField(
        _("ends"), null=True, blank=True, help_text=_("Leave empty when it runs until terminated."),
    )
    next_review = models.DateField(_("next review"), null=True, blank=True)
    document = models.FileField(
        _("signed document (PDF)"), storage=private_storage, upload_to=dpa_document_path, validators=[validate_pdf],
        blank=True, max_length=200,
    )
    # Art. 28(3), first subparagraph: what the contract must set out.
    subject_matter = models.TextField(_("subject matter"), blank=True)
    duration = models.CharField(_("duration of the processing"), max_length=300, blank=True)
    nature_and_purpose = models.TextField(_("nature and purpose"), blank=True)
    personal_data_categories = models.ManyToManyField(
        PersonalDataCategory, verbose_name=_("types of personal data"), blank=True,
    )
    data_subject_categories = models.ManyToManyField(
        DataSubjectCategory, verbose_name=_("categories of data subjects"), blank=True,
    )
    clause_a = _clause_field(Clause.INSTRUCTIONS)
    clause_a_note = _clause_note(Clause.INSTRUCTIONS)
    clause_b = _clause_field(Clause.CONFIDENTIALITY)
    clause_b_note = _clause_note(Clause.CONFIDENTIALITY)
    clause_c = _clause_field(Clause.SECURITY)
    clause_c_note = _clause_note(Clause.SECURITY)
    clause_d = _clause_field(Clause.SUB_PROCESSORS)
    clause_d_note = _clause_note(Clause.SUB_PROCESSORS)
    clause_e = _clause_field(Clause.RIGHTS_REQUESTS)
    clause_e_note = _clause_note(Clause.RIGHTS_REQUESTS)
    clause_f = _clause_field(Clause.ASSISTANCE)
    clause_f_note = _clause_note(Clause.ASSISTANCE)
    clause_g = _clause_field(Clause.DELETION)
    clause_g_note = _clause_note(Clause.DELETION)
    clause_h = _clause_field(Clause.AUDITS)
    clause_h_note = _clause_note(Clause.AUDITS)
    sub_processor_authorisation = models.CharField(
        _("sub-processor authorisation (Art. 28(2))"), max_length=10, choices=SubProcessorAuthorisation.choices,
        blank=True,
    )
    sub_processor_notice_days = models.PositiveSmallIntegerField(
        _("notice of sub-processor changes (days)"), null=True, blank=True,
        help_text=_("Under a general authorisation: how long before a change the processor must tell us."),
    )
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords(m2m_fields=[personal_data_categories, data_subject_categories])

    objects = DataProcessingAgreementQuerySet.as_manager()

    class Meta:
        ordering = ["processor__name", "-signed_on"]
        verbose_name = _("data processing agreement")
        verbose_name_plural = _("data processing agreements")
        default_permissions = DOCUMENT_PERMISSIONS
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(ends_on__isnull=True) | Q(effective_from__isnull=True) | Q(ends_on__gte=F("effective_from"))
                ),
                name="dpa_ends_after_it_starts",
                violation_error_message=_("The agreement cannot end before it takes effect."),
            ),
        ]

    def __str__(self) -> str:
        if self.version:
            return _("DPA with %(processor)s, version %(version)s") % {
                "processor": self.processor, "version": self.version,
            }
        return _("DPA with %(processor)s") % {"processor": self.processor}

    def clean(self) -> None:
        errors = {}
        if self.ends_on and self.effective_from and self.ends_on < self.effective_from:
            errors["ends_on"] = _("The agreement cannot end before it takes effect.")
        if self.sub_processor_authorisation == self.SubProcessorAuthorisation.GENERAL and (
            self.sub_processor_notice_days is None
        ):
            errors["sub_processor_notice_days"] = _(
                "Art. 28(2): under a general authorisation the processor must announce changes in time for "
                "you to object; record the notice period."
            )
        if errors:
            raise ValidationError(errors)

    def missing_clauses(self) -> list[Clause]:
        """The Art. 28(3) clauses not yet confirmed in this agreement."""
        return [clause for clause in Clause if not getattr(self, f"clause_{clause.value}")]

    def status_on(self, today: datetime.date | None = None) -> DpaStatus:
        """Expired, then incomplete (not signed yet, or a clause unconfirmed), then due for review, else active."""
        today = today or timezone.localdate()
        if self.ends_on and self.ends_on < today:
            return DpaStatus.EXPIRED
        if self.signed_on is None or self.signed_on > today or self.missing_clauses():
            return DpaStatus.INCOMPLETE
        if self.next_review and self.next_review <= today:
            return DpaStatus.DUE_FOR_REVIEW
        return DpaStatus.ACTIVE

    @property
    def status(self) -> DpaStatus:
        if hasattr(self, "status_value"):
            return DpaStatus(self.status_value)
        return self.status_on()


class SubProcessorObjection(models.Model):
    """Art. 28(2): an objection we raised to a change of sub-processors the processor announced, and its outcome."""

    agreement = models.ForeignKey(
        DataProcessingAgreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="objections",
    )
    sub_processor = models.ForeignKey(
        Processor, verbose_name=_("sub-processor"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="objections",
    )
    change = models.CharField(_("announced change"), max_length=300)
    notified_on = models.DateField(_("notified"), null=True, blank=True)
    objected_on = models.DateField(_("objected"))
    grounds = models.TextField(_("grounds"))
    outcome = models.TextField(_("outcome"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "-objected_on"]
        verbose_name = _("objection to a sub-processor")
        verbose_name_plural = _("objections to sub-processors")
        default_permissions = RECORD_PERMISSIONS

    def __str__(self) -> str:
        return self.change
