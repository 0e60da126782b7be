"""The demo's processors, agreements and transfers: realistic states, lawful transfers, loaded idempotently."""

import pytest
from django.utils import translation

from ropa.demo import CHANGE_REASON, consultancy, load_demo, seleverkstedet, swedish_shop, verdifull
from ropa.models import (
    Art30Item,
    DataProcessingAgreement,
    DpaStatus,
    ProcessingActivity,
    Processor,
    ProcessorUse,
    Transfer,
)

pytestmark = pytest.mark.django_db


def _activity(company: str, name: str) -> ProcessingActivity:
    return ProcessingActivity.objects.get(organisation__name=company, name=name)


class TestTheDemoProcessors:
    """Tests that read the demo as one load wrote it (loaded once for the class: tests/conftest.py)."""

    def test_the_agreements_show_every_status_a_privacy_officer_meets(self, demo_for_the_class):
        statuses = {p.name: p.dpa_status for p in Processor.objects.with_dpa_status()}
        assert statuses["Gurusoft Ecommerce"] == DpaStatus.ACTIVE
        assert statuses["Uni Micro Web"] == DpaStatus.ACTIVE
        assert statuses["Microsoft 365"] == DpaStatus.ACTIVE
        assert statuses["Wix"] == DpaStatus.EXPIRED
        assert statuses["Nyhetsbrevtjeneste"] == DpaStatus.MISSING
        assert statuses["Google Analytics"] == DpaStatus.DUE_FOR_REVIEW
        for controller in ("Klarna", "PayEx", "PayPal", "Transportpartnere", "Gravatar", "Meta-piksel (Facebook)"):
            assert statuses[controller] == DpaStatus.NOT_REQUIRED

    def test_every_demo_transfer_has_a_valid_safeguard(self, demo_for_the_class):
        """Arts. 45 and 46: the US under the Data Privacy Framework, Israel by adequacy, Gravatar under SCCs."""
        transfers = Transfer.objects.with_safeguard()
        assert transfers.count() >= 10
        assert all(transfer.has_valid_safeguard for transfer in transfers)
        for transfer in transfers:
            transfer.full_clean()
        assert transfers.filter(destination_country="US", tool=Transfer.Tool.ADEQUACY, recipient_dpf_certified=True)
        gravatar = transfers.get(processor__name="Gravatar")
        assert (gravatar.tool, gravatar.scc_module) == (Transfer.Tool.SCC, Transfer.SccModule.C2C)
        assert gravatar.tia_date and gravatar.supplementary_measures
        with translation.override("en"):
            adequacy = transfers.filter(destination_country="US", tool="adequacy").first()
            assert "2023/1795" in adequacy.safeguard_summary()

    def test_the_completeness_check_flags_what_the_demo_leaves_open(self, demo_for_the_class):
        """Art. 28: the unnamed newsletter provider and Wix's lapsed terms; Art. 30(1)(e) answered by the transfers."""
        assert Art30Item.DPA in _activity(consultancy.NAME, "Nyhetsbrev").missing_items()
        assert Art30Item.DPA in _activity(consultancy.NAME, "Kundeforhold, bestillinger og betaling").missing_items()
        assert Art30Item.DPA not in _activity(consultancy.NAME, "Fakturering og regnskap").missing_items()
        for company, name in [
            (seleverkstedet.NAME, "Sporingspiksler for markedsføring (Facebook-piksel, Google Tag)"),
            (verdifull.NAME, "Kommentarer på bloggen"),
            (swedish_shop.NAME, "Annonspixlar och webbanalys (Facebook-pixel, Google Analytics)"),
            (consultancy.NAME, "Fakturering og regnskap"),
        ]:
            activity = _activity(company, name)
            assert activity.transfers.exists()
            assert Art30Item.TRANSFERS not in activity.missing_items(), name

    def test_activities_list_their_processors(self, demo_for_the_class):
        orders = _activity(swedish_shop.NAME, "Beställningar, leverans och fakturering")
        assert {p.name for p in orders.processors.all()} == {"Uni Micro Web", "Klarna", "PayEx"}
        payex = orders.processor_uses.get(processor__name="PayEx")
        assert {c.name for c in payex.personal_data_categories.all()} == {"Name", "Payment details"}

    def test_the_sub_processor_chain_reaches_the_us_parent(self, demo_for_the_class):
        chain = Processor.objects.get(name="Microsoft 365").sub_processor_chain()
        assert [(link.processor.name, [c.code for c in link.processor.countries]) for link in chain] == [
            ("Microsoft Corporation", ["US"]),
        ]

    def test_a_second_run_writes_no_rows_and_no_history(self, demo_for_the_class):
        models = (Processor, ProcessorUse, DataProcessingAgreement, Transfer)
        counts = {model: (model.objects.count(), model.history.count()) for model in models}
        load_demo()
        assert {model: (model.objects.count(), model.history.count()) for model in models} == counts
        assert {row.history_change_reason for row in Transfer.history.all()} == {CHANGE_REASON}
        assert {row.history_user_id for row in Processor.history.all()} == {None}


