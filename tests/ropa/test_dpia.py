"""DPIA screening (Art. 35(1), (3), (4), WP248) and the DPIA record (Art. 35(7), Art. 36(1))."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation

from ropa.admin.dpia import screening_result
from ropa.models import (
    Art30Item,
    Dpia,
    DpiaRisk,
    DpiaScreening,
    ListedProcessing,
    ProcessingActivity,
    RiskLevel,
    YesNoUnknown,
)
from tests.ropa.processor_helpers import PDF, private_storage_dir  # noqa: F401

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:ropa_processingactivity_changelist")


@pytest.fixture(autouse=True)
def english(settings):
    """These tests read English wording; the translations are checked by tests/test_translations.py."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def _screen(activity, **answers) -> DpiaScreening:
    screening = DpiaScreening(activity=activity, **answers)
    screening.full_clean()
    screening.save()
    activity.refresh_from_db()
    return screening


def _decided_dpia(activity, **overrides) -> Dpia:
    values = {
        "activity": activity, "description": "Camera at the shop entrance.", "residual_risk": RiskLevel.LOW,
        "decision": Dpia.Decision.PROCEED, "decided_on": datetime.date(2026, 5, 4), "dpo_advice": "Agree.",
    }
    dpia = Dpia(**{**values, **overrides})
    dpia.full_clean()
    dpia.save()
    return dpia


def test_two_of_the_nine_criteria_make_a_dpia_required(complete_activity):
    """WP248 rev.01 under Art. 35(1): systematic monitoring of employees meets criteria 3 and 7."""
    screening = _screen(complete_activity, criterion_monitoring=True, criterion_vulnerable=True)
    assert screening.dpia_required
    assert complete_activity.dpia_required == YesNoUnknown.YES
    assert complete_activity.dpia_status == ProcessingActivity.DpiaStatus.NOT_STARTED


def test_one_criterion_is_not_enough_but_the_reasoning_must_be_recorded(complete_activity):
    """WP248: a controller may conclude one criterion is not a high risk, and must document why."""
    with pytest.raises(ValidationError) as error:
        _screen(complete_activity, criterion_sensitive=True)
    assert "reasoning" in error.value.message_dict
    _screen(complete_activity, criterion_sensitive=True, reasoning="Card numbers never reach us.")
    assert complete_activity.dpia_required == YesNoUnknown.NO
    assert complete_activity.dpia_status == ProcessingActivity.DpiaStatus.NOT_NEEDED


@pytest.mark.parametrize("item", [ListedProcessing.PUBLIC_MONITORING, ListedProcessing.EMPLOYEE_MONITORING])
def test_a_listed_processing_needs_a_dpia_whatever_the_criteria(complete_activity, item):
    """Art. 35(3)(c) and Datatilsynet's list under Art. 35(4): no count of criteria is needed."""
    screening = _screen(complete_activity, listed_processing=[item])
    assert screening.criteria_met() == []
    assert complete_activity.dpia_required == YesNoUnknown.YES


COMBINED = {
    ListedProcessing.BIOMETRICS: ("criterion_sensitive", "criterion_large_scale"),
    ListedProcessing.GENETICS: ("criterion_sensitive", "criterion_vulnerable"),
    ListedProcessing.LOCATION: ("criterion_sensitive", "criterion_large_scale"),
    ListedProcessing.INNOVATIVE_TECHNOLOGY: ("criterion_innovative", "criterion_evaluation"),
}


@pytest.mark.parametrize("item", COMBINED)
def test_a_list_item_worded_with_another_criterion_alone_needs_no_dpia_but_its_reasons(complete_activity, item):
    """Datatilsynet's list (Art. 35(4)): biometrics, genetic data, location data and innovative technology need a
    DPIA "together with at least one other criterion"; ticked alone, the officer records why none is met."""
    with pytest.raises(ValidationError) as error:
        _screen(complete_activity, listed_processing=[item])
    assert "only together with another of the nine criteria" in error.value.message_dict["reasoning"][0]
    screening = _screen(complete_activity, listed_processing=[item], reasoning="Used on two test devices only.")
    assert not screening.dpia_required
    assert complete_activity.dpia_required == YesNoUnknown.NO
    assert str(screening_result(screening)).startswith("No DPIA required")


@pytest.mark.parametrize("item", COMBINED)
def test_the_criterion_a_list_item_is_in_itself_is_not_another_one(complete_activity, item):
    """WP248 rev.01: biometric, genetic and location data are criterion 4, innovative technology criterion 8."""
    own, _other = COMBINED[item]
    screening = _screen(complete_activity, listed_processing=[item], reasoning="Nothing else applies.", **{own: True})
    assert not screening.dpia_required and complete_activity.dpia_required == YesNoUnknown.NO


