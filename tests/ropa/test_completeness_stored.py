"""The completeness facts stored on each activity stay equal to the facts worked out from its parts.

The changelist's completeness filter reads them instead of running a dozen subqueries per row, so
every way a part changes (saved, deleted, moved, linked, unlinked from either side, a category's
kind, an agreement, a processor's role, an adequacy decision, a DPIA's decision) must refresh them,
and the facts that change with the date alone must be worked out again on the next day. Each test
changes one Art. 30(1) item through the ordinary API, checks the item the officer sees, and checks
that recomputing every activity from scratch changes nothing.
"""

import datetime

import pytest
import time_machine
from django.db.models import OuterRef
from django.utils import timezone

from ropa.models import (
    AdequacyDecision,
    Art30Item,
    DataSubjectCategory,
    Dpia,
    LegalBasis,
    PersonalDataCategory,
    ProcessingActivity,
    Processor,
    ProcessorUse,
    Purpose,
    RecipientCategory,
    RetentionRule,
    RiskLevel,
    SecurityMeasure,
    Transfer,
    YesNoUnknown,
)
from ropa.models.activities import COMPUTED_FACTS, FACTS, _dated_facts, _stored_facts
from tests.ropa.processor_helpers import days, make_agreement, make_processor


def stored_state() -> dict[int, tuple]:
    return {
        row[0]: row[1:]
        for row in ProcessingActivity.objects.order_by("pk").values_list("pk", *FACTS, "completeness_on")
    }


def assert_stored_facts_are_current() -> None:
    """What the signals kept, brought up to today as every reader does first, equals what a full recomputation
    gives, for every activity and every fact."""
    ProcessingActivity.objects.bring_completeness_up_to_date()
    kept = stored_state()
    ProcessingActivity.objects.refresh_completeness()
    assert stored_state() == kept


def missing(activity: ProcessingActivity) -> list[Art30Item]:
    assert_stored_facts_are_current()
    return ProcessingActivity.objects.get(pk=activity.pk).missing_items()


@pytest.fixture
def other(complete_activity) -> ProcessingActivity:
    """A second complete activity of the same controller, to check that changes land on the right one."""
    activity = ProcessingActivity.objects.create(
        organisation=complete_activity.organisation, name="Newsletter", transfers_outside_eea=YesNoUnknown.NO,
        security_description="Access by role.",
    )
    activity.data_subject_categories.set(complete_activity.data_subject_categories.all())
    activity.personal_data_categories.set(complete_activity.personal_data_categories.all())
    activity.recipient_categories.set(complete_activity.recipient_categories.all())
    Purpose.objects.create(activity=activity, description="Send the newsletter", article6=LegalBasis.Article6.CONTRACT)
    RetentionRule.objects.create(activity=activity, description="Until the subscriber unsubscribes.")
    return activity


def test_the_facts_list_names_every_stored_subquery():
    assert set(FACTS) == (
        set(_stored_facts(OuterRef("pk"))) | set(_dated_facts(OuterRef("pk"), datetime.date.today()))
        | set(COMPUTED_FACTS)
    )


def test_both_fixtures_start_complete(complete_activity, other):
    assert missing(complete_activity) == [] and missing(other) == []


def test_a_controller_without_contact_details_marks_every_activity(complete_activity, other):
    """Art. 30(1)(a): read from the organisation at query time, for all its activities."""
    organisation = complete_activity.organisation
    organisation.email = organisation.phone = organisation.address = ""
    organisation.save()
    assert missing(complete_activity) == missing(other) == [Art30Item.CONTROLLER]


def test_deleting_and_adding_the_last_purpose(complete_activity, other):
    """Art. 30(1)(b): without a purpose there is also no legal basis to show, and the item is missing."""
    complete_activity.purposes.all().delete()
    assert missing(complete_activity) == [Art30Item.PURPOSES]
    assert missing(other) == []
    Purpose.objects.create(activity=complete_activity, description="Deliver", article6=LegalBasis.Article6.CONTRACT)
    assert missing(complete_activity) == []


def test_a_purpose_moved_to_another_activity_leaves_the_first_without_one(complete_activity, other):
    purpose = complete_activity.purposes.get()
    purpose.activity = other
    purpose.save()
    assert missing(complete_activity) == [Art30Item.PURPOSES]
    assert missing(other) == []


def test_data_subjects_removed_from_the_category_side(complete_activity, other):
    """Art. 30(1)(c), changed from the category (reverse clear): both activities lose the item."""
    category = DataSubjectCategory.objects.get(name="Customers")
    category.processingactivity_set.clear()
    assert missing(complete_activity) == missing(other) == [Art30Item.CATEGORIES]
    category.processingactivity_set.add(complete_activity)
    assert missing(complete_activity) == []
    assert missing(other) == [Art30Item.CATEGORIES]


