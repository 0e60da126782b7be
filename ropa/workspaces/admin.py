"""Every admin page shows and accepts only the workspaces the person is a member of; operators manage them."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404

from ropa.admin.history import HistoryAdmin
from ropa.models import Membership, Workspace
from ropa.workspaces import access
from ropa.workspaces.forms import SameWorkspaceFormMixin, SameWorkspaceInlineFormSetMixin
from ropa.workspaces.scopes import SHARED_WHEN_EMPTY, is_scoped, label, scope_path, workspace_id_of


def _root_field(model) -> str | None:
    """The form field that decides the object's workspace: its own `workspace`, or the first hop of its path."""
    path = scope_path(model)
    return path.split("__")[0] if path else None


class WorkspaceScopedMixin:
    """For a ModelAdmin or an inline: rows, choices, object permissions and links kept inside the workspaces."""

    def get_queryset(self, request):
        return access.visible(super().get_queryset(request), request.user, "view")

    def _narrowed(self, formfield, db_field, request):
        related = db_field.remote_field.model
        if formfield is None or not hasattr(formfield, "queryset") or not is_scoped(related):
            return formfield
        if db_field.name == _root_field(self.model):
            # The object's own workspace: only one where the person may add or change this kind of object.
            ids = access.workspace_ids(request.user, access.perm_name(self.model, "change"))
            ids = ids if ids is None else ids | access.workspace_ids(request.user, access.perm_name(self.model, "add"))
            formfield.queryset = formfield.queryset.filter(access.scope_filter(related, ids, shared=False))
        else:
            formfield.queryset = access.visible(formfield.queryset, request.user, "view")
        return formfield

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return self._narrowed(super().formfield_for_foreignkey(db_field, request, **kwargs), db_field, request)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return self._narrowed(super().formfield_for_manytomany(db_field, request, **kwargs), db_field, request)

    def _may(self, request, action: str, obj) -> bool:
        if obj is None or not is_scoped(type(obj)):
            return True
        workspace_id = workspace_id_of(obj)
        if workspace_id is None and label(type(obj)) in SHARED_WHEN_EMPTY and action == "view":
            return True  # shared vocabulary: every workspace reads it, only an operator changes it
        if action == "view":
            return any(
                access.has_perm_in(request.user, access.perm_name(self.model, each), workspace_id)
                for each in ("view", "change")
            )
        return access.has_perm_in(request.user, access.perm_name(self.model, action), workspace_id)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._may(request, "view", obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may(request, "change", obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may(request, "delete", obj)


class WorkspaceScopedAdmin(WorkspaceScopedMixin):
    """A ModelAdmin whose forms link only within one workspace.

    Another workspace's object is "not found" on every page (get_queryset() holds only the person's workspaces,
    and Django answers a missing object with a 404 or a redirect to the list), never "forbidden", which would
    confirm that it exists.
    """

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (SameWorkspaceFormMixin, form), {})


    def _visible_or_404(self, request, object_id) -> None:
        """404 unless the object, or for a deleted one its last version, lies in the person's workspaces."""
        try:
            pk = self.model._meta.pk.to_python(unquote(object_id))
            if self.get_queryset(request).filter(pk=pk).exists():
                return
            last = self.model.history.filter(**{self.model._meta.pk.attname: pk}).latest("history_date").instance
        except (ValueError, ValidationError, ObjectDoesNotExist):
            raise Http404 from None
        ids = access.workspace_ids(request.user, access.perm_name(self.model, "view"))
        if ids is not None and workspace_id_of(last) not in ids:
            raise Http404

    def history_view(self, request, object_id, extra_context=None):
        self._visible_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._visible_or_404(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


class WorkspaceScopedInline(WorkspaceScopedMixin):
    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (SameWorkspaceInlineFormSetMixin, formset), {})


@admin.register(Workspace)
class WorkspaceAdmin(WorkspaceScopedAdmin, HistoryAdmin):
    list_display = ["name", "created"]
    search_fields = ["name"]


@admin.register(Membership)
class MembershipAdmin(WorkspaceScopedAdmin, HistoryAdmin):
    list_display = ["user", "workspace", "role"]
    list_filter = ["role", "workspace"]
    list_select_related = ["user", "workspace"]
    search_fields = ["user__username", "user__email", "workspace__name"]
    autocomplete_fields = ["user", "workspace"]

