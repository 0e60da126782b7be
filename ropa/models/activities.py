"""The controller's record of processing activities (Art. 30(1)) and the parts each activity is made of."""

import datetime

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import (
    Aggregate,
    Case,
    Exists,
    Expression,
    ExpressionWrapper,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from ropa.models.base import RECORD_PERMISSIONS
from ropa.models.legal_bases import LegalBasis
from ropa.models.organisations import Organisation
from ropa.models.vocabularies import (
    DataSubjectCategory,
    PersonalDataCategory,
    RecipientCategory,
    SecurityMeasure,
    System,
)


class Art30Item(models.TextChoices):
    """The mandatory items of a controller's record, Art. 30(1)(a)–(g), and the checks ropa adds."""

    CONTROLLER = "a", _("(a) controller's name and contact details")
    PURPOSES = "b", _("(b) purposes of the processing")
    CATEGORIES = "c", _("(c) categories of data subjects and of personal data")
    RECIPIENTS = "d", _("(d) categories of recipients")
    TRANSFERS = "e", _("(e) transfers to third countries")
    RETENTION = "f", _("(f) time limits for erasure")
    SECURITY = "g", _("(g) security measures")
    LEGAL_BASIS = "basis", _("legal basis for every purpose (Art. 6, 9, 10)")
    DPA = "dpa", _("processors without an active data processing agreement (Art. 28)")
    DPIA = "dpia", _("a DPIA is required but none has been decided (Art. 35)")
    SCREENING = "screening", _("profiling or systematic monitoring not screened for a DPIA (Art. 35(1), (4))")

    @property
    def short_label(self) -> str:
        """A word or two for a narrow column, in the reader's language: never the code ("basis", "dpa")."""
        return _SHORT_LABELS[self]


_SHORT_LABELS = {
    Art30Item.CONTROLLER: pgettext_lazy("missing item", "controller"),
    Art30Item.PURPOSES: pgettext_lazy("missing item", "purposes"),
    Art30Item.CATEGORIES: pgettext_lazy("missing item", "categories"),
    Art30Item.RECIPIENTS: pgettext_lazy("missing item", "recipients"),
    Art30Item.TRANSFERS: pgettext_lazy("missing item", "transfers"),
    Art30Item.RETENTION: pgettext_lazy("missing item", "erasure"),
    Art30Item.SECURITY: pgettext_lazy("missing item", "security"),
    Art30Item.LEGAL_BASIS: pgettext_lazy("missing item", "legal basis"),
    Art30Item.DPA: pgettext_lazy("missing item", "processor agreement"),
    Art30Item.DPIA: pgettext_lazy("missing item", "DPIA"),
    Art30Item.SCREENING: pgettext_lazy("missing item", "DPIA screening"),
}


class YesNoUnknown(models.TextChoices):
    UNKNOWN = "unknown", _("Not assessed")
    YES = "yes", _("Yes")
    NO = "no", _("No")


def _missing_conditions() -> dict[str, Q]:
    """When each item counts as missing, over the activity's own fields and its stored facts: one place for the
    rule. The database filters with it (`incomplete()`, `complete()`, `with_completeness()`) and Python reads it
    for rows already fetched (`missing_items_of()`); tests hold the two equal.

    A new item is one entry here plus its facts: a field of the activity, or a fact in `_stored_facts()` or
    `_dated_facts()` (with the signals that keep it current in ropa/completeness/signals.py). Conditions are equality
    lookups joined by & | ~, so that both readers understand them.
    """
    return {
        # (a) names the joint controllers with their contact details too.
        Art30Item.CONTROLLER: Q(has_controller_contact=False) | Q(has_joint_controller_without_contact=True),
        Art30Item.PURPOSES: Q(has_purpose=False),
        Art30Item.CATEGORIES: Q(has_subjects=False) | Q(has_data=False),
        Art30Item.RECIPIENTS: Q(has_recipients=False),
        # (e) also needs each recorded transfer to have a valid safeguard, at least one when the answer is yes, and
        # one to every third country a processor of the activity works in.
        Art30Item.TRANSFERS: (
            Q(transfers_outside_eea=YesNoUnknown.UNKNOWN)
            | Q(transfers_outside_eea=YesNoUnknown.YES, has_transfer=False)
            | Q(has_transfer_without_safeguard=True)
            | Q(has_processor_country_without_transfer=True)
        ),
        # (f) "the different categories of data": a rule for each category, or one rule for all of them.
        Art30Item.RETENTION: Q(has_retention=False) | Q(has_data_without_retention=True),
        Art30Item.SECURITY: Q(has_security_measures=False, security_description=""),
        Art30Item.LEGAL_BASIS: (
            Q(has_purpose_without_basis=True)
            | Q(has_purpose_with_gap=True)
            | Q(has_special_data=True, has_article9=False)
            | Q(has_criminal_data=True, has_article10=False)
            | Q(has_national_id_data=True, national_id_justification="")
        ),
        Art30Item.DPA: Q(has_processor_without_dpa=True),
        # Art. 35(1): a decided DPIA in the record, or a link to one kept elsewhere.
        Art30Item.DPIA: Q(dpia_required=YesNoUnknown.YES, has_decided_dpia=False, dpia_link=""),
        # Art. 35(1) and (4), WP248 criteria 1 and 3: profiling or systematic monitoring asks for a screening.
        Art30Item.SCREENING: (
            Q(profiling=True, has_dpia_screening=False, has_decided_dpia=False)
            | Q(systematic_monitoring=True, has_dpia_screening=False, has_decided_dpia=False)
        ),
    }


class _SpaceSeparated(Aggregate):
    """The values of a group joined by spaces: STRING_AGG on PostgreSQL, GROUP_CONCAT on SQLite."""

    function = "STRING_AGG"
    template = "%(function)s(%(expressions)s, ' ')"
    output_field = models.TextField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function="GROUP_CONCAT", **extra)


