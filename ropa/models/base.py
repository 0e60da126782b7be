"""Pieces every model of the record shares."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# Import and export are permissions of their own, so an auditor can export without changing anything.
RECORD_PERMISSIONS = ("add", "change", "delete", "view", "import", "export")
# Records with a signed document (DPA, transfer impact assessment, DPIA report): downloading it is a permission of
# its own, for the roles that need the contracts themselves and not only the record's content.
DOCUMENT_PERMISSIONS = (*RECORD_PERMISSIONS, "download")


class Vocabulary(models.Model):
    """A controlled list entry with its name in each language ropa speaks.

    Seeded entries ship in English, Norwegian Bokmål and Swedish; `label` picks the active language,
    and imports match a value by its name in any of the three.
    """

    # Empty for the shared entries every workspace reads (seeded, changed only by an operator); a workspace's own
    # entries are seen and used by that workspace alone.
    workspace = models.ForeignKey(
        "ropa.Workspace", verbose_name=_("workspace"), on_delete=models.PROTECT, related_name="+", null=True,
        blank=True, help_text=_("Empty: shared by every workspace."),
    )
    name = models.CharField(_("name (English)"), max_length=200)
    name_nb = models.CharField(_("name (Norwegian)"), max_length=200, blank=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        abstract = True
        ordering = ["name"]
        default_permissions = RECORD_PERMISSIONS
        constraints = [
            models.UniqueConstraint(
                fields=["name"], condition=models.Q(workspace__isnull=True), name="%(class)s_shared_name",
            ),
            models.UniqueConstraint(
                fields=["workspace", "name"], condition=models.Q(workspace__isnull=False),
                name="%(class)s_name_per_workspace",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        language = (get_language() or "en")[:2]
        translated = {"nb": self.name_nb, "no": self.name_nb, "sv": self.name_sv}.get(language)
        return translated or self.name

    def names(self) -> set[str]:
        return {n.casefold() for n in (self.name, self.name_nb, self.name_sv) if n}