def test_personal_data_removed_and_recipients_cleared(complete_activity, other):
    """Art. 30(1)(c) and (d)."""
    complete_activity.personal_data_categories.clear()
    assert missing(complete_activity) == [Art30Item.CATEGORIES]
    RecipientCategory.objects.get(name="Transport and delivery companies").processingactivity_set.remove(other)
    assert missing(other) == [Art30Item.RECIPIENTS]


def test_transfers_answered_yes_need_a_recorded_transfer(complete_activity, other):
    """Art. 30(1)(e): "yes" without a transfer is missing; recording one with its safeguard completes it."""
    complete_activity.transfers_outside_eea = YesNoUnknown.YES
    complete_activity.save()
    assert missing(complete_activity) == [Art30Item.TRANSFERS]
    transfer = Transfer.objects.create(
        activity=complete_activity, recipient="Analytics Inc.", destination_country="US",
        tool=Transfer.Tool.SCC, scc_module=Transfer.SccModule.C2P,
    )
    assert missing(complete_activity) == []
    transfer.activity = other
    transfer.save()
    assert missing(complete_activity) == [Art30Item.TRANSFERS]
    transfer.delete()
    assert missing(other) == []


def test_vague_retention_and_its_repair(complete_activity):
    """Art. 30(1)(f): a rule with neither a duration nor a description is no time limit."""
    rule = complete_activity.retention_rules.get()
    rule.duration = None
    rule.save()
    assert missing(complete_activity) == [Art30Item.RETENTION]
    rule.description = "Erased when the account is closed."
    rule.save()
    assert missing(complete_activity) == []


def test_security_measures_cleared_from_the_measure_side(complete_activity):
    """Art. 30(1)(g)."""
    SecurityMeasure.objects.get(name="Encryption in transit (TLS)").processingactivity_set.clear()
    assert missing(complete_activity) == [Art30Item.SECURITY]


def test_a_category_that_becomes_special_needs_an_article_9_condition(complete_activity, other):
    """Art. 9(1)-(2): reclassifying a category flags every activity that holds it, without touching them."""
    category = PersonalDataCategory.objects.get(name="Name")
    category.kind = PersonalDataCategory.Kind.SPECIAL
    category.save()
    assert missing(complete_activity) == missing(other) == [Art30Item.LEGAL_BASIS]
    purpose = complete_activity.purposes.get()
    purpose.article9 = LegalBasis.Article9.EMPLOYMENT
    purpose.legal_reference = "arbeidsmiljøloven § 9-1"  # Art. 9(2)(b) rests on the law that authorises it
    purpose.save()
    assert missing(complete_activity) == []
    assert missing(other) == [Art30Item.LEGAL_BASIS]


def test_criminal_offence_data_added_from_the_category_side(complete_activity):
    """Art. 10."""
    criminal = PersonalDataCategory.objects.filter(kind=PersonalDataCategory.Kind.CRIMINAL).first()
    criminal.processingactivity_set.add(complete_activity)
    assert missing(complete_activity) == [Art30Item.LEGAL_BASIS]


def test_an_agreement_running_out_marks_the_activity_on_the_next_day_without_any_save(complete_activity):
    """Art. 28(3): the DPA item depends on the date alone: the first read of the next day works it out again."""
    processor = make_processor()
    make_agreement(processor, ends_on=days(0))
    ProcessorUse.objects.create(activity=complete_activity, processor=processor)
    assert missing(complete_activity) == []
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    with time_machine.travel(tomorrow, tick=False):
        assert missing(complete_activity) == [Art30Item.DPA]
        assert list(ProcessingActivity.objects.incomplete()) == [complete_activity]


def test_the_filter_the_column_and_incomplete_agree(complete_activity, other):
    other.purposes.all().delete()
    assert list(ProcessingActivity.objects.incomplete()) == [other]
    assert list(ProcessingActivity.objects.complete()) == [complete_activity]
    assert [a.pk for a in ProcessingActivity.objects.with_completeness() if a.missing_items()] == [other.pk]


def test_an_agreement_signed_for_a_later_day_counts_from_that_day_without_any_save(complete_activity):
    """Art. 28(3): an agreement in force only from its signature; until then the processor has none."""
    processor = make_processor()
    ProcessorUse.objects.create(activity=complete_activity, processor=processor)
    make_agreement(processor, signed_on=days(2))
    assert missing(complete_activity) == [Art30Item.DPA]
    with time_machine.travel(timezone.localtime() + datetime.timedelta(days=3), tick=False):
        assert missing(complete_activity) == []
        assert list(ProcessingActivity.objects.complete()) == [complete_activity]


