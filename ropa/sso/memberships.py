"""From the ID token's claims to the person's memberships: the provider's groups decide, at every sign-in."""

from django.db.models import Q

from ropa.models import Membership, OidcProvider, Role, SsoMapping

# Two mapped claims may name the same workspace: the broader role wins.
ROLE_RANK = {Role.OFFICER: 3, Role.HANDLER: 2, Role.AUDITOR: 1}


def _values(claim) -> set[str]:
    if isinstance(claim, list | tuple):
        return {str(value) for value in claim}
    if isinstance(claim, str):
        return set(claim.split()) | {claim}  # Keycloak may send roles as one space-separated string
    return set() if claim is None else {str(claim)}


def wanted_roles(provider: OidcProvider, claims: dict) -> dict[int, str]:
    """workspace id → role, from the mappings of this provider (and those for any provider) that the claims meet."""
    scope = Q(provider__isnull=True)
    if provider.pk:
        scope |= Q(provider_id=provider.pk)
    mappings = SsoMapping.objects.filter(scope)
    wanted: dict[int, str] = {}
    for mapping in mappings:
        if mapping.value in _values(claims.get(mapping.claim)):
            current = wanted.get(mapping.workspace_id)
            if current is None or ROLE_RANK[mapping.role] > ROLE_RANK[current]:
                wanted[mapping.workspace_id] = mapping.role
    return wanted


def bring_in_line(user, wanted: dict[int, str]) -> None:
    """The memberships single sign-on keeps made exactly `wanted`; one given by hand in the admin is left alone.

    Called inside the sign-in's transaction; each save writes history and moves the person's role groups.
    """
    reason = "single sign-on"
    for membership in Membership.objects.filter(user=user):
        role = wanted.pop(membership.workspace_id, None)
        if not membership.managed_by_sso:
            continue
        membership._change_reason = reason
        if role is None:
            membership.delete()
        elif membership.role != role:
            membership.role = role
            membership.save()
    for workspace_id, role in wanted.items():
        membership = Membership(user=user, workspace_id=workspace_id, role=role, managed_by_sso=True)
        membership._change_reason = reason
        membership.save()
