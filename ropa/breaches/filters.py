"""Change-list filter for breaches by their 72-hour clock; `?clock=running` is what the dashboard links to."""

from django.contrib import admin
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ropa.breaches.clock import DUE_SOON


class ClockFilter(admin.SimpleListFilter):
    title = _("72-hour clock")
    parameter_name = "clock"

    def lookups(self, request, model_admin):
        return [
            ("running", _("Running: notification not yet decided")),
            ("due_soon", _("Less than 24 hours left")),
            ("overdue", _("72 hours passed, not notified")),
            ("late", _("Notified after 72 hours")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "running":
            return queryset.clock_running()
        if self.value() == "due_soon":
            return queryset.clock_running().filter(
                notification_deadline__gte=now, notification_deadline__lte=now + DUE_SOON,
            )
        if self.value() == "overdue":
            return queryset.overdue(now)
        if self.value() == "late":
            return queryset.filter(notified_at__gt=F("notification_deadline"))
        return queryset



