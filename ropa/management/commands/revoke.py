"""Take away a person's role in the workspace of a controller: the day they leave the client."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ropa.management.commands.grant import controller, person
from ropa.models import Membership


class Command(BaseCommand):
    help = "Remove USERNAME's role in the workspace of the controller ORGNR."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("--controller", required=True, help="The controller's organisation number.")

    def handle(self, *args, **options) -> None:
        user = person(options["username"])
        workspace = controller(options["controller"]).workspace
        deleted, _rows = Membership.objects.filter(user=user, workspace=workspace).delete()
        if not deleted:
            raise CommandError(_("%(user)s has no role in %(workspace)s.") % {
                "user": user.get_username(), "workspace": workspace,
            })
        self.stdout.write(_("%(user)s no longer has a role in %(workspace)s.") % {
            "user": user.get_username(), "workspace": workspace,
        })
