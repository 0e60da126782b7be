"""The role groups and exactly the permissions each holds.

Operator (the host's staff): everything, in every workspace, and the workspaces with their members.
Privacy officer: everything in the record, in rights requests, in the breach register and in the workspace's
webhooks, and reads the log of logins and lockouts. Auditor: may view and export the record and the breach
register with their history, never change them, and download the record's signed documents. Request handler: works
rights requests and may read the record (to answer access requests from it) but not change it, nor download its
contracts, DPIA reports and transfer impact assessments: answering a request needs the record's content, not the
documents (issue 21).
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

PRIVACY_OFFICER = "Privacy officer"
AUDITOR = "Auditor"
REQUEST_HANDLER = "Request handler"
OPERATOR = "Operator"
# A membership's role (ropa.models.Role) is the group of that name; a person's groups follow their memberships.
ROLE_GROUPS = {"officer": PRIVACY_OFFICER, "auditor": AUDITOR, "handler": REQUEST_HANDLER}

RECORD_APPS = ("ropa",)
REQUEST_APPS = ("requests",)
BREACH_APPS = ("breaches",)  # the breach register (Art. 33(5)): not for request handlers
LOGIN_RECORD_APPS = ("axes",)  # failed and successful logins, lockouts (django-axes)
WEBHOOK_APPS = ("webhooks",)  # a workspace's webhook subscriptions (their secrets) and delivery log: officers only
LOGIN_SECURITY_APPS = ("security",)  # the wrong-code back-off of authenticator apps (ropa/security/models.py)


def _in_apps(apps: tuple[str, ...]) -> Q:
    return Q(content_type__app_label__in=apps)


def _actions(*actions: str) -> Q:
    query = Q()
    for action in actions:
        query |= Q(codename__startswith=f"{action}_")
    return query


def _models(*names: str) -> Q:
    return Q(content_type__app_label="ropa", content_type__model__in=names)


# Kept by the host's operators: the workspaces with their members, and the reference data every workspace reads
# (the Commission's adequacy decisions). Officers read them; only operators change them.
OPERATOR_MODELS = _models(
    "workspace", "historicalworkspace", "membership", "historicalmembership",
    "adequacydecision", "historicaladequacydecision",
)

# Single sign-on's providers (with their client secrets), claim mappings and identities: operators only, not even
# to read (ropa/sso/admin.py).
SSO_MODELS = _models(
    "oidcprovider", "historicaloidcprovider", "ssomapping", "historicalssomapping", "ssoidentity",
    "historicalssoidentity",
)


def role_permissions() -> dict[str, Q]:
    """Each role's permissions as a filter on Permission (historical models included, as they share the app)."""
    return {
        OPERATOR: _in_apps(RECORD_APPS + REQUEST_APPS + BREACH_APPS + WEBHOOK_APPS + LOGIN_SECURITY_APPS)
        | _in_apps(LOGIN_RECORD_APPS) & _actions("view")
        | Q(content_type__app_label="auth"),
        PRIVACY_OFFICER: (
            (_in_apps(RECORD_APPS + REQUEST_APPS + BREACH_APPS + WEBHOOK_APPS) & ~(OPERATOR_MODELS & ~_actions("view")))
            | (_in_apps(LOGIN_RECORD_APPS) & _actions("view"))
            | (_in_apps(LOGIN_SECURITY_APPS) & _actions("view", "reset"))
        ) & ~SSO_MODELS,
        AUDITOR: (
            (_in_apps(RECORD_APPS + BREACH_APPS) & _actions("view", "export"))
            | (_in_apps(RECORD_APPS) & _actions("download"))
        ) & ~SSO_MODELS,
        REQUEST_HANDLER: (
            (_in_apps(REQUEST_APPS) & _actions("add", "change", "view"))
            | (_in_apps(RECORD_APPS) & _actions("view"))
        ) & ~SSO_MODELS,
    }


def sync_roles(using: str = "default", **kwargs) -> None:
    """Create the role groups and give each exactly its permissions (idempotent; runs after `migrate`)."""
    for name, query in role_permissions().items():
        group, _created = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set(Permission.objects.using(using).filter(query))
