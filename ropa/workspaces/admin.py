"""Every admin page shows and accepts only the workspaces the person is a member of; operators manage them."""

from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.contrib.auth import get_user_model
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
        if db_field.name == "workspace" and not access.is_operator(request.user):
            formfield.required = True  # empty means shared, which only an operator keeps
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


    def _has_workspace_field(self) -> bool:
        return any(field.name == "workspace" for field in self.model._meta.concrete_fields)

    def _changeable_workspaces(self, request) -> set[int] | None:
        ids = access.workspace_ids(request.user, access.perm_name(self.model, "add"))
        more = access.workspace_ids(request.user, access.perm_name(self.model, "change"))
        return None if ids is None or more is None else ids | more

    def get_fieldsets(self, request, obj=None):
        """The workspace is chosen by whoever keeps several (a consultant, an operator), first on the page."""
        fieldsets = super().get_fieldsets(request, obj)
        if not self._has_workspace_field() or obj is not None:
            return fieldsets
        named = {name for _title, options in fieldsets for name in flatten_fieldsets([(None, options)])}
        ids = self._changeable_workspaces(request)
        if "workspace" in named or (ids is not None and len(ids) < 2):
            return fieldsets
        (title, options), *rest = fieldsets
        return [(title, {**options, "fields": ["workspace", *options["fields"]]}), *rest]

    def save_model(self, request, obj, form, change):
        """A new row of a person who keeps one workspace goes into it (never into the shared vocabulary)."""
        if self._has_workspace_field() and obj.workspace_id is None and not access.is_operator(request.user):
            ids = self._changeable_workspaces(request) or set()
            if len(ids) == 1:
                obj.workspace_id = next(iter(ids))
        super().save_model(request, obj, form, change)

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



class ColleaguesOnlyMixin:
    """Login records and authenticator back-offs of the people who share a workspace with the reader: a host's
    log of logins names every client's staff, and an officer of one client reads only their own colleagues'."""

    user_path = "username"

    def get_queryset(self, request):
        rows = super().get_queryset(request)
        ids = access.workspace_ids(request.user)
        if ids is None:
            return rows
        colleagues = get_user_model().objects.filter(memberships__workspace_id__in=ids)
        if self.user_path == "username":
            return rows.filter(username__in=colleagues.values("username"))
        return rows.filter(**{f"{self.user_path}__in": colleagues.values("pk")})


def _narrow_login_records() -> None:
    """Register the login records' and back-offs' admins again with ColleaguesOnlyMixin in front."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    from ropa.security.models import AuthenticatorBackOff

    for model, user_path in (
        (AccessAttempt, "username"), (AccessLog, "username"), (AccessFailureLog, "username"),
        (AuthenticatorBackOff, "user"),
    ):
        if not admin.site.is_registered(model):
            continue
        registered = type(admin.site._registry[model])
        admin.site.unregister(model)
        attributes = {"user_path": user_path, "__module__": __name__}
        narrowed = type(registered.__name__, (ColleaguesOnlyMixin, registered), attributes)
        admin.site.register(model, narrowed)


_narrow_login_records()


class ScopedRelatedFieldListFilter(admin.RelatedFieldListFilter):
    """A list's filter by a related object offers only the objects of the reader's workspaces."""

    def field_choices(self, field, request, model_admin):
        ordering = self.field_admin_ordering(field, request, model_admin)
        choices = access.visible(field.remote_field.model._default_manager.all(), request.user)
        if ordering:
            choices = choices.order_by(*ordering)
        return [(choice.pk, str(choice)) for choice in choices]


# Before Django's own, for every relation to a model kept in workspaces (taken first by the admin's filters).
admin.FieldListFilter.register(
    lambda field: bool(field.remote_field) and is_scoped(field.remote_field.model),
    ScopedRelatedFieldListFilter, take_priority=True,
)