def _basis_codes(activity) -> Expression:
    """Every Art. 6, 9 and 10 code of the activity's purposes, each with a space on both sides (the legal-basis
    filter looks for " 6.1.b "), in one column instead of a join to the purposes."""
    purposes = Purpose.objects.filter(activity=activity).order_by().values("activity")
    codes = purposes.annotate(codes=_SpaceSeparated(Concat(
        Value(" "), "article6", Value(" "), "article9", Value(" "), "article10", Value(" "),
        output_field=models.TextField(),
    ))).values("codes")
    return Coalesce(Subquery(codes), Value(""), output_field=models.TextField())


def _stored_facts(activity) -> dict[str, Expression]:
    """Facts about an activity's parts that only a save can change: kept on the row by `refresh_completeness()`.

    A changelist filter over 10,000 activities would otherwise run each of these subqueries once per row.
    """
    links = ProcessingActivity
    data_links = links.personal_data_categories.through.objects.filter(processingactivity=activity)
    purposes = Purpose.objects.filter(activity=activity)
    rules = RetentionRule.objects.filter(Q(duration__isnull=False) | ~Q(description=""))
    # A link to a category with no rule of its own (the rule's activity is the link's, one level further in).
    uncovered = data_links.filter(~Exists(rules.filter(
        activity=OuterRef("processingactivity"), personal_data_category=OuterRef("personaldatacategory"),
    )))
    return {
        # Art. 30(1)(a): the controller's contact details (an e-mail, a telephone number or an address).
        "has_controller_contact": Exists(
            Organisation.objects.filter(activities=activity).exclude(email="", phone="", address="")
        ),
        # Art. 30(1)(a): and those of every joint controller (Art. 26).
        "has_joint_controller_without_contact": Exists(links.joint_controllers.through.objects.filter(
            processingactivity=activity, organisation__email="", organisation__phone="", organisation__address="",
        )),
        "has_purpose": Exists(purposes),
        "has_purpose_without_basis": Exists(purposes.filter(article6="")),
        "has_purpose_with_gap": Exists(purposes.filter(_purpose_gaps())),
        "has_article9": Exists(purposes.exclude(article9="")),
        "has_article10": Exists(purposes.exclude(article10="")),
        "has_subjects": Exists(links.data_subject_categories.through.objects.filter(processingactivity=activity)),
        "has_data": Exists(data_links),
        "has_special_data": Exists(data_links.filter(personaldatacategory__kind=PersonalDataCategory.Kind.SPECIAL)),
        "has_criminal_data": Exists(data_links.filter(personaldatacategory__kind=PersonalDataCategory.Kind.CRIMINAL)),
        "has_recipients": Exists(links.recipient_categories.through.objects.filter(processingactivity=activity)),
        "has_retention": Exists(rules.filter(activity=activity)),
        # Art. 30(1)(f), Art. 5(1)(e): a category of data with no time limit, unless one rule covers all the data.
        "has_data_without_retention": Case(
            When(Exists(rules.filter(activity=activity, personal_data_category__isnull=True)), then=Value(False)),
            default=Exists(uncovered), output_field=models.BooleanField(),
        ),
        # personopplysningsloven § 12, dataskyddslagen 3 kap. 10 § (Art. 87): national identity numbers.
        "has_national_id_data": Exists(data_links.filter(personaldatacategory__national_identity_number=True)),
        "has_security_measures": Exists(links.security_measures.through.objects.filter(processingactivity=activity)),
        "has_transfer": Exists(_transfer_model().objects.filter(activity=activity)),
        # Art. 35(1): a decided DPIA in the record (a row of its own, ropa/models/dpia.py).
        "has_decided_dpia": Exists(_dpia_model().objects.filter(activity=activity).exclude(decision="")),
        "has_dpia_screening": Exists(_screening_model().objects.filter(activity=activity)),
        "basis_codes": _basis_codes(activity),
    }


def _dpia_model():
    return apps.get_model("ropa", "Dpia")  # by name: ropa/models/dpia.py imports this module


