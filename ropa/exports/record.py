"""The record as rows for a spreadsheet: the controller block, one row per activity, and the detail sheets.

One code path for every date: today's export is the record as of today, rebuilt from history like any
past day (Art. 30(4): the record is made available to Datatilsynet on request, as it stood when asked).
The number of queries does not grow with the number of activities.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone, translation
from django.utils.translation import gettext

from ropa.exports.layouts import DEFAULT_LANGUAGE, SHEET_TITLES, SHEETS, Column, headings
from ropa.exports.processor_record import (
    ProcessorActivitySnapshot,
    processor_activities_as_of,
    processor_record_rows,
)
from ropa.exports.processors import (
    ProcessorsSnapshot,
    activity_processors,
    activity_transfers,
    dpa_statuses,
    processor_lines,
    processor_rows,
    processors_as_of,
    transfer_rows,
)
from ropa.exports.rows import (
    LINE,
    basis,
    country_name,
    display,
    label,
    lines,
    name_of,
    remembered,
    remembered_labels,
    row,
    yes_no,
)
from ropa.history.as_of import (
    ActivitySnapshot,
    in_workspaces,
    instances_as_of,
    narrowed_to,
    no_cycle_collection,
    record_as_of,
)
from ropa.models import Organisation, PersonalDataCategory, ProcessingActivity, RetentionRule, YesNoUnknown
from ropa.notice.completeness_as_of import screened


@dataclass
class Sheet:
    """One sheet of the export: its key in layouts.SHEETS, its title and headings, and its rows of values."""

    key: str
    title: str
    columns: list[Column]
    headings: list[str]
    rows: list[list]


def build_sheets(
    day: datetime.date | None = None,
    organisation: Organisation | None = None,
    language: str = DEFAULT_LANGUAGE,
    within: set[int] | None = None,
) -> list[Sheet]:
    """The record as it stood at the end of `day` (today by default), as sheets in `language`."""
    day = day or timezone.localdate()
    # The snapshot's link labels are worked out in the active language, so it is read in the export's.
    with translation.override(language), remembered_labels(), no_cycle_collection():
        rows = _sheet_rows(day, organisation, within)
    return [
        Sheet(key, SHEET_TITLES[language][key], SHEETS[key], headings(language, key), rows[key]) for key in SHEETS
    ]


def _sheet_rows(
    day: datetime.date, organisation: Organisation | None, within: set[int] | None = None,
) -> dict[str, list[list]]:
    """Each sheet's rows (by key in layouts.SHEETS), in the active language."""
    snapshot = record_as_of(day, organisation, within)
    organisations = snapshot.organisations
    scope = narrowed_to(organisation, within)
    categories = instances_as_of(PersonalDataCategory, snapshot.moment, None if scope is None else in_workspaces(scope))
    by_id = {item.activity.pk: item.activity for item in snapshot.activities}
    narrowed = scope is not None
    processing = processors_as_of(snapshot.moment, set(by_id), only_used=narrowed, narrowed=scope)
    for_others = processor_activities_as_of(snapshot.moment, organisation, categories, within)
    _attach_missing_organisations(organisations, [
        *(activity.organisation_id for activity in by_id.values()),
        *(processor.organisation_id for processor in processing.processors.values()),
        *(pk for item in for_others for pk in (item.activity.processor_id, item.activity.client_id)),
    ])
    statuses = dpa_statuses(processing, day)
    named_processors = processor_lines(processing, statuses)
    screened_then = screened(by_id, snapshot.moment)

    activities = sorted(snapshot.activities, key=lambda item: _activity_key(item, organisations))
    rows = {
        "activities": [
            _activity_row(item, organisations, categories, processing, named_processors, day, screened_then)
            for item in activities
        ],
        "purposes": [line for item in activities for line in _purpose_rows(item, organisations)],
        "retention": [line for item in activities for line in _retention_rows(item, organisations, categories)],
        "processors": processor_rows(
            processing, statuses, organisations, {pk: activity.name for pk, activity in by_id.items()},
        ),
        "transfers": transfer_rows(processing, by_id, organisations, day),
        "processor_record": processor_record_rows(for_others, organisations),
    }
    named = _named_organisations(organisation, organisations, activities, for_others, processing)
    rows["controllers"] = [_organisation_row(org, organisations) for org in named]
    return rows


