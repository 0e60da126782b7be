"""The admin site, its sections ordered as a privacy officer's work goes (installed by ropa.apps.RopaAdminConfig).

First the record of processing activities (Art. 30(1)), then processors and transfers (Arts. 28 and 44–49),
then rights requests (Arts. 12–22), then everything else (login records, users, two-factor devices) in
Django's alphabetical order. Only the order changes: pages, URLs and permissions are Django's.
"""

from django.contrib import admin
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

RECORD = "ropa"
REQUESTS = "requests"
# The record's models in reading order; a ropa model not named in either tuple joins the record, after these.
RECORD_MODELS = (
    "ProcessingActivity", "Organisation", "System", "DataSubjectCategory", "PersonalDataCategory",
    "RecipientCategory", "SecurityMeasure",
)
PROCESSOR_MODELS = (
    "Processor", "DataProcessingAgreement", "ProcessorUse", "SubProcessorObjection", "Transfer",
    "AdequacyDecision", "ProcessorActivity",
)
REQUEST_MODELS = ("RightsRequest", "OutboxEmail")


def _in_order(models: list[dict], names: tuple[str, ...]) -> list[dict]:
    rank = {name: index for index, name in enumerate(names)}
    return sorted(models, key=lambda model: (rank.get(model["object_name"], len(names)), model["name"]))


class RopaAdminSite(admin.AdminSite):
    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        first, rest = [], []
        for app in apps:
            if app["app_label"] == RECORD:
                first[:0] = self._split_record(app, whole=app_label is not None)
            elif app["app_label"] == REQUESTS:
                first.append({**app, "models": _in_order(app["models"], REQUEST_MODELS)})
            else:
                rest.append(app)
        return first + rest

    def login(self, request, extra_context=None):
        """The password form, with the identity providers' buttons and an e-mail field that picks one (ropa/sso/)."""
        from ropa.sso import providers
        from ropa.sso.middleware import allow_form_action

        every = providers.every_provider()
        by_email = [provider for provider in every if provider.domains]
        context = {
            "sso_buttons": [provider for provider in every if provider.button_label],
            "sso_by_email": bool(by_email),
            **(extra_context or {}),
        }
        response = super().login(request, context)
        # The e-mail field's answer redirects to the provider: the policy's form-action must allow its address.
        allow_form_action(response, *(provider.issuer for provider in by_email))
        return response

    def logout(self, request, extra_context=None):
        """ropa's logout, then the identity provider's where the person signed in through one that offers it."""
        from ropa.sso.views import provider_logout_url

        provider_url = provider_logout_url(request) if request.method == "POST" else None
        response = super().logout(request, extra_context)
        return HttpResponseRedirect(provider_url) if provider_url else response

    def _split_record(self, app: dict, whole: bool) -> list[dict]:
        """The record's app as two sections, the record and its processors and transfers; one on its own page."""
        if whole:
            return [{**app, "models": _in_order(app["models"], RECORD_MODELS + PROCESSOR_MODELS)}]
        processors = [model for model in app["models"] if model["object_name"] in PROCESSOR_MODELS]
        record = [model for model in app["models"] if model["object_name"] not in PROCESSOR_MODELS]
        sections = [{**app, "models": _in_order(record, RECORD_MODELS)}]
        if processors:
            sections.append({
                **app, "name": _("Processors and transfers"), "models": _in_order(processors, PROCESSOR_MODELS),
            })
        return [section for section in sections if section["models"]]

