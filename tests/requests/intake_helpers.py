"""Shared steps for the intake tests: fill in the public form, find the links in the e-mails."""

import re

from django.urls import reverse

from requests.models import OutboxEmail, Right

LINK = re.compile(r"https?://\S+")


def form_data(**overrides) -> dict:
    """A complete, valid submission asking for access (Art. 15) and erasure (Art. 17)."""
    data = {
        "rights": [str(pk) for pk in Right.objects.filter(code__in=["15", "17"]).values_list("pk", flat=True)],
        "name": "Kari Nordmann",
        "email": "kari.nordmann@example.net",
        "phone": "+47 912 34 567",
        "customer_number": "C-7731",
        "message": "Please tell me what you hold about me, then erase my account.",
        "language": "en",
        "website": "",
    }
    data.update(overrides)
    return data


def submit(client, organisation=None, *, remote_addr: str = "198.51.100.7", **overrides):
    url = reverse("requests:intake_for", args=[organisation.pk]) if organisation else reverse("requests:intake")
    return client.post(url, form_data(**overrides), REMOTE_ADDR=remote_addr)


def link_in(email: OutboxEmail | str, path_start: str) -> str:
    """The path of the first link in an e-mail body that starts with `path_start` (e.g. "/request/confirm/")."""
    body = email if isinstance(email, str) else email.body
    for url in LINK.findall(body):
        path = re.sub(r"^https?://[^/]+", "", url)
        if path.startswith(path_start):
            return path
    raise AssertionError(f"no {path_start} link in:\n{body}")


def confirmation_link(email=None) -> str:
    email = email or OutboxEmail.objects.get(kind=OutboxEmail.Kind.CONFIRMATION)
    return link_in(email, "/request/confirm/")


def status_link(email=None) -> str:
    email = email or OutboxEmail.objects.get(kind=OutboxEmail.Kind.RECEIPT)
    return link_in(email, "/request/status/")
