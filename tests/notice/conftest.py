"""A web shop like the demo's, with every Art. 13 item in its record, and officer-only text marked INTERNAL."""

import pytest
from django.utils import translation

from ropa.models import (
    DataSubjectCategory,
    LegalBasis,
    PersonalDataCategory,
    ProcessingActivity,
    Processor,
    ProcessorUse,
    PublishedNotice,
    Purpose,
    RecipientCategory,
    RetentionRule,
    SecurityMeasure,
    Transfer,
    WordingTranslation,
    YesNoUnknown,
)
from tests.conftest import vocab
from tests.ropa.processor_helpers import make_agreement, make_processor

Status = ProcessingActivity.Status
Source = ProcessingActivity.SourceKind
Provision = ProcessingActivity.ProvisionRequirement

# Officer-facing text: none of it may ever reach the public notice.
INTERNAL = {
    "description": "INTERNAL-DESCRIPTION of the activity",
    "recipients_description": "INTERNAL-RECIPIENTS in detail",
    "source_description": "INTERNAL-SOURCE in detail",
    "internal_notes": "INTERNAL-NOTES for the auditor",
    "security_description": "INTERNAL-SECURITY description",
}
BALANCING_TEST = "INTERNAL-BALANCING test: our interest outweighs"


@pytest.fixture(autouse=True)
def english(settings):
    """These tests read English wording; the Norwegian and Swedish notices are tested where they say so."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def make_activity(organisation, name: str, *, status=Status.ACTIVE, source=Source.DATA_SUBJECT,
                  provision=Provision.CONTRACTUAL, **fields) -> ProcessingActivity:
    """An activity with every Art. 30(1) item documented, so only what a test changes can make it incomplete."""
    values = {
        **INTERNAL, "transfers_outside_eea": YesNoUnknown.NO, "source_kind": source,
        "provision_requirement": provision, **fields,
    }
    activity = ProcessingActivity.objects.create(organisation=organisation, name=name, status=status, **values)
    activity.data_subject_categories.add(vocab(DataSubjectCategory, "Customers"))
    activity.personal_data_categories.add(vocab(PersonalDataCategory, "Name"))
    activity.recipient_categories.add(vocab(RecipientCategory, "Transport and delivery companies"))
    activity.security_measures.add(vocab(SecurityMeasure, "Encryption in transit (TLS)"))
    return activity


def add_retention(activity, **fields) -> RetentionRule:
    values = {"duration": 3, "unit": RetentionRule.Unit.YEARS, "runs_from": RetentionRule.Event.END_OF_RELATIONSHIP,
              "description": "INTERNAL-RETENTION reasoning", **fields}
    return RetentionRule.objects.create(activity=activity, **values)


def build_shop(organisation, *, activities: int = 3) -> dict:
    """Order handling (contract, law, processor, transfer), a newsletter (consent), fraud checks from a
    credit agency (legitimate interests, Art. 14, automated decisions); more order-like ones if asked.

    The completeness facts are worked out once at the end, as the demo and the import do."""
    from ropa.completeness.signals import deferred

    with deferred():
        return _build_shop(organisation, activities)


def _build_shop(organisation, activities: int) -> dict:
    organisation.dpo_name = "Ola Personvern"
    organisation.dpo_email = "dpo@verdifull.example"
    organisation.phone = "+47 22 00 00 00"
    organisation.website = "https://verdifull.example"
    organisation.record_language = "en"  # the test shop's record is written in English
    organisation.save()

    orders = make_activity(
        organisation, "Order handling", public_description="We use your order to send you what you bought.",
        provision_consequences="Without an address we cannot deliver the goods.",
        transfers_outside_eea=YesNoUnknown.YES,
    )
    orders.personal_data_categories.add(vocab(PersonalDataCategory, "Postal and delivery address"))
    Purpose.objects.create(
        activity=orders, description="Deliver what you ordered", article6=LegalBasis.Article6.CONTRACT,
    )
    Purpose.objects.create(
        activity=orders, description="Keep the accounts", article6=LegalBasis.Article6.LEGAL_OBLIGATION,
        legal_reference="bokføringsloven § 13",
    )
    add_retention(orders, duration=5, runs_from=RetentionRule.Event.END_OF_FINANCIAL_YEAR,
                  legal_reference="bokføringsloven § 13")
    platform = make_processor("Shopcloud", countries=["US"], notes="INTERNAL-PROCESSOR notes")
    make_agreement(platform)
    ProcessorUse.objects.create(activity=orders, processor=platform, note="INTERNAL-USE note")
    Transfer.objects.create(
        activity=orders, processor=platform, destination_country="US", tool=Transfer.Tool.SCC,
        scc_module=Transfer.SccModule.C2P,
        description="INTERNAL-TRANSFER description", supplementary_measures="INTERNAL-MEASURES",
    )
    carrier = make_processor("Posten", role=Processor.Role.INDEPENDENT_CONTROLLER)
    ProcessorUse.objects.create(activity=orders, processor=carrier)

    newsletter = make_activity(organisation, "Newsletter", provision=Provision.VOLUNTARY)
    Purpose.objects.create(
        activity=newsletter, description="Send you offers by e-mail", article6=LegalBasis.Article6.CONSENT,
        consent_record="INTERNAL-CONSENT log in the shop", consent_demonstrable=True,  # Art. 7(1)
    )
    add_retention(newsletter, runs_from=RetentionRule.Event.CONSENT_WITHDRAWN, duration=2,
                  unit=RetentionRule.Unit.MONTHS)

    fraud = make_activity(
        organisation, "Fraud checks", source=Source.THIRD_PARTY, provision="",
        public_source="Kredittopplysning AS, a credit agency, when you choose to pay by invoice.",
        automated_decision_making=True,
        automated_decision_description="A score from the credit agency decides whether you may pay by invoice.",
    )
    fraud.personal_data_categories.add(vocab(PersonalDataCategory, "Credit assessment"))
    Purpose.objects.create(
        activity=fraud, description="Stop fraud with invoices", article6=LegalBasis.Article6.LEGITIMATE_INTERESTS,
        balancing_test=BALANCING_TEST, legitimate_interest="not losing goods to people who never pay",
    )
    add_retention(fraud, duration=6, unit=RetentionRule.Unit.MONTHS, runs_from=RetentionRule.Event.COLLECTION)

    extra = []
    for number in range(activities - 3):
        activity = make_activity(organisation, f"Order channel {number}", transfers_outside_eea=YesNoUnknown.YES)
        Purpose.objects.create(activity=activity, description=f"Sell through channel {number}",
                               article6=LegalBasis.Article6.CONTRACT)
        add_retention(activity)
        ProcessorUse.objects.create(activity=activity, processor=platform)
        # The platform is in the US: an activity using it is complete only with a transfer tool for it (issue 28).
        Transfer.objects.create(activity=activity, processor=platform, destination_country="US",
                                tool=Transfer.Tool.SCC, scc_module=Transfer.SccModule.C2P)
        extra.append(activity)
    return {"orders": orders, "newsletter": newsletter, "fraud": fraud, "platform": platform, "extra": extra}


@pytest.fixture
def shop(organisation) -> dict:
    return build_shop(organisation)


def publish_now(organisation, language: str = "en"):
    """Publish as the officer would; None when the record may not be published (the last version stays)."""
    from django.urls import reverse

    from ropa.notice.publishing import NotPublishable, publish

    form = "http://testserver" + reverse("requests:intake_for", args=[organisation.pk])
    try:
        return publish(organisation, language, None, form)
    except NotPublishable as refused:
        if refused.unchanged:
            return PublishedNotice.objects.filter(organisation=organisation, language=language).first()
        return None


def translate_everything(organisation, language: str) -> None:
    """Stand-in translations of every public text into `language`, for tests of the notice's own wording there."""
    from ropa.notice.views import notice_for

    for text in notice_for(organisation, language=language).missing_wording:
        WordingTranslation.objects.get_or_create(
            organisation=organisation, language=language, original=text,
            defaults={"translation": f"({language}) {text}"},
        )
