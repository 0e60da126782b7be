"""Breach reminders for `remind_deadlines`: privacy officers hear of every 72-hour clock about to run out."""

import datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from requests.models import OutboxEmail
from requests.text import render_text
from ropa.breaches.clock import local
from ropa.breaches.models import Breach
from ropa.security.roles import PRIVACY_OFFICER


def send_breach_reminders(hours: int = 48, now: datetime.datetime | None = None) -> int:
    """Queue one e-mail per privacy officer about breaches whose 72 hours end within `hours` or have ended
    without a decision (Art. 33(1)); return how many were queued. Titles and times only, no personal data."""
    now = now or timezone.now()
    breaches = list(
        Breach.objects.due_by(now + datetime.timedelta(hours=hours)).select_related("organisation")
        .order_by("notification_deadline", "pk")
    )
    if not breaches:
        return 0
    officers = User.objects.filter(groups__name=PRIVACY_OFFICER, is_active=True).exclude(email="").distinct()
    with translation.override(settings.LANGUAGE_CODE):
        lines = [
            {"breach": breach, "deadline": f"{local(breach.notification_deadline):%Y-%m-%d %H:%M %Z}",
             "hours": round(breach.hours_left(now)), "overdue": breach.is_overdue(now)}
            for breach in breaches
        ]
        body = render_text("breaches/email/reminder.txt", {"lines": lines, "hours": hours})
        subject = gettext("Breaches to notify within 72 hours: %(count)s") % {"count": len(breaches)}
    queued = 0
    with transaction.atomic():
        for officer in officers:
            OutboxEmail.queue(kind=OutboxEmail.Kind.REMINDER, to=officer.email, subject=subject, body=body)
            queued += 1
    return queued
