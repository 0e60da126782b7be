"""What the privacy notice says (Art. 13 and 14), written from the parts of the record in plain words.

Only structured data and the wording meant for data subjects reach the notice: an activity's `public_description`,
`public_source`, `provision_consequences` and `automated_decision_description`, a purpose's `description` and
`legitimate_interest`, a retention rule's `description` only where it is the rule itself (no duration). The
officer's free text (activity description, recipients and source in detail, balancing tests, internal notes,
processor and transfer notes) never does. An activity with a gap is withheld and listed for the officer, never
half-promised in public.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from requests.authorities import Authority, supervisory_authority
from ropa.history.as_of import end_of_day
from ropa.models import (
    AdequacyDecision,
    Art30Item,
    LegalBasis,
    NoticeIntroduction,
    Organisation,
    PersonalDataCategory,
    ProcessingActivity,
    Processor,
    ProcessorUse,
    Purpose,
    RetentionRule,
    Transfer,
    YesNoUnknown,
)
from ropa.models.notice import NOTICE_LANGUAGES
from ropa.notice.sources import ActivityParts, RecordParts
from ropa.notice.wording import Wording

Basis = LegalBasis.Article6
Source = ProcessingActivity.SourceKind

# Data collected from the data subject, whether handed over or observed (cookies, logs: WP260 rev.01 para. 26),
# is Art. 13, with its 13(2)(e); mixed sources are partly that. Any other source is Art. 14.
FROM_THE_DATA_SUBJECT = {Source.DATA_SUBJECT, Source.OBSERVED, Source.MIXED}
# Art. 14(2)(f): where data comes from someone else, the data subject is told the source itself, not only its kind.
SOURCE_TO_NAME = {Source.THIRD_PARTY, Source.PUBLIC, Source.MIXED}


@dataclass
class PurposeText:
    description: str
    bases: list[str]


@dataclass
class TransferText:
    recipient: str
    destination: str
    safeguard: str
    copy_on_request: bool


@dataclass
class ProcessorGroup:
    role: str
    names: list[str]


@dataclass
class Section:
    """One activity as the notice tells it."""

    name: str
    public_description: str
    purposes: list[PurposeText]
    data_subjects: list[str]
    data_categories: list[str]
    source: str  # the kind; empty when the data comes from the data subject alone (Art. 13)
    source_detail: str  # the source itself, in the officer's words for data subjects (Art. 14(2)(f))
    recipients: list[str]
    joint_controllers: list[str]
    processor_groups: list[ProcessorGroup]
    transfers: list[TransferText]
    retention: list[str]
    provision: str
    provision_consequences: str
    automated_decisions: str
    profiling: bool = False  # Art. 4(4): said under the activity, so the notice never denies it


@dataclass
class Withheld:
    """An activity the notice leaves out, and why, for the officer's preview."""

    activity: ProcessingActivity
    reasons: list[str]


@dataclass
class Notice:
    organisation: Organisation
    language: str
    authority: Authority
    introduction: str
    introduction_language: str
    sections: list[Section]
    withheld: list[Withheld]
    last_changed: datetime.datetime | None
    as_of: datetime.date | None
    has_consent: bool = False
    may_object: bool = False
    may_port: bool = False
    has_automated_decisions: bool = False
    has_profiling: bool = False
    has_copy_on_request: bool = False
    # A withheld activity may make automated decisions: then the notice cannot promise that none are made.
    withheld_automated: bool = False
    # What is not yet written in `language` (the notice is not offered in it until both are empty).
    missing_wording: list[str] = field(default_factory=list)
    missing_labels: list[str] = field(default_factory=list)
    published_at: datetime.datetime | None = None  # set on the copy that is published (ropa/notice/publishing.py)

    @property
    def is_written(self) -> bool:
        return not self.missing_wording and not self.missing_labels

    @property
    def blocking(self) -> list[Withheld]:
        """Art. 13 and 14: an activity in use that the notice cannot tell stops publication; a draft does not."""
        return [item for item in self.withheld if item.activity.status == ProcessingActivity.Status.ACTIVE]


