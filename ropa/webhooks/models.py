"""A workspace's webhook subscriptions and the deliveries owed to them (Standard Webhooks).

A delivery is written in the transaction of the change it reports, like an outbox e-mail
(requests/models/outbox.py): the change and its deliveries commit together or not at all, and no web request
opens a connection to a receiver. The worker (`manage.py worker`) sends them (ropa/webhooks/delivery.py).
"""

import datetime
import secrets

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ropa.webhooks.signing import new_secret


class Event(models.TextChoices):
    REQUEST_RECEIVED = "request.received", _("A rights request was received")
    REQUEST_CONFIRMED = "request.confirmed", _("A requester confirmed their e-mail address")
    REQUEST_DUE_SOON = "request.due_soon", _("A rights request is due within 7 days")
    REQUEST_OVERDUE = "request.overdue", _("A rights request is overdue")
    BREACH_REGISTERED = "breach.registered", _("A breach was registered")
    BREACH_CLOCK = "breach.clock", _("A breach's 72 hours to notify have 24 hours left")
    AGREEMENT_EXPIRING = "agreement.expiring", _("A data processing agreement ends within 60 days")
    ACTIVITY_REVIEW_DUE = "activity.review_due", _("A processing activity is due for review")


def new_message_id() -> str:
    return "msg_" + secrets.token_hex(16)


class WebhookSubscription(models.Model):
    """A receiver of one workspace's events: where to send them, which, and the secret that signs them."""

    workspace = models.ForeignKey(
        "ropa.Workspace", verbose_name=_("workspace"), on_delete=models.CASCADE, related_name="webhook_subscriptions",
    )
    url = models.URLField(_("URL"), max_length=500, help_text=_("Where the events are posted (https in production)."))
    events = models.JSONField(_("events"), default=list, blank=True)
    secret = models.CharField(_("signing secret"), max_length=100, default=new_secret, editable=False)
    active = models.BooleanField(_("active"), default=True)
    description = models.CharField(_("description"), max_length=200, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    # The secret stays out of history: one copy of it, which a rotation replaces.
    history = HistoricalRecords(excluded_fields=["secret"])

    class Meta:
        ordering = ["workspace__name", "url"]
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")

    def __str__(self) -> str:
        return self.description or self.url

    def wants(self, event: str) -> bool:
        return self.active and event in self.events


class WebhookDeliveryQuerySet(models.QuerySet):
    def due(self, now: datetime.datetime) -> "WebhookDeliveryQuerySet":
        """Pending, back-off over, no worker's lease, and no earlier delivery of the same subject still pending
        for the same receiver: events of one subject arrive in the order they happened."""
        earlier = WebhookDelivery.objects.filter(
            subscription=OuterRef("subscription"), subject_key=OuterRef("subject_key"), pk__lt=OuterRef("pk"),
            state=WebhookDelivery.State.PENDING,
        )
        return self.filter(
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now),
            Q(claimed_until__isnull=True) | Q(claimed_until__lt=now),
            ~Exists(earlier),
            state=WebhookDelivery.State.PENDING,
        )


class WebhookDelivery(models.Model):
    """One event owed to one subscription, its attempts and their outcome; the receiver sees the same webhook-id on
    every attempt, so it can drop a repeat (exactly once from its point of view)."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed permanently")

    subscription = models.ForeignKey(
        WebhookSubscription, verbose_name=_("subscription"), on_delete=models.CASCADE, related_name="deliveries",
    )
    event_type = models.CharField(_("event"), max_length=30, choices=Event.choices)
    message_id = models.CharField(_("message id"), max_length=40, unique=True, default=new_message_id)
    payload = models.JSONField(_("payload"), default=dict)
    subject_key = models.CharField(_("subject"), max_length=60, help_text=_("e.g. request:12"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(_("last status code"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    # The worker's lease; not history: it changes on every claim and says nothing about the event.
    claimed_by = models.CharField(max_length=100, blank=True, editable=False)
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["claimed_by", "claimed_until"])

    objects = WebhookDeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [
            # What the workers poll: the pending rows only, so the index stays small however many were delivered.
            models.Index(fields=["next_attempt_at", "id"], condition=Q(state="pending"), name="webhook_pending"),
            models.Index(fields=["subscription", "subject_key", "id"], name="webhook_subject_order"),
        ]

    def __str__(self) -> str:
        return f"{self.event_type} {self.subject_key} ({self.message_id})"
