from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "ropa.jobs"
    label = "jobs"
    verbose_name = _("background jobs")
    default_auto_field = "django.db.models.BigAutoField"