@pytest.mark.parametrize("item", COMBINED)
def test_a_list_item_worded_with_another_criterion_needs_a_dpia_once_one_is_met(complete_activity, item):
    own, other = COMBINED[item]
    screening = _screen(complete_activity, listed_processing=[item], **{other: True})
    assert screening.dpia_required and screening.listed_items_that_apply() == [item]
    assert complete_activity.dpia_required == YesNoUnknown.YES
    assert "the processing is listed" in str(screening_result(screening))


def test_an_unknown_list_item_is_refused(complete_activity):
    with pytest.raises(ValidationError) as error:
        _screen(complete_activity, listed_processing=["fortune_telling"])
    assert "listed_processing" in error.value.message_dict


def test_once_screened_the_activity_cannot_say_otherwise(complete_activity):
    """Art. 35(1): `dpia_required` follows the screening, even when someone sets it by hand."""
    _screen(complete_activity, criterion_monitoring=True, criterion_large_scale=True)
    complete_activity.dpia_required = YesNoUnknown.NO
    complete_activity.full_clean()
    assert complete_activity.dpia_required == YesNoUnknown.YES


def test_a_required_dpia_that_is_missing_makes_the_activity_incomplete(complete_activity):
    """Art. 35(1): the DPIA comes before the processing; until one is decided, the record shows the gap."""
    assert complete_activity.missing_items() == []
    _screen(complete_activity, criterion_monitoring=True, criterion_vulnerable=True)
    assert complete_activity.missing_items() == [Art30Item.DPIA]
    undecided = Dpia.objects.create(activity=complete_activity, description="Draft")
    assert complete_activity.missing_items() == [Art30Item.DPIA]
    undecided.delete()
    _decided_dpia(complete_activity)
    complete_activity.refresh_from_db()
    assert complete_activity.missing_items() == []
    assert complete_activity.dpia_status == ProcessingActivity.DpiaStatus.COMPLETED


def test_a_link_to_a_dpia_kept_elsewhere_counts(complete_activity):
    _screen(complete_activity, listed_processing=[ListedProcessing.EMPLOYEE_MONITORING])
    complete_activity.dpia_link = "https://intranet.example/dpia/kamera"
    complete_activity.save()
    assert complete_activity.missing_items() == []


def test_high_residual_risk_requires_prior_consultation(complete_activity):
    """Art. 36(1): residual risk that stays high means consulting Datatilsynet first, in clean() and in SQL."""
    dpia = Dpia(activity=complete_activity, description="Face recognition at the door", residual_risk=RiskLevel.HIGH)
    with pytest.raises(ValidationError) as error:
        dpia.full_clean()
    assert "Art. 36(1)" in str(error.value.message_dict["prior_consultation_required"])
    with pytest.raises(IntegrityError), transaction.atomic():
        dpia.save()
    dpia.prior_consultation_required = True
    dpia.full_clean()


def test_processing_may_not_start_before_the_authority_is_consulted(complete_activity):
    """Art. 36(1): 'prior to processing'; a decision to proceed needs the date of the consultation."""
    with pytest.raises(ValidationError) as error:
        _decided_dpia(complete_activity, residual_risk=RiskLevel.HIGH, prior_consultation_required=True)
    assert "prior_consultation_on" in error.value.message_dict
    _decided_dpia(
        complete_activity, residual_risk=RiskLevel.HIGH, prior_consultation_required=True,
        prior_consultation_on=datetime.date(2026, 4, 1), prior_consultation_reference="26/01234",
    )


def test_a_decision_needs_the_residual_risk_and_the_dpo_advice(complete_activity):
    """Art. 35(7)(c) risks assessed; Art. 35(2) the DPO's advice, where the controller has designated one."""
    complete_activity.organisation.dpo_name = "Kari Nordmann"
    complete_activity.organisation.save()
    with pytest.raises(ValidationError) as error:
        _decided_dpia(complete_activity, residual_risk="", dpo_advice="")
    assert {"residual_risk", "dpo_advice"} <= set(error.value.message_dict)


@pytest.mark.parametrize(("likelihood", "severity", "level"), [
    (1, 3, RiskLevel.LOW), (2, 2, RiskLevel.MEDIUM), (2, 4, RiskLevel.MEDIUM), (3, 3, RiskLevel.HIGH),
])
def test_a_risk_is_rated_by_likelihood_times_severity(complete_activity, likelihood, severity, level):
    """Art. 35(7)(c): the risks to rights and freedoms, each with its likelihood and severity (recital 76)."""
    dpia = Dpia.objects.create(activity=complete_activity, description="x")
    risk = DpiaRisk.objects.create(dpia=dpia, description="Footage seen by the wrong people",
                                   likelihood=likelihood, severity=severity)
    assert risk.level == level


