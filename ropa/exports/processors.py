"""Processors, their agreements (Art. 28) and transfers (Arts. 44–49) as they stood at a moment, from history.

Like `ropa.history.as_of.record_as_of()`, a fixed number of queries: one per model and one for sub-processors.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.apps import apps
from django.db.models import Q

from ropa.exports.rows import LINE, country_name, display, labels, lines, name_of, remembered, row, yes_no
from ropa.history.as_of import activities_of, in_workspaces, latest_versions, rebuild
from ropa.models import AdequacyDecision, DataProcessingAgreement, DpaStatus, Processor, ProcessorUse, Transfer
from ropa.models.processors import STATUS_PRECEDENCE


@dataclass
class ProcessorsSnapshot:
    processors: dict[int, Processor] = field(default_factory=dict)
    sub_processors: dict[int, list[int]] = field(default_factory=dict)
    uses: dict[int, list[int]] = field(default_factory=dict)  # activity id -> processor ids
    agreements: dict[int, list[DataProcessingAgreement]] = field(default_factory=dict)
    transfers: list[Transfer] = field(default_factory=list)
    decisions: list[AdequacyDecision] = field(default_factory=list)
    by_activity: dict[int, list[Transfer]] = field(default_factory=dict)  # an activity's own transfers
    by_processor: dict[int, list[Transfer]] = field(default_factory=dict)  # transfers a processor makes

    @cached_property
    def destinations(self) -> list[tuple[str, str, AdequacyDecision]]:
        """Each decision with its country code and organisation name, read once rather than once per transfer."""
        return [
            (str(decision.country), decision.international_organisation.casefold(), decision)
            for decision in self.decisions
        ]

    def used_by(self) -> dict[int, list[int]]:
        """Processor id -> ids of the activities that use it."""
        result = defaultdict(list)
        for activity, processors in self.uses.items():
            for processor in processors:
                result[processor].append(activity)
        return result


def processors_as_of(
    moment: datetime.datetime, activity_ids: set[int], only_used: bool = False, narrowed: set[int] | None = None,
) -> ProcessorsSnapshot:
    """Processors and transfers of the activities in `activity_ids`; every processor, or with `only_used`
    those the activities use and the sub-processors below them (an export for one controller).

    `narrowed`, the organisations of a narrowed export, reads only the processors that may belong to their
    workspaces and the parts of their activities, so that one client's export costs the same in an install of
    many clients as alone (issue 23)."""
    snapshot = ProcessorsSnapshot()
    versions = {}
    processors, uses_of, agreements_of, transfers_of = (
        latest_versions(model, moment) for model in (Processor, ProcessorUse, DataProcessingAgreement, Transfer)
    )
    if narrowed is not None:
        processors = processors.filter(in_workspaces(narrowed))
        uses_of = uses_of.filter(activity_id__in=activities_of(narrowed))
    for history_id, processor in rebuild(Processor, processors):
        snapshot.processors[processor.pk] = processor
        versions[history_id] = processor.pk
    through = apps.get_model("ropa", "HistoricalProcessor_sub_processors")
    links = defaultdict(list)
    for history_id, child in through.objects.filter(history_id__in=list(versions)).values_list(
        "history_id", "to_processor_id",
    ):
        if child in snapshot.processors:
            links[versions[history_id]].append(child)
    snapshot.sub_processors = links
    uses = defaultdict(list)
    for activity_id, processor_id in uses_of.values_list("activity_id", "processor_id"):
        if processor_id in snapshot.processors and activity_id in activity_ids:
            uses[activity_id].append(processor_id)
    snapshot.uses = uses
    if only_used:
        _keep_used(snapshot, uses)
    if narrowed is not None:
        kept = list(snapshot.processors)
        agreements_of = agreements_of.filter(processor_id__in=kept)
        transfers_of = transfers_of.filter(
            Q(activity_id__in=activities_of(narrowed)) | Q(activity_id__isnull=True, processor_id__in=kept),
        )
    agreements = defaultdict(list)
    for _history_id, agreement in rebuild(DataProcessingAgreement, agreements_of.order_by("id")):
        agreements[agreement.processor_id].append(agreement)
    snapshot.agreements = agreements
    transfers = [transfer for _id, transfer in rebuild(Transfer, transfers_of.order_by("id"))]
    snapshot.transfers = [
        transfer for transfer in transfers
        if transfer.activity_id in activity_ids or (transfer.activity_id is None and transfer.processor_id in
                                                    snapshot.processors)
    ]
    snapshot.decisions = [decision for _history_id, decision in rebuild(AdequacyDecision,
                                                                         latest_versions(AdequacyDecision, moment))]
    snapshot.by_activity, snapshot.by_processor = defaultdict(list), defaultdict(list)
    for transfer in snapshot.transfers:
        if transfer.activity_id is not None:
            snapshot.by_activity[transfer.activity_id].append(transfer)
        else:
            snapshot.by_processor[transfer.processor_id].append(transfer)
    return snapshot


def _keep_used(snapshot: ProcessorsSnapshot, uses: dict[int, list[int]]) -> None:
    """Leave only the processors the activities use, with every sub-processor below them."""
    keep: set[int] = set()
    pending = [pk for processors in uses.values() for pk in processors]
    while pending:
        pk = pending.pop()
        if pk not in keep:
            keep.add(pk)
            pending.extend(snapshot.sub_processors.get(pk, []))
    snapshot.processors = {pk: p for pk, p in snapshot.processors.items() if pk in keep}


def best_agreement(
    processor: Processor, agreements: list[DataProcessingAgreement], day: datetime.date,
) -> tuple[DpaStatus, DataProcessingAgreement | None]:
    """Art. 28(3): the processor's status on `day` is that of its best agreement (as Processor.dpa_status)."""
    if not processor.needs_agreement:
        return DpaStatus.NOT_REQUIRED, None
    ranked = sorted(
        ((STATUS_PRECEDENCE.index(status), agreement) for agreement in agreements
         if (status := agreement.status_on(day)) in STATUS_PRECEDENCE),
        key=lambda pair: (pair[0], -(pair[1].pk or 0)),
    )
    if not ranked:
        return DpaStatus.MISSING, None
    agreement = ranked[0][1]
    return agreement.status_on(day), agreement