def _screening_model():
    from ropa.models.dpia import DpiaScreening  # dpia.py imports this module

    return DpiaScreening


def _transfer_model():
    return apps.get_model("ropa", "Transfer")  # by name: ropa/models/transfers.py imports this module


def _dated_facts(activity, today: datetime.date) -> dict[str, Exists]:
    """Facts that also change with the date alone: an agreement or an adequacy decision runs out, or one signed
    for a later day comes into force. Stored as they are on `completeness_on`; the first read on a later day
    works them out again (`ProcessingActivityQuerySet.bring_completeness_up_to_date()`), so the record is right
    on the morning an agreement lapses without anyone saving anything.
    """
    uses = apps.get_model("ropa", "ProcessorUse").objects  # by name: processors.py imports this module
    return {
        "has_transfer_without_safeguard": Exists(
            _transfer_model().objects.filter(activity=activity).without_valid_safeguard(today)
        ),
        "has_processor_without_dpa": Exists(
            uses.filter(activity=activity).without_agreement_in_force(today)
        ),
    }


def third_countries_without_transfer(processor_countries, transfer_countries) -> set[str]:
    """Art. 30(1)(e): the third countries a processor works in that no recorded transfer goes to.

    Israel is adequate and still a third country: data sent there is a transfer, recorded with its tool.
    """
    from ropa.models.transfers import is_in_eea  # transfers.py imports this module

    wanted = {str(country) for country in processor_countries if not is_in_eea(str(country))}
    return wanted - {str(country) for country in transfer_countries}


def _processor_country_gaps(activities: models.QuerySet) -> set[int]:
    """The activities using a processor that works in a third country with no transfer recorded to it: a transfer
    of the activity naming that processor (or naming none), or one recorded on the processor without an activity.
    Another processor's transfer to the same country does not count: Wix in the US is not Microsoft in the US.

    Worked out in Python: a processor's countries are one comma-separated column that SQL cannot take apart
    on both databases. Two queries, the second only when some processor works outside the EEA.
    """
    from ropa.models.processors import ProcessorUse  # processors.py imports this module

    uses = list(
        ProcessorUse.objects.filter(activity__in=activities.values("pk")).exclude(processor__countries="")
        .values_list("activity_id", "processor_id", "processor__countries")
    )
    uses = [
        (activity_id, processor_id, countries) for activity_id, processor_id, countries in uses
        if third_countries_without_transfer(countries.split(","), ())
    ]
    if not uses:
        return set()
    recorded: dict[tuple, set[str]] = {}
    rows = _transfer_model().objects.filter(
        Q(activity_id__in={use[0] for use in uses}) | Q(activity=None, processor_id__in={use[1] for use in uses})
    ).values_list("activity_id", "processor_id", "destination_country")
    for activity_id, processor_id, country in rows:
        recorded.setdefault((activity_id, processor_id), set()).add(country)
    return {
        activity_id for activity_id, processor_id, countries in uses
        if third_countries_without_transfer(
            countries.split(","),
            recorded.get((activity_id, processor_id), set()) | recorded.get((activity_id, None), set())
            | recorded.get((None, processor_id), set()),
        )
    }


STORED_FACTS = (
    "has_controller_contact", "has_purpose", "has_purpose_without_basis", "has_purpose_with_gap", "has_article9",
    "has_article10", "has_subjects", "has_data", "has_special_data", "has_criminal_data", "has_recipients",
    "has_retention", "has_security_measures", "has_transfer", "has_decided_dpia", "basis_codes",
    "has_joint_controller_without_contact", "has_data_without_retention", "has_national_id_data",
    "has_dpia_screening",
)
# Facts worked out in Python from rows read for the activities being refreshed (`_processor_country_gaps()`).
COMPUTED_FACTS = ("has_processor_country_without_transfer",)
DATED_FACTS = ("has_transfer_without_safeguard", "has_processor_without_dpa")
FACTS = STORED_FACTS + COMPUTED_FACTS + DATED_FACTS


def _missing_expressions() -> dict[str, ExpressionWrapper]:
    """`missing_<item>` for every item from `_missing_conditions()`, as SQL over the row's columns."""
    return {
        f"missing_{item}": ExpressionWrapper(condition, output_field=models.BooleanField())
        for item, condition in _missing_conditions().items()
    }


def _any_missing() -> Q:
    query = Q()
    for condition in _missing_conditions().values():
        query |= condition
    return query


def _holds(condition: Q, activity) -> bool:
    """Python's reading of a condition from `_missing_conditions()` for an activity already in memory."""
    outcomes = (
        _holds(child, activity) if isinstance(child, Q) else _value(activity, child[0]) == child[1]
        for child in condition.children
    )
    outcome = all(outcomes) if condition.connector == Q.AND else any(outcomes)
    return outcome != condition.negated


def _value(activity, path: str):
    value = activity
    for name in path.split("__"):
        value = getattr(value, name)
    return value


