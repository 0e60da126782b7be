"""Breach reminders for `remind_deadlines`: the privacy officers of each workspace hear of its 72-hour clocks about
to run out, never of another client's (issue 23)."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from requests.models import OutboxEmail
from requests.text import render_text
from ropa.breaches.clock import local
from ropa.breaches.models import Breach
from ropa.models import Role


def send_breach_reminders(hours: int = 48, now: datetime.datetime | None = None) -> int:
    """Queue one e-mail per privacy officer about their workspace's breaches whose 72 hours end within `hours` or
    have ended without a decision (Art. 33(1)); return how many were queued. Titles and times only, no personal data.
    """
    now = now or timezone.now()
    by_workspace: dict[int, list[Breach]] = defaultdict(list)
    for breach in (
        Breach.objects.due_by(now + datetime.timedelta(hours=hours)).select_related("organisation")
        .order_by("notification_deadline", "pk")
    ):
        by_workspace[breach.organisation.workspace_id].append(breach)
    queued = 0
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        for workspace_id, breaches in by_workspace.items():
            lines = [
                {"breach": breach, "deadline": f"{local(breach.notification_deadline):%Y-%m-%d %H:%M %Z}",
                 "hours": round(breach.hours_left(now)), "overdue": breach.is_overdue(now)}
                for breach in breaches
            ]
            body = render_text("breaches/email/reminder.txt", {"lines": lines, "hours": hours})
            subject = gettext("Breaches to notify within 72 hours: %(count)s") % {"count": len(breaches)}
            officers = User.objects.filter(
                is_active=True, memberships__workspace_id=workspace_id, memberships__role=Role.OFFICER,
            ).exclude(email="").distinct()
            for officer in officers:
                OutboxEmail.queue(kind=OutboxEmail.Kind.REMINDER, to=officer.email, subject=subject, body=body)
                queued += 1
    return queued
