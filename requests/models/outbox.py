"""E-mails to requesters and handlers, written in the same transaction as the change they report.

A web request only inserts the outbox row, inside its own transaction: the row and the change it
reports commit together or not at all, and no web request ever opens a connection to the mail server.
A separate worker (`manage.py send_outbox --watch`, one or more, on one or more machines) claims due
rows, sends them and records the result:

- A claim is a lease (ropa/jobs/lease.py, shared with the background jobs): `claimed_by` and `claimed_until`,
  written by one UPDATE. On PostgreSQL the rows are
  first locked with `SELECT ... FOR UPDATE SKIP LOCKED`, so concurrent workers claim disjoint rows without
  waiting on each other; on SQLite the UPDATE itself repeats the "due and not claimed" condition and SQLite
  runs it under its single write lock, so only one worker's UPDATE can take a row.
- Before a message whose lease has less than half its length left, the worker renews it with a conditional
  UPDATE; a worker that lost its lease (it stalled past `claimed_until` and another took over) skips the
  message. While more than half is left no other worker can hold the row, so no query is needed. A killed worker's
  lease simply runs out and another worker retries its rows: nothing is lost. The one window left is a
  worker killed after the mail server accepted a message and before the result is recorded; that
  message goes out again, because the alternative, marking it sent before it is, could lose it.
- A failed send counts the attempt and waits before the next one: one minute, doubling to at most an
  hour, and the worker goes on with the next message.
- Logs name the outbox id and the error, never an address: a purge leaves no requester's address behind.
"""

import datetime
import logging
import re
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import DatabaseError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from requests.models.history import CachedHistoryManager
from ropa.history.forward_only import StoredValues
from ropa.jobs.lease import claim_rows, worker_name
from ropa.models import RECORD_PERMISSIONS

logger = logging.getLogger(__name__)

LEASE = datetime.timedelta(minutes=5)
RETRY_FIRST = datetime.timedelta(minutes=1)
RETRY_MAX = datetime.timedelta(hours=1)
BATCH = 20
ADDRESS = re.compile(r"[^\s<>'\"(),;:\[\]{}]+@[^\s<>'\"(),;:\[\]{}]+")


def retry_delay(attempts: int) -> datetime.timedelta:
    """The wait after the `attempts`-th failed attempt: 1, 2, 4, ... minutes, at most an hour."""
    return min(RETRY_MAX, RETRY_FIRST * 2 ** max(0, min(attempts - 1, 30)))


def describe_error(error: BaseException) -> str:
    """The error for the outbox and the log, with every e-mail address in it replaced."""
    return ADDRESS.sub("[address]", f"{type(error).__name__}: {error}")[:2000]


class OutboxEmailQuerySet(models.QuerySet):
    def pending(self) -> "OutboxEmailQuerySet":
        return self.filter(sent_at__isnull=True)

    def due(self, now: datetime.datetime) -> "OutboxEmailQuerySet":
        """Not sent, its back-off over, and no worker's lease on it."""
        return self.pending().filter(
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now),
            Q(claimed_until__isnull=True) | Q(claimed_until__lt=now),
        )


