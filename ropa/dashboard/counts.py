"""What needs the privacy officer today: one count per duty, each linked to the admin list that shows the rows.

A fixed number of queries whatever the size of the record (one or two per kind of row, never one per row), so
the admin's index stays fast for a record of thousands of activities.
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from requests.models import RightsRequest
from requests.models.rights_requests import DUE_SOON_DAYS
from ropa.models import Art30Item, DataProcessingAgreement, DpaStatus, ProcessingActivity, Processor, Transfer
from ropa.models.processors import IN_FORCE
from ropa.website.models import Finding
from ropa.workspaces.access import visible

EXPIRY_WARNING_DAYS = 60


@dataclass(frozen=True)
class AttentionItem:
    group: str
    label: str
    count: int
    url: str
    urgent: bool = False


def _changelist(model, query: str = "") -> str:
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    return f"{url}?{query}" if query else url


def _can_view(user, model) -> bool:
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or user.has_perm(
        f"{opts.app_label}.change_{opts.model_name}"
    )


def _requests(user, today: datetime.date) -> list[AttentionItem]:
    """Art. 12(3): requests nobody has picked up yet (the month runs from receipt, not from when someone looks),
    those past their deadline, and those due within the week."""
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    counts = visible(RightsRequest.objects.open(), user).aggregate(
        unassigned=Count("pk", filter=Q(assignee__isnull=True)),
        overdue=Count("pk", filter=Q(deadline__lt=today)),
        due_soon=Count("pk", filter=Q(deadline__gte=today, deadline__lte=soon)),
    )
    group = _("Rights requests")
    return [
        AttentionItem(group, _("Received, not yet picked up"), counts["unassigned"],
                      _changelist(RightsRequest, "state=open&assignee=nobody"), urgent=True),
        AttentionItem(group, _("Overdue (Art. 12(3))"), counts["overdue"],
                      _changelist(RightsRequest, "due=overdue"), urgent=True),
        AttentionItem(group, _("Due within %(days)s days") % {"days": DUE_SOON_DAYS}, counts["due_soon"],
                      _changelist(RightsRequest, "due=week")),
    ]


def _breaches(user) -> list[AttentionItem]:
    """Art. 33(1): breaches whose 72 hours to notify are running; only when the breach register is installed."""
    if not apps.is_installed("ropa.breaches"):
        return []
    from ropa.breaches.models import Breach

    count = visible(Breach.objects.clock_running(), user).count()
    return [AttentionItem(_("Personal data breaches"), _("72-hour clock running (Art. 33(1))"), count,
                          _changelist(Breach, "clock=running"), urgent=True)]


def _activities(user, today: datetime.date) -> list[AttentionItem]:
    """Art. 30(1): activities missing each item, overdue reviews, and DPIAs required but missing (Art. 35(1))."""
    counts = visible(ProcessingActivity.objects.with_completeness(), user).aggregate(
        review_overdue=Count("pk", filter=Q(next_review__lt=today)),
        **{str(item): Count("pk", filter=Q(**{f"missing_{item}": True})) for item in Art30Item},
    )
    group = _("Record of processing activities")
    items = [
        AttentionItem(group, _("DPIA required but missing (Art. 35(1))"), counts[str(Art30Item.DPIA)],
                      _changelist(ProcessingActivity, "dpia=missing"), urgent=True),
        AttentionItem(group, _("Review overdue"), counts["review_overdue"],
                      _changelist(ProcessingActivity, "review=overdue")),
    ]
    for item in Art30Item:
        if item != Art30Item.DPIA:
            label = _("Incomplete: %(item)s") % {"item": item.label}
            items.append(AttentionItem(group, label, counts[str(item)],
                                       _changelist(ProcessingActivity, f"missing={item.value}")))
    return items


def _processors(user, today: datetime.date) -> list[AttentionItem]:
    """Art. 28(3): processors with no agreement in force, by why; agreements that end within 60 days."""
    statuses = dict(
        visible(Processor.objects.with_dpa_status(today), user)
        .filter(role__in=Processor.ROLES_NEEDING_AGREEMENT)
        .exclude(dpa_status_value__in=IN_FORCE)
        .order_by()
        .values_list("dpa_status_value")
        .annotate(count=Count("pk"))
    )
    group = _("Processors and transfers")
    items = [
        AttentionItem(
            group, _("Processors without an agreement in force: %(status)s") % {"status": status.label},
            statuses.get(status, 0), _changelist(Processor, f"dpa_status={status.value}"), urgent=True,
        )
        for status in (DpaStatus.MISSING, DpaStatus.EXPIRED, DpaStatus.INCOMPLETE)
    ]
    until = today + datetime.timedelta(days=EXPIRY_WARNING_DAYS)
    expiring = visible(DataProcessingAgreement.objects.filter(ends_on__gte=today, ends_on__lte=until), user).count()
    items.append(AttentionItem(
        group, _("Agreements ending within %(days)s days") % {"days": EXPIRY_WARNING_DAYS}, expiring,
        _changelist(DataProcessingAgreement, f"ends_on__gte={today.isoformat()}&ends_on__lte={until.isoformat()}"),
    ))
    missing = visible(Transfer.objects.without_valid_safeguard(today), user).count()
    items.append(AttentionItem(group, _("Transfers without a valid safeguard (Arts. 44–49)"), missing,
                               _changelist(Transfer, "safeguard=missing"), urgent=True))
    return items


def _websites(user) -> list[AttentionItem]:
    """Where the controllers' websites disagree with the record, by their latest checks (ePrivacy Art. 5(3))."""
    count = visible(Finding.objects.open(), user).count()
    return [AttentionItem(_("Websites"), _("Open findings of the latest website checks"), count,
                          _changelist(Finding, "open=yes"), urgent=True)]


def attention_items(user, today: datetime.date | None = None) -> list[AttentionItem]:
    """Every count this user may see (the request handler never sees breaches, for instance), over the workspaces
    where the user may see that kind of row."""
    today = today or timezone.localdate()
    items: list[AttentionItem] = []
    if _can_view(user, RightsRequest):
        items += _requests(user, today)
    if apps.is_installed("ropa.breaches"):
        breach = apps.get_model("breaches", "Breach")
        if _can_view(user, breach):
            items += _breaches(user)
    if _can_view(user, ProcessingActivity):
        items += _activities(user, today)
    if _can_view(user, Processor):
        items += _processors(user, today)
    if _can_view(user, Finding):
        items += _websites(user)
    return items
