"""Workspaces: one client of the host (a company, or a group whose entities share one privacy function), the unit
that keeps each client's record, requests and breaches apart from every other's (Art. 32(1)(b), (4): only those
authorised see personal data)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class WorkspaceQuerySet(models.QuerySet):
    def sole(self) -> "Workspace":
        """The install's only workspace, made when there is none: where a record kept for one company lives.

        Code that creates an organisation without naming its workspace (a single-company install, a script) lands
        there; with several workspaces it must name one, and is refused rather than guessed for.
        """
        workspaces = list(self.order_by("pk")[:2])
        if len(workspaces) == 1:
            return workspaces[0]
        if workspaces:
            raise ValidationError(
                _("This install keeps several workspaces: choose the one this belongs to."), code="workspace_needed",
            )
        return self.create(name=str(_("My company")))


class Workspace(models.Model):
    """One client's record: its controllers, processors, systems, vocabulary, requests and breaches."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    notes = models.TextField(_("notes"), blank=True, help_text=_("For the host's staff: the contract, the contact."))
    created = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    objects = WorkspaceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("workspace")
        verbose_name_plural = _("workspaces")

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """A person's role in one workspace; each is the permission group of the same name (ropa/security/roles.py)."""

    OFFICER = "officer", _("Privacy officer")
    AUDITOR = "auditor", _("Auditor")
    HANDLER = "handler", _("Request handler")


class Membership(models.Model):
    """A person's role in one workspace. A consultant holds several, one per client."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships",
    )
    workspace = models.ForeignKey(
        Workspace, verbose_name=_("workspace"), on_delete=models.CASCADE, related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    managed_by_sso = models.BooleanField(
        _("kept by single sign-on"), default=False,
        help_text=_("Given and taken away at each sign-in by the person's groups at the identity provider."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["workspace__name", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "workspace"], name="one_role_per_workspace")]

    def __str__(self) -> str:
        return f"{self.user} – {self.workspace} ({self.get_role_display()})"
