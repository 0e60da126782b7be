"""E-mails to requesters and handlers, written in the same transaction as the change they report.

A message is sent after the transaction commits; a failed send stays in the outbox with its error
and is retried by `manage.py send_outbox`, so a mail server outage never loses a request or a message.
"""

import logging
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ropa.models import RECORD_PERMISSIONS

logger = logging.getLogger(__name__)


class OutboxEmailQuerySet(models.QuerySet):
    def pending(self) -> "OutboxEmailQuerySet":
        return self.filter(sent_at__isnull=True)


class OutboxEmail(models.Model):
    class Kind(models.TextChoices):
        CONFIRMATION = "confirmation", _("E-mail confirmation link")
        RECEIPT = "receipt", _("Receipt")
        EXTENSION = "extension", _("Extension notice")
        DECISION = "decision", _("Decision")
        ACCESS_ANSWER = "access_answer", _("Art. 15 information")
        REMINDER = "reminder", _("Deadline reminder")

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
    history = HistoricalRecords()

    objects = OutboxEmailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outbox")
        default_permissions = RECORD_PERMISSIONS
        indexes = [models.Index(fields=["sent_at"])]

    def __str__(self) -> str:
        return self.subject

    @classmethod
    def queue(cls, *, kind: str, to: str, subject: str, body: str, request=None, reply_to: str = "") -> "OutboxEmail":
        """Write the message now; send it once the surrounding transaction has committed."""
        email = cls.objects.create(
            kind=kind, recipient=to, subject=subject, body=body, request=request, reply_to=reply_to,
        )
        transaction.on_commit(partial(send_outbox, [email.pk]), robust=True)
        return email

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None

    def send(self) -> bool:
        """Try to send once and record the result; True if the mail server accepted the message."""
        message = EmailMessage(
            subject=self.subject, body=self.body, from_email=settings.DEFAULT_FROM_EMAIL, to=[self.recipient],
            reply_to=[self.reply_to] if self.reply_to else None,
        )
        self.attempts += 1
        self.last_attempt_at = timezone.now()
        try:
            for attachment in self.attachments.all():  # the Art. 15(3) copy or the Art. 20 file
                attachment.attach_to(message)
            message.send()
        except Exception as error:  # whatever the backend raises, the message must stay queued
            self.last_error = f"{type(error).__name__}: {error}"[:2000]
            self.save()
            logger.warning("Outbox e-mail %s not sent (attempt %s): %s", self.pk, self.attempts, self.last_error)
            return False
        self.sent_at, self.last_error = timezone.now(), ""
        self.save()
        return True


def send_outbox(ids: list[int] | None = None) -> tuple[int, int]:
    """Send pending messages (all, or those in `ids`); return (sent, failed).

    Each message is claimed under a row lock (skipped if another sender holds it), so a retry run and
    an after-commit send never deliver the same message twice on PostgreSQL.
    """
    pending = OutboxEmail.objects.pending()
    if ids is not None:
        pending = pending.filter(pk__in=ids)
    sent = failed = 0
    for pk in list(pending.order_by("pk").values_list("pk", flat=True)):
        with transaction.atomic():
            email = OutboxEmail.objects.select_for_update(skip_locked=True).pending().filter(pk=pk).first()
            if email is None:
                continue
            if email.send():
                sent += 1
            else:
                failed += 1
    return sent, failed
