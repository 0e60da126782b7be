"""Transfers to third countries: the Art. 44–49 rules, adequacy as data, the summary, the admin, and history."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from ropa.completeness.signals import deferred
from ropa.models import (
    AdequacyDecision,
    Art30Item,
    Organisation,
    ProcessingActivity,
    Processor,
    Transfer,
    YesNoUnknown,
)
from tests.ropa.processor_helpers import days, make_processor

Tool, Module, Derogation = Transfer.Tool, Transfer.SccModule, Transfer.Derogation
LIST_URL = reverse("admin:ropa_transfer_changelist")
ADD_URL = reverse("admin:ropa_transfer_add")


def transfer(activity=None, **fields) -> Transfer:
    if activity is None:
        name = fields.pop("processor_name", "Newsletter service")
        fields.setdefault("processor", Processor.objects.filter(name=name).first() or make_processor(name))
    return Transfer(activity=activity, **fields)


def errors_of(candidate: Transfer) -> dict[str, list[str]]:
    with translation.override("en"), pytest.raises(ValidationError) as error:
        candidate.full_clean()
    return error.value.message_dict


def activity_of(country: str) -> ProcessingActivity:
    controller = Organisation.objects.create(name=f"Shop in {country}", country=country, email="privacy@shop.example")
    return ProcessingActivity.objects.create(organisation=controller, name="Web shop orders")


# Art. 44: inside the EEA there is no transfer.


@pytest.mark.parametrize("country", ["SE", "NO", "IS", "LI", "DE", "IE"])
def test_a_destination_inside_the_eea_is_not_a_transfer(db, country):
    """Art. 44 with the EEA Agreement: data moving within the EU and Iceland, Liechtenstein, Norway needs no tool."""
    message = errors_of(transfer(destination_country=country, tool=Tool.SCC, scc_module=Module.C2P))
    assert "Art. 44" in message["destination_country"][0]
    assert "is in the EEA" in message["destination_country"][0]


def test_a_transfer_names_one_destination(db):
    assert "Art. 44" in errors_of(transfer())["destination_country"][0]
    both = transfer(destination_country="US", international_organisation="European Patent Organisation")
    assert "Art. 44" in errors_of(both)["destination_country"][0]


def test_a_transfer_comes_from_an_activity_or_a_processor(db):
    assert "activity" in errors_of(Transfer(destination_country="CH"))


# Art. 45: adequacy decisions, kept as data.


@pytest.mark.parametrize("country", ["CH", "JP", "GB", "KR", "NZ", "CA", "AD", "IL", "UY"])
def test_an_adequate_destination_needs_no_further_tool(db, country):
    """Art. 45(1): a transfer to a country with an adequacy decision needs no specific authorisation."""
    candidate = transfer(destination_country=country)
    candidate.full_clean()
    assert candidate.tool == Tool.ADEQUACY
    assert candidate.adequacy_decision().country.code == country


def test_the_united_states_is_adequate_only_for_a_dpf_certified_recipient(db):
    """Art. 45, Decision (EU) 2023/1795: the EU–US Data Privacy Framework covers certified organisations only."""
    certified = transfer(destination_country="US", recipient_dpf_certified=True)
    certified.full_clean()
    assert certified.tool == Tool.ADEQUACY
    message = errors_of(transfer(destination_country="US", processor_name="Gravatar"))["tool"][0]
    assert "Art. 45" in message and "Data Privacy Framework" in message
    assert "Art. 46" in message and "Art. 49" in message
    relying = transfer(destination_country="US", tool=Tool.ADEQUACY, processor_name="Wix")
    assert "Data Privacy Framework" in errors_of(relying)["tool"][0]


def test_a_destination_without_a_decision_must_name_an_article_46_tool_or_an_article_49_derogation(db):
    """Arts. 46 and 49: without adequacy, the transfer needs a safeguard or a derogation."""
    message = errors_of(transfer(destination_country="IN"))["tool"][0]
    assert "Art. 45: there is no adequacy decision for India" in message
    assert "Art. 46" in message and "Art. 49" in message
    assert "Art. 45" in errors_of(transfer(destination_country="IN", tool=Tool.ADEQUACY))["tool"][0]


def test_a_decision_awaiting_eea_incorporation_binds_only_eu_controllers(db):
    """Brazil, (EU) 2026/179: until the EEA Agreement incorporates it, a Norwegian controller cannot rely on it."""
    swedish = transfer(activity_of("SE"), destination_country="BR")
    swedish.full_clean()
    assert swedish.tool == Tool.ADEQUACY
    message = errors_of(transfer(activity_of("NO"), destination_country="BR"))["tool"][0]
    assert "EEA Agreement" in message
    assert "EEA Agreement" in errors_of(transfer(destination_country="BR"))["tool"][0]


def test_an_expired_decision_no_longer_makes_a_destination_adequate(db):
    decision = AdequacyDecision.objects.get(country="GB")
    decision.expires_on = days(-1)
    decision.save()
    assert "not in force" in errors_of(transfer(destination_country="GB"))["tool"][0]


def test_an_international_organisation_can_be_adequate(db):
    """Art. 45(1) covers international organisations too: the European Patent Organisation, (EU) 2025/1382."""
    candidate = transfer(international_organisation="european patent organisation")
    candidate.full_clean()
    assert candidate.tool == Tool.ADEQUACY
    assert "Art. 45" in errors_of(transfer(international_organisation="World Bank"))["tool"][0]


def test_adequacy_is_data_a_new_decision_takes_effect_at_once(db):
    """The table, not the code, decides: recording a decision makes existing transfers adequate."""
    saved = transfer(destination_country="SG")
    saved.save()
    assert not Transfer.objects.with_safeguard().get().has_valid_safeguard
    AdequacyDecision.objects.create(country="SG", reference="Hypothetical decision", adopted_on=days(-1))
    assert Transfer.objects.with_safeguard().get().has_valid_safeguard


# Art. 46 tools and Art. 49 derogations.


def test_standard_contractual_clauses_need_their_module(db):
    """Art. 46(2)(c), Decision (EU) 2021/914: modules 1–4 fit different roles, so the record names one."""
    message = errors_of(transfer(destination_country="US", tool=Tool.SCC))["scc_module"][0]
    assert "Art. 46(2)(c)" in message
    transfer(destination_country="US", tool=Tool.SCC, scc_module=Module.C2P, scc_signed_on=days(-100)).full_clean()


@pytest.mark.parametrize("tool", [Tool.AUTHORITY_SCC, Tool.BCR, Tool.CODE_OF_CONDUCT, Tool.CERTIFICATION, Tool.AD_HOC])
def test_each_other_article_46_tool_is_a_safeguard(db, tool):
    candidate = transfer(destination_country="IN", tool=tool, safeguard_details="Reference of the approval")
    candidate.full_clean()
    candidate.save()
    assert Transfer.objects.with_safeguard().get().has_valid_safeguard


def test_a_derogation_must_be_named(db):
    assert "Art. 49(1)" in errors_of(transfer(destination_country="IN", tool=Tool.DEROGATION))["derogation"][0]


@pytest.mark.parametrize("derogation", [d for d in Derogation if d != Derogation.COMPELLING_INTERESTS])
def test_each_article_49_1_derogation_is_accepted(db, derogation):
    transfer(destination_country="IN", tool=Tool.DEROGATION, derogation=derogation).full_clean()


def test_the_second_subparagraph_needs_its_documented_assessment_and_the_authority_told(db):
    """Art. 49(1), second subparagraph, and Art. 49(6): assessment documented in the record, authority informed."""
    candidate = transfer(destination_country="IN", tool=Tool.DEROGATION, derogation=Derogation.COMPELLING_INTERESTS)
    errors = errors_of(candidate)
    assert "Art. 49(6)" in errors["derogation_assessment"][0]
    assert "second subparagraph" in errors["authority_informed_on"][0]
    candidate.derogation_assessment = "One transfer of three customers' data to settle a dispute; encrypted."
    assert set(errors_of(candidate)) == {"authority_informed_on"}
    candidate.authority_informed_on = days(-2)
    candidate.full_clean()


# The SQL twin: what clean() accepts is exactly what the admin list and the completeness check count as safe.

CASES = {
    "adequate": ({"destination_country": "CH"}, True),
    "dpf certified": ({"destination_country": "US", "recipient_dpf_certified": True}, True),
    "dpf not certified": ({"destination_country": "US", "tool": Tool.ADEQUACY}, False),
    "no decision, no tool": ({"destination_country": "IN"}, False),
    "adequacy claimed without a decision": ({"destination_country": "IN", "tool": Tool.ADEQUACY}, False),
    "scc with module": ({"destination_country": "IN", "tool": Tool.SCC, "scc_module": Module.P2P}, True),
    "scc without module": ({"destination_country": "IN", "tool": Tool.SCC}, False),
    "bcr": ({"destination_country": "IN", "tool": Tool.BCR}, True),
    "derogation named": ({"destination_country": "IN", "tool": Tool.DEROGATION, "derogation": "b"}, True),
    "derogation unnamed": ({"destination_country": "IN", "tool": Tool.DEROGATION}, False),
    "second subparagraph, undocumented": (
        {"destination_country": "IN", "tool": Tool.DEROGATION, "derogation": Derogation.COMPELLING_INTERESTS}, False,
    ),
    "second subparagraph, documented": (
        {
            "destination_country": "IN", "tool": Tool.DEROGATION, "derogation": Derogation.COMPELLING_INTERESTS,
            "derogation_assessment": "Documented.", "authority_informed_on": datetime.date(2026, 1, 5),
        },
        True,
    ),
    "inside the eea": ({"destination_country": "SE", "tool": Tool.BCR}, False),
    "brazil, processor only": ({"destination_country": "BR"}, False),
    "organisation": ({"international_organisation": "European Patent Organisation"}, True),
}


@pytest.mark.parametrize(("fields", "valid"), CASES.values(), ids=CASES.keys())
def test_clean_and_the_query_agree(db, fields, valid):
    candidate = transfer(**fields)
    try:
        candidate.full_clean()
        accepted = True
    except ValidationError:
        accepted = False
    assert accepted == valid
    candidate.save()
    assert Transfer.objects.with_safeguard().get(pk=candidate.pk).has_valid_safeguard == valid
    assert Transfer.objects.get(pk=candidate.pk).has_valid_safeguard == valid
    assert Transfer.objects.without_valid_safeguard().exists() == (not valid)


def test_clean_and_the_query_agree_on_a_swedish_controller_and_brazil(db):
    candidate = transfer(activity_of("SE"), destination_country="BR")
    candidate.full_clean()
    candidate.save()
    assert Transfer.objects.with_safeguard().get().has_valid_safeguard


# What an access answer (Art. 15(2)) and the record say about the safeguard.


@pytest.mark.parametrize(("language", "us", "swiss"), [
    ("nb", "Kommisjonens gjennomføringsbeslutning (EU) 2023/1795", "Kommisjonsbeslutning 2000/518/EC"),
    ("sv", "Kommissionens genomförandebeslut (EU) 2023/1795", "Kommissionens beslut 2000/518/EC"),
])
def test_the_decision_is_named_in_the_readers_language(db, language, us, swiss):
    """The record keeps the Official Journal's English title; an access answer or export in nb or sv names the
    kind of decision in its own language, the number as it is."""
    with translation.override(language):
        certified = transfer(destination_country="US", recipient_dpf_certified=True, tool=Tool.ADEQUACY)
        assert us in certified.safeguard_summary()
        assert swiss in transfer(destination_country="CH", tool=Tool.ADEQUACY).safeguard_summary()


def test_the_summary_names_the_safeguard(db):
    with translation.override("en"):
        us = transfer(destination_country="US", recipient_dpf_certified=True)
        us.full_clean()
        assert us.safeguard_summary() == (
            "Adequacy decision (Art. 45), Commission Implementing Decision (EU) 2023/1795, for a recipient "
            "certified under the EU–US Data Privacy Framework"
        )
        swiss = transfer(destination_country="CH", tool=Tool.ADEQUACY)
        assert swiss.safeguard_summary() == "Adequacy decision (Art. 45), Commission Decision 2000/518/EC"
        scc = transfer(destination_country="IN", tool=Tool.SCC, scc_module=Module.C2P, scc_signed_on=days(0))
        assert scc.safeguard_summary() == (
            "Standard contractual clauses (Decision (EU) 2021/914, Art. 46(2)(c)), module 2: controller to "
            f"processor, signed {days(0).isoformat()}"
        )
        derogation = transfer(destination_country="IN", tool=Tool.DEROGATION, derogation="a")
        assert derogation.safeguard_summary().startswith("Art. 49(1)(a)")
        assert transfer(destination_country="IN", tool=Tool.BCR).safeguard_summary().startswith("Binding corporate")
        assert transfer(destination_country="IN").safeguard_summary() == "No safeguard recorded"
        lapsed = transfer(destination_country="IN", tool=Tool.ADEQUACY)
        assert "no longer" in lapsed.safeguard_summary()


def test_an_access_answer_can_list_an_activitys_transfers(complete_activity):
    Transfer.objects.create(activity=complete_activity, destination_country="CH", tool=Tool.ADEQUACY)
    with translation.override("en"):
        lines = [(t.destination_country.name, t.safeguard_summary()) for t in complete_activity.transfers.all()]
    assert lines == [("Switzerland", "Adequacy decision (Art. 45), Commission Decision 2000/518/EC")]


# Art. 30(1)(e) in the completeness check.


def test_saying_yes_to_transfers_needs_at_least_one_recorded(complete_activity):
    """Art. 30(1)(e): the record names the third country and, where relevant, the safeguards."""
    complete_activity.transfers_outside_eea = YesNoUnknown.YES
    complete_activity.save()
    assert complete_activity.missing_items() == [Art30Item.TRANSFERS]
    Transfer.objects.create(activity=complete_activity, destination_country="US", recipient_dpf_certified=True)
    assert complete_activity.missing_items() == []


def test_a_transfer_without_a_valid_safeguard_leaves_item_e_missing(complete_activity):
    complete_activity.transfers_outside_eea = YesNoUnknown.YES
    complete_activity.save()
    Transfer.objects.create(activity=complete_activity, destination_country="CH")
    unsafe = Transfer.objects.create(activity=complete_activity, destination_country="US", tool=Tool.SCC)
    assert complete_activity.missing_items() == [Art30Item.TRANSFERS]
    unsafe.scc_module = Module.C2P
    unsafe.save()
    assert complete_activity.missing_items() == []


def test_the_completeness_check_stays_two_queries_with_transfers(
    complete_activity, organisation, django_assert_num_queries
):
    for number in range(5):
        activity = ProcessingActivity.objects.create(organisation=organisation, name=f"Activity {number}")
        Transfer.objects.create(activity=activity, destination_country="US")
    # Whether the facts hold for today, then the rows.
    with django_assert_num_queries(2):
        results = [activity.missing_items() for activity in ProcessingActivity.objects.with_completeness()]
    assert sum(Art30Item.TRANSFERS in items for items in results) == 5


# The admin.


def test_the_admin_lists_transfers_without_a_valid_safeguard(officer_client, complete_activity):
    safe = Transfer.objects.create(activity=complete_activity, destination_country="CH")
    unsafe = Transfer.objects.create(activity=complete_activity, destination_country="US")
    assert list(officer_client.get(f"{LIST_URL}?safeguard=missing").context["cl"].result_list) == [unsafe]
    assert list(officer_client.get(f"{LIST_URL}?safeguard=valid").context["cl"].result_list) == [safe]


def test_the_transfer_list_costs_the_same_queries_for_5_and_50(officer_client, complete_activity):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(count: int) -> None:
        with deferred():  # the activity's completeness worked out once, as an import does
            for _number in range(count):
                Transfer.objects.create(activity=complete_activity, destination_country="US",
                                        recipient_dpf_certified=True)

    add(5)
    with CaptureQueriesContext(connection) as five:
        assert officer_client.get(LIST_URL).status_code == 200
    add(45)
    with CaptureQueriesContext(connection) as fifty:
        assert officer_client.get(LIST_URL).context["cl"].result_count == 50
    assert len(fifty.captured_queries) == len(five.captured_queries)


def _form(activity, **overrides) -> dict:
    return {"activity": activity.pk, "recipient": "Mailchimp", **overrides}


def test_the_admin_refuses_an_eea_destination_naming_the_article(officer_client, complete_activity):
    with translation.override("en"):
        response = officer_client.post(ADD_URL, _form(complete_activity, destination_country="SE"))
    assert response.status_code == 200
    assert "Art. 44" in str(response.context["adminform"].form.errors["destination_country"])
    assert not Transfer.objects.exists()


def test_a_transfer_added_in_the_admin_keeps_history_with_the_acting_user(
    officer_client, privacy_officer, complete_activity
):
    data = _form(
        complete_activity, destination_country="US", tool=Tool.SCC, scc_module=Module.C2P,
        scc_signed_on="2025-03-01", tia_date="2025-02-20", supplementary_measures="Encryption with keys in the EEA.",
    )
    response = officer_client.post(ADD_URL, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    saved = Transfer.objects.get()
    assert saved.history.get().history_user == privacy_officer
    page = officer_client.get(reverse("admin:ropa_transfer_change", args=[saved.pk]), headers={"Accept-Language": "en"})
    with translation.override("en"):
        assert saved.safeguard_summary() in page.content.decode()


def test_the_seeded_adequacy_decisions_come_with_history(db):
    """Section 5 of the reference, as data: every decision in force, each with a first history row."""
    assert AdequacyDecision.objects.count() == 17
    us = AdequacyDecision.objects.get(country="US")
    assert us.certified_recipients_only and us.reference.endswith("(EU) 2023/1795")
    assert us.adopted_on == datetime.date(2023, 7, 10)
    assert AdequacyDecision.objects.get(country="BR").awaiting_eea_incorporation
    assert AdequacyDecision.history.filter(history_change_reason="Seeded by migration").count() == 17
    assert not AdequacyDecision.objects.filter(country__in=["NO", "SE", "DK", "IS"]).exists()


def test_an_operator_edits_an_adequacy_decision_with_history_and_an_officer_may_not(
    admin_client, admin_user, officer_client,
):
    """Adequacy decisions are reference data every workspace reads: the host's operator keeps them (issue 23)."""
    decision = AdequacyDecision.objects.get(country="GB")
    url = reverse("admin:ropa_adequacydecision_change", args=[decision.pk])
    data = {
        "country": "GB", "international_organisation": "", "reference": decision.reference,
        "adopted_on": "2021-06-28", "expires_on": "2031-12-27", "scope": "Checked against the renewal decision.",
    }
    assert officer_client.post(url, data).status_code == 403
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert decision.history.first().history_user == admin_user
    assert decision.history.first().scope == "Checked against the renewal decision."


def test_an_auditor_cannot_change_adequacy_decisions(auditor_client):
    decision = AdequacyDecision.objects.get(country="CH")
    url = reverse("admin:ropa_adequacydecision_change", args=[decision.pk])
    assert auditor_client.get(url).status_code == 200
    assert auditor_client.post(url, {"country": "CH", "reference": "x"}).status_code == 403