class OutboxEmail(StoredValues):
    class Kind(models.TextChoices):
        CONFIRMATION = "confirmation", _("E-mail confirmation link")
        RECEIPT = "receipt", _("Receipt")
        EXTENSION = "extension", _("Extension notice")
        DECISION = "decision", _("Decision")
        ACCESS_ANSWER = "access_answer", _("Art. 15 information")
        REMINDER = "reminder", _("Deadline reminder")
        EFFECT = "effect", _("Withdrawal or objection in effect")
        STAFF_NOTICE = "staff_notice", _("Staff told to act at once")
        ANNOUNCEMENT = "announcement", _("New request announced to the staff")

    request = models.ForeignKey(
        "requests.RightsRequest", verbose_name=_("request"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="emails",
    )
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    recipient = models.EmailField(_("to"))
    reply_to = models.EmailField(_("reply to"), blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    # The worker's lease; not history: it changes on every claim and says nothing about the message.
    claimed_by = models.CharField(_("claimed by"), max_length=100, blank=True, editable=False)
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True, editable=False)
    history = HistoricalRecords(
        excluded_fields=["claimed_by", "claimed_until"], history_manager=CachedHistoryManager,
    )

    objects = OutboxEmailQuerySet.as_manager()

    # A sent message stays sent and its attempts only grow, whatever the path (a past version from history, a
    # shell): an unsent copy of it would be picked up by the worker and mailed again.
    stored_fields = ("sent_at", "attempts")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outbox")
        default_permissions = RECORD_PERMISSIONS
        indexes = [
            models.Index(fields=["sent_at"]),
            # What the workers poll: the unsent rows only, so the index stays small however many were sent.
            models.Index(
                fields=["next_attempt_at", "id"], condition=Q(sent_at__isnull=True), name="outbox_unsent",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(sent_at__isnull=True) | Q(attempts__gte=1), name="outbox_sent_was_tried",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    @classmethod
    def queue(cls, *, kind: str, to: str, subject: str, body: str, request=None, reply_to: str = "") -> "OutboxEmail":
        """Write the message in the current transaction; a worker sends it once that has committed."""
        return cls.objects.create(
            kind=kind, recipient=to, subject=subject, body=body, request=request, reply_to=reply_to,
        )

    def save(self, *args, **kwargs) -> None:
        stored = self.stored_values()
        if stored and (
            (stored["sent_at"] is not None and self.sent_at != stored["sent_at"])
            or self.attempts < stored["attempts"]
        ):
            raise ValidationError(_("A sent e-mail stays sent: an earlier version of it cannot be restored."))
        super().save(*args, **kwargs)
        self.remember_stored(kwargs.get("update_fields"))

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None

    def message(self, mail_connection=None) -> EmailMessage:
        message = EmailMessage(
            subject=self.subject, body=self.body, from_email=settings.DEFAULT_FROM_EMAIL, to=[self.recipient],
            reply_to=[self.reply_to] if self.reply_to else None, connection=mail_connection,
        )
        # The Art. 15(3) copy or the Art. 20 file; a file that cannot be read keeps the message queued.
        for attachment in self.attachments.all():
            attachment.attach_to(message)
        return message

    def record_result(self, error: BaseException | None, now: datetime.datetime) -> None:
        self.attempts += 1
        self.last_attempt_at = now
        self.claimed_by, self.claimed_until = "", None
        if error is None:
            self.sent_at, self.last_error, self.next_attempt_at = now, "", None
        else:
            self.last_error = describe_error(error)
            self.next_attempt_at = now + retry_delay(self.attempts)
            logger.warning(
                "Outbox e-mail %s not sent (attempt %s, next at %s): %s",
                self.pk, self.attempts, self.next_attempt_at.isoformat(timespec="seconds"), self.last_error,
            )
        try:
            with transaction.atomic():  # a failed save is rolled back on its own, the worker's connection usable
                self.save(update_fields=[
                    "attempts", "last_attempt_at", "sent_at", "last_error", "next_attempt_at", "claimed_by",
                    "claimed_until",
                ])
        except DatabaseError:
            if OutboxEmail.objects.filter(pk=self.pk).exists():
                raise
            # Purged with its request while it was being sent: there is nothing left to record.


def claim(worker: str, *, limit: int = BATCH, lease: datetime.timedelta = LEASE) -> list[OutboxEmail]:
    """Take a lease on up to `limit` due messages, oldest first; the rows no other worker holds."""
    claim_rows(OutboxEmail.objects.due(timezone.now()).order_by("pk"), worker, limit=limit, lease=lease)
    # The attachments of the whole batch in one query, not one per message.
    held = OutboxEmail.objects.filter(claimed_by=worker, sent_at__isnull=True).order_by("pk")
    return list(held.prefetch_related("attachments"))


def renew(email: OutboxEmail, worker: str, lease: datetime.timedelta) -> bool:
    """Make sure the lease outlasts the next send; False if it ran out and another worker took the message.

    With more than half of `lease` left (as after a claim) nothing is asked of the database: until then no
    other worker sees the row as due. Otherwise one conditional UPDATE extends it.
    """
    now = timezone.now()
    if email.claimed_until is not None and email.claimed_until - now > lease / 2:
        return True
    until = now + lease
    if not OutboxEmail.objects.filter(pk=email.pk, claimed_by=worker, sent_at__isnull=True).update(claimed_until=until):
        return False
    email.claimed_until = until
    return True


def send_claimed(
    emails: list[OutboxEmail], worker: str, *, lease: datetime.timedelta = LEASE,
    stop: Callable[[], bool] = lambda: False,
) -> tuple[int, int]:
    """Send the messages this worker holds over one SMTP connection; return (sent, failed)."""
    sent = failed = 0
    mail_connection = get_connection()
    try:
        for email in emails:
            if stop():
                break
            if not renew(email, worker, lease):
                continue
            try:
                # Opened before the first message and after a failure, then kept: EmailMessage.send() closes a
                # connection only if it opened it itself, so the batch shares one SMTP session.
                mail_connection.open()
                email.message(mail_connection).send()
            except Exception as error:  # whatever the backend raises, the message stays queued
                failed += 1
                email.record_result(error, timezone.now())
                _close_quietly(mail_connection)  # a broken connection is opened afresh for the next message
            else:
                sent += 1
                email.record_result(None, timezone.now())
    finally:
        _close_quietly(mail_connection)
        # Rows not reached (stopped) go back at once rather than when the lease runs out.
        OutboxEmail.objects.filter(claimed_by=worker, sent_at__isnull=True).update(claimed_by="", claimed_until=None)
    return sent, failed


def _close_quietly(mail_connection) -> None:
    try:
        mail_connection.close()
    except Exception:  # noqa: S110 (closing a connection that already failed; the send error is recorded)
        pass


def send_outbox(
    *, batch: int = BATCH, lease: datetime.timedelta = LEASE, stop: Callable[[], bool] = lambda: False,
) -> tuple[int, int]:
    """Send every message that is due now, batch by batch; return (sent, failed).

    Messages that fail wait for their back-off, so one call ends when nothing is due; several calls may
    run at once (processes, machines) and each message is sent by one of them.
    """
    sent = failed = 0
    while not stop():
        worker = worker_name()
        emails = claim(worker, limit=batch, lease=lease)
        if not emails:
            break
        batch_sent, batch_failed = send_claimed(emails, worker, lease=lease, stop=stop)
        sent, failed = sent + batch_sent, failed + batch_failed
    return sent, failed