def missing_items_of(activity, conditions: dict | None = None) -> list["Art30Item"]:
    """The items missing from an activity fetched with fresh facts (see `attach_completeness()`), without a query."""
    conditions = conditions or _missing_conditions()
    return [item for item, condition in conditions.items() if _holds(condition, activity)]


def _purpose_gaps() -> Q:
    """Purposes with a detail missing that Purpose.legal_gaps() asks for (Arts. 6(1)(f), 6(3), 7(1), 9(2), 10)."""
    bases = LegalBasis.Article6
    consent = Q(article6=bases.CONSENT) | Q(article9=LegalBasis.Article9.EXPLICIT_CONSENT)
    needs_law = Q()
    for code in LegalBasis.BASES_IN_LAW:
        needs_law |= Q(**{_basis_field(code): code})
    return (
        Q(article6=bases.LEGITIMATE_INTERESTS, balancing_test="")
        | consent & (Q(consent_record="") | Q(consent_demonstrable=False))
        | needs_law & Q(legal_reference="")
    )


def _basis_field(code: str) -> str:
    return {"6": "article6", "9": "article9", "1": "article10"}[code[0]]


class ProcessingActivityQuerySet(models.QuerySet):
    def with_completeness(self) -> "ProcessingActivityQuerySet":
        """Annotate `missing_<item>` for every Art. 30 item, read from the row's columns in the same query."""
        self.bring_completeness_up_to_date()
        return self.select_related("organisation").annotate(**_missing_expressions())

    def incomplete(self) -> "ProcessingActivityQuerySet":
        """Activities with at least one Art. 30 item missing (the rule only filters: nothing extra is selected)."""
        self.bring_completeness_up_to_date()
        return self.filter(_any_missing())

    def complete(self) -> "ProcessingActivityQuerySet":
        """Activities that document every Art. 30 item."""
        self.bring_completeness_up_to_date()
        # Every item present, as a filter: exclude() of the same OR made PostgreSQL plan it per row (4.9 s).
        return self.alias(**_missing_expressions()).filter(**{f"missing_{item}": False for item in Art30Item})

    def with_basis(self, code: str) -> "ProcessingActivityQuerySet":
        """Activities with a purpose resting on this Art. 6, 9 or 10 basis (the admin's legal-basis filter)."""
        self.bring_completeness_up_to_date()
        return self.filter(basis_codes__contains=f" {code} ")

    def missing(self, item: "Art30Item") -> "ProcessingActivityQuerySet":
        """Activities missing exactly this item (the dashboard's links, the admin's missing-item filter)."""
        self.bring_completeness_up_to_date()
        return self.filter(_missing_conditions()[item])

    def attach_completeness(self, activities: list["ProcessingActivity"]) -> None:
        """Give activities just fetched (after `bring_completeness_up_to_date()`) their `missing_<item>` values,
        worked out in Python from the facts on their rows: no query (a changelist page)."""
        conditions = _missing_conditions()
        for activity in activities:
            missing = set(missing_items_of(activity, conditions))
            for item in Art30Item:
                setattr(activity, f"missing_{item}", item in missing)

    def refresh_completeness(self, facts: tuple[str, ...] = FACTS) -> int:
        """Recompute the stored facts of these activities from their parts, in one UPDATE (no history row:
        the facts are derived from the record, not part of it). A migration names the facts its columns hold.

        With the dated facts, they are worked out for today and `completeness_on` says so.
        """
        today = timezone.localdate()
        expressions = {**_stored_facts(OuterRef("pk")), **_dated_facts(OuterRef("pk"), today)}
        values = {name: expressions[name] for name in facts if name not in COMPUTED_FACTS}
        if "has_processor_country_without_transfer" in facts:
            gaps = _processor_country_gaps(self)
            values["has_processor_country_without_transfer"] = (
                Case(When(pk__in=gaps, then=Value(True)), default=Value(False)) if gaps else Value(False)
            )
        if set(DATED_FACTS) <= set(facts):
            values["completeness_on"] = today
        return self.order_by().update(**values)

    def bring_completeness_up_to_date(self, today: datetime.date | None = None) -> int:
        """Work the facts out again for every activity last worked out before today (or never: a bulk load that
        bypassed save()). Every completeness read calls this first: one indexed query on a day already done,
        one UPDATE of the whole record on the first read of a new day (`remind_deadlines` makes that read early).
        """
        stale = self.model.objects.using(self.db).filter(
            Q(completeness_on__lt=today or timezone.localdate()) | Q(completeness_on__isnull=True)
        )
        return stale.refresh_completeness() if stale.exists() else 0

    def review_overdue(self, today: datetime.date | None = None) -> "ProcessingActivityQuerySet":
        return self.filter(next_review__lt=today or timezone.localdate())


