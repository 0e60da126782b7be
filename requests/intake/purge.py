"""Unconfirmed web-form requests expire: after INTAKE_UNCONFIRMED_DAYS they are erased with their history.

Nobody confirmed the address, so the request never counted as received and leaves no statistic;
it may even name someone who never asked (Art. 5(1)(c) and (e)).
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from requests.models import RightsRequest, Status
from requests.purge import erase_in_batches


def unconfirmed_cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    return (now or timezone.now()) - datetime.timedelta(days=settings.INTAKE_UNCONFIRMED_DAYS)


def expired_unconfirmed_requests(now: datetime.datetime | None = None) -> models.QuerySet:
    return RightsRequest.objects.filter(
        status=Status.AWAITING_CONFIRMATION, created_at__lt=unconfirmed_cutoff(now),
    )


def purge_unconfirmed_requests(now: datetime.datetime | None = None, *, batch_size: int = 200) -> int:
    """Erase expired unconfirmed requests in batches, each its own transaction; return how many."""
    return erase_in_batches(expired_unconfirmed_requests(now), keep_statistics=False, batch_size=batch_size)