def adequacy_reference(transfer: Transfer, snapshot: ProcessorsSnapshot, day: datetime.date) -> str:
    """Art. 45: the decision covering the transfer's destination on `day`, if any (reference only)."""
    country = str(transfer.destination_country or "")
    organisation = transfer.international_organisation.strip().casefold()
    for decision_country, decision_organisation, decision in snapshot.destinations:
        same_place = (country and decision_country == country) or (
            organisation and decision_organisation == organisation
        )
        in_force = (decision.adopted_on is None or decision.adopted_on <= day) and (
            decision.expires_on is None or decision.expires_on >= day
        )
        covered = not decision.certified_recipients_only or transfer.recipient_dpf_certified
        if same_place and in_force and covered:
            return decision.reference_in_words()
    return ""


def dpa_statuses(snapshot: ProcessorsSnapshot, day: datetime.date) -> dict[int, tuple[DpaStatus, object]]:
    return {
        pk: best_agreement(processor, snapshot.agreements.get(pk, []), day)
        for pk, processor in snapshot.processors.items()
    }


def processor_lines(snapshot: ProcessorsSnapshot, statuses: dict) -> dict[int, str]:
    """Each processor with the status of its agreement, "Name: Active", worked out once per export."""
    return {pk: f"{processor.name}: {_status(statuses[pk][0])}" for pk, processor in snapshot.processors.items()}


def activity_processors(snapshot: ProcessorsSnapshot, named: dict[int, str], activity_id: int) -> str:
    """The processors an activity uses, a line each from processor_lines()."""
    return lines([named[pk] for pk in snapshot.uses.get(activity_id, ())])


def _status(status: DpaStatus) -> str:
    return remembered(("dpa_status", status), lambda: str(DpaStatus(status).label))


def _destination(transfer: Transfer) -> str:
    return country_name(transfer.destination_country) or transfer.international_organisation


