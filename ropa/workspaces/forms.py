"""Forms that link only within one workspace: a processor, a category or a system of another client is refused
with a field error, even when the person may see both clients (a consultant) or forges the id."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from ropa.workspaces.scopes import SHARED_WHEN_EMPTY, is_scoped, label, workspace_id_of

OTHER_WORKSPACE = _("Choose one of this workspace’s own entries: %(value)s belongs to another workspace.")


def _linked(value) -> list[models.Model]:
    if isinstance(value, models.Model):
        return [value]
    if isinstance(value, models.QuerySet | list | tuple):
        return [item for item in value if isinstance(item, models.Model)]
    return []


def refuse_other_workspaces(form: forms.BaseForm, workspace_id: int | None) -> None:
    """Add a field error for each linked object that belongs to a workspace other than `workspace_id`."""
    if workspace_id is None or not hasattr(form, "cleaned_data"):
        return
    for name, value in list(form.cleaned_data.items()):
        if name == "workspace":
            continue
        for linked in _linked(value):
            if not is_scoped(type(linked)):
                continue
            linked_workspace = workspace_id_of(linked)
            shared = linked_workspace is None and label(type(linked)) in SHARED_WHEN_EMPTY
            if linked_workspace != workspace_id and not shared:
                form.add_error(name, forms.ValidationError(OTHER_WORKSPACE, params={"value": linked}))
                break


class SameWorkspaceFormMixin:
    """A ModelForm whose links must all lie in the workspace of the object it saves."""

    def _post_clean(self):
        super()._post_clean()
        refuse_other_workspaces(self, workspace_id_of(self.instance))


class SameWorkspaceInlineFormSetMixin:
    """An inline formset whose rows link only within the workspace of the object they hang off."""

    def clean(self):
        super().clean()
        workspace_id = workspace_id_of(self.instance)
        for form in self.forms:
            if form.is_bound and not getattr(form, "cleaned_data", {}).get("DELETE"):
                refuse_other_workspaces(form, workspace_id)
