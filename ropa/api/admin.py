"""API tokens in the admin: made by an operator for a person (the token acts as that person), shown once, revoked
with an action. Each person sees their own tokens; an operator sees all."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ropa.admin.history import HistoryAdmin
from ropa.models import ApiToken
from ropa.workspaces.access import is_operator


@admin.register(ApiToken)
class ApiTokenAdmin(HistoryAdmin):
    list_display = ["name", "user", "lookup", "read_only", "may_vouch", "expires_at", "last_used_at", "revoked_at"]
    list_filter = ["read_only", "may_vouch"]
    search_fields = ["name", "user__username", "lookup"]
    fields = ["user", "name", "read_only", "may_vouch", "expires_at", "lookup", "last_used_at", "revoked_at",
              "created"]
    readonly_fields = ["lookup", "last_used_at", "revoked_at", "created"]
    actions = ["revoke"]

    def get_queryset(self, request):
        tokens = super().get_queryset(request).select_related("user")
        return tokens if is_operator(request.user) else tokens.filter(user=request.user)

    def get_readonly_fields(self, request, obj=None):
        # The person a token acts as is fixed once it is made: a new person gets a new token.
        return [*self.readonly_fields, "user"] if obj is not None else self.readonly_fields

    def save_model(self, request, obj: ApiToken, form, change: bool) -> None:
        token = obj.issue() if not change else None
        super().save_model(request, obj, form, change)
        if token:
            messages.warning(request, _(
                "The token for “%(name)s”, shown this once (only its hash is kept): %(token)s"
            ) % {"name": obj.name, "token": token})

    @admin.action(description=_("Revoke the selected tokens"), permissions=["change"])
    def revoke(self, request, queryset) -> None:
        revoked = 0
        for token in queryset.filter(revoked_at__isnull=True):
            token.revoked_at = timezone.now()
            token.save()  # with history: who revoked which token, and when
            revoked += 1
        self.message_user(request, ngettext(
            "%(count)d token revoked.", "%(count)d tokens revoked.", revoked,
        ) % {"count": revoked}, messages.SUCCESS)
