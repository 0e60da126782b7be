"""The record as rows for a spreadsheet: the controller block, one row per activity, and the detail sheets.

One code path for every date: today's export is the record as of today, rebuilt from history like any
past day (Art. 30(4): the record is made available to Datatilsynet on request, as it stood when asked).
The number of queries does not grow with the number of activities.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone, translation
from django_countries import countries

from ropa.exports.layouts import DEFAULT_LANGUAGE, SHEET_TITLES, SHEETS, Column, headings
from ropa.history import ActivitySnapshot, _instances_as_of, _latest_versions, record_as_of
from ropa.models import (
    DataSubjectCategory,
    LegalBasis,
    Organisation,
    PersonalDataCategory,
    ProcessingActivity,
    ProcessorActivity,
    RetentionRule,
    SecurityMeasure,
    YesNoUnknown,
)

LINE = "\n"


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
) -> list[Sheet]:
    """The record as it stood at the end of `day` (today by default), as sheets in `language`."""
    day = day or timezone.localdate()
    snapshot = record_as_of(day, organisation)
    organisations = snapshot.organisations
    _attach_missing_organisations(organisations, [item.activity.organisation_id for item in snapshot.activities])
    categories = _instances_as_of(PersonalDataCategory, snapshot.moment)
    processing_for_others = _processor_activities_as_of(snapshot.moment, organisation, organisations, categories)

    with translation.override(language):
        activities = sorted(snapshot.activities, key=lambda item: _activity_key(item, organisations))
        rows = {
            "activities": [_activity_row(item, organisations, categories) for item in activities],
            "purposes": [row for item in activities for row in _purpose_rows(item, organisations)],
            "retention": [row for item in activities for row in _retention_rows(item, organisations, categories)],
            "processor_record": [_processor_row(item, organisations) for item in processing_for_others],
        }
        named = _named_organisations(organisation, organisations, activities, processing_for_others)
        rows["controllers"] = [_organisation_row(org, organisations) for org in named]
    return [
        Sheet(key, SHEET_TITLES[language][key], SHEETS[key], headings(language, key), rows[key]) for key in SHEETS
    ]


def _attach_missing_organisations(organisations: dict[int, Organisation], ids: list[int]) -> None:
    """Organisations without history (created before it began) are shown as they are now, in one query."""
    missing = {pk for pk in ids if pk not in organisations}
    if missing:
        organisations.update(Organisation.objects.in_bulk(missing))


def _name(organisations: dict[int, Organisation], pk: int | None) -> str:
    organisation = organisations.get(pk)
    return organisation.name if organisation else ""


def _activity_key(item: ActivitySnapshot, organisations: dict[int, Organisation]) -> tuple:
    activity = item.activity
    return (_name(organisations, activity.organisation_id).casefold(), activity.name.casefold(), activity.pk)


def _labels(items) -> str:
    """Vocabulary entries (or organisations, systems) as one sorted name a line, in the active language."""
    return LINE.join(sorted((str(item) for item in items), key=str.casefold))


def _yes_no(value: bool) -> str:
    return str(YesNoUnknown.YES.label if value else YesNoUnknown.NO.label)


def _activity_row(
    item: ActivitySnapshot, organisations: dict[int, Organisation], categories: dict[int, PersonalDataCategory],
) -> list:
    activity: ProcessingActivity = item.activity
    links = item.links
    values = {
        "controller": _name(organisations, activity.organisation_id),
        "name": activity.name,
        "joint_controllers": _labels(links["joint_controllers"]),
        "description": activity.description,
        "purposes": LINE.join(purpose.description for purpose in item.purposes),
        "data_subjects": _labels(links["data_subject_categories"]),
        "personal_data": _labels(links["personal_data_categories"]),
        "recipients": _labels(links["recipient_categories"]),
        "recipients_detail": activity.recipients_description,
        "transfers": str(activity.get_transfers_outside_eea_display()),
        "retention": LINE.join(_retention_summary(rule, categories) for rule in item.retention_rules),
        "security": _labels(links["security_measures"]),
        "security_detail": activity.security_description,
        "legal_bases": LINE.join(
            f"{purpose.description}: {'; '.join(purpose.bases)}" for purpose in item.purposes
        ),
        "source": str(activity.get_source_kind_display()) if activity.source_kind else "",
        "source_detail": activity.source_description,
        "systems": _labels(links["systems"]),
        "high_risk": str(activity.get_is_high_risk_display()),
        "dpia_required": str(activity.get_dpia_required_display()),
        "dpia_status": str(activity.get_dpia_status_display()) if activity.dpia_status else "",
        "dpia_link": activity.dpia_link,
        "automated_decisions": _yes_no(activity.automated_decision_making),
        "profiling": _yes_no(activity.profiling),
        "automated_detail": activity.automated_decision_description,
        "department": activity.department,
        "owner": activity.owner,
        "status": str(activity.get_status_display()),
        "last_reviewed": activity.last_reviewed,
        "next_review": activity.next_review,
    }
    return [values[column.key] for column in SHEETS["activities"]]


def _category_label(rule: RetentionRule, categories: dict[int, PersonalDataCategory]) -> str:
    category = categories.get(rule.personal_data_category_id) if rule.personal_data_category_id else None
    return str(category) if category else ""


def _retention_summary(rule: RetentionRule, categories: dict[int, PersonalDataCategory]) -> str:
    label = _category_label(rule, categories)
    return f"{label}: {rule.summary}" if label else str(rule.summary)


def _purpose_rows(item: ActivitySnapshot, organisations: dict[int, Organisation]) -> list[list]:
    controller = _name(organisations, item.activity.organisation_id)
    rows = []
    for purpose in item.purposes:
        values = {
            "controller": controller,
            "activity": item.activity.name,
            "purpose": purpose.description,
            "article6": LegalBasis.label(purpose.article6) if purpose.article6 else "",
            "article9": LegalBasis.label(purpose.article9) if purpose.article9 else "",
            "article10": LegalBasis.label(purpose.article10) if purpose.article10 else "",
            "legal_reference": purpose.legal_reference,
            "balancing_test": purpose.balancing_test,
            "consent_record": purpose.consent_record,
        }
        rows.append([values[column.key] for column in SHEETS["purposes"]])
    return rows


def _retention_rows(item: ActivitySnapshot, organisations: dict[int, Organisation], categories: dict) -> list[list]:
    controller = _name(organisations, item.activity.organisation_id)
    rows = []
    for rule in item.retention_rules:
        has_duration = rule.duration is not None
        values = {
            "controller": controller,
            "activity": item.activity.name,
            "personal_data": _category_label(rule, categories),
            "duration": rule.duration,
            # Without a duration the unit and event mean nothing; the description says when data goes.
            "unit": str(rule.get_unit_display()) if has_duration else "",
            "runs_from": str(rule.get_runs_from_display()) if has_duration else "",
            "legal_reference": rule.legal_reference,
            "description": rule.description,
        }
        rows.append([values[column.key] for column in SHEETS["retention"]])
    return rows


@dataclass
class ProcessorActivitySnapshot:
    activity: ProcessorActivity
    links: dict[str, list]


def _processor_activities_as_of(
    moment: datetime.datetime,
    organisation: Organisation | None,
    organisations: dict[int, Organisation],
    categories: dict[int, PersonalDataCategory],
) -> list[ProcessorActivitySnapshot]:
    """Art. 30(2): the processing we carry out for other controllers, as it stood at `moment`."""
    versions = _latest_versions(ProcessorActivity, moment)
    if organisation is not None:
        versions = versions.filter(processor_id=organisation.pk)
    versions = list(versions)
    _attach_missing_organisations(organisations, [v.processor_id for v in versions] + [v.client_id for v in versions])
    vocabularies = {
        "data_subject_categories": (DataSubjectCategory, _instances_as_of(DataSubjectCategory, moment)),
        "personal_data_categories": (PersonalDataCategory, categories),
        "security_measures": (SecurityMeasure, _instances_as_of(SecurityMeasure, moment)),
    }
    links: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    history_ids = [version.history_id for version in versions]
    for name, (model, known) in vocabularies.items():
        through = apps.get_model("ropa", f"HistoricalProcessorActivity_{name}")
        target_field = f"{model._meta.model_name}_id"
        rows = list(through.objects.filter(history_id__in=history_ids).values_list("history_id", target_field))
        unknown = {target for _history_id, target in rows if target not in known}
        if unknown:
            known.update(model.objects.in_bulk(unknown))
        for history_id, target in rows:
            if target in known:
                links[history_id][name].append(known[target])
    snapshots = [ProcessorActivitySnapshot(version.instance, links[version.history_id]) for version in versions]
    return sorted(
        snapshots,
        key=lambda item: (_name(organisations, item.activity.client_id).casefold(), item.activity.name.casefold(),
                          item.activity.pk),
    )


def _processor_row(item: ProcessorActivitySnapshot, organisations: dict[int, Organisation]) -> list:
    activity = item.activity
    values = {
        "processor": _name(organisations, activity.processor_id),
        "client": _name(organisations, activity.client_id),
        "name": activity.name,
        "categories_of_processing": activity.categories_of_processing,
        "data_subjects": _labels(item.links["data_subject_categories"]),
        "personal_data": _labels(item.links["personal_data_categories"]),
        "transfers": str(activity.get_transfers_outside_eea_display()),
        "transfers_detail": activity.transfers_description,
        "security": _labels(item.links["security_measures"]),
        "security_detail": activity.security_description,
    }
    return [values[column.key] for column in SHEETS["processor_record"]]


def _named_organisations(
    organisation: Organisation | None,
    organisations: dict[int, Organisation],
    activities: list[ActivitySnapshot],
    processing_for_others: list[ProcessorActivitySnapshot],
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
    for item in processing_for_others:
        ids.update((item.activity.processor_id, item.activity.client_id))
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
    values = {
        "name": org.name,
        "role": str(org.get_role_display()),
        "organisation_number": org.organisation_number,
        "country": countries.name(org.country) if org.country else "",
        "address": org.address,
        "email": org.email,
        "phone": org.phone,
        "website": org.website,
        "representative": representative.name if representative else "",
        "representative_contact": contact,
        "dpo_name": org.dpo_name,
        "dpo_email": org.dpo_email,
        "dpo_phone": org.dpo_phone,
    }
    return [values[column.key] for column in SHEETS["controllers"]]

