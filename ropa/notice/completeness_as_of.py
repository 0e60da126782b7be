"""Which Art. 30 items an activity lacked at the end of a past day, by the rule today's record uses.

Today's activities carry their completeness facts on the row (`_stored_facts()` and `_dated_facts()` in
ropa/models/activities.py), worked out in SQL from the live parts; history keeps none of them. For a past day
the same facts are worked out here from that day's snapshot (ropa/history/as_of.py) and set on the snapshot's
activity, so that `missing_items_of()` reads them through the one rule, `_missing_conditions()`. The dated facts
(an agreement in force, a valid transfer safeguard) are those of that day. A test holds these facts equal to the
stored ones on today's record, fact by fact (tests/notice/test_notice_completeness_as_of.py).
"""

import datetime
from collections.abc import Iterable

from ropa.history.as_of import ActivitySnapshot, end_of_day, latest_versions
from ropa.models import DataProcessingAgreement, Dpia, DpiaScreening, PersonalDataCategory, Processor, Transfer
from ropa.models.activities import (
    FACTS,
    Art30Item,
    _holds,
    _purpose_gaps,
    missing_items_of,
    third_countries_without_transfer,
)
from ropa.models.processors import IN_FORCE, DataProcessingAgreementQuerySet

# Not a completeness fact: the legal-basis filter's column.
UNUSED_FACTS = {"basis_codes"}


def decided_dpias(activity_ids: Iterable[int], moment: datetime.datetime) -> set[int]:
    """The activities that had a decided DPIA before `moment` (Art. 35(1))."""
    rows = latest_versions(Dpia, moment).filter(activity_id__in=activity_ids).exclude(decision="")
    return set(rows.values_list("activity_id", flat=True))


def screened(activity_ids: Iterable[int], moment: datetime.datetime) -> set[int]:
    """The activities screened for a DPIA before `moment` (Art. 35(1))."""
    rows = latest_versions(DpiaScreening, moment).filter(activity_id__in=activity_ids)
    return set(rows.values_list("activity_id", flat=True))


def processors_with_agreement(processor_ids: Iterable[int], day: datetime.date) -> set[int]:
    """The processors with an agreement in force on `day`, by the agreements as they stood then (Art. 28(3))."""
    rows = latest_versions(DataProcessingAgreement, end_of_day(day)).filter(processor_id__in=processor_ids)
    # The live rule, asked of the historical rows: they hold every column it reads.
    rows = DataProcessingAgreementQuerySet.with_status(rows, day).filter(status_value__in=IN_FORCE)
    return set(rows.values_list("processor_id", flat=True))


def facts_of(
    part: ActivitySnapshot,
    *,
    transfers: list[Transfer],
    processors: list[Processor],
    with_agreement: set[int],
    decided_dpia: bool,
    processor_transfers: dict[int, list[Transfer]] | None = None,
    screened: bool = False,
) -> dict[str, bool]:
    """The completeness facts of one activity on the snapshot's day, named as on the live row.

    `transfers` are the activity's own (not its processors'), each with `valid_safeguard` for that day;
    `processors` those it used that day, as they stood then; `processor_transfers` the transfers recorded on a
    processor without an activity, by processor.
    """
    activity, purposes, links = part.activity, part.purposes, part.links
    controller = activity.organisation
    data = links["personal_data_categories"]
    kinds = {category.kind for category in data}
    rules = [rule for rule in part.retention_rules if rule.duration is not None or rule.description != ""]
    covered = {rule.personal_data_category_id for rule in rules}
    processor_transfers = processor_transfers or {}
    return {
        # Art. 30(1)(a): an e-mail, a telephone number or an address.
        "has_controller_contact": bool(controller.email or controller.phone or controller.address),
        "has_joint_controller_without_contact": any(
            not (joint.email or joint.phone or joint.address) for joint in links["joint_controllers"]
        ),
        "has_purpose": bool(purposes),
        "has_purpose_without_basis": any(purpose.article6 == "" for purpose in purposes),
        "has_purpose_with_gap": any(_holds(_purpose_gaps(), purpose) for purpose in purposes),
        "has_article9": any(purpose.article9 != "" for purpose in purposes),
        "has_article10": any(purpose.article10 != "" for purpose in purposes),
        "has_subjects": bool(links["data_subject_categories"]),
        "has_data": bool(links["personal_data_categories"]),
        "has_special_data": PersonalDataCategory.Kind.SPECIAL in kinds,
        "has_criminal_data": PersonalDataCategory.Kind.CRIMINAL in kinds,
        "has_recipients": bool(links["recipient_categories"]),
        "has_retention": bool(rules),
        "has_data_without_retention": None not in covered and any(category.pk not in covered for category in data),
        "has_national_id_data": any(category.national_identity_number for category in data),
        "has_dpia_screening": screened,
        "has_processor_country_without_transfer": any(
            third_countries_without_transfer(processor.countries, [
                t.destination_country for t in [*transfers, *processor_transfers.get(processor.pk, [])]
                if t.processor_id in (None, processor.pk)
            ])
            for processor in processors
        ),
        "has_security_measures": bool(links["security_measures"]),
        "has_transfer": bool(transfers),
        "has_decided_dpia": decided_dpia,
        "has_transfer_without_safeguard": any(not transfer.valid_safeguard for transfer in transfers),
        "has_processor_without_dpa": any(
            processor.role in Processor.ROLES_NEEDING_AGREEMENT and processor.pk not in with_agreement
            for processor in processors
        ),
    }


def missing_items_as_of(part: ActivitySnapshot, facts: dict[str, bool]) -> list[Art30Item]:
    """Set the day's facts on the snapshot's activity and read them with today's rule."""
    for name, value in facts.items():
        setattr(part.activity, name, value)
    return missing_items_of(part.activity)


def facts_covered() -> set[str]:
    """The facts `facts_of()` must give: every stored fact the completeness rule may read."""
    return set(FACTS) - UNUSED_FACTS
