"""Change-list filters for rights requests: open or closed, deadline, assignee."""

import datetime

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from requests.models import CLOSED_STATUSES, OPEN_STATUSES, Status
from requests.models.rights_requests import DUE_SOON_DAYS
from ropa.workspaces.access import request_staff


class StateFilter(admin.SimpleListFilter):
    title = _("open or closed")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("open", _("Open")),
            ("unconfirmed", _("Awaiting e-mail confirmation")),
            ("closed", _("Closed")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(status__in=OPEN_STATUSES)
        if self.value() == "unconfirmed":
            return queryset.filter(status=Status.AWAITING_CONFIRMATION)
        if self.value() == "closed":
            return queryset.filter(status__in=CLOSED_STATUSES)
        return queryset


class DeadlineFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("Overdue")),
            ("week", _("Due this week (next %(days)s days)") % {"days": DUE_SOON_DAYS}),
            ("paused", _("Paused for identity check")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.overdue(today)
        if self.value() == "week":
            return queryset.open().filter(
                deadline__gte=today, deadline__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
            )
        if self.value() == "paused":
            return queryset.open().filter(deadline__isnull=True)
        return queryset


class AssigneeFilter(admin.SimpleListFilter):
    title = _("assignee")
    parameter_name = "assignee"

    def lookups(self, request, model_admin):
        users = get_user_model().objects.filter(
            Q(pk__in=request_staff(request.user).values("pk")) | Q(pk=request.user.pk)
        ).distinct().order_by("username")
        return [
            ("me", _("Me")),
            ("nobody", _("Nobody")),
            *[(str(user.pk), user.get_full_name() or user.get_username()) for user in users],
        ]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.filter(assignee=request.user)
        if self.value() == "nobody":
            return queryset.filter(assignee__isnull=True)
        if self.value() and self.value().isdigit():
            return queryset.filter(assignee_id=int(self.value()))
        return queryset
