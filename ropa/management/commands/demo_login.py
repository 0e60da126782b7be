"""Create (or reset) the demo operator's login and print it, and with --all each demo company's privacy officer's
login (made by load_demo, member of its company's workspace only): for `make run` only."""

import secrets
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils.translation import gettext as _

from ropa.demo import OFFICERS
from ropa.models import Membership
from ropa.security.roles import OPERATOR

USERNAME = "personvernombud"


class Command(BaseCommand):
    help = (
        "Create or reset the demo operator login (DEBUG only) and print it; with --all also each demo company's "
        "privacy officer (run load_demo first)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/", help="Where the admin is served.")
        parser.add_argument(
            "--all", action="store_true",
            help="Also reset and print the login of each demo company's privacy officer, who sees only that company.",
        )

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
        if options["all"]:
            self._all_logins(password)

    def _all_logins(self, operator_password: str) -> None:
        """Every demo login, the operator's and each company's officer's (made by load_demo), one a line.

        The officers get a new password each time, as the operator does: a demo password is never kept anywhere.
        """
        memberships = {
            membership.user.username: membership
            for membership in Membership.objects.filter(user__username__in=OFFICERS.values())
            .select_related("user", "workspace")
        }
        rows = [(USERNAME, operator_password, _("every company"), _("Operator"))]
        for username in OFFICERS.values():
            membership = memberships.get(username)
            if membership is None:
                continue
            password = secrets.token_urlsafe(12)
            membership.user.set_password(password)
            membership.user.save(update_fields=["password"])
            rows.append((username, password, membership.workspace.name, membership.get_role_display()))
        self.stdout.write(self.style.SUCCESS(_("Every demo login (user name, password, company, role):")))
        width = max(len(row[0]) for row in rows)
        for username, password, company, role in rows:
            self.stdout.write(f"  {username:<{width}}  {password:<16}  {company}  ({role})")
        if len(rows) == 1:
            self.stdout.write(_("No demo privacy officers yet: run manage.py load_demo first."))
