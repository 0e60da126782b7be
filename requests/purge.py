"""Erase rights requests with everything that names the requester (Art. 5(1)(e) storage limitation).

The request, its timeline, attachments (rows and files), e-mails, every history row of each, the
history of its many-to-many links and the admin log entries go; a closed request leaves one
anonymous RequestStatistic row behind.
"""

import datetime

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from requests.models import (
    Attachment,
    OutboxEmail,
    RequestStatistic,
    RightsRequest,
    StatusChange,
)
from requests.models.workflow import CLOSED_STATUSES

# Models that hang off a request, by the field naming it; their history rows carry the same field.
DEPENDENTS: dict[type[models.Model], str] = {
    StatusChange: "request_id", Attachment: "request_id", OutboxEmail: "request_id",
}


def retention_cutoff(today: datetime.date | None = None, years: int | None = None) -> datetime.date:
    """Requests closed on or before this day have been kept long enough."""
    today = today or timezone.localdate()
    years = settings.RIGHTS_REQUEST_RETENTION_YEARS if years is None else years
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def expired_requests(today: datetime.date | None = None) -> models.QuerySet:
    return RightsRequest.objects.closed().filter(closed_on__lte=retention_cutoff(today))


def purge_expired_requests(today: datetime.date | None = None, *, batch_size: int = 200) -> int:
    """Erase closed requests past the retention period, keeping anonymous statistics; return how many.

    Works in batches, each its own transaction, so a large first purge stays within the database's limits.
    """
    return erase_in_batches(expired_requests(today), keep_statistics=True, batch_size=batch_size)


def erase_in_batches(requests: models.QuerySet, *, keep_statistics: bool, batch_size: int = 200) -> int:
    """Erase the requests `requests` selects, `batch_size` at a time, each batch its own transaction."""
    erased = 0
    while True:
        batch = list(requests.order_by("pk").values_list("pk", flat=True)[:batch_size])
        if not batch:
            return erased
        erased += erase_requests(RightsRequest.objects.filter(pk__in=batch), keep_statistics=keep_statistics)


def erase_requests(requests: models.QuerySet, *, keep_statistics: bool) -> int:
    with transaction.atomic():
        doomed = list(requests.select_related("organisation").prefetch_related("rights"))
        ids = [request.pk for request in doomed]
        if not ids:
            return 0
        if keep_statistics:
            for request in doomed:
                if request.status in CLOSED_STATUSES:
                    _keep_statistic(request)
        for request in doomed:
            request.delete()  # cascades to timeline, attachments (their files go after commit) and e-mails
        _erase_log_entries(RightsRequest, _erase_history(RightsRequest, id__in=ids))
        for model, field in DEPENDENTS.items():
            _erase_log_entries(model, _erase_history(model, **{f"{field}__in": ids}))
    return len(ids)


def _keep_statistic(request: RightsRequest) -> None:
    statistic = RequestStatistic.objects.create(
        organisation=request.organisation,
        month=request.received.replace(day=1),
        outcome=request.status,
        extended=request.extended_on is not None,
        on_time=request.deadline is None or request.closed_on <= request.deadline,
        days_to_answer=(request.closed_on - request.received).days,
    )
    statistic.rights.set(request.rights.all())


def _erase_history(model: type[models.Model], **lookup) -> set[int]:
    """Delete a model's history rows matching `lookup` and the history of their many-to-many links.

    Returns the ids of the objects those rows described.
    """
    history_model = model.history.model
    rows = history_model.objects.filter(**lookup)
    object_ids = set(rows.values_list("id", flat=True))
    # The history of many-to-many links points at these rows (simple-history's <Model>_<field> tables).
    for relation in history_model._meta.related_objects:
        relation.related_model.objects.filter(**{f"{relation.field.name}__in": rows.values("history_id")}).delete()
    rows.delete()
    return object_ids


def _erase_log_entries(model: type[models.Model], ids: set[int] | list[int]) -> None:
    """The admin's own log names each object by str() and lists changed fields; it goes too."""
    if ids:
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id__in=[str(pk) for pk in ids],
        ).delete()
