from importlib import import_module

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class RopaConfig(AppConfig):
    name = "ropa"
    verbose_name = _("Record of processing activities")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ropa.admin import REGISTERING_MODULES

        for module in REGISTERING_MODULES:
            import_module(module)
        from ropa.api import history as api_history
        from ropa.api.compat import hide_our_requests_from_drf
        from ropa.completeness import signals as completeness
        from ropa.security.roles import sync_roles
        from ropa.workspaces import signals as workspace_signals

        completeness.connect()
        api_history.connect()
        hide_our_requests_from_drf()
        workspace_signals.connect()

        # Runs after every `migrate`, once permissions exist, so the role groups always hold exactly
        # the permissions ropa/security/roles.py names, including those of models added later.
        post_migrate.connect(sync_roles, dispatch_uid="ropa.sync_roles")


class RopaAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with RopaAdminSite (ropa/admin/site.py) as `admin.site`, so every ModelAdmin registers
    on it. Kept here, not beside the site: INSTALLED_APPS loads it before the models, and importing the admin
    package loads them."""

    default = False  # ropa's own app is RopaConfig; this one is named in INSTALLED_APPS
    default_site = "ropa.admin.site.RopaAdminSite"