def basis_in_plain_words(purpose: Purpose, wording: Wording | None = None) -> list[str]:
    """Art. 13(1)(c) and (d): the legal basis as a reader understands it, the article in brackets."""
    interest = wording.say(purpose.legitimate_interest) if wording else purpose.legitimate_interest.strip()
    reference = purpose.legal_reference.strip()
    article6 = {
        Basis.CONSENT: _("You have given your consent (GDPR Art. 6(1)(a))."),
        Basis.CONTRACT: _(
            "It is necessary to fulfil a contract with you, or to do what you ask before we enter into one "
            "(GDPR Art. 6(1)(b))."
        ),
        Basis.LEGAL_OBLIGATION: _("The law requires it of us: %(law)s (GDPR Art. 6(1)(c)).") % {"law": reference},
        Basis.VITAL_INTERESTS: _(
            "It is necessary to protect your life or health, or someone else's (GDPR Art. 6(1)(d))."
        ),
        Basis.PUBLIC_TASK: _("It is necessary for a task in the public interest (GDPR Art. 6(1)(e)).")
        if not reference else _("It is necessary for a task in the public interest: %(law)s (GDPR Art. 6(1)(e)).")
        % {"law": reference},
        Basis.LEGITIMATE_INTERESTS: _(
            "It is necessary for our legitimate interest: %(interest)s (GDPR Art. 6(1)(f))."
        ) % {"interest": interest},
    }
    texts = [article6[purpose.article6]] if purpose.article6 in article6 else []
    if purpose.article9:
        texts.append(_("For special categories of personal data: %(condition)s.") % {
            "condition": LegalBasis.label(purpose.article9),
        })
    if purpose.article10:
        texts.append(_("For data about criminal convictions and offences: %(basis)s.") % {
            "basis": LegalBasis.label(purpose.article10),
        })
    return texts


def _kept_for(duration: int, unit: str) -> str:
    """'kept for 1 year', '5 years': the unit agrees with the number in each language (ngettext)."""
    Unit = RetentionRule.Unit
    if unit == Unit.DAYS:
        return ngettext("kept for %(count)d day", "kept for %(count)d days", duration) % {"count": duration}
    if unit == Unit.MONTHS:
        return ngettext("kept for %(count)d month", "kept for %(count)d months", duration) % {"count": duration}
    return ngettext("kept for %(count)d year", "kept for %(count)d years", duration) % {"count": duration}


def retention_in_plain_words(rule: RetentionRule, wording: Wording | None = None) -> str:
    """Art. 13(2)(a): how long, from when, under which rule; for which data when the rule names a category."""
    if rule.duration is None:
        text = wording.say(rule.description) if wording else rule.description.strip()
    else:
        text = _("%(kept_for)s from the %(event)s") % {
            "kept_for": _kept_for(rule.duration, rule.unit), "event": rule.get_runs_from_display(),
        }
        if rule.legal_reference:
            text = f"{text} ({rule.legal_reference})"
    category = rule.personal_data_category
    if category:
        return f"{wording.label(category) if wording else category.label}: {text}"
    return text[:1].upper() + text[1:]


def safeguard_in_plain_words(transfer: Transfer, decisions: list[AdequacyDecision]) -> tuple[str, bool]:
    """Art. 13(1)(f): what protects the data abroad, and whether a copy can be had from us (Art. 46 and 47)."""
    if transfer.tool == Transfer.Tool.ADEQUACY:
        decision = next((d for d in decisions if _decides_on(d, transfer)), None)
        if decision and decision.certified_recipients_only:
            # The EU–US decision covers recipients certified under the Data Privacy Framework, not the country.
            text = _("The European Commission has decided that recipients certified under the EU–US Data Privacy "
                     "Framework protect personal data adequately, and this recipient is certified (GDPR Art. 45)")
        else:
            text = _("The European Commission has decided that the destination protects personal data adequately "
                     "(GDPR Art. 45)")
        return (f"{text}: {decision.reference_in_words()}" if decision else text), False
    if transfer.tool == Transfer.Tool.SCC:
        return _("The EU standard contractual clauses, Commission Decision (EU) 2021/914 (GDPR Art. 46(2)(c))"), True
    if transfer.tool == Transfer.Tool.DEROGATION:
        return transfer.get_derogation_display(), False
    return transfer.get_tool_display(), True


def _decides_on(decision: AdequacyDecision, transfer: Transfer) -> bool:
    if transfer.destination_country:
        return decision.country == transfer.destination_country
    return decision.international_organisation.casefold() == transfer.international_organisation.strip().casefold()


