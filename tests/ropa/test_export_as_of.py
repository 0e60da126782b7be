"""The export as of a past day: the record exactly as it stood at the end of that day (Art. 30(4))."""

import datetime
import io

import openpyxl
import time_machine

from ropa.exports import export_record
from ropa.exports.layouts import HEADINGS, SHEET_TITLES
from ropa.history.as_of import end_of_day, instances_as_of
from ropa.models import (
    AdequacyDecision,
    DataProcessingAgreement,
    DataSubjectCategory,
    LegalBasis,
    Organisation,
    PersonalDataCategory,
    ProcessingActivity,
    Processor,
    ProcessorUse,
    Purpose,
    RetentionRule,
    Transfer,
)
from tests.ropa.processor_helpers import make_agreement, make_processor

OSLO = datetime.timezone(datetime.timedelta(hours=1))


def at(day: str, hour: int = 12):
    return time_machine.travel(datetime.datetime.fromisoformat(day).replace(hour=hour, tzinfo=OSLO), tick=False)


def activities_on(day: str, sheet: str = "activities") -> dict[str, dict]:
    stream = io.BytesIO()
    export_record(stream, "xlsx", "en", day=datetime.date.fromisoformat(day))
    rows = list(openpyxl.load_workbook(io.BytesIO(stream.getvalue()))[SHEET_TITLES["en"][sheet]].values)
    return {row[1]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}


def subjects(row: dict) -> str | None:
    return row[HEADINGS["en"]["activities"]["data_subjects"]]


def test_edits_deletions_and_later_activities_do_not_change_a_past_export(db):
    """Edited after the day: shown as it was. Deleted after: still there. Created after: not there."""
    customers = DataSubjectCategory.objects.get(name="Customers")
    subscribers = DataSubjectCategory.objects.get(name="Newsletter subscribers")
    with at("2026-02-02"):
        shop = Organisation.objects.create(name="Fjellsport AS")
        newsletter = ProcessingActivity.objects.create(organisation=shop, name="Newsletter", owner="Marketing")
        newsletter.data_subject_categories.add(customers)
        purpose = Purpose.objects.create(
            activity=newsletter, description="Send offers", article6=LegalBasis.Article6.CONTRACT,
        )
    with at("2026-02-10"):
        newsletter.name = "Newsletter and offers"
        newsletter.owner = "Head of marketing"
        newsletter.save()
        newsletter.data_subject_categories.add(subscribers)
        purpose.description = "Send offers and news"
        purpose.save()
        ProcessingActivity.objects.create(organisation=shop, name="Job applications")
    with at("2026-02-20"):
        newsletter.delete()

    first = activities_on("2026-02-05")
    assert set(first) == {"Newsletter"}
    assert first["Newsletter"]["Owner"] == "Marketing"
    assert subjects(first["Newsletter"]) == "Customers"
    assert first["Newsletter"]["Purposes of the processing"] == "Send offers"

    second = activities_on("2026-02-15")
    assert set(second) == {"Newsletter and offers", "Job applications"}
    assert subjects(second["Newsletter and offers"]) == "Customers\nNewsletter subscribers"
    assert second["Newsletter and offers"]["Purposes of the processing"] == "Send offers and news"

    assert set(activities_on("2026-02-25")) == {"Job applications"}


def test_the_end_of_the_day_counts_in_the_configured_time_zone(db):
    """A change at 23:30 in Oslo belongs to that day; one just after midnight to the next."""
    with at("2026-03-01", hour=10):
        shop = Organisation.objects.create(name="Fjellsport AS")
        activity = ProcessingActivity.objects.create(organisation=shop, name="Orders", owner="Before")
    with time_machine.travel(datetime.datetime(2026, 3, 1, 23, 30, tzinfo=OSLO), tick=False):
        activity.owner = "Late evening"
        activity.save()
    with time_machine.travel(datetime.datetime(2026, 3, 2, 0, 30, tzinfo=OSLO), tick=False):
        activity.owner = "After midnight"
        activity.save()
    assert activities_on("2026-03-01")["Orders"]["Owner"] == "Late evening"


def test_processors_and_their_agreements_are_shown_as_they_were(db):
    """Art. 28(3): the DPA status on the export day, from the agreements recorded by then."""
    with at("2026-01-05"):
        shop = Organisation.objects.create(name="Fjellsport AS")
        activity = ProcessingActivity.objects.create(organisation=shop, name="Orders")
        vendor = make_processor("Platform", role=Processor.Role.PROCESSOR)
        ProcessorUse.objects.create(activity=activity, processor=vendor)
    with at("2026-01-20"):
        make_agreement(vendor, signed_on=datetime.date(2026, 1, 20), next_review=datetime.date(2027, 1, 20))
    column = HEADINGS["en"]["activities"]["processors"]
    assert activities_on("2026-01-10")["Orders"][column] == "Platform: Missing"
    assert activities_on("2026-01-25")["Orders"][column] == "Platform: Active"


def test_objects_rebuilt_from_history_today_read_as_the_live_ones(complete_activity):
    """The export builds its instances from history rows without Django's constructor (ropa.history.as_of._builder):
    each must read as the live object does, field by field, countries and files included."""
    processor = make_processor(countries=["NO", "US"])
    make_agreement(processor)
    Transfer.objects.create(
        activity=complete_activity, recipient="Analytics Inc.", destination_country="US",
        tool=Transfer.Tool.SCC, scc_module=Transfer.SccModule.C2P,
    )
    AdequacyDecision.objects.create(country="SG", reference="Hypothetical decision")
    PersonalDataCategory.objects.get(name="Name").save()
    moment = end_of_day(datetime.date.today())
    for model in (ProcessingActivity, Purpose, RetentionRule, Organisation, PersonalDataCategory, Processor,
                  DataProcessingAgreement, Transfer, AdequacyDecision):
        rebuilt, live = instances_as_of(model, moment), model.objects.in_bulk()
        assert rebuilt, model
        kept = {field.attname for field in model.history.model._meta.concrete_fields}
        for pk, instance in rebuilt.items():
            assert type(instance) is model and not instance._state.adding and instance._state.db == "default"
            for field in model._meta.concrete_fields:
                if field.attname in kept:
                    assert getattr(instance, field.attname) == getattr(live[pk], field.attname), (model, field)
    activity = instances_as_of(ProcessingActivity, moment)[complete_activity.pk]
    assert activity.organisation == complete_activity.organisation
    assert [str(country) for country in instances_as_of(Processor, moment)[processor.pk].countries] == ["NO", "US"]
