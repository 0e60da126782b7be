"""Completeness as Datatilsynet or IMY would read the record (issue 28, points 3–5).

Each test changes one thing through the ordinary API and checks the item the officer sees, through `missing()`,
which also holds the stored facts equal to a full recomputation.
"""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from ropa.models import (
    Art30Item,
    DpiaScreening,
    LegalBasis,
    Organisation,
    PersonalDataCategory,
    ProcessingActivity,
    ProcessorUse,
    Purpose,
    RetentionRule,
    Transfer,
    YesNoUnknown,
)
from tests.conftest import vocab
from tests.ropa.processor_helpers import make_agreement, make_processor
from tests.ropa.test_completeness_stored import missing

Art6, Art9 = LegalBasis.Article6, LegalBasis.Article9


def test_a_joint_controller_without_contact_details_is_item_a_missing(complete_activity):
    """Art. 30(1)(a): "the name and contact details of the controller and, where applicable, the joint
    controller". Meta Platforms Ireland on a pixel activity, named without an address, is not enough."""
    meta = Organisation.objects.create(
        name="Meta Platforms Ireland Limited", role=Organisation.Role.JOINT_CONTROLLER, country="IE",
    )
    complete_activity.joint_controllers.add(meta)
    assert missing(complete_activity) == [Art30Item.CONTROLLER]
    meta.address = "Merrion Road, Dublin 4, D04 X2K5, Ireland"
    meta.save()
    assert missing(complete_activity) == []
    meta.joint_activities.remove(complete_activity)
    meta.address = ""
    meta.save()
    assert missing(complete_activity) == []


def _wix(activity: ProcessingActivity):
    processor = make_processor("Wix")
    processor.countries = ["IL", "US"]
    processor.save()
    make_agreement(processor)
    ProcessorUse.objects.create(activity=activity, processor=processor)
    activity.transfers_outside_eea = YesNoUnknown.YES
    activity.save()
    return processor


def test_a_processor_working_in_a_third_country_needs_a_transfer_to_it(complete_activity):
    """Art. 30(1)(e) and Art. 44: Wix works in Israel and the United States; a transfer recorded to Israel alone
    leaves the one to the United States unrecorded, adequate or not."""
    wix = _wix(complete_activity)
    Transfer.objects.create(
        activity=complete_activity, processor=wix, recipient="Wix.com Ltd.", destination_country="IL",
        tool=Transfer.Tool.ADEQUACY,
    )
    assert missing(complete_activity) == [Art30Item.TRANSFERS]
    Transfer.objects.create(
        activity=complete_activity, processor=wix, recipient="Wix.com Inc.", destination_country="US",
        tool=Transfer.Tool.SCC, scc_module=Transfer.SccModule.C2P,
    )
    assert missing(complete_activity) == []


def test_another_processor_s_transfer_to_the_same_country_does_not_count(complete_activity):
    """Art. 30(1)(e): Microsoft's transfer to the United States says nothing about where Wix sends the data."""
    wix = _wix(complete_activity)
    Transfer.objects.create(
        activity=complete_activity, processor=wix, recipient="Wix.com Ltd.", destination_country="IL",
        tool=Transfer.Tool.ADEQUACY,
    )
    microsoft = make_processor("Microsoft 365")
    make_agreement(microsoft)
    ProcessorUse.objects.create(activity=complete_activity, processor=microsoft)
    Transfer.objects.create(
        activity=complete_activity, processor=microsoft, recipient="Microsoft Corporation", destination_country="US",
        tool=Transfer.Tool.SCC, scc_module=Transfer.SccModule.C2P,
    )
    assert missing(complete_activity) == [Art30Item.TRANSFERS]


def test_a_transfer_recorded_on_the_processor_covers_every_activity_using_it(complete_activity):
    """A transfer recorded once on the processor (no activity) applies wherever the processor is used."""
    wix = _wix(complete_activity)
    Transfer.objects.create(
        activity=complete_activity, processor=wix, recipient="Wix.com Ltd.", destination_country="IL",
        tool=Transfer.Tool.ADEQUACY,
    )
    assert missing(complete_activity) == [Art30Item.TRANSFERS]
    Transfer.objects.create(
        processor=wix, recipient="Wix.com Inc.", destination_country="US", tool=Transfer.Tool.SCC,
        scc_module=Transfer.SccModule.C2P,
    )
    assert missing(complete_activity) == []
    Transfer.objects.get(destination_country="US").delete()
    assert missing(complete_activity) == [Art30Item.TRANSFERS]


def test_a_processor_working_only_in_the_eea_needs_no_transfer(complete_activity):
    processor = make_processor("Hosting in Oslo and Stockholm")
    processor.countries = ["NO", "SE"]
    processor.save()
    make_agreement(processor)
    ProcessorUse.objects.create(activity=complete_activity, processor=processor)
    assert missing(complete_activity) == []


def test_a_retention_rule_for_one_category_leaves_the_others_without_a_limit(complete_activity):
    """Art. 30(1)(f) "the different categories of data" and Art. 5(1)(e): a limit for the order history alone
    leaves the name kept for ever."""
    orders = vocab(PersonalDataCategory, "Order and purchase history")
    rule = complete_activity.retention_rules.get()
    rule.personal_data_category = orders
    rule.save()
    assert missing(complete_activity) == [Art30Item.RETENTION]
    RetentionRule.objects.create(
        activity=complete_activity, personal_data_category=vocab(PersonalDataCategory, "Name"),
        description="Erased with the customer account.",
    )
    assert missing(complete_activity) == []