def test_an_agreement_signed_ended_and_deleted_changes_every_activity_using_the_processor(complete_activity, other):
    """Art. 28(3), changed from the agreement's side: each activity using the processor follows it."""
    processor = make_processor()
    for activity in (complete_activity, other):
        ProcessorUse.objects.create(activity=activity, processor=processor)
    assert missing(complete_activity) == missing(other) == [Art30Item.DPA]
    agreement = make_agreement(processor)
    assert missing(complete_activity) == missing(other) == []
    agreement.ends_on = days(-1)
    agreement.save()
    assert missing(complete_activity) == missing(other) == [Art30Item.DPA]
    agreement.ends_on = None
    agreement.save()
    assert missing(other) == []
    agreement.delete()
    assert missing(complete_activity) == missing(other) == [Art30Item.DPA]


def test_a_processor_that_becomes_a_joint_controller_needs_no_agreement(complete_activity):
    """Art. 26: joint controllers make an arrangement, not an Art. 28 agreement."""
    processor = make_processor()
    ProcessorUse.objects.create(activity=complete_activity, processor=processor)
    assert missing(complete_activity) == [Art30Item.DPA]
    processor.role = Processor.Role.JOINT_CONTROLLER
    processor.save()
    assert missing(complete_activity) == []
    complete_activity.processor_uses.all().delete()
    processor.role = Processor.Role.PROCESSOR
    processor.save()
    assert missing(complete_activity) == []


def test_an_adequacy_decision_repealed_or_running_out_flags_the_transfers_it_covered(complete_activity):
    """Art. 45(5): without the decision, a transfer to that country needs an Art. 46 safeguard."""
    complete_activity.transfers_outside_eea = YesNoUnknown.YES
    complete_activity.save()
    Transfer.objects.create(
        activity=complete_activity, recipient="Tokyo office", destination_country="JP", tool=Transfer.Tool.ADEQUACY,
    )
    assert missing(complete_activity) == []
    decision = AdequacyDecision.objects.get(country="JP")
    decision.expires_on = days(1)
    decision.save()
    assert missing(complete_activity) == []
    with time_machine.travel(timezone.localtime() + datetime.timedelta(days=2), tick=False):
        assert missing(complete_activity) == [Art30Item.TRANSFERS]
    decision.delete()
    assert missing(complete_activity) == [Art30Item.TRANSFERS]


def test_a_required_dpia_counts_once_it_is_decided(complete_activity):
    """Art. 35(1): the DPIA item follows the DPIA's decision, saved on a row of its own."""
    complete_activity.dpia_required = YesNoUnknown.YES
    complete_activity.save()
    assert missing(complete_activity) == [Art30Item.DPIA]
    dpia = Dpia.objects.create(activity=complete_activity, description="Camera surveillance of the shop floor.")
    assert missing(complete_activity) == [Art30Item.DPIA]
    dpia.residual_risk = RiskLevel.LOW
    dpia.dpo_advice = "Proceed; review the camera angles."
    dpia.decision = Dpia.Decision.PROCEED
    dpia.decided_on = days(0)
    dpia.save()
    assert missing(complete_activity) == []
    dpia.delete()
    assert missing(complete_activity) == [Art30Item.DPIA]


def test_rows_loaded_around_save_are_worked_out_by_the_first_read(complete_activity):
    """A bulk load that bypasses save() (a restore, a bench) leaves the facts unknown; the next read fills them."""
    organisation = complete_activity.organisation
    ProcessingActivity.objects.bulk_create([ProcessingActivity(organisation=organisation, name="Bulk")])
    bulk = ProcessingActivity.objects.get(name="Bulk")
    assert bulk.completeness_on is None
    assert [a.name for a in ProcessingActivity.objects.incomplete()] == ["Bulk"]
    assert ProcessingActivity.objects.get(name="Bulk").completeness_on == timezone.localdate()


def test_a_day_already_worked_out_costs_one_query_and_writes_nothing(complete_activity, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert ProcessingActivity.objects.bring_completeness_up_to_date() == 0


def test_the_daily_command_works_the_new_day_out_before_anyone_reads(complete_activity, capsys):
    """`remind_deadlines` runs each morning: the agreement that ran out overnight is flagged before the first page."""
    from django.core.management import call_command

    processor = make_processor()
    make_agreement(processor, ends_on=days(0))
    ProcessorUse.objects.create(activity=complete_activity, processor=processor)
    with time_machine.travel(timezone.localtime() + datetime.timedelta(days=1), tick=False):
        call_command("remind_deadlines")
        assert "completeness worked out for today: 1 activities" in capsys.readouterr().out
        row = ProcessingActivity.objects.values("completeness_on", "has_processor_without_dpa").get()
        assert row == {"completeness_on": timezone.localdate(), "has_processor_without_dpa": True}
