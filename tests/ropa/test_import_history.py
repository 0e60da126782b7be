"""What an import leaves in the history: nothing for an unchanged file, a reason naming the file otherwise."""

import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from django.utils import translation
from simple_history.admin import SimpleHistoryAdmin

from ropa.imports import plan_import
from ropa.models import ProcessingActivity, RetentionRule
from ropa.security.roles import PRIVACY_OFFICER
from tests.conftest import _user_in, officer_of, once_per_class
from tests.ropa.processor_helpers import days
from tests.ropa.test_import import exported, rich_record


def history_rows() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models() if model._meta.label.startswith("ropa.Historical")
    }


@pytest.fixture
def record(db):
    shop = rich_record()
    orders = ProcessingActivity.objects.get(name="Ordrebehandling")
    # A rule without a duration but with an event, as the demo record has: its export leaves the event blank.
    RetentionRule.objects.create(
        activity=orders, description="Until the enquiry is closed", runs_from=RetentionRule.Event.OTHER,
        unit=RetentionRule.Unit.MONTHS,
    )
    return shop


def test_re_importing_an_unchanged_export_reports_no_change_and_writes_no_history(record, privacy_officer):
    data = exported()
    before = history_rows()
    plan = plan_import(data, "record.xlsx")
    assert plan.errors == []
    assert plan.counts()["change"] == 0 and plan.counts()["create"] == 0
    plan.apply(privacy_officer)
    assert history_rows() == before


def test_history_rows_of_an_import_carry_the_file_name_as_their_reason(record, privacy_officer):
    data = exported()
    orders = ProcessingActivity.objects.get(name="Ordrebehandling")
    orders.owner = "Someone else"
    orders.save()
    with translation.override("en"):
        plan_import(data, "protokoll 2026.xlsx").apply(privacy_officer)
    latest = orders.history.first()
    assert latest.owner == "Salgssjef"
    assert latest.history_change_reason == "Import of protokoll 2026.xlsx"
    assert latest.history_user == privacy_officer


def test_the_reason_is_written_in_the_importing_users_language(record, privacy_officer):
    data = exported()
    ProcessingActivity.objects.filter(name="Ordrebehandling").update(owner="Someone else")
    with translation.override("nb"):
        plan_import(data, "protokoll.xlsx").apply(privacy_officer)
    reason = ProcessingActivity.objects.get(name="Ordrebehandling").history.first().history_change_reason
    assert reason != "Import of protokoll.xlsx" and "protokoll.xlsx" in reason


HISTORY_ADMINS = sorted(
    model._meta.label for model, model_admin in admin.site._registry.items()
    if isinstance(model_admin, SimpleHistoryAdmin)
)


def test_every_admin_with_history_is_checked_below():
    assert {"requests.RightsRequest", "requests.OutboxEmail", "breaches.Breach", "ropa.ProcessingActivity"} <= set(
        HISTORY_ADMINS
    )


