"""Make an API token for a person and print it once: only its hash is kept (ropa/models/api_tokens.py)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from ropa.management.commands.grant import person
from ropa.models import ApiToken


class Command(BaseCommand):
    help = "Make an API token acting as USERNAME (their workspaces and role) and print it once."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="Which system uses it.")
        parser.add_argument("--read-only", action="store_true", help="Refuse every write.")
        parser.add_argument("--vouch", action="store_true",
                            help="May file requests whose requester's identity the calling system vouches for.")
        parser.add_argument("--expires", type=int, metavar="DAYS", help="Expire after DAYS days (default: never).")

    def handle(self, *args, **options) -> None:
        user = person(options["username"])
        days = options["expires"]
        if days is not None and days < 1:
            raise CommandError(_("--expires takes a number of days, at least 1."))
        token = ApiToken(
            user=user, name=options["name"], read_only=options["read_only"], may_vouch=options["vouch"],
            expires_at=timezone.now() + datetime.timedelta(days=days) if days else None,
        )
        secret = token.issue()
        token._change_reason = _("Made by manage.py create_api_token")
        token.save()
        self.stderr.write(_("Token “%(name)s” for %(user)s; it is shown only now:") % {
            "name": token.name, "user": user.username,
        })
        self.stdout.write(secret)
