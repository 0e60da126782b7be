from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "ropa.security"
    label = "security"
    verbose_name = _("Login security")

    def ready(self) -> None:
        from ropa.security import checks  # noqa: F401 (registers the deploy checks)
