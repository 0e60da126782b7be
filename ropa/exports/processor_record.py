"""The processor's record (Art. 30(2)): what we process for other controllers, as it stood at a moment."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps

from ropa.exports.rows import display, labels, name_of, row
from ropa.history.as_of import instances_as_of, latest_versions, rebuild
from ropa.models import DataSubjectCategory, Organisation, PersonalDataCategory, ProcessorActivity, SecurityMeasure

LINKS = {
    "data_subject_categories": DataSubjectCategory,
    "personal_data_categories": PersonalDataCategory,
    "security_measures": SecurityMeasure,
}


@dataclass
class ProcessorActivitySnapshot:
    activity: ProcessorActivity
    links: dict[str, list]


def processor_activities_as_of(
    moment: datetime.datetime,
    organisation: Organisation | None,
    categories: dict[int, PersonalDataCategory],
    within: set[int] | None = None,
) -> list[ProcessorActivitySnapshot]:
    """Art. 30(2)(a)–(d) as at `moment`, for `organisation` as processor when given; a fixed number of queries."""
    versions = latest_versions(ProcessorActivity, moment)
    if organisation is not None:
        versions = versions.filter(processor_id=organisation.pk)
    if within is not None:
        versions = versions.filter(processor_id__in=within)
    history_ids = versions.values("history_id")
    versions = rebuild(ProcessorActivity, versions)
    known = {
        "data_subject_categories": instances_as_of(DataSubjectCategory, moment),
        "personal_data_categories": categories,
        "security_measures": instances_as_of(SecurityMeasure, moment),
    }
    links: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for name, model in LINKS.items():
        through = apps.get_model("ropa", f"HistoricalProcessorActivity_{name}")
        pairs = list(
            through.objects.filter(history_id__in=history_ids).values_list("history_id", f"{model._meta.model_name}_id")
        )
        # An entry with no history before `moment` (seeded before history began) is shown as it is now.
        unknown = {target for _history_id, target in pairs if target not in known[name]}
        if unknown:
            known[name].update(model.objects.in_bulk(unknown))
        for history_id, target in pairs:
            if target in known[name]:
                links[history_id][name].append(known[name][target])
    return [ProcessorActivitySnapshot(activity, links[history_id]) for history_id, activity in versions]


def processor_record_rows(items: list[ProcessorActivitySnapshot], organisations: dict[int, Organisation]) -> list:
    """One row per controller we act for and processing, sorted by controller and name."""
    items = sorted(items, key=lambda item: (
        name_of(organisations, item.activity.client_id).casefold(), item.activity.name.casefold(), item.activity.pk,
    ))
    return [_row(item, organisations) for item in items]


def _row(item: ProcessorActivitySnapshot, organisations: dict[int, Organisation]) -> list:
    activity = item.activity
    return row("processor_record", {
        "processor": name_of(organisations, activity.processor_id),
        "client": name_of(organisations, activity.client_id),
        "name": activity.name,
        "categories_of_processing": activity.categories_of_processing,
        "data_subjects": labels(item.links["data_subject_categories"]),
        "personal_data": labels(item.links["personal_data_categories"]),
        "transfers": display(activity, "transfers_outside_eea"),
        "transfers_detail": activity.transfers_description,
        "security": labels(item.links["security_measures"]),
        "security_detail": activity.security_description,
    })
