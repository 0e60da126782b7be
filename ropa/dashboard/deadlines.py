"""Every running deadline across the person's workspaces, one row each naming its company (issue 23).

Two kinds run against the law: a rights request's answer is due within a month of receipt (Art. 12(3), the date
worked out and stored on the request by requests.deadlines), and a breach is notified within 72 hours of awareness
(Art. 33(1), the moment stored on the breach by ropa.breaches.clock). Both are read as stored, never recomputed.
A fixed number of queries (one per kind) however many rows; each kind only where the person may view it.
"""

import datetime
import math
from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from requests.models import RightsRequest
from ropa.workspaces.access import visible


@dataclass(frozen=True)
class RunningDeadline:
    company: str
    workspace: str
    kind: str
    name: str
    url: str
    due: datetime.datetime  # the moment it runs out, for sorting; a request's date ends at midnight after it
    shown_due: str  # as the admin's own lists show it
    left: str
    overdue: bool
    due_soon: bool  # a request's last week, a breach's last 24 hours: amber, as in the admin's lists


def _change_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def _days_text(days: int) -> str:
    if days < 0:
        return ngettext("%(days)d day overdue", "%(days)d days overdue", -days) % {"days": -days}
    if days == 0:
        return _("due today")
    return ngettext("%(days)d day left", "%(days)d days left", days) % {"days": days}


def _hours_text(hours: float) -> str:
    if hours < 0:
        return _("%(hours)d h overdue") % {"hours": math.floor(-hours)}
    return _("%(hours)d h left") % {"hours": math.floor(hours)}


def _requests(user, now: datetime.datetime) -> list[RunningDeadline]:
    """Art. 12(3): open requests whose month runs (one paused for the identity check has no deadline yet)."""
    today = timezone.localdate(now)
    rows = visible(RightsRequest.objects.open().filter(deadline__isnull=False), user).select_related(
        "organisation__workspace",
    )
    kind = _("Rights request (Art. 12(3))")
    result = []
    for request in rows:
        end = datetime.datetime.combine(request.deadline + datetime.timedelta(days=1), datetime.time())
        result.append(RunningDeadline(
            company=request.organisation.name, workspace=request.organisation.workspace.name, kind=kind,
            name=str(request), url=_change_url(request), due=timezone.make_aware(end),
            shown_due=request.deadline.isoformat(), left=_days_text(request.days_left(today)),
            overdue=request.is_overdue(today), due_soon=request.is_due_soon(today),
        ))
    return result


def _breaches(user, now: datetime.datetime) -> list[RunningDeadline]:
    """Art. 33(1): breaches whose 72 hours to notify run; only when the breach register is installed."""
    if not apps.is_installed("ropa.breaches"):
        return []
    from ropa.breaches.clock import local
    from ropa.breaches.models import Breach

    rows = visible(Breach.objects.clock_running(), user).select_related("organisation__workspace")
    kind = _("Breach notification (Art. 33(1))")
    return [
        RunningDeadline(
            company=breach.organisation.name, workspace=breach.organisation.workspace.name, kind=kind,
            name=str(breach), url=_change_url(breach), due=breach.notification_deadline,
            shown_due=f"{local(breach.notification_deadline):%Y-%m-%d %H:%M}", left=_hours_text(breach.hours_left(now)),
            overdue=breach.is_overdue(now), due_soon=breach.is_due_soon(now),
        )
        for breach in rows
    ]


def running_deadlines(user, now: datetime.datetime | None = None) -> list[RunningDeadline]:
    """The person's running deadlines in every workspace they may see, overdue first, then the soonest."""
    now = now or timezone.now()
    rows = _requests(user, now) + _breaches(user, now)
    return sorted(rows, key=lambda row: (not row.overdue, row.due, row.company, row.name))
