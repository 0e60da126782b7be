"""Identity providers and claim mappings in the admin: the host's operators' alone (a client secret opens every
sign-in of a tenant, and a mapping decides who becomes privacy officer where)."""

from django import forms
from django.contrib import admin
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from ropa.admin.history import HistoryAdmin
from ropa.models import OidcProvider, SsoIdentity, SsoMapping
from ropa.workspaces.access import is_operator


class OperatorsOnlyMixin:
    def has_module_permission(self, request) -> bool:
        return is_operator(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return is_operator(request.user) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args) -> bool:
        return is_operator(request.user) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None) -> bool:
        return is_operator(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return is_operator(request.user) and super().has_delete_permission(request, obj)

    # An object's pages answer anyone else "not found", as for an id never used: nothing confirms that it exists.
    def _operator_or_404(self, request) -> None:
        if not is_operator(request.user):
            raise Http404

    def change_view(self, request, object_id, *args, **kwargs):
        self._operator_or_404(request)
        return super().change_view(request, object_id, *args, **kwargs)

    def delete_view(self, request, object_id, *args, **kwargs):
        self._operator_or_404(request)
        return super().delete_view(request, object_id, *args, **kwargs)

    def history_view(self, request, object_id, *args, **kwargs):
        self._operator_or_404(request)
        return super().history_view(request, object_id, *args, **kwargs)

    def history_form_view(self, request, object_id, *args, **kwargs):
        self._operator_or_404(request)
        return super().history_form_view(request, object_id, *args, **kwargs)


class OidcProviderForm(forms.ModelForm):
    client_secret = forms.CharField(
        label=_("client secret"), required=False, strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_("Never shown again; leave empty to keep the secret already saved."),
    )

    class Meta:
        model = OidcProvider
        fields = [
            "name", "issuer", "client_id", "client_secret", "button_label", "email_domains", "workspace",
            "mfa_acr_values", "password_sign_in_disabled",
        ]

    def clean_client_secret(self) -> str:
        secret = self.cleaned_data["client_secret"]
        if secret:
            return secret
        if self.instance.pk and self.instance.client_secret:
            return self.instance.client_secret
        raise forms.ValidationError(_("Give the client secret the provider issued."))


@admin.register(OidcProvider)
class OidcProviderAdmin(OperatorsOnlyMixin, HistoryAdmin):
    form = OidcProviderForm
    list_display = ["name", "issuer", "email_domains", "workspace", "password_sign_in_disabled"]
    search_fields = ["name", "issuer", "email_domains"]
    fields = [
        "name", "issuer", "client_id", "client_secret", "button_label", "email_domains", "workspace",
        "mfa_acr_values", "password_sign_in_disabled",
    ]
    history_list_display = ["issuer", "email_domains"]


@admin.register(SsoMapping)
class SsoMappingAdmin(OperatorsOnlyMixin, HistoryAdmin):
    list_display = ["claim", "value", "workspace", "role", "provider"]
    list_filter = ["role", "workspace", "provider"]
    search_fields = ["value", "workspace__name"]
    list_select_related = ["workspace", "provider"]


@admin.register(SsoIdentity)
class SsoIdentityAdmin(OperatorsOnlyMixin, HistoryAdmin):
    """Which provider account signs in as which person: removed here to let a person sign in afresh."""

    list_display = ["user", "issuer", "last_sign_in"]
    search_fields = ["user__username", "issuer"]
    list_select_related = ["user"]
    readonly_fields = ["user", "issuer", "subject", "last_sign_in"]

    def has_add_permission(self, request, *args) -> bool:
        return False
