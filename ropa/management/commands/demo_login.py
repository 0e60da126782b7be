"""Create (or reset) the demo operator's login and print it: for `make run` only."""

import secrets
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from ropa.security.roles import OPERATOR

USERNAME = "personvernombud"


class Command(BaseCommand):
    help = "Create or reset the demo operator login (DEBUG only) and print it."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/", help="Where the admin is served.")

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("demo_login only runs with DEBUG on; create real users with createsuperuser.")
        password = secrets.token_urlsafe(12)
        user, _created = User.objects.get_or_create(username=USERNAME, defaults={"email": "personvern@example.com"})
        user.is_staff = True
        user.is_superuser = False
        user.set_password(password)
        user.save()
        # The host's operator: every workspace, and the workspaces with their members (ropa/security/roles.py).
        user.memberships.all().delete()
        user.groups.set([Group.objects.get(name=OPERATOR)])
        self.stdout.write(
            self.style.SUCCESS(f"\nDemo login (operator: every workspace) at {options['url']}\n")
            + f"  user name: {USERNAME}\n  password:  {password}\n"
            + f"Public pages: the request form at {urljoin(options['url'], reverse('requests:intake'))}, "
            + f"privacy notices at {urljoin(options['url'], reverse('ropa:privacy_notices'))}\n"
        )
