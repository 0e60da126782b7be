import axes.apps
import django_otp.plugins.otp_static.apps as otp_static
import django_otp.plugins.otp_totp.apps as otp_totp
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "ropa.security"
    label = "security"
    verbose_name = _("Login security")

    def ready(self) -> None:
        from ropa.security import checks  # noqa: F401 (registers the deploy checks)


# Third-party apps named in the admin's sidebar and index in the reader's language: their own AppConfigs
# give no translatable verbose_name ("Axes", "Otp_Totp"). Labels, models and migrations are unchanged.
class AxesConfig(axes.apps.AppConfig):
    verbose_name = _("Login records")


class TotpConfig(otp_totp.DefaultConfig):
    verbose_name = _("Two-factor login: authenticator apps")


class StaticCodesConfig(otp_static.DefaultConfig):
    verbose_name = _("Two-factor login: backup codes")
