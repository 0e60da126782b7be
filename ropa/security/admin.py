"""The privacy officer lifts a colleague's wrong-code back-off; only a superuser deletes or replaces devices."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ropa.security.models import AuthenticatorBackOff


class WaitingFilter(admin.SimpleListFilter):
    title = _("wrong codes")
    parameter_name = "waiting"

    def lookups(self, request, model_admin):
        return [("yes", _("After wrong codes"))]

    def queryset(self, request, queryset):
        return queryset.filter(throttling_failure_count__gt=0) if self.value() == "yes" else queryset


@admin.register(AuthenticatorBackOff)
class AuthenticatorBackOffAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "throttling_failure_count", "waits_until"]
    list_filter = [WaitingFilter]
    search_fields = ["user__username"]
    fields = ["user", "name", "throttling_failure_count", "waits_until"]
    readonly_fields = fields
    actions = ["lift_back_off"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(confirmed=True).select_related("user")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_reset_permission(self, request) -> bool:
        return request.user.has_perm("security.reset_authenticatorbackoff")

    @admin.display(description=_("may try again from"))
    def waits_until(self, device: AuthenticatorBackOff):
        if not device.throttling_failure_count or not device.throttling_failure_timestamp:
            return "-"
        delay = device.get_throttle_factor() * 2 ** (device.throttling_failure_count - 1)
        until = device.throttling_failure_timestamp + timezone.timedelta(seconds=delay)
        return timezone.localtime(until) if until > timezone.now() else _("now")

    @admin.action(description=_("Lift the wait after wrong codes"), permissions=["reset"])
    def lift_back_off(self, request, queryset):
        devices = list(queryset.filter(throttling_failure_count__gt=0))
        for device in devices:
            device.throttle_reset(commit=True)
            self.log_change(request, device, _("Lifted the wait after wrong codes."))
        self.message_user(request, ngettext(
            "Lifted the wait for %(count)d authenticator.", "Lifted the wait for %(count)d authenticators.",
            len(devices),
        ) % {"count": len(devices)}, messages.SUCCESS)