def gaps(parts: ActivityParts) -> list[str]:
    """What the notice would need before it may tell this activity in public; empty when it may.

    First the Art. 30 items the record itself misses, then what the notice needs beyond them. A check of the
    notice's that says again what a missing item says (no retention period when (f) is missing) is left out,
    so that each gap is listed once.
    """
    activity = parts.activity
    missing = set(parts.record_gaps)
    found = [str(item.label) for item in parts.record_gaps]

    def check(item: Art30Item | None, failed: bool, reason: str) -> None:
        if failed and item not in missing:
            found.append(reason)

    if activity.status != ProcessingActivity.Status.ACTIVE:
        found.insert(0, _("The activity is a draft."))
    check(Art30Item.PURPOSES, not parts.purposes, _("No purpose is recorded (Art. 13(1)(c))."))
    for purpose in parts.purposes:
        check(Art30Item.LEGAL_BASIS, not purpose.article6,
              _("“%(purpose)s” has no legal basis (Art. 13(1)(c)).") % {"purpose": purpose})
        check(None, purpose.article6 == Basis.LEGITIMATE_INTERESTS and not purpose.legitimate_interest.strip(),
              _("“%(purpose)s” rests on legitimate interests, but the interest pursued is not written "
                "for data subjects (Art. 13(1)(d)).") % {"purpose": purpose})
        check(Art30Item.LEGAL_BASIS,
              purpose.article6 == Basis.LEGAL_OBLIGATION and not purpose.legal_reference.strip(),
              _("“%(purpose)s” rests on a legal obligation, but names no law (Art. 6(3)).") % {"purpose": purpose})
    kinds = {category.kind for category in parts.personal_data_categories}
    check(Art30Item.LEGAL_BASIS,
          PersonalDataCategory.Kind.SPECIAL in kinds and not any(p.article9 for p in parts.purposes),
          _("Special category data has no condition from Art. 9(2)."))
    check(Art30Item.LEGAL_BASIS,
          PersonalDataCategory.Kind.CRIMINAL in kinds and not any(p.article10 for p in parts.purposes),
          _("Data on criminal offences has no Art. 10 basis."))
    check(Art30Item.CATEGORIES, not parts.data_subject_categories or not parts.personal_data_categories,
          _("The categories of data subjects or of personal data are missing (Art. 14(1)(d))."))
    check(Art30Item.RECIPIENTS, not parts.recipient_categories and not parts.processors,
          _("No recipient or category of recipients is recorded (Art. 13(1)(e))."))
    check(Art30Item.TRANSFERS, activity.transfers_outside_eea == YesNoUnknown.UNKNOWN,
          _("It is not recorded whether data leaves the EEA (Art. 13(1)(f))."))
    check(Art30Item.TRANSFERS, activity.transfers_outside_eea == YesNoUnknown.YES and not parts.transfers,
          _("Data leaves the EEA, but no transfer is recorded (Art. 13(1)(f))."))
    check(Art30Item.TRANSFERS, any(not transfer.valid_safeguard for transfer in parts.transfers),
          _("A transfer has no valid safeguard (Art. 13(1)(f))."))
    check(Art30Item.RETENTION, not parts.retention_rules, _("No retention period is recorded (Art. 13(2)(a))."))
    check(None, not activity.source_kind, _("The source of the data is not recorded (Art. 14(2)(f))."))
    check(None, activity.source_kind in SOURCE_TO_NAME and not activity.public_source.strip(),
          _("The data comes from someone else, but its source is not written for data subjects "
            "(Art. 14(2)(f))."))
    check(None, activity.source_kind in FROM_THE_DATA_SUBJECT and not activity.provision_requirement,
          _("It is not recorded whether providing the data is required (Art. 13(2)(e))."))
    check(None, activity.automated_decision_making and not activity.automated_decision_description.strip(),
          _("Automated decisions are made, but their logic and consequences are not described "
            "(Art. 13(2)(f))."))
    return list(dict.fromkeys(found))


def section_for(parts: ActivityParts, decisions: list[AdequacyDecision], wording: Wording) -> Section:
    activity = parts.activity
    say, label = wording.say, wording.label
    groups = []
    for role, role_label in Processor.Role.choices:
        names = sorted({p.name for p in parts.processors if p.role == role})
        if names:
            groups.append(ProcessorGroup(str(role_label), names))
    transfers = []
    for transfer in parts.transfers:
        safeguard, copy = safeguard_in_plain_words(transfer, decisions)
        transfers.append(TransferText(transfer.recipient_name, transfer.destination, safeguard, copy))
    from_subject_alone = activity.source_kind == Source.DATA_SUBJECT
    return Section(
        name=say(activity.name),
        public_description=say(activity.public_description),
        purposes=[
            PurposeText(say(purpose.description), basis_in_plain_words(purpose, wording)) for purpose in parts.purposes
        ],
        data_subjects=[label(category) for category in parts.data_subject_categories],
        data_categories=[label(category) for category in parts.personal_data_categories],
        source="" if from_subject_alone else activity.get_source_kind_display(),
        source_detail="" if from_subject_alone else say(activity.public_source),
        recipients=[label(category) for category in parts.recipient_categories],
        joint_controllers=[organisation.name for organisation in parts.joint_controllers],
        processor_groups=groups,
        transfers=transfers,
        retention=[retention_in_plain_words(rule, wording) for rule in parts.retention_rules],
        provision=activity.get_provision_requirement_display() if activity.source_kind in FROM_THE_DATA_SUBJECT
        else "",
        provision_consequences=say(activity.provision_consequences),
        automated_decisions=say(activity.automated_decision_description) if activity.automated_decision_making
        else "",
        profiling=activity.profiling,
    )


