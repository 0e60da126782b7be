"""Single sign-on (OpenID Connect): the identity providers people sign in with, and which claim gives which role in
which workspace (Art. 32(1)(b), (4): only those the controller authorises reach the record; a person who leaves
the company loses access when the company closes her account)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ropa.models.workspaces import Role, Workspace


def _words(text: str) -> list[str]:
    return [word.strip().lower() for word in text.replace(",", " ").split() if word.strip()]


class OidcProvider(models.Model):
    """An OpenID Connect provider (Microsoft Entra ID, Google, Keycloak) a person may sign in with."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    issuer = models.URLField(
        _("issuer"), max_length=300,
        help_text=_("Exactly as the provider's discovery document says, e.g. "
                    "https://login.microsoftonline.com/TENANT-ID/v2.0."),
    )
    client_id = models.CharField(_("client ID"), max_length=300)
    client_secret = models.CharField(_("client secret"), max_length=500)
    button_label = models.CharField(
        _("button label"), max_length=100, blank=True, help_text=_("Shown on the login page; empty: no button."),
    )
    email_domains = models.CharField(
        _("e-mail domains"), max_length=500, blank=True,
        help_text=_("Separated by spaces or commas: a person who types an address in one of them signs in here."),
    )
    workspace = models.ForeignKey(
        Workspace, verbose_name=_("workspace"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="oidc_providers", help_text=_("The client whose provider this is; empty: the host's own."),
    )
    mfa_acr_values = models.CharField(
        _("acr values that count as two-factor"), max_length=500, blank=True,
        help_text=_("Separated by spaces. A sign-in whose `amr` claim names mfa, otp, hwk, swk, fido or sc counts "
                    "as two-factor anyway; any other goes on to ropa's own code step."),
    )
    password_sign_in_disabled = models.BooleanField(
        _("no password sign-in for these domains"), default=False,
        help_text=_("People whose e-mail is in this provider's domains may only sign in through it."),
    )
    # The secret stays out of history: every past version would be one more copy of a live credential (Art. 32).
    history = HistoricalRecords(excluded_fields=["client_secret"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("identity provider")
        verbose_name_plural = _("identity providers")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        taken = {
            domain: other.name for other in OidcProvider.objects.exclude(pk=self.pk) for domain in other.domains
        }
        clashes = sorted(domain for domain in self.domains if domain in taken)
        if clashes:
            raise ValidationError({"email_domains": _("%(domain)s already signs in through %(provider)s.") % {
                "domain": clashes[0], "provider": taken[clashes[0]],
            }})

    @property
    def key(self) -> str:
        """How URLs and the session name this provider ("env" for the one from the environment)."""
        return str(self.pk) if self.pk else "env"

    @property
    def domains(self) -> list[str]:
        return _words(self.email_domains)

    @property
    def acr_values(self) -> list[str]:
        return _words(self.mfa_acr_values)

    @property
    def label(self) -> str:
        return self.button_label or self.name


class SsoMapping(models.Model):
    """A claim value (an Entra group id, a Google group, a Keycloak role) that gives a role in a workspace."""

    provider = models.ForeignKey(
        OidcProvider, verbose_name=_("identity provider"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="mappings", help_text=_("Empty: any provider, the one from the environment included."),
    )
    claim = models.CharField(_("claim"), max_length=100, default="groups", help_text=_("e.g. groups or roles."))
    value = models.CharField(_("value"), max_length=300)
    workspace = models.ForeignKey(
        Workspace, verbose_name=_("workspace"), on_delete=models.CASCADE, related_name="sso_mappings",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["workspace__name", "claim", "value"]
        verbose_name = _("single sign-on mapping")
        verbose_name_plural = _("single sign-on mappings")
        constraints = [
            models.UniqueConstraint(fields=["provider", "claim", "value", "workspace"], name="one_role_per_claim"),
        ]

    def __str__(self) -> str:
        return f"{self.claim}={self.value} → {self.workspace} ({self.get_role_display()})"


class SsoIdentity(models.Model):
    """The provider's account (issuer and subject) a person of ropa signs in as: never matched by e-mail alone."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="sso_identities",
    )
    issuer = models.CharField(_("issuer"), max_length=300)
    subject = models.CharField(_("subject"), max_length=300)
    last_sign_in = models.DateTimeField(_("last sign-in"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("single sign-on identity")
        verbose_name_plural = _("single sign-on identities")
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"], name="one_person_per_subject")]

    def __str__(self) -> str:
        return f"{self.user} ({self.issuer})"
