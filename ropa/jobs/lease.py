"""Claiming rows for one worker: the lease the outbox worker proved (requests/models/outbox.py), for any table.

A claim is `claimed_by` and `claimed_until`, written by one UPDATE. On PostgreSQL the rows are first locked with
`SELECT ... FOR UPDATE SKIP LOCKED`, so concurrent workers claim disjoint rows without waiting; on SQLite the
UPDATE repeats the "due" condition and runs under the database's single write lock, so only one worker's UPDATE
takes a row. A killed worker's lease runs out and another worker takes the row again.
"""

import datetime
import os
import socket
import uuid

from django.db import connection, models, transaction
from django.utils import timezone


def worker_name() -> str:
    """This process on this machine, unique per claim so two claims are never confused."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def claim_rows(due: models.QuerySet, worker: str, *, limit: int, lease: datetime.timedelta) -> None:
    """Lease up to `limit` rows of `due` (an ordered queryset of rows no worker holds) to `worker`.

    The caller then reads back the rows `claimed_by` this worker: on SQLite another worker may have won some.
    """
    until = timezone.now() + lease
    if connection.features.has_select_for_update_skip_locked:
        with transaction.atomic():
            ids = list(due.select_for_update(skip_locked=True).values_list("pk", flat=True)[:limit])
            due.model._base_manager.filter(pk__in=ids).update(claimed_by=worker, claimed_until=until)
        return
    # SQLite: no row locks, and no surrounding transaction: a read that turns into a write is what SQLite refuses
    # under contention. Of two workers that read the same ids, only the first one's UPDATE takes them.
    ids = list(due.values_list("pk", flat=True)[:limit])
    due.filter(pk__in=ids).update(claimed_by=worker, claimed_until=until)