class ProcessingActivity(models.Model):
    """One processing activity in the controller's record (Art. 30(1))."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Active")
        RETIRED = "retired", _("Retired")

    class SourceKind(models.TextChoices):
        DATA_SUBJECT = "data_subject", _("From the data subject")
        THIRD_PARTY = "third_party", _("From a third party")
        PUBLIC = "public", _("From public sources")
        OBSERVED = "observed", _("Observed (e.g. cookies, logs)")
        MIXED = "mixed", _("Several sources")

    class ProvisionRequirement(models.TextChoices):
        """Art. 13(2)(e): whether the data subject must provide the data, and why."""

        STATUTORY = "statutory", _("Required by law")
        CONTRACTUAL = "contractual", _("Required by a contract")
        FOR_CONTRACT = "for_contract", _("Needed to enter into a contract")
        VOLUNTARY = "voluntary", _("Voluntary")

    class DpiaStatus(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        NOT_NEEDED = "not_needed", _("Not needed")

    # (a) who is responsible
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("controller"), on_delete=models.PROTECT, related_name="activities",
    )
    joint_controllers = models.ManyToManyField(
        Organisation, verbose_name=_("joint controllers"), blank=True, related_name="joint_activities",
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    department = models.CharField(_("department"), max_length=100, blank=True)
    owner = models.CharField(_("owner"), max_length=200, blank=True, help_text=_("The person or role responsible."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    # (c) whose data and which data
    data_subject_categories = models.ManyToManyField(
        DataSubjectCategory, verbose_name=_("categories of data subjects"), blank=True,
    )
    personal_data_categories = models.ManyToManyField(
        PersonalDataCategory, verbose_name=_("categories of personal data"), blank=True,
    )
    source_kind = models.CharField(_("source of the data"), max_length=15, choices=SourceKind.choices, blank=True)
    source_description = models.TextField(_("source, in detail"), blank=True)
    public_source = models.TextField(
        _("the source, in words for data subjects"), blank=True,
        help_text=_("Where the data comes from, when not from the data subject: shown in the privacy notice and in "
                    "answers to access requests (Art. 14(2)(f), Art. 15(1)(g)). The source in detail stays internal. "
                    "The privacy notice leaves the activity out until this is written."),
    )
    # (d) recipients
    recipient_categories = models.ManyToManyField(
        RecipientCategory, verbose_name=_("categories of recipients"), blank=True,
    )
    recipients_description = models.TextField(_("recipients, in detail"), blank=True)
    # (e) transfers
    transfers_outside_eea = models.CharField(
        _("transfers to third countries"), max_length=10, choices=YesNoUnknown.choices, default=YesNoUnknown.UNKNOWN,
        help_text=_("Art. 30(1)(e): say whether data leaves the EEA; each transfer is recorded with its safeguard."),
    )
    # (g) security
    security_measures = models.ManyToManyField(SecurityMeasure, verbose_name=_("security measures"), blank=True)
    security_description = models.TextField(_("security measures, in general"), blank=True)
    # recommended fields (section 1 of the reference)
    systems = models.ManyToManyField(System, verbose_name=_("systems"), blank=True)
    automated_decision_making = models.BooleanField(_("automated decision-making (Art. 22)"), default=False)
    profiling = models.BooleanField(_("profiling"), default=False)
    automated_decision_description = models.TextField(
        _("logic and consequences of automated decisions"), blank=True,
        help_text=_("Art. 15(1)(h): meaningful information about the logic involved and the consequences."),
    )
    is_high_risk = models.CharField(
        _("could the processing involve high risk?"), max_length=10, choices=YesNoUnknown.choices,
        default=YesNoUnknown.UNKNOWN,
    )
    systematic_monitoring = models.BooleanField(
        _("systematic monitoring"), default=False,
        help_text=_("People are watched or tracked systematically, online or in a place (WP248 criterion 3): the "
                    "activity asks for a DPIA screening."),
    )
    national_id_justification = models.TextField(
        _("why the national identity number is needed"), blank=True,
        help_text=_("Norway: personopplysningsloven § 12; Sweden: dataskyddslagen 3 kap. 10 §. Only where clearly "
                    "justified by the purpose, the need for secure identification or another important reason."),
    )
    dpia_required = models.CharField(
        _("DPIA required (Art. 35)"), max_length=10, choices=YesNoUnknown.choices, default=YesNoUnknown.UNKNOWN,
    )
    dpia_status = models.CharField(_("DPIA status"), max_length=15, choices=DpiaStatus.choices, blank=True)
    dpia_link = models.URLField(_("link to the DPIA"), blank=True)
    # What the data subject reads (privacy notice, answers to requests) is kept apart from the officer's notes.
    public_description = models.TextField(
        _("wording for data subjects"), blank=True,
        help_text=_("Plain words for the people whose data this is: used in the privacy notice and in answers "
                    "to rights requests (Art. 12(1))."),
    )
    provision_requirement = models.CharField(
        _("must the data subject provide the data? (Art. 13(2)(e))"), max_length=15,
        choices=ProvisionRequirement.choices, blank=True,
        help_text=_("Whether providing the data is a statutory or contractual requirement, or needed for a "
                    "contract, or voluntary. The privacy notice leaves the activity out until this is answered."),
    )
    provision_consequences = models.TextField(
        _("what happens if the data is not provided"), blank=True,
        help_text=_("In words for data subjects, shown in the privacy notice (Art. 13(2)(e))."),
    )
    internal_notes = models.TextField(
        _("internal notes"), blank=True,
        help_text=_("For the privacy officer and the auditor only: never shown to data subjects."),
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    next_review = models.DateField(_("next review"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Derived from the activity's parts by refresh_completeness() (see _stored_facts), so that the
    # completeness filter reads columns instead of running a dozen subqueries per row; not history.
    has_controller_contact = models.BooleanField(default=False, editable=False)
    has_purpose = models.BooleanField(default=False, editable=False)
    has_purpose_without_basis = models.BooleanField(default=False, editable=False)
    has_purpose_with_gap = models.BooleanField(default=False, editable=False)
    has_article9 = models.BooleanField(default=False, editable=False)
    has_article10 = models.BooleanField(default=False, editable=False)
    has_subjects = models.BooleanField(default=False, editable=False)
    has_data = models.BooleanField(default=False, editable=False)
    has_special_data = models.BooleanField(default=False, editable=False)
    has_criminal_data = models.BooleanField(default=False, editable=False)
    has_recipients = models.BooleanField(default=False, editable=False)
    has_retention = models.BooleanField(default=False, editable=False)
    has_security_measures = models.BooleanField(default=False, editable=False)
    has_transfer = models.BooleanField(default=False, editable=False)
    has_decided_dpia = models.BooleanField(default=False, editable=False)
    basis_codes = models.TextField(default="", editable=False)
    has_transfer_without_safeguard = models.BooleanField(default=False, editable=False)
    has_processor_without_dpa = models.BooleanField(default=False, editable=False)
    has_joint_controller_without_contact = models.BooleanField(default=False, editable=False)
    has_data_without_retention = models.BooleanField(default=False, editable=False)
    has_national_id_data = models.BooleanField(default=False, editable=False)
    has_dpia_screening = models.BooleanField(default=False, editable=False)
    has_processor_country_without_transfer = models.BooleanField(default=False, editable=False)
    # The day the facts were last worked out; the dated ones hold for that day (bring_completeness_up_to_date).
    completeness_on = models.DateField(null=True, editable=False)
    history = HistoricalRecords(
        m2m_fields=[
            joint_controllers, data_subject_categories, personal_data_categories,
            recipient_categories, security_measures, systems,
        ],
        excluded_fields=[*FACTS, "completeness_on"],
    )

    objects = ProcessingActivityQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("processing activity")
        verbose_name_plural = _("processing activities")
        default_permissions = RECORD_PERMISSIONS
        indexes = [
            models.Index(fields=["status"]), models.Index(fields=["next_review"]),
            models.Index(fields=["completeness_on"]), models.Index(fields=["department"]),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.last_reviewed and self.next_review and self.next_review < self.last_reviewed:
            raise ValidationError({"next_review": _("The next review cannot come before the last review.")})
        screening = getattr(self, "dpia_screening", None) if self.pk else None
        if screening is not None:
            # Art. 35(1): once screened, whether a DPIA is required is the screening's answer, not a free choice.
            self.dpia_required = YesNoUnknown.YES if screening.dpia_required else YesNoUnknown.NO
        if self.dpia_required == YesNoUnknown.YES and self.dpia_status == self.DpiaStatus.NOT_NEEDED:
            raise ValidationError({"dpia_status": _("Art. 35: a DPIA marked as required cannot be 'not needed'.")})
        if self.pk:
            self.check_legal_bases()
            if self.status != self.Status.DRAFT:
                gaps = [message for purpose in self.purposes.all() for message in purpose.legal_gaps().values()]
                if gaps:
                    raise ValidationError({"status": [_("Only a draft may have gaps in its legal bases.")] + gaps})
        self.check_transfers(getattr(self, "_recorded_transfers", None))

    def check_transfers(self, recorded: int | None = None) -> None:
        """Art. 30(1)(e): an activity that says it transfers data outside the EEA cannot be active with no transfer
        recorded; a draft may say so first.

        `recorded` is how many transfers the caller records with the activity, by default those saved. An unsaved
        activity is checked only when its caller says (the admin's add form: none), since the import and the demo
        write an activity's transfers after the activity.
        """
        if self.status != self.Status.ACTIVE or self.transfers_outside_eea != YesNoUnknown.YES:
            return
        if recorded is None:
            if self.pk is None:
                return
            recorded = self.transfers.count()
        if not recorded:
            raise ValidationError({"status": ValidationError(
                _("Art. 30(1)(e): the activity says it transfers personal data outside the EEA, but no transfer is "
                  "recorded. Keep it a draft, record each transfer with its safeguard (Arts. 44–49), then make it "
                  "active."),
                code="transfer_not_recorded",
            )})

    def check_legal_bases(
        self,
        data_categories: list[PersonalDataCategory] | None = None,
        purposes: list["Purpose"] | None = None,
    ) -> None:
        """Raise ValidationError if Art. 9 or Art. 10 data lacks its basis, unless the activity is a draft.

        A draft may hold the gap (an imported spreadsheet, work in progress); it cannot become active until
        the gap is closed. The admin passes the submitted, unsaved values; other callers get the saved ones.
        """
        if self.status == self.Status.DRAFT:
            return
        errors = self.legal_gaps(data_categories, purposes)
        if errors:
            raise ValidationError(errors)

    def legal_gaps(
        self,
        data_categories: list[PersonalDataCategory] | None = None,
        purposes: list["Purpose"] | None = None,
    ) -> list[ValidationError]:
        """What Art. 9(1)-(2), Art. 10 and the national rules on identity numbers (Art. 87) still require of this
        activity, whatever its status."""
        if data_categories is None:
            data_categories = list(self.personal_data_categories.all())
        if purposes is None:
            purposes = list(self.purposes.all())
        kinds = {category.kind for category in data_categories}
        errors = []
        if PersonalDataCategory.Kind.SPECIAL in kinds and not any(p.article9 for p in purposes):
            errors.append(ValidationError(
                _("Art. 9(2): special category data needs a condition from Art. 9(2) on at least one purpose."),
                code="article9_missing",
            ))
        if PersonalDataCategory.Kind.CRIMINAL in kinds and not any(p.article10 for p in purposes):
            errors.append(ValidationError(
                _("Art. 10: data on criminal convictions and offences needs an Art. 10 basis on at least one purpose."),
                code="article10_missing",
            ))
        if any(c.national_identity_number for c in data_categories) and not self.national_id_justification.strip():
            errors.append(ValidationError(
                _("The national identity number needs its own justification (personopplysningsloven § 12, "
                  "dataskyddslagen 3 kap. 10 §): say why it is needed."),
                code="national_id_unjustified",
            ))
        return errors

    @property
    def is_review_overdue(self) -> bool:
        return bool(self.next_review and self.next_review < timezone.localdate())

    def missing_items(self) -> list[Art30Item]:
        """The Art. 30(1) items this activity does not yet document, for a privacy officer to work through.

        Reads the annotations of `ProcessingActivityQuerySet.with_completeness()` or `attach_completeness()`,
        fetching them when absent (the facts on an instance in memory may be older than its parts).
        """
        source = self
        if not hasattr(self, f"missing_{Art30Item.CONTROLLER}"):
            source = ProcessingActivity.objects.with_completeness().get(pk=self.pk)
        return [item for item in Art30Item if getattr(source, f"missing_{item}")]

    @property
    def is_complete(self) -> bool:
        return not self.missing_items()


class Purpose(models.Model):
    """Art. 30(1)(b): one purpose of an activity with the legal basis it rests on (Art. 6, 9, 10)."""

    activity = models.ForeignKey(
        ProcessingActivity, verbose_name=_("processing activity"), on_delete=models.CASCADE, related_name="purposes",
    )
    description = models.CharField(_("purpose"), max_length=300)
    article6 = models.CharField(_("legal basis (Art. 6)"), max_length=6, choices=LegalBasis.Article6.choices)
    article9 = models.CharField(
        _("condition for special categories (Art. 9)"), max_length=6, choices=LegalBasis.Article9.choices, blank=True,
    )
    article10 = models.CharField(
        _("basis for criminal offence data (Art. 10)"), max_length=15, choices=LegalBasis.Article10.choices,
        blank=True,
    )
    legal_reference = models.CharField(
        _("legal reference"), max_length=300, blank=True,
        help_text=_("The law that sets the obligation or authorises the processing, e.g. bokføringsloven § 13."),
    )
    balancing_test = models.TextField(
        _("balancing test (legitimate interests)"), blank=True,
        help_text=_("Art. 6(1)(f): the legitimate interest assessment, or a link to it."),
    )
    legitimate_interest = models.TextField(
        _("the interest pursued (Art. 13(1)(d))"), blank=True,
        help_text=_("For legitimate interests: the interest, in words for data subjects, shown in the privacy "
                    "notice. The balancing test above stays internal."),
    )
    consent_record = models.CharField(
        _("where consent is recorded"), max_length=300, blank=True,
        help_text=_("Art. 7(1): the controller must be able to show that consent was given."),
    )
    direct_marketing = models.BooleanField(
        _("direct marketing"), default=False,
        help_text=_("Art. 21(2)-(3): an objection to direct marketing stops this purpose at once, whatever its basis."),
    )
    consent_demonstrable = models.BooleanField(
        _("each consent can be shown"), default=False,
        help_text=_("Art. 7(1): tick when the place above keeps, for each person, that, when and to what they "
                    "consented, and can show it. A note that no log exists does not count."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["activity", "pk"]
        verbose_name = _("purpose")
        verbose_name_plural = _("purposes")
        default_permissions = RECORD_PERMISSIONS
        # The documentation rules of clean() depend on the activity's status, which a CHECK on this table
        # cannot see: they are enforced in clean() here and in ProcessingActivity.clean().

    def __str__(self) -> str:
        return self.description

    def clean(self) -> None:
        """A purpose of a draft may have gaps (legal_gaps()); one of an active or retired activity may not."""
        activity = self._state.fields_cache.get("activity")
        if activity is None and self.activity_id is not None:
            activity = self.activity
        if activity is not None and activity.status == ProcessingActivity.Status.DRAFT:
            return
        errors = self.legal_gaps()
        if errors:
            raise ValidationError(errors)

    def legal_gaps(self) -> dict[str, str]:
        """The details the law asks of this purpose's bases and that are not yet recorded, by field."""
        errors = {}
        if self.article6 == LegalBasis.Article6.LEGITIMATE_INTERESTS and not self.balancing_test.strip():
            errors["balancing_test"] = _("Art. 6(1)(f): legitimate interests need a recorded balancing test.")
        if self.article6 in LegalBasis.CONSENT_BASES or self.article9 in LegalBasis.CONSENT_BASES:
            if not self.consent_record.strip():
                errors["consent_record"] = _("Art. 7(1): consent needs a reference to where consent is recorded.")
            elif not self.consent_demonstrable:
                errors["consent_demonstrable"] = _(
                    "Art. 7(1): the controller must be able to show each consent; confirm that the record above "
                    "keeps who consented, when and to what."
                )
        if not self.legal_reference.strip():
            if self.article6 == LegalBasis.Article6.LEGAL_OBLIGATION:
                errors["legal_reference"] = _("Art. 6(3): a legal obligation must name the law that lays it down.")
            elif self.article6 == LegalBasis.Article6.PUBLIC_TASK:
                errors["legal_reference"] = _(
                    "Art. 6(3): a task in the public interest or official authority must name the law that lays it "
                    "down."
                )
            elif self.article9 in LegalBasis.BASES_IN_LAW:
                errors["legal_reference"] = _(
                    "Art. 9(2): %(basis)s rests on Union or Member State law; name it."
                ) % {"basis": LegalBasis.label(self.article9)}
            elif self.article10 == LegalBasis.Article10.AUTHORISED_BY_LAW:
                errors["legal_reference"] = _("Art. 10: name the law that authorises processing of offence data.")
        return errors

    @property
    def bases(self) -> list[str]:
        """Every basis this purpose rests on, labelled with its article."""
        values = [self.article6, self.article9, self.article10]
        return [LegalBasis.label(value) for value in values if value]


class RetentionRule(models.Model):
    """Art. 30(1)(f): how long a category of data is kept, from which event, and under which rule."""

    class Unit(models.TextChoices):
        DAYS = "days", _("days")
        MONTHS = "months", _("months")
        YEARS = "years", _("years")

    class Event(models.TextChoices):
        COLLECTION = "collection", _("collection")
        END_OF_RELATIONSHIP = "end_of_relationship", _("end of the customer relationship")
        END_OF_FINANCIAL_YEAR = "end_of_financial_year", _("end of the financial year")
        END_OF_CALENDAR_YEAR = "end_of_calendar_year", _("end of the calendar year")
        CONSENT_WITHDRAWN = "consent_withdrawn", _("withdrawal of consent")
        ACCOUNT_CLOSED = "account_closed", _("closing of the account")
        LAST_ACTIVITY = "last_activity", _("last activity")
        OTHER = "other", _("other event (see description)")

    activity = models.ForeignKey(
        ProcessingActivity, verbose_name=_("processing activity"), on_delete=models.CASCADE,
        related_name="retention_rules",
    )
    personal_data_category = models.ForeignKey(
        PersonalDataCategory, verbose_name=_("category of personal data"), null=True, blank=True,
        on_delete=models.PROTECT, help_text=_("Leave empty when the rule covers all of the activity's data."),
    )
    duration = models.PositiveIntegerField(_("duration"), null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.YEARS)
    runs_from = models.CharField(_("counted from"), max_length=25, choices=Event.choices, default=Event.COLLECTION)
    legal_reference = models.CharField(_("legal reference"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["activity", "pk"]
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")
        default_permissions = RECORD_PERMISSIONS

    def __str__(self) -> str:
        return self.summary

    def clean(self) -> None:
        if self.duration is None and not self.description.strip():
            raise ValidationError(_("Give a duration, or describe when the data is erased."))

    @property
    def summary(self) -> str:
        if self.duration is None:
            return self.description
        text = _("%(duration)s %(unit)s from %(event)s") % {
            "duration": self.duration, "unit": self.get_unit_display(), "event": self.get_runs_from_display(),
        }
        return f"{text} ({self.legal_reference})" if self.legal_reference else text