def activity_transfers(snapshot: ProcessorsSnapshot, activity_id: int, day: datetime.date) -> list[str]:
    """Art. 30(1)(e): each transfer of the activity, its own or through a processor it uses, with its tool."""
    transfers = snapshot.by_activity.get(activity_id, [])
    if snapshot.by_processor:
        transfers = transfers + [
            transfer for pk in snapshot.uses.get(activity_id, ()) for transfer in snapshot.by_processor.get(pk, ())
        ]
    if not transfers:
        return []
    found = []
    for transfer in transfers:
        recipient = transfer.recipient or name_of(snapshot.processors, transfer.processor_id)
        tool = display(transfer, "tool")
        reference = ""
        if transfer.tool == Transfer.Tool.ADEQUACY:
            reference = adequacy_reference(transfer, snapshot, day)
        safeguard = f"{tool}, {reference}" if reference else tool
        found.append(f"{_destination(transfer)} – {recipient}: {safeguard}".rstrip(": "))
    return sorted(found, key=str.casefold)


def processor_rows(
    snapshot: ProcessorsSnapshot, statuses: dict, organisations: dict, activity_names: dict[int, str],
) -> list[list]:
    """One row per processor: what it does, where, its sub-processors, and its best agreement (Art. 28)."""
    rows = []
    used_by = snapshot.used_by()
    for processor in sorted(snapshot.processors.values(), key=lambda p: (p.name.casefold(), p.pk)):
        status, agreement = statuses[processor.pk]
        rows.append(row("processors", {
            "name": processor.name,
            "organisation": name_of(organisations, processor.organisation_id),
            "role": display(processor, "role"),
            "service": processor.service,
            "countries": labels(country_name(code) for code in processor.countries),
            "contact_name": processor.contact_name,
            "contact_email": processor.contact_email,
            "sub_processors": labels(
                snapshot.processors[pk].name for pk in snapshot.sub_processors.get(processor.pk, [])
            ),
            "activities": labels(activity_names[pk] for pk in used_by[processor.pk] if pk in activity_names),
            "dpa_status": _status(status),
            "dpa_version": agreement.version if agreement else "",
            "dpa_signed": agreement.signed_on if agreement else None,
            "dpa_ends": agreement.ends_on if agreement else None,
            "dpa_next_review": agreement.next_review if agreement else None,
            "dpa_missing_clauses": LINE.join(str(clause.label) for clause in agreement.missing_clauses())
            if agreement else "",
        }))
    return rows


def transfer_rows(
    snapshot: ProcessorsSnapshot, activities: dict, organisations: dict, day: datetime.date,
) -> list[list]:
    """Art. 30(1)(e), Arts. 44–49: one row per transfer, with its destination and safeguard."""
    def sort_key(transfer: Transfer) -> tuple:
        activity = activities.get(transfer.activity_id)
        controller = name_of(organisations, activity.organisation_id) if activity else ""
        return (controller.casefold(), activity.name.casefold() if activity else "",
                name_of(snapshot.processors, transfer.processor_id).casefold(), _destination(transfer).casefold(),
                transfer.recipient.casefold(), transfer.pk)

    rows = []
    for transfer in sorted(snapshot.transfers, key=sort_key):
        activity = activities.get(transfer.activity_id)
        rows.append(row("transfers", {
            "controller": name_of(organisations, activity.organisation_id) if activity else "",
            "activity": activity.name if activity else "",
            "processor": name_of(snapshot.processors, transfer.processor_id),
            "recipient": transfer.recipient,
            "description": transfer.description,
            "country": country_name(transfer.destination_country),
            "international_organisation": transfer.international_organisation,
            "dpf_certified": yes_no(transfer.recipient_dpf_certified),
            "tool": display(transfer, "tool"),
            "adequacy_decision": adequacy_reference(transfer, snapshot, day),
            "scc_module": display(transfer, "scc_module"),
            "scc_signed": transfer.scc_signed_on,
            "safeguard_details": transfer.safeguard_details,
            "derogation": display(transfer, "derogation"),
            "derogation_assessment": transfer.derogation_assessment,
            "authority_informed": transfer.authority_informed_on,
            "tia_date": transfer.tia_date,
            "supplementary_measures": transfer.supplementary_measures,
        }))
    return rows