def _attach_missing_organisations(organisations: dict[int, Organisation], ids: list[int]) -> None:
    """Organisations without history (created before it began) are shown as they are now, in one query."""
    missing = {pk for pk in ids if pk not in organisations}
    if missing:
        organisations.update(Organisation.objects.in_bulk(missing))


def _activity_key(item: ActivitySnapshot, organisations: dict[int, Organisation]) -> tuple:
    activity = item.activity
    return (name_of(organisations, activity.organisation_id).casefold(), activity.name.casefold(), activity.pk)


def _activity_row(
    item: ActivitySnapshot,
    organisations: dict[int, Organisation],
    categories: dict[int, PersonalDataCategory],
    processing: ProcessorsSnapshot,
    named_processors: dict[int, str],
    day: datetime.date,
    screened_then: set[int],
) -> list:
    activity: ProcessingActivity = item.activity
    names = item.labels
    return row("activities", {
        "controller": name_of(organisations, activity.organisation_id),
        "name": activity.name,
        "joint_controllers": lines(names["joint_controllers"]),
        "description": activity.description,
        "purposes": LINE.join([purpose.description for purpose in item.purposes]),
        "data_subjects": lines(names["data_subject_categories"]),
        "personal_data": lines(names["personal_data_categories"]),
        "national_id_justification": activity.national_id_justification,
        "recipients": lines(names["recipient_categories"]),
        "recipients_detail": activity.recipients_description,
        # Art. 30(1)(e): whether data leaves the EEA, then each transfer with its safeguard.
        "transfers": LINE.join([
            display(activity, "transfers_outside_eea"), *activity_transfers(processing, activity.pk, day),
        ]),
        "retention": LINE.join([_retention_summary(rule, categories) for rule in item.retention_rules]),
        "security": lines(names["security_measures"]),
        "security_detail": activity.security_description,
        "legal_bases": LINE.join([f"{purpose.description}: {_bases(purpose)}" for purpose in item.purposes]),
        "source": display(activity, "source_kind"),
        "source_detail": activity.source_description,
        "systems": lines(names["systems"]),
        "processors": activity_processors(processing, named_processors, activity.pk),
        "high_risk": display(activity, "is_high_risk"),
        "dpia_required": _dpia_required(activity, screened_then),
        "dpia_status": display(activity, "dpia_status"),
        "dpia_link": activity.dpia_link,
        "automated_decisions": yes_no(activity.automated_decision_making),
        "profiling": yes_no(activity.profiling),
        "systematic_monitoring": yes_no(activity.systematic_monitoring),
        "automated_detail": activity.automated_decision_description,
        "department": activity.department,
        "owner": activity.owner,
        "status": display(activity, "status"),
        "last_reviewed": activity.last_reviewed,
        "next_review": activity.next_review,
    })


def _dpia_required(activity: ProcessingActivity, screened_then: set[int]) -> str:
    """Art. 35(1): "no" only for an activity screened by that day; one never screened says so, not "no"."""
    if activity.dpia_required != YesNoUnknown.YES and activity.pk not in screened_then:
        return remembered(("dpia", "not screened"), lambda: gettext("Not screened"))
    return display(activity, "dpia_required")


def _category_label(rule: RetentionRule, categories: dict[int, PersonalDataCategory]) -> str:
    category = categories.get(rule.personal_data_category_id) if rule.personal_data_category_id else None
    return label(category) if category else ""


