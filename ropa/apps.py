from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class RopaConfig(AppConfig):
    name = "ropa"
    verbose_name = _("Record of processing activities")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ropa import completeness
        from ropa.roles import sync_roles

        completeness.connect()

        # Runs after every `migrate`, once permissions exist, so the role groups always hold exactly
        # the permissions ropa/roles.py names, including those of models added later.
        post_migrate.connect(sync_roles, dispatch_uid="ropa.sync_roles")
