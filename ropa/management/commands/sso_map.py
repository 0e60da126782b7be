"""Map a claim value of the identity provider (a group, a role) to a role in the workspace of a controller."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from ropa.management.commands.grant import controller
from ropa.models import OidcProvider, Role, SsoMapping


class Command(BaseCommand):
    help = "Whoever signs in with CLAIM=VALUE gets ROLE in the workspace of the controller ORGNR."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--claim", default="groups", help="The ID token's claim: groups (default), roles, ...")
        parser.add_argument("--value", required=True, help="e.g. an Entra group's object id.")
        parser.add_argument("--controller", required=True, help="The controller's organisation number.")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--provider", default="", help="The provider's name in the admin; empty: any provider.")

    def handle(self, *args, **options) -> None:
        workspace = controller(options["controller"]).workspace
        provider = None
        if options["provider"]:
            provider = OidcProvider.objects.filter(name=options["provider"]).first()
            if provider is None:
                raise CommandError(_("No identity provider is named “%(name)s”.") % {"name": options["provider"]})
        claim, value = options["claim"].strip(), options["value"].strip()
        if not claim or not value:
            raise CommandError(_("Give both a claim and a value."))
        with transaction.atomic():
            mapping, created = SsoMapping.objects.update_or_create(
                provider=provider, claim=claim, value=value, workspace=workspace,
                defaults={"role": options["role"]},
            )
        self.stdout.write(_("Signing in with %(claim)s=%(value)s gives %(role)s in %(workspace)s.") % {
            "claim": claim, "value": value, "role": mapping.get_role_display(), "workspace": workspace,
        })