def notice_language(language: str | None = None) -> str:
    """One of the notice's languages: `language`, else the active one; 'no' and 'nn' readers get Bokmål."""
    code = (language or translation.get_language() or "nb")[:2]
    code = "nb" if code in ("no", "nn") else code
    return code if code in NOTICE_LANGUAGES else "en"


def write_notice(parts: RecordParts, as_of: datetime.date | None = None, language: str | None = None) -> Notice:
    """The notice for one controller in `language` (the active one by default): every ready activity told, every
    other one withheld with its gaps, and what is not yet written in that language listed."""
    language = notice_language(language)
    # What is missing is told to the officer, in the officer's language; the notice itself in its own.
    found_gaps = [gaps(activity_parts) for activity_parts in parts.activities]
    with translation.override(language):
        return _write_notice(parts, as_of, language, found_gaps)


def _write_notice(parts: RecordParts, as_of: datetime.date | None, language: str, found_gaps: list) -> Notice:
    organisation = parts.organisation
    decisions = list(AdequacyDecision.objects.all())
    ready, withheld = [], []
    for activity_parts, found in zip(parts.activities, found_gaps, strict=True):
        if found:
            withheld.append(Withheld(activity_parts.activity, found))
        else:
            ready.append(activity_parts)
    wording = Wording(organisation, language)
    sections = [section_for(activity_parts, decisions, wording) for activity_parts in ready]
    purposes = [purpose for activity_parts in ready for purpose in activity_parts.purposes]
    # Only the introduction written in this language: another language's would make the page a mixed one.
    introduction = getattr(parts.introduction, f"text_{language}", "").strip() if parts.introduction else ""
    return Notice(
        organisation=organisation,
        language=language,
        authority=supervisory_authority(organisation.country.code),
        introduction=introduction,
        introduction_language=language,
        sections=sections,
        withheld=withheld,
        last_changed=last_changed(organisation, as_of),
        as_of=as_of,
        has_consent=any(p.article6 == Basis.CONSENT or p.article9 in LegalBasis.CONSENT_BASES for p in purposes),
        # Art. 21(1): objection where the basis is Art. 6(1)(e) or (f); Art. 20(1)(a): portability for (a) or (b).
        may_object=any(p.article6 in (Basis.PUBLIC_TASK, Basis.LEGITIMATE_INTERESTS) for p in purposes),
        may_port=any(p.article6 in (Basis.CONSENT, Basis.CONTRACT) for p in purposes),
        has_automated_decisions=any(section.automated_decisions for section in sections),
        has_profiling=any(section.profiling for section in sections),
        has_copy_on_request=any(t.copy_on_request for section in sections for t in section.transfers),
        withheld_automated=any(w.activity.automated_decision_making for w in withheld),
        missing_wording=wording.missing,
        missing_labels=wording.missing_labels,
    )


def last_changed(organisation: Organisation, as_of: datetime.date | None) -> datetime.datetime | None:
    """The latest change to anything the notice is written from, by the record's history (one query per model)."""
    activity_ids = ProcessingActivity.history.filter(organisation_id=organisation.pk).values("id")
    histories = [
        Organisation.history.filter(id=organisation.pk),
        NoticeIntroduction.history.filter(organisation_id=organisation.pk),
        ProcessingActivity.history.filter(organisation_id=organisation.pk),
        Purpose.history.filter(activity_id__in=activity_ids),
        RetentionRule.history.filter(activity_id__in=activity_ids),
        ProcessorUse.history.filter(activity_id__in=activity_ids),
        Transfer.history.filter(activity_id__in=activity_ids),
    ]
    moments = []
    for history in histories:
        if as_of is not None:
            history = history.filter(history_date__lt=end_of_day(as_of))
        moment = history.aggregate(latest=Max("history_date"))["latest"]
        if moment is not None:
            moments.append(moment)
    return max(moments, default=None)
