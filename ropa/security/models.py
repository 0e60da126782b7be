"""The wrong-code back-off of authenticator apps, for the privacy officer to lift (issue 16.8)."""

from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice


class AuthenticatorBackOff(TOTPDevice):
    """A user's authenticator app seen only for its back-off: after each wrong code django-otp makes the next try
    wait twice as long (1 s, 2 s, 4 s, …), refusing even the right code meanwhile. The secret is never shown."""

    class Meta:
        proxy = True
        verbose_name = _("authenticator back-off")
        verbose_name_plural = _("authenticator back-offs")
        default_permissions = ("view",)
        permissions = [("reset_authenticatorbackoff", _("Can lift the wait after wrong codes"))]