def test_one_rule_for_all_the_data_covers_every_category(complete_activity):
    """A rule with no category is a rule for all of the activity's data (the retention rule's help text)."""
    complete_activity.personal_data_categories.add(vocab(PersonalDataCategory, "Payment details"))
    assert missing(complete_activity) == []


def test_a_consent_record_saying_no_log_exists_does_not_pass(complete_activity):
    """Art. 7(1): the controller "shall be able to demonstrate" consent (EDPB Guidelines 05/2020, section 5.1).
    A note that no consent log exists names no place where consent can be shown."""
    complete_activity.status = ProcessingActivity.Status.DRAFT
    complete_activity.save()
    purpose = Purpose.objects.create(
        activity=complete_activity, description="Targeted advertising", article6=Art6.CONSENT,
        consent_record="No consent log is described; only the browser's cookie settings",
    )
    assert missing(complete_activity) == [Art30Item.LEGAL_BASIS]
    assert "consent_demonstrable" in purpose.legal_gaps()
    purpose.consent_record = "The consent platform's log: who, when, which version of the banner"
    purpose.consent_demonstrable = True
    purpose.save()
    assert missing(complete_activity) == []


def test_an_active_activity_cannot_rest_on_consent_it_cannot_show(complete_activity):
    purpose = Purpose(
        activity=complete_activity, description="Newsletter", article6=Art6.CONSENT,
        consent_record="There is no consent log",
    )
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            purpose.full_clean()
        assert "Art. 7(1)" in str(error.value.message_dict["consent_demonstrable"])


@pytest.mark.parametrize("field, basis", [
    ("article6", Art6.PUBLIC_TASK),
    ("article9", Art9.EMPLOYMENT),
    ("article9", Art9.PUBLIC_INTEREST),
    ("article9", Art9.HEALTH_CARE),
    ("article9", Art9.PUBLIC_HEALTH),
    ("article9", Art9.RESEARCH),
])
def test_a_basis_resting_on_union_or_member_state_law_names_the_law(complete_activity, field, basis):
    """Art. 6(3): the basis for 6(1)(c) and (e) "shall be laid down by Union law or Member State law"; Art. 9(2)(b),
    (g), (h), (i) and (j) each rest on such law, as 6(1)(c) already did here."""
    complete_activity.status = ProcessingActivity.Status.DRAFT
    complete_activity.save()
    purpose = complete_activity.purposes.get()
    setattr(purpose, field, basis)
    purpose.save()
    assert missing(complete_activity) == [Art30Item.LEGAL_BASIS]
    with translation.override("en"):
        message = str(purpose.legal_gaps()["legal_reference"])
    assert "Art. 6(3)" in message or "Art. 9(2)" in message
    purpose.legal_reference = "arbeidsmiljøloven § 9-1"
    purpose.save()
    assert missing(complete_activity) == []


def test_explicit_consent_and_legal_claims_need_no_law(complete_activity):
    """Art. 9(2)(a) and (f) do not rest on Member State law."""
    purpose = complete_activity.purposes.get()
    purpose.article9 = Art9.LEGAL_CLAIMS
    purpose.save()
    assert missing(complete_activity) == []


def test_the_national_identity_number_needs_its_own_justification(complete_activity):
    """personopplysningsloven § 12 and dataskyddslagen (2018:218) 3 kap. 10 § (Art. 87): fødselsnummer and
    personnummer only where clearly justified by the purpose, secure identification or another important
    reason; the record says which."""
    national_id = vocab(PersonalDataCategory, "National identity number")
    assert national_id.national_identity_number, "seeded as the national identity number"
    complete_activity.status = ProcessingActivity.Status.DRAFT
    complete_activity.save()
    complete_activity.personal_data_categories.add(national_id)
    assert missing(complete_activity) == [Art30Item.LEGAL_BASIS]
    complete_activity.status = ProcessingActivity.Status.ACTIVE
    with translation.override("en"), pytest.raises(ValidationError) as error:
        complete_activity.full_clean()
    assert "personopplysningsloven § 12" in str(error.value)
    complete_activity.national_id_justification = "Secure identification before credit is given."
    complete_activity.full_clean()
    complete_activity.save()
    assert missing(complete_activity) == []


def test_a_category_flagged_as_national_id_later_flags_the_activities_holding_it(complete_activity):
    name = vocab(PersonalDataCategory, "Name")
    name.national_identity_number = True
    name.save()
    assert missing(complete_activity) == [Art30Item.LEGAL_BASIS]


@pytest.mark.parametrize("field", ["profiling", "systematic_monitoring"])
def test_profiling_or_systematic_monitoring_asks_for_a_dpia_screening(complete_activity, field):
    """Art. 35(1): profiling (WP248 criterion 1, the pixels and marketing profiles) and systematic monitoring
    (criterion 3) are where high risk starts; an activity with either is prompted until it is screened."""
    setattr(complete_activity, field, True)
    complete_activity.save()
    assert missing(complete_activity) == [Art30Item.SCREENING]
    screening = DpiaScreening.objects.create(
        activity=complete_activity, criterion_evaluation=True, reasoning="Segments for advertising only.",
    )
    assert missing(complete_activity) == []
    screening.delete()
    assert missing(complete_activity) == [Art30Item.SCREENING]
