"""Who may see and change what, workspace by workspace.

A person's role in a workspace is a permission group (ropa/security/roles.py): the groups a person is in are the
roles of their memberships, so Django's `has_perm` answers "may do this in some workspace", and the functions
here answer "in which". An operator (a superuser, or the Operator group) manages workspaces and sees them all.
"""

from collections.abc import Iterable

from django.db import models
from django.db.models import Q

from ropa.workspaces.scopes import SHARED_WHEN_EMPTY, label, scope_paths

OPERATOR_PERMISSION = "ropa.change_workspace"


def is_operator(user) -> bool:
    return bool(user.is_active and (user.is_superuser or user.has_perm(OPERATOR_PERMISSION)))


def _access(user) -> dict[int, set[str]]:
    """workspace id → the permissions ("app.codename") the person's role there holds; cached on the user object."""
    cached = getattr(user, "_workspace_access", None)
    if cached is not None:
        return cached
    from ropa.models import Membership
    from ropa.security.roles import ROLE_GROUPS

    access: dict[int, set[str]] = {}
    if user.is_authenticated and user.is_active:
        rows = Membership.objects.filter(user=user).values_list(
            "workspace_id",
            "role",
        )
        memberships = list(rows)
        perms_by_role = _role_permissions({ROLE_GROUPS[role] for _ws, role in memberships})
        for workspace_id, role in memberships:
            access[workspace_id] = perms_by_role.get(ROLE_GROUPS[role], set())
    user._workspace_access = access
    return access


def _role_permissions(groups: set[str]) -> dict[str, set[str]]:
    from django.contrib.auth.models import Permission

    if not groups:
        return {}
    rows = Permission.objects.filter(group__name__in=groups).values_list(
        "group__name", "content_type__app_label", "codename",
    )
    result: dict[str, set[str]] = {}
    for group, app_label, codename in rows:
        result.setdefault(group, set()).add(f"{app_label}.{codename}")
    return result


def forget(user) -> None:
    """Drop the cached memberships, after they change."""
    user.__dict__.pop("_workspace_access", None)


def workspace_ids(user, perm: str | None = None) -> set[int] | None:
    """The workspaces where the person holds `perm` (any role, without one); None means every workspace."""
    if is_operator(user):
        return None
    return {ws for ws, perms in _access(user).items() if perm is None or perm in perms}


def has_perm_in(user, perm: str, workspace_id: int | None) -> bool:
    """Whether the person holds `perm` in that workspace; a shared row (None) is the operators' to change."""
    if is_operator(user):
        return user.has_perm(perm)
    if workspace_id is None:
        return False
    return perm in _access(user).get(workspace_id, set())


def perm_name(model: type[models.Model], action: str) -> str:
    opts = getattr(model, "instance_type", model)._meta
    return f"{opts.app_label}.{action}_{opts.model_name}"


def scope_filter(model: type[models.Model], ids: Iterable[int] | None, *, shared: bool = True) -> Q:
    """The condition that keeps `model`'s rows of the given workspaces (None: no condition at all).

    Shared vocabulary (an empty workspace) is kept when `shared` is on; rows of a model with no workspace path
    (reference data) are never narrowed.
    """
    paths = scope_paths(model)
    if ids is None or paths is None:
        return Q()
    ids = list(ids)
    condition = Q()
    for path in paths:
        condition |= Q(**{f"{path}__in" if path else "pk__in": ids})
    if shared and label(getattr(model, "instance_type", model)) in SHARED_WHEN_EMPTY:
        condition |= Q(**{f"{paths[0]}__isnull": True})
    return condition


def visible(queryset: models.QuerySet, user, action: str = "view", *, shared: bool = True) -> models.QuerySet:
    """`queryset` narrowed to the workspaces where the person may `action` its model (view, change, …).

    "view" also counts "change": Django's admin lets whoever may change a model view it.
    """
    model = queryset.model
    if is_operator(user):
        return queryset
    if action == "view":
        ids = workspace_ids(user, perm_name(model, "view")) | workspace_ids(user, perm_name(model, "change"))
    else:
        ids = workspace_ids(user, perm_name(model, action))
    return queryset.filter(scope_filter(model, ids, shared=shared))


def sync_groups(user) -> None:
    """The person's role groups made exactly the roles of their memberships (other groups, Operator, kept)."""
    from django.contrib.auth.models import Group

    from ropa.models import Membership
    from ropa.security.roles import ROLE_GROUPS

    roles = set(Membership.objects.filter(user=user).values_list("role", flat=True))
    wanted = {ROLE_GROUPS[role] for role in roles}
    keep = [group for group in user.groups.all() if group.name not in ROLE_GROUPS.values()]
    user.groups.set(keep + list(Group.objects.filter(name__in=wanted)))
    forget(user)
    for cache in ("_perm_cache", "_group_perm_cache", "_user_perm_cache"):
        user.__dict__.pop(cache, None)


def request_staff(user) -> models.QuerySet:
    """The staff who may be given a rights request: officers and request handlers of the person's workspaces
    (every active staff member, for an operator)."""
    from django.contrib.auth import get_user_model

    people = get_user_model().objects.filter(is_active=True, is_staff=True).order_by("username")
    ids = workspace_ids(user, "requests.change_rightsrequest")
    if ids is None:
        return people
    return people.filter(memberships__workspace_id__in=ids, memberships__role__in=["officer", "handler"]).distinct()