def _retention_summary(rule: RetentionRule, categories: dict[int, PersonalDataCategory]) -> str:
    category = _category_label(rule, categories)
    summary = remembered(
        ("retention", rule.duration, rule.unit, rule.runs_from, rule.legal_reference, rule.description),
        lambda: str(rule.summary),
    )
    return f"{category}: {summary}" if category else summary


def _bases(purpose) -> str:
    """A purpose's legal bases, "; " between them, worked out once per combination."""
    values = (purpose.article6, purpose.article9, purpose.article10)
    return remembered(("bases", *values), lambda: "; ".join(basis(value) for value in values if value))


def _purpose_rows(item: ActivitySnapshot, organisations: dict[int, Organisation]) -> list[list]:
    controller = name_of(organisations, item.activity.organisation_id)
    rows = []
    for purpose in item.purposes:
        rows.append(row("purposes", {
            "controller": controller,
            "activity": item.activity.name,
            "purpose": purpose.description,
            "article6": basis(purpose.article6),
            "article9": basis(purpose.article9),
            "article10": basis(purpose.article10),
            "legal_reference": purpose.legal_reference,
            "balancing_test": purpose.balancing_test,
            "consent_record": purpose.consent_record,
            "consent_demonstrable": yes_no(purpose.consent_demonstrable),
        }))
    return rows


def _retention_rows(item: ActivitySnapshot, organisations: dict[int, Organisation], categories: dict) -> list[list]:
    controller = name_of(organisations, item.activity.organisation_id)
    rows = []
    for rule in item.retention_rules:
        has_duration = rule.duration is not None
        rows.append(row("retention", {
            "controller": controller,
            "activity": item.activity.name,
            "personal_data": _category_label(rule, categories),
            "duration": rule.duration,
            # Without a duration the unit and event mean nothing; the description says when data goes.
            "unit": display(rule, "unit") if has_duration else "",
            "runs_from": display(rule, "runs_from") if has_duration else "",
            "legal_reference": rule.legal_reference,
            "description": rule.description,
        }))
    return rows


def _named_organisations(
    organisation: Organisation | None,
    organisations: dict[int, Organisation],
    activities: list[ActivitySnapshot],
    for_others: list[ProcessorActivitySnapshot],
    processing: ProcessorsSnapshot,
) -> list[Organisation]:
    """Art. 30(1)(a) and 30(2)(a): every organisation the record names, with representatives, controllers first."""
    ids: set[int] = set()
    if organisation is not None:
        ids.add(organisation.pk)
    else:
        ids.update(pk for pk, org in organisations.items() if org.role == Organisation.Role.CONTROLLER)
    for item in activities:
        ids.add(item.activity.organisation_id)
        ids.update(org.pk for org in item.links["joint_controllers"])
    for item in for_others:
        ids.update((item.activity.processor_id, item.activity.client_id))
    ids.update(processor.organisation_id for processor in processing.processors.values())
    representatives = {organisations[pk].representative_id for pk in ids if pk in organisations}
    ids.update(pk for pk in representatives if pk)
    roles = list(Organisation.Role.values)
    named = [organisations[pk] for pk in ids if pk in organisations]
    return sorted(named, key=lambda org: (roles.index(org.role), org.name.casefold(), org.pk))


def _organisation_row(org: Organisation, organisations: dict[int, Organisation]) -> list:
    representative = organisations.get(org.representative_id) if org.representative_id else None
    contact = ""
    if representative is not None:
        parts = [representative.address.replace(LINE, ", "), representative.email, representative.phone]
        contact = ", ".join(part for part in parts if part)
    return row("controllers", {
        "name": org.name,
        "role": display(org, "role"),
        "organisation_number": org.organisation_number,
        "country": country_name(org.country),
        "address": org.address,
        "email": org.email,
        "phone": org.phone,
        "website": org.website,
        "representative": representative.name if representative else "",
        "representative_contact": contact,
        "dpo_name": org.dpo_name,
        "dpo_email": org.dpo_email,
        "dpo_phone": org.dpo_phone,
    })

