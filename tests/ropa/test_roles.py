"""The role groups hold exactly what their names say."""

from django.contrib.auth.models import Group

from ropa.security.roles import AUDITOR, PRIVACY_OFFICER, REQUEST_HANDLER, sync_roles


def codenames(group_name: str) -> set[str]:
    return set(Group.objects.get(name=group_name).permissions.values_list("codename", flat=True))


def test_migrate_creates_the_three_roles(db):
    assert {PRIVACY_OFFICER, AUDITOR, REQUEST_HANDLER} <= set(Group.objects.values_list("name", flat=True))


def test_the_privacy_officer_may_change_and_import_the_record(db):
    permissions = codenames(PRIVACY_OFFICER)
    assert {"change_processingactivity", "delete_processingactivity", "import_processingactivity"} <= permissions


def test_the_auditor_may_view_export_and_read_history_but_change_nothing(db):
    permissions = codenames(AUDITOR)
    assert {"view_processingactivity", "export_processingactivity", "view_historicalprocessingactivity"} <= permissions
    assert not {p for p in permissions if p.startswith(("add_", "change_", "delete_", "import_"))}


def test_the_request_handler_may_read_but_not_change_the_record(db):
    permissions = codenames(REQUEST_HANDLER)
    assert "view_processingactivity" in permissions
    assert not {p for p in permissions if p.endswith("processingactivity") and not p.startswith("view_")}


def test_syncing_again_removes_a_permission_given_by_hand(db):
    from django.contrib.auth.models import Permission

    auditors = Group.objects.get(name=AUDITOR)
    auditors.permissions.add(Permission.objects.get(codename="change_processingactivity"))
    sync_roles()
    assert "change_processingactivity" not in codenames(AUDITOR)
