"""The role groups and exactly the permissions each holds.

Privacy officer: everything in the record, in rights requests and in the breach register, and reads the log of
logins and lockouts. Auditor: may view and export the record and the breach register with their history, never
change them, and download the record's signed documents. Request handler: works rights requests and may read the
record (to answer access requests from it) but not change it, nor download its contracts, DPIA reports and transfer
impact assessments: answering a request needs the record's content, not the documents (issue 21).
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

PRIVACY_OFFICER = "Privacy officer"
AUDITOR = "Auditor"
REQUEST_HANDLER = "Request handler"

RECORD_APPS = ("ropa",)
REQUEST_APPS = ("requests",)
BREACH_APPS = ("breaches",)  # the breach register (Art. 33(5)): not for request handlers
LOGIN_RECORD_APPS = ("axes",)  # failed and successful logins, lockouts (django-axes)
LOGIN_SECURITY_APPS = ("security",)  # the wrong-code back-off of authenticator apps (ropa/security/models.py)


def _in_apps(apps: tuple[str, ...]) -> Q:
    return Q(content_type__app_label__in=apps)


def _actions(*actions: str) -> Q:
    query = Q()
    for action in actions:
        query |= Q(codename__startswith=f"{action}_")
    return query


def role_permissions() -> dict[str, Q]:
    """Each role's permissions as a filter on Permission (historical models included, as they share the app)."""
    return {
        PRIVACY_OFFICER: _in_apps(RECORD_APPS + REQUEST_APPS + BREACH_APPS)
        | (_in_apps(LOGIN_RECORD_APPS) & _actions("view"))
        | (_in_apps(LOGIN_SECURITY_APPS) & _actions("view", "reset")),
        AUDITOR: (_in_apps(RECORD_APPS + BREACH_APPS) & _actions("view", "export"))
        | (_in_apps(RECORD_APPS) & _actions("download")),
        REQUEST_HANDLER: (_in_apps(REQUEST_APPS) & _actions("add", "change", "view"))
        | (_in_apps(RECORD_APPS) & _actions("view")),
    }


def sync_roles(using: str = "default", **kwargs) -> None:
    """Create the role groups and give each exactly its permissions (idempotent; runs after `migrate`)."""
    for name, query in role_permissions().items():
        group, _created = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set(Permission.objects.using(using).filter(query))
