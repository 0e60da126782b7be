"""Give a person a role in the workspace of a controller: onboarding a client's staff from a script."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from ropa.models import Membership, Organisation, Role


def controller(number: str) -> Organisation:
    """The controller with that organisation number (spaces ignored), which names its workspace."""
    found = list(Organisation.objects.filter(organisation_number=number.replace(" ", "")).select_related("workspace"))
    if not found:
        raise CommandError(_("No organisation has the organisation number %(number)s.") % {"number": number})
    workspaces = {organisation.workspace_id for organisation in found}
    if len(workspaces) > 1:
        raise CommandError(_(
            "Organisation number %(number)s is named in several workspaces; grant the role in the admin instead."
        ) % {"number": number})
    return found[0]


def person(username: str):
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(_("No user named “%(name)s”.") % {"name": username})
    return user


class Command(BaseCommand):
    help = "Give USERNAME a role (officer, auditor or handler) in the workspace of the controller ORGNR."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("--controller", required=True, help="The controller's organisation number.")
        parser.add_argument("--role", required=True, choices=Role.values)

    def handle(self, *args, **options) -> None:
        user = person(options["username"])
        workspace = controller(options["controller"]).workspace
        with transaction.atomic():
            membership, created = Membership.objects.update_or_create(
                user=user, workspace=workspace, defaults={"role": options["role"]},
            )
            if not user.is_staff:
                user.is_staff = True  # the admin is where every role works
                user.save(update_fields=["is_staff"])
        message = _("%(user)s is %(role)s in %(workspace)s.") if created else _(
            "%(user)s is now %(role)s in %(workspace)s."
        )
        self.stdout.write(message % {
            "user": user.get_username(), "role": membership.get_role_display(), "workspace": workspace,
        })