def one_of_each():
    """A row of every model with a history page: the demo record, and what it leaves out (in a workspace of a
    controller of its own, with its privacy officer)."""
    from requests.models import OutboxEmail, RightsRequest
    from ropa.demo import load_demo
    from ropa.models import DataProcessingAgreement, Organisation, ProcessorActivity, SubProcessorObjection

    organisation = Organisation.objects.create(
        name="Verdifull AS", organisation_number="920437958", country="NO", email="personvern@verdifull.example",
        address="Storgata 1, 0155 Oslo",
    )
    privacy_officer = _user_in(PRIVACY_OFFICER, "officer")
    load_demo()
    agreement = DataProcessingAgreement.objects.first()
    SubProcessorObjection.objects.create(agreement=agreement, change="A new hosting provider", objected_on=days(-3),
                                         grounds="Hosting outside the EEA.")
    ProcessorActivity.objects.create(processor=organisation, client=Organisation.objects.exclude(pk=organisation.pk)
                                     .first(), name="Payroll for a client", categories_of_processing="Payroll")
    request = RightsRequest.objects.create(organisation=organisation, requester_name="Kari Nordmann",
                                           requester_email="kari@example.net")
    OutboxEmail.queue(kind=OutboxEmail.Kind.RECEIPT, to="kari@example.net", subject="Received", body="Received.",
                      request=request)
    # The cookie register's checks and findings, and the notice's translations, which the demo leaves out.
    from ropa.models.notice import WordingTranslation
    from ropa.website.models import Finding, Website, WebsiteCheck

    website = Website.objects.first() or Website.objects.create(organisation=organisation, address="https://www.example.no/")
    check = WebsiteCheck.objects.create(website=website, status=WebsiteCheck.Status.DONE)
    Finding.objects.create(website_check=check, kind=Finding.Kind.NOT_REGISTERED, subject="_ga")
    language = "en" if organisation.record_language != "en" else "nb"
    WordingTranslation.objects.create(organisation=organisation, language=language, original="Ordrebehandling",
                                      translation="Order handling")
    # The API's tokens (the officer's own), webhooks, and single sign-on's providers, mappings and identities.
    from ropa.models import ApiToken, OidcProvider, SsoIdentity, SsoMapping
    from ropa.webhooks.models import WebhookDelivery, WebhookSubscription

    token = ApiToken(user=privacy_officer, name="Web shop")
    token.issue()
    token.save()
    subscription = WebhookSubscription.objects.create(workspace=organisation.workspace, url="https://shop.example/hook")
    WebhookDelivery.objects.create(subscription=subscription, event_type="request.received", subject_key="request:1")
    provider = OidcProvider.objects.create(name="Entra", issuer="https://login.example/v2.0", client_id="ropa",
                                           client_secret="s3cret")
    SsoMapping.objects.create(provider=provider, value="officers", workspace=organisation.workspace, role="officer")
    SsoIdentity.objects.create(user=privacy_officer, issuer=provider.issuer, subject="abc")


# Single sign-on is the operators' alone (ropa/sso/admin.py): its history pages are opened by one.
OPERATORS_ONLY = {"ropa.OidcProvider", "ropa.SsoMapping", "ropa.SsoIdentity"}

one_of_each_for_the_class = once_per_class(one_of_each)


@pytest.mark.usefixtures("one_of_each_for_the_class")
class TestEveryHistoryPage:
    @pytest.mark.django_db
    @pytest.mark.parametrize("label", HISTORY_ADMINS)
    def test_an_edit_without_a_reason_shows_no_none_on_any_history_page(self, client, admin_user, label):
        """Issue 15: an edit saved without a reason shows an empty reason, never the word "None", on every admin's
        history page (rights requests, outbox e-mails and breaches included, not only the record's); nor does a
        change saved without a user in the "Changed by" column."""
        model = apps.get_model(label)
        instance = model.objects.order_by("pk").first()
        assert instance is not None, f"no {label} to open"
        instance.save()
        assert instance.history.first().history_change_reason is None
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[instance.pk])
        # The privacy officer of the company the object belongs to: another company's object is not found (issue 23).
        client.force_login(admin_user if label in OPERATORS_ONLY else officer_of(instance))
        with translation.override("en"):
            page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        table = page.split('id="change-history"', 1)[1].split("</table>", 1)[0]
        rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>", 1)[1], flags=re.S)
        reasons = [re.findall(r"<td>(.*?)</td>", row, flags=re.S)[-2].strip() for row in rows]
        assert reasons[0] == "", f"{label}: the newest row's reason reads {reasons[0]!r}"
        assert "None" not in reasons
        # Saved here without a user, as the public form, a command or the outbox service saves: said in words.
        changed_by = re.findall(r"<td>(.*?)</td>", rows[0], flags=re.S)[-3].strip()
        assert changed_by == "nobody signed in (the public form, a command or the outbox service)"
