"""The rules the law sets on legal bases, enforced in clean() and constraints (Art. 6, 7, 9, 10)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from ropa.models import LegalBasis, PersonalDataCategory, ProcessingActivity, Purpose


def errors_of(purpose: Purpose) -> dict:
    with pytest.raises(ValidationError) as error:
        purpose.full_clean()
    return error.value.message_dict


def test_legitimate_interests_need_a_balancing_test(complete_activity):
    """Art. 6(1)(f): the controller's interests must be weighed against the data subject's (interesseavveining)."""
    purpose = Purpose(
        activity=complete_activity, description="Fraud prevention", article6=LegalBasis.Article6.LEGITIMATE_INTERESTS
    )
    assert "Art. 6(1)(f)" in errors_of(purpose)["balancing_test"][0]
    purpose.balancing_test = "Fraud costs customers and us; checks are light and expected by buyers."
    purpose.full_clean()


def test_consent_needs_a_reference_to_where_it_is_recorded(complete_activity):
    """Art. 7(1): the controller must be able to demonstrate that the data subject consented."""
    purpose = Purpose(activity=complete_activity, description="Newsletter", article6=LegalBasis.Article6.CONSENT)
    assert "Art. 7(1)" in errors_of(purpose)["consent_record"][0]
    purpose.consent_record = "Sign-up log in the newsletter service"
    assert "Art. 7" in errors_of(purpose)["consent_demonstrable"][0]  # and the log must show each consent
    purpose.consent_demonstrable = True
    purpose.full_clean()


def test_explicit_consent_under_article_9_also_needs_a_consent_record(complete_activity):
    purpose = Purpose(
        activity=complete_activity,
        description="Allergy notes for made-to-measure shoes",
        article6=LegalBasis.Article6.CONTRACT,
        article9=LegalBasis.Article9.EXPLICIT_CONSENT,
    )
    assert "consent_record" in errors_of(purpose)


def test_a_legal_obligation_names_its_law(complete_activity):
    """Art. 6(3): the basis for Art. 6(1)(c) processing is laid down by law, so the record names it."""
    purpose = Purpose(
        activity=complete_activity, description="Bookkeeping", article6=LegalBasis.Article6.LEGAL_OBLIGATION
    )
    assert "Art. 6(3)" in errors_of(purpose)["legal_reference"][0]
    purpose.legal_reference = "bokføringsloven § 13"
    purpose.full_clean()


def test_a_draft_may_hold_legitimate_interests_without_a_balancing_test_but_cannot_become_active(complete_activity):
    """Art. 6(1)(f): a migrated record may have the gap while it is a draft; it cannot be made active with it."""
    complete_activity.status = ProcessingActivity.Status.DRAFT
    complete_activity.save()
    purpose = Purpose(
        activity=complete_activity, description="Offers", article6=LegalBasis.Article6.LEGITIMATE_INTERESTS
    )
    purpose.full_clean()
    purpose.save()
    complete_activity.status = ProcessingActivity.Status.ACTIVE
    with pytest.raises(ValidationError) as error:
        complete_activity.full_clean()
    assert any("Art. 6(1)(f)" in message for message in error.value.message_dict["status"])
    assert ProcessingActivity.Status.DRAFT == ProcessingActivity.objects.get(pk=complete_activity.pk).status
    assert ProcessingActivity.Status.DRAFT in {
        a.status for a in ProcessingActivity.objects.incomplete() if a.pk == complete_activity.pk
    }


def test_a_draft_may_hold_special_category_data_without_a_condition_but_cannot_become_active(complete_activity):
    """Art. 9(1)-(2): the gap is allowed in a draft and refused when the activity is marked active."""
    complete_activity.personal_data_categories.add(PersonalDataCategory.objects.get(name="Health data"))
    complete_activity.status = ProcessingActivity.Status.DRAFT
    complete_activity.full_clean()
    complete_activity.status = ProcessingActivity.Status.ACTIVE
    with pytest.raises(ValidationError, match=r"Art\. 9\(2\)"):
        complete_activity.full_clean()


def test_special_category_data_needs_an_article_9_condition(complete_activity):
    """Art. 9(1) prohibits processing special categories unless a condition in Art. 9(2) applies."""
    complete_activity.personal_data_categories.add(PersonalDataCategory.objects.get(name="Health data"))
    with pytest.raises(ValidationError) as error:
        complete_activity.full_clean()
    assert "Art. 9(2)" in str(error.value)
    purpose = complete_activity.purposes.get()
    purpose.article9 = LegalBasis.Article9.HEALTH_CARE
    # Art. 9(2)(h) rests on Union or Member State law, which the purpose names (Art. 9(2), issue 28).
    purpose.legal_reference = "helsepersonelloven § 39"
    purpose.save()
    complete_activity.full_clean()


def test_criminal_offence_data_needs_an_article_10_basis(complete_activity):
    """Art. 10: only under official authority or where Union or Member State law authorises it."""
    complete_activity.personal_data_categories.add(
        PersonalDataCategory.objects.get(name="Criminal convictions and offences")
    )
    with pytest.raises(ValidationError) as error:
        complete_activity.full_clean()
    assert "Art. 10" in str(error.value)
    Purpose.objects.create(
        activity=complete_activity,
        description="Background checks for warehouse staff",
        article6=LegalBasis.Article6.LEGAL_OBLIGATION,
        article10=LegalBasis.Article10.AUTHORISED_BY_LAW,
        legal_reference="vaktvirksomhetsloven § 12",
    )
    complete_activity.full_clean()


def test_an_activity_has_several_bases_one_per_purpose(complete_activity):
    Purpose.objects.create(
        activity=complete_activity,
        description="Bookkeeping of the sale",
        article6=LegalBasis.Article6.LEGAL_OBLIGATION,
        legal_reference="bokføringsloven § 13",
    )
    with translation.override("en"):
        bases = sorted(label for purpose in complete_activity.purposes.all() for label in purpose.bases)
    assert bases == ["Art. 6(1)(b) necessary for a contract", "Art. 6(1)(c) legal obligation"]