def test_the_screening_records_who_answered_and_keeps_every_answer(officer_client, privacy_officer, complete_activity):
    """Art. 35(1) and Art. 5(2): who screened the activity and when, with the earlier answers in history."""
    url = reverse("admin:ropa_dpiascreening_add")
    response = officer_client.post(url, {
        "activity": complete_activity.pk, "criterion_sensitive": "on", "reasoning": "Only the card's last digits.",
    })
    assert response.status_code == 302, response.context["adminform"].form.errors
    screening = DpiaScreening.objects.get()
    assert screening.answered_by == privacy_officer
    change = reverse("admin:ropa_dpiascreening_change", args=[screening.pk])
    response = officer_client.post(change, {
        "activity": complete_activity.pk, "listed_processing": [ListedProcessing.EMPLOYEE_MONITORING],
        "reasoning": "The camera also films the staff.",
    })
    assert response.status_code == 302, response.context["adminform"].form.errors
    versions = list(screening.history.order_by("history_date"))
    assert [v.listed_processing for v in versions] == [[], [ListedProcessing.EMPLOYEE_MONITORING]]
    assert {v.history_user for v in versions} == {privacy_officer}
    complete_activity.refresh_from_db()
    assert complete_activity.dpia_required == YesNoUnknown.YES
    assert complete_activity.history.latest().history_user == privacy_officer


def test_the_activity_list_shows_the_missing_dpia_in_red_and_filters_it(officer_client, complete_activity):
    _screen(complete_activity, criterion_monitoring=True, criterion_vulnerable=True)
    response = officer_client.get(CHANGELIST)
    assert '<span class="ropa-missing">Required, missing</span>' in response.content.decode()
    assert [a.name for a in officer_client.get(CHANGELIST + "?dpia=missing").context["cl"].result_list] == [
        "Order handling"
    ]
    assert list(officer_client.get(CHANGELIST + "?missing=dpia").context["cl"].result_list) == [complete_activity]
    assert list(officer_client.get(CHANGELIST + "?missing=a").context["cl"].result_list) == []
    _decided_dpia(complete_activity)
    assert list(officer_client.get(CHANGELIST + "?dpia=missing").context["cl"].result_list) == []


def test_the_dpia_pdf_is_private_and_served_to_the_auditor(
    officer_client, auditor, complete_activity, private_storage_dir  # noqa: F811
):
    response = officer_client.post(reverse("admin:ropa_dpia_add"), {
        "activity": complete_activity.pk, "description": "Camera at the door",
        "document": SimpleUploadedFile("DPIA kamera.pdf", PDF, content_type="application/pdf"),
        "risks-TOTAL_FORMS": "1", "risks-INITIAL_FORMS": "0", "risks-0-description": "Staff filmed all day",
        "risks-0-likelihood": "3", "risks-0-severity": "2",
    })
    assert response.status_code == 302, response.context["adminform"].form.errors
    dpia = Dpia.objects.get()
    assert dpia.document.name.startswith("dpia/") and "kamera" not in dpia.document.name
    assert dpia.risks.get().level == RiskLevel.MEDIUM
    url = reverse("ropa:dpia_document", args=[dpia.pk])
    visitor = Client()
    assert visitor.get(url).status_code == 302
    visitor.force_login(auditor)
    response = visitor.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_the_activity_page_links_to_its_screening_and_its_dpias(officer_client, privacy_officer, complete_activity):
    page = reverse("admin:ropa_processingactivity_change", args=[complete_activity.pk])
    content = officer_client.get(page).content.decode()
    assert "Not screened yet." in content
    assert reverse("admin:ropa_dpiascreening_add") + f"?activity={complete_activity.pk}" in content
    _screen(complete_activity, criterion_monitoring=True, criterion_vulnerable=True)
    dpia = _decided_dpia(complete_activity)
    content = officer_client.get(page).content.decode()
    assert "DPIA required: 2 of the nine criteria are met." in content
    assert reverse("admin:ropa_dpia_change", args=[dpia.pk]) in content


def test_the_screening_shows_the_day_it_was_answered_in_oslo(complete_activity):
    """Issue 26: answered at 00:34 on 7 December in Oslo (23:34 UTC on the 6th) is shown as the 7th."""
    from ropa.admin.dpia import screening_display

    answered = datetime.datetime(2026, 12, 6, 23, 34, tzinfo=datetime.UTC)
    _screen(complete_activity, criterion_monitoring=True, criterion_vulnerable=True, answered_at=answered)
    shown = str(screening_display(complete_activity))
    assert "2026-12-07" in shown and "2026-12-06" not in shown
