"""What an officer told the importer about a spreadsheet's layout, remembered for its next import."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ropa.models.base import RECORD_PERMISSIONS
from ropa.models.organisations import Organisation


class ImportLayout(models.Model):
    """A heading row (by its folded headings) with the fields its columns were mapped to and the vocabulary its
    words were mapped to; its history keeps every import of that layout, with the date its title rows gave."""

    # Each client's sheets are its own: a layout is remembered per workspace.
    workspace = models.ForeignKey(
        "ropa.Workspace", verbose_name=_("workspace"), on_delete=models.CASCADE, related_name="import_layouts",
    )
    layout = models.CharField(_("layout"), max_length=40)
    headings = models.JSONField(_("headings"), default=list)
    columns = models.JSONField(_("columns mapped to fields"), default=dict, blank=True)
    entries = models.JSONField(_("words mapped to vocabulary entries"), default=dict, blank=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("controller"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="import_layouts",
    )
    filename = models.CharField(_("last file imported"), max_length=255, blank=True)
    sheet_updated = models.DateField(
        _("sheet last updated"), null=True, blank=True,
        help_text=_("The date the sheet's title rows give for its last update (“Sist oppdatert”)."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("import layout")
        verbose_name_plural = _("import layouts")
        default_permissions = RECORD_PERMISSIONS
        constraints = [models.UniqueConstraint(fields=["workspace", "layout"], name="layout_per_workspace")]

    def __str__(self) -> str:
        return " | ".join(filter(None, self.headings))[:200]
