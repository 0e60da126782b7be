"""The life of a rights request: its statuses and the only moves between them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    # A web-form request is not received until the requester confirms their e-mail address.
    AWAITING_CONFIRMATION = "awaiting_confirmation", _("Awaiting e-mail confirmation")
    RECEIVED = "received", _("Received")
    AWAITING_IDENTITY = "awaiting_identity", _("Awaiting identity check")
    IN_PROGRESS = "in_progress", _("In progress")
    WAITING_FOR_REQUESTER = "waiting_for_requester", _("Waiting for the requester")
    COMPLETED = "completed", _("Completed")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Requests someone must work on, against the deadline.
OPEN_STATUSES = (Status.RECEIVED, Status.AWAITING_IDENTITY, Status.IN_PROGRESS, Status.WAITING_FOR_REQUESTER)
CLOSED_STATUSES = (Status.COMPLETED, Status.REFUSED, Status.WITHDRAWN)

ALLOWED_MOVES: dict[str, frozenset[str]] = {
    Status.AWAITING_CONFIRMATION: frozenset({Status.RECEIVED, Status.WITHDRAWN}),
    Status.RECEIVED: frozenset({Status.AWAITING_IDENTITY, Status.IN_PROGRESS, Status.REFUSED, Status.WITHDRAWN}),
    # Art. 11(2) and 12(2): a requester who cannot be identified may be refused.
    Status.AWAITING_IDENTITY: frozenset({Status.IN_PROGRESS, Status.REFUSED, Status.WITHDRAWN}),
    Status.IN_PROGRESS: frozenset({
        Status.AWAITING_IDENTITY, Status.WAITING_FOR_REQUESTER, Status.COMPLETED, Status.REFUSED, Status.WITHDRAWN,
    }),
    Status.WAITING_FOR_REQUESTER: frozenset({Status.IN_PROGRESS, Status.REFUSED, Status.WITHDRAWN}),
    Status.COMPLETED: frozenset(),
    Status.REFUSED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}


def is_allowed_move(current: str, new: str) -> bool:
    return new in ALLOWED_MOVES.get(current, frozenset())
