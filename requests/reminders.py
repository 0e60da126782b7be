"""Deadline reminders: each assignee hears of their requests due soon or overdue; the privacy officers of each
workspace of that workspace's rest, never of another client's (issue 23)."""

import datetime
from collections import defaultdict

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from requests import emails
from requests.models import RightsRequest
from ropa.models import Role


def send_deadline_reminders(days: int, today: datetime.date | None = None) -> int:
    """Queue one e-mail per person about open requests due within `days` days or overdue; return how many."""
    today = today or timezone.localdate()
    due = RightsRequest.objects.due_by(today + datetime.timedelta(days=days)).select_related("assignee", "organisation")
    by_assignee: dict[User, list[RightsRequest]] = defaultdict(list)
    unassigned: dict[int, list[RightsRequest]] = defaultdict(list)
    for request in due.order_by("deadline", "pk"):
        assignee = request.assignee
        if assignee is not None and assignee.is_active and assignee.email:
            by_assignee[assignee].append(request)
        else:
            unassigned[request.organisation.workspace_id].append(request)
    queued = 0
    with transaction.atomic():
        for assignee, requests in by_assignee.items():
            emails.queue_reminder(assignee.email, requests, days=days, today=today)
            queued += 1
        for workspace_id, requests in unassigned.items():
            officers = User.objects.filter(
                is_active=True, memberships__workspace_id=workspace_id, memberships__role=Role.OFFICER,
            ).exclude(email="").distinct()
            for officer in officers:
                emails.queue_reminder(officer.email, requests, days=days, today=today, unassigned=True)
                queued += 1
    return queued
