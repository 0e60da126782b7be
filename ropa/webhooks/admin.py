"""A workspace's webhooks in the admin: subscriptions (the secret revealed to whoever may change them, the
workspace's officers) and the read-only delivery log, with "retry now" for what failed."""

import json

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ropa.admin.history import HistoryAdmin
from ropa.webhooks.models import Event, WebhookDelivery, WebhookSubscription
from ropa.workspaces import access
from ropa.workspaces.admin import WorkspaceScopedAdmin


class WebhookSubscriptionForm(forms.ModelForm):
    events = forms.MultipleChoiceField(
        label=_("events"), choices=Event.choices, widget=forms.CheckboxSelectMultiple,
        help_text=_("The events posted to this URL."),
    )

    class Meta:
        model = WebhookSubscription
        fields = ["workspace", "url", "description", "events", "active"]


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(WorkspaceScopedAdmin, HistoryAdmin):
    form = WebhookSubscriptionForm
    list_display = ["__str__", "url", "workspace", "active", "event_count", "created"]
    list_filter = ["active", "workspace"]
    list_select_related = ["workspace"]
    search_fields = ["url", "description"]

    def get_fields(self, request, obj=None):
        fields = ["workspace", "url", "description", "events", "active"]
        if obj is not None and self.has_change_permission(request, obj):
            fields.append("revealed_secret")  # only whoever may change the subscription, in its workspace
        return fields

    def get_readonly_fields(self, request, obj=None):
        return ["revealed_secret"]

    @admin.display(description=_("events"))
    def event_count(self, obj) -> int:
        return len(obj.events)

    @admin.display(description=_("signing secret"))
    def revealed_secret(self, obj) -> str:
        return format_html(
            "<details><summary>{}</summary><code>{}</code><p class='help'>{}</p></details>",
            _("Show the secret"), obj.secret,
            _("The receiver verifies each message's webhook-signature with it (README, Webhooks)."),
        )


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(WorkspaceScopedAdmin, HistoryAdmin):
    """The log: written by events and the worker, never typed in; "retry now" sends a failed one again."""

    list_display = [
        "created_at", "event_type", "subject_key", "subscription", "state", "attempts", "last_status_code",
        "next_attempt_at", "delivered_at",
    ]
    list_filter = ["state", "event_type"]
    list_select_related = ["subscription"]
    search_fields = ["message_id", "subject_key"]
    actions = ["retry_now"]
    fields = [
        "subscription", "event_type", "subject_key", "message_id", "state", "attempts", "created_at",
        "next_attempt_at", "delivered_at", "last_status_code", "last_error", "formatted_payload",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_retry_permission(self, request) -> bool:
        ids = access.workspace_ids(request.user, "webhooks.change_webhookdelivery")
        return ids is None or bool(ids)

    @admin.display(description=_("payload"))
    def formatted_payload(self, obj) -> str:
        return format_html("<pre>{}</pre>", json.dumps(obj.payload, indent=2, ensure_ascii=False))

    @admin.action(description=_("Retry now"), permissions=["retry"])
    def retry_now(self, request, queryset):
        retried = 0
        for delivery in access.visible(queryset, request.user, "change").exclude(state=WebhookDelivery.State.DELIVERED):
            delivery.state, delivery.next_attempt_at = WebhookDelivery.State.PENDING, timezone.now()
            delivery._change_reason = gettext("Retry now")
            delivery.save()
            retried += 1
        self.message_user(request, ngettext(
            "%(count)s delivery will be retried by the worker.", "%(count)s deliveries will be retried by the worker.",
            retried,
        ) % {"count": retried}, messages.SUCCESS)
