"""Anonymous statistics on answered requests, for a supervisory authority's inquiry.

Closed requests still kept and the RequestStatistic rows purged ones left behind count alike: per
month of receipt and per right, how many, how many answered on time or late, and the median days.
"""

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from requests.models import RequestStatistic, Right, RightsRequest, Status
from ropa.workspaces.access import visible

ANSWERED = (Status.COMPLETED, Status.REFUSED)


@dataclass(frozen=True)
class ClosedRequest:
    month: datetime.date
    rights: frozenset[str]
    outcome: str
    on_time: bool
    days: int


@dataclass
class Summary:
    label: str
    closed: int = 0
    completed: int = 0
    refused: int = 0
    withdrawn: int = 0
    on_time: int = 0
    late: int = 0
    days: list[int] = field(default_factory=list, repr=False)

    @property
    def median_days(self) -> float | None:
        return statistics.median(self.days) if self.days else None

    def add(self, row: ClosedRequest) -> None:
        self.closed += 1
        if row.outcome == Status.COMPLETED:
            self.completed += 1
        elif row.outcome == Status.REFUSED:
            self.refused += 1
        else:
            self.withdrawn += 1
        if row.outcome in ANSWERED:
            self.days.append(row.days)
            if row.on_time:
                self.on_time += 1
            else:
                self.late += 1


def closed_requests(organisation=None, user=None) -> list[ClosedRequest]:
    """Every closed request, kept or purged, reduced to what the statistics need (two queries and two prefetches);
    with `user`, of the workspaces that person may see."""
    kept = RightsRequest.objects.closed().prefetch_related("rights")
    purged = RequestStatistic.objects.prefetch_related("rights")
    if user is not None:
        kept, purged = visible(kept, user), visible(purged, user)
    if organisation is not None:
        kept, purged = kept.filter(organisation=organisation), purged.filter(organisation=organisation)
    rows = [
        ClosedRequest(
            month=request.received.replace(day=1),
            rights=frozenset(right.code for right in request.rights.all()),
            outcome=request.status,
            on_time=request.deadline is None or request.closed_on <= request.deadline,
            days=(request.closed_on - request.received).days,
        )
        for request in kept
    ]
    rows += [
        ClosedRequest(
            month=statistic.month, rights=frozenset(right.code for right in statistic.rights.all()),
            outcome=statistic.outcome, on_time=statistic.on_time, days=statistic.days_to_answer,
        )
        for statistic in purged
    ]
    return rows


def by_month(rows: list[ClosedRequest]) -> list[Summary]:
    months: dict[datetime.date, Summary] = {}
    for row in sorted(rows, key=lambda r: r.month):
        months.setdefault(row.month, Summary(label=row.month.strftime("%Y-%m"))).add(row)
    return list(months.values())


def by_right(rows: list[ClosedRequest]) -> list[Summary]:
    """A request asking for two rights counts once under each."""
    summaries: dict[str, Summary] = defaultdict(lambda: Summary(label=""))
    for row in rows:
        for code in row.rights:
            summaries[code].add(row)
    result = []
    for code in Right.Article.values:
        if code in summaries:
            summaries[code].label = str(Right.Article(code).label)
            result.append(summaries[code])
    return result


def overall(rows: list[ClosedRequest]) -> Summary:
    total = Summary(label=str(_("All closed requests")))
    for row in rows:
        total.add(row)
    return total
