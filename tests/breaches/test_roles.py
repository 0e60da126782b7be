"""Who may do what with the breach register (ropa/security/roles.py)."""

from django.contrib.auth.models import Group

from ropa.security.roles import AUDITOR, PRIVACY_OFFICER, REQUEST_HANDLER


def codenames(group_name: str) -> set[str]:
    return set(
        Group.objects.get(name=group_name).permissions.filter(content_type__app_label="breaches")
        .values_list("codename", flat=True)
    )


def test_the_privacy_officer_handles_breaches(db):
    wanted = {"add_breach", "change_breach", "view_breach", "export_breach", "change_notice"}
    assert wanted <= codenames(PRIVACY_OFFICER)


def test_the_auditor_reads_and_exports_breaches_and_their_history(db):
    permissions = codenames(AUDITOR)
    assert {"view_breach", "export_breach", "view_historicalbreach", "view_notice"} <= permissions
    assert not {p for p in permissions if p.startswith(("add_", "change_", "delete_"))}


def test_the_request_handler_has_no_permission_on_breaches(db):
    assert codenames(REQUEST_HANDLER) == set()
