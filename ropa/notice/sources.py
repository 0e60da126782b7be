"""The parts of a controller's record the notice is written from: as it stands now, or as it stood on a day.

Both give the same `ActivityParts`, so one set of rules (ropa/notice/content.py) writes the notice from
either; each runs a fixed number of queries whatever the size of the record.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils import timezone

from ropa.history.as_of import end_of_day, latest_versions, record_as_of
from ropa.models import (
    Art30Item,
    NoticeIntroduction,
    Organisation,
    PersonalDataCategory,
    ProcessingActivity,
    Processor,
    ProcessorUse,
    Purpose,
    RetentionRule,
    Transfer,
)
from ropa.models.transfers import TransferQuerySet
from ropa.notice.completeness_as_of import (
    decided_dpias,
    facts_of,
    missing_items_as_of,
    processors_with_agreement,
    screened,
)


@dataclass
class ActivityParts:
    """One activity with everything the notice says about it; transfers carry `valid_safeguard`."""

    activity: ProcessingActivity
    purposes: list[Purpose]
    retention_rules: list[RetentionRule]
    data_subject_categories: list
    personal_data_categories: list
    recipient_categories: list
    joint_controllers: list[Organisation]
    processors: list[Processor]
    transfers: list[Transfer]
    # The admin's Art. 30 check (the items missing): of the live rows, or of the snapshot of a past day.
    record_gaps: list[Art30Item] = field(default_factory=list)


@dataclass
class RecordParts:
    organisation: Organisation
    introduction: NoticeIntroduction | None
    activities: list[ActivityParts]


def live_parts(organisation: Organisation) -> RecordParts:
    """The controller's activities as they stand, with the admin's completeness annotated in the same query."""
    today = timezone.localdate()
    activities = (
        ProcessingActivity.objects.filter(organisation=organisation)
        .exclude(status=ProcessingActivity.Status.RETIRED)
        .with_completeness()
        .order_by("name", "pk")
        .prefetch_related(
            "purposes",
            Prefetch("retention_rules", RetentionRule.objects.select_related("personal_data_category")),
            "data_subject_categories", "personal_data_categories", "recipient_categories", "joint_controllers",
            Prefetch("processor_uses", ProcessorUse.objects.select_related("processor__organisation")),
            Prefetch("transfers", Transfer.objects.with_safeguard(today).select_related("processor")),
        )
    )
    activities = list(activities)
    processor_ids = {use.processor_id for activity in activities for use in activity.processor_uses.all()}
    by_processor = defaultdict(list)
    if processor_ids:
        for transfer in Transfer.objects.with_safeguard(today).filter(
            processor_id__in=processor_ids, activity__isnull=True,
        ).select_related("processor"):
            by_processor[transfer.processor_id].append(transfer)
    parts = []
    for activity in activities:
        processors = [use.processor for use in activity.processor_uses.all()]
        transfers = list(activity.transfers.all())
        for processor in processors:
            transfers.extend(by_processor[processor.pk])
        parts.append(ActivityParts(
            activity=activity,
            purposes=list(activity.purposes.all()),
            retention_rules=list(activity.retention_rules.all()),
            data_subject_categories=list(activity.data_subject_categories.all()),
            personal_data_categories=list(activity.personal_data_categories.all()),
            recipient_categories=list(activity.recipient_categories.all()),
            joint_controllers=list(activity.joint_controllers.all()),
            processors=processors,
            transfers=transfers,
            record_gaps=list(activity.missing_items()),
        ))
    introduction = NoticeIntroduction.objects.filter(organisation=organisation).first()
    return RecordParts(organisation, introduction, parts)


def parts_as_of(organisation: Organisation, day: datetime.date) -> RecordParts:
    """The controller's record as it stood at the end of `day`, rebuilt from history (ropa/history/as_of.py)."""
    moment = end_of_day(day)
    snapshot = record_as_of(day, organisation)
    organisations = snapshot.organisations
    activity_ids = [part.activity.pk for part in snapshot.activities]

    uses = defaultdict(list)
    for row in latest_versions(ProcessorUse, moment).filter(activity_id__in=activity_ids).order_by("id"):
        uses[row.activity_id].append(row.processor_id)
    processor_ids = {pk for ids in uses.values() for pk in ids}
    processors = {row.id: row.instance for row in latest_versions(Processor, moment).filter(id__in=processor_ids)}
    for processor in processors.values():
        if processor.organisation_id in organisations:
            processor.organisation = organisations[processor.organisation_id]

    transfer_rows = latest_versions(Transfer, moment).filter(
        Q(activity_id__in=activity_ids) | Q(processor_id__in=processor_ids, activity__isnull=True)
    ).order_by("id")
    # The same SQL rule as the live record's, asked of the historical rows (they share every column it reads).
    transfer_rows = TransferQuerySet.with_safeguard(transfer_rows, day)
    by_activity, by_processor = defaultdict(list), defaultdict(list)
    for row in transfer_rows:
        transfer = row.instance
        transfer.valid_safeguard = row.valid_safeguard
        if transfer.processor_id in processors:
            transfer.processor = processors[transfer.processor_id]
        if transfer.activity_id:
            by_activity[transfer.activity_id].append(transfer)
        else:
            by_processor[transfer.processor_id].append(transfer)

    category_ids = {
        rule.personal_data_category_id for part in snapshot.activities for rule in part.retention_rules
        if rule.personal_data_category_id
    }
    categories = PersonalDataCategory.objects.in_bulk(category_ids) if category_ids else {}
    # Art. 30 completeness on that day, by today's rule (ropa/notice/completeness_as_of.py).
    decided = decided_dpias(activity_ids, moment)
    screenings = screened(activity_ids, moment)
    with_agreement = processors_with_agreement(processor_ids, day)

    parts = []
    for part in snapshot.activities:
        activity = part.activity
        if activity.status == ProcessingActivity.Status.RETIRED:
            continue
        for rule in part.retention_rules:
            if rule.personal_data_category_id:
                rule.personal_data_category = categories.get(rule.personal_data_category_id)
        used = [processors[pk] for pk in uses[activity.pk] if pk in processors]
        own_transfers = by_activity[activity.pk]
        facts = facts_of(
            part, transfers=own_transfers, processors=used, with_agreement=with_agreement,
            decided_dpia=activity.pk in decided, processor_transfers=by_processor,
            screened=activity.pk in screenings,
        )
        transfers = list(own_transfers)
        for processor in used:
            transfers.extend(by_processor[processor.pk])
        parts.append(ActivityParts(
            activity=activity,
            purposes=part.purposes,
            retention_rules=part.retention_rules,
            data_subject_categories=part.links["data_subject_categories"],
            personal_data_categories=part.links["personal_data_categories"],
            recipient_categories=part.links["recipient_categories"],
            joint_controllers=part.links["joint_controllers"],
            processors=used,
            transfers=transfers,
            record_gaps=list(missing_items_as_of(part, facts)),
        ))
    introduction = next(
        (row.instance for row in latest_versions(NoticeIntroduction, moment).filter(organisation_id=organisation.pk)),
        None,
    )
    past_organisation = organisations.get(organisation.pk, organisation)
    return RecordParts(past_organisation, introduction, parts)
