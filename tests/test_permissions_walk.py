"""Least privilege: every admin URL, walked as each role, answers exactly as the role's name says.

The URLs come from whatever is registered in the admin when the test runs (tests/security/admin_urls.py),
so an admin added later is walked too. The expectation below is written from the roles' descriptions in
ropa/security/roles.py, not read back from the groups, so a permission granted by mistake shows up as a failure.
"""


import pytest
from django.contrib.auth.models import User

from ropa.security.roles import AUDITOR, PRIVACY_OFFICER, REQUEST_HANDLER
from tests.security.admin_urls import AdminUrl, admin_urls

UNPRIVILEGED = "Staff without a group"
RECORD, REQUESTS, LOGINS, BACK_OFF, BREACHES = "ropa", "requests", "axes", "security", "breaches"
WEBHOOKS = "webhooks"

# Pages no one may open, by design rather than by role.
DISABLED_FOR_EVERYONE = {
    # Website checks and their findings are written by the check (issue 27); the button is a POST only.
    "ropa_websitecheck_add",
    "ropa_finding_add",
    "ropa_website_check",
    # OTP_ADMIN_HIDE_SENSITIVE_DATA: an authenticator's secret is never shown again after enrolment.
    "otp_totp_totpdevice_config",
    "otp_totp_totpdevice_qrcode",
    # Login records are written by logins (django-axes), never typed in.
    "axes_accessattempt_add",
    "axes_accesslog_add",
    "axes_accessfailurelog_add",
    # A person's provider account is made by their first single sign-on, never typed in (ropa/sso/).
    "ropa_ssoidentity_add",
    # E-mails enter the outbox from the request's workflow, never typed into the admin.
    "requests_outboxemail_add",
    # The back-off view of an authenticator only lifts a wait; devices are added at enrolment, deleted by
    # a superuser under TOTP devices.
    "security_authenticatorbackoff_add",
    "security_authenticatorbackoff_delete",
    # Publishing a notice is a POST from its preview; a GET is refused (405) to everyone.
    "ropa_organisation_publish_notice",
    # Webhook deliveries are written by events and the worker, and kept as the log (issue 24).
    "webhooks_webhookdelivery_add",
    "webhooks_webhookdelivery_delete",
}


# Kept by the host's operators (a superuser here): the workspaces and their members, the Commission's adequacy
# decisions. An officer adds vocabulary entries of the workspace's own, but deletes no shared one (the walk opens
# seeded, shared entries).
OPERATOR_ONLY = {"ropa_workspace", "ropa_membership", "ropa_adequacydecision"}
# Single sign-on's providers (their client secrets), claim mappings and identities: the operators' alone, not even
# to read (ropa/sso/admin.py).
SSO_ONLY = {"ropa_oidcprovider", "ropa_ssomapping", "ropa_ssoidentity"}
SHARED_VOCABULARY = {
    "ropa_datasubjectcategory", "ropa_personaldatacategory", "ropa_recipientcategory", "ropa_securitymeasure",
}


def may(role: str, app_label: str, kind: str, name: str = "") -> bool:
    """Privacy officer: everything in the record, requests, breaches and the workspace's webhooks, reads the login
    records. Auditor: reads and exports the record and the breach register, history included. Request handler:
    works requests (no delete, import or export) and reads the record, never the breaches. Nobody but a superuser
    touches users, groups or second-factor devices; the privacy officer sees authenticators' wrong-code back-off
    (and may lift it)."""
    if kind == "app_index":
        return any(may(role, app_label, action) for action in ("view", "add"))
    if kind == "custom":
        kind = "view"  # a custom admin page shows one model's data: at least view permission
    model = name.rsplit("_", 1)[0]
    if app_label == LOGINS and name.endswith(("_change", "_history")):
        return False  # the walked login records are no colleague's: an officer reads only their colleagues' own
    if any(name.startswith(f"{sso}_") for sso in SSO_ONLY):
        return False
    if name.startswith("ropa_apitoken_") and name.endswith(("_change", "_delete", "_history")):
        return False  # the walked token is another person's: each sees only their own API tokens (operators all)
    if (kind in ("add", "delete") and model in OPERATOR_ONLY) or (kind == "delete" and model in SHARED_VOCABULARY):
        return False
    if role == PRIVACY_OFFICER:
        return app_label in (RECORD, REQUESTS, BREACHES, WEBHOOKS) or (
            app_label in (LOGINS, BACK_OFF) and kind == "view"
        )
    if role == AUDITOR:
        return app_label in (RECORD, BREACHES) and kind in ("view", "export")
    if role == REQUEST_HANDLER:
        return (app_label == REQUESTS and kind in ("view", "add")) or (app_label == RECORD and kind == "view")
    return False


def outcome(response, url: AdminUrl) -> str:
    if response.status_code == 200:
        return "allowed"
    if response.status_code in (403, 404, 405):
        return "refused"  # 404: the admin hides an app, or a file, the user may not see
    if response.status_code == 302 and response.get("Location", "") == "/admin/":
        return "refused"  # the admin's "no such object": one outside the reader's workspaces, or colleagues
    location = response.get("Location", "")
    return f"HTTP {response.status_code} {location}".strip()


@pytest.fixture
def walk(walk_data_for_the_class, db):
    urls, skipped = admin_urls(walk_data_for_the_class)
    # A URL the walk cannot open is a URL whose permissions nobody checked: name its parameter in PARAMETERS.
    assert not skipped, "Admin URLs not walked:\n" + "\n".join(skipped)
    return urls


@pytest.fixture
def role_users(privacy_officer, auditor, request_handler) -> dict[str, User]:
    staff = User.objects.create_user("staff", "staff@example.com", "a-long-test-password", is_staff=True)
    return {PRIVACY_OFFICER: privacy_officer, AUDITOR: auditor, REQUEST_HANDLER: request_handler, UNPRIVILEGED: staff}


class TestTheWalk:
    """Walks over every admin page, with the demo and one object of every model loaded once for them all."""

    def test_the_walk_reaches_every_kind_of_admin_page(self, walk):
        """Guards the walk itself: the record's pages, their history versions and the login records are in it."""
        names = {url.name for url in walk}
        assert {
            "ropa_processingactivity_changelist", "ropa_processingactivity_add", "ropa_processingactivity_change",
            "ropa_processingactivity_history", "ropa_processingactivity_simple_history",
            "ropa_processingactivity_delete", "axes_accessattempt_changelist", "axes_accesslog_changelist",
            "auth_user_changelist", "otp_totp_totpdevice_changelist",
            "breaches_breach_changelist", "breaches_breach_notification_draft", "breaches_breach_communication_draft",
        } <= names
        assert len(walk) > 100

    def test_every_admin_url_answers_each_role_as_its_name_says(self, walk, client, role_users):
        mismatches = []
        for role, user in role_users.items():
            client.force_login(user)
            for url in walk:
                got = outcome(client.get(url.url), url)
                allowed = may(role, url.app_label, url.kind, url.name) and url.name not in DISABLED_FOR_EVERYONE
                expected = "allowed" if allowed else "refused"
                if got != expected:
                    mismatches.append(f"{role}: {url} → {got}, expected {expected}")
            client.logout()
        assert not mismatches, f"{len(mismatches)} of {len(walk) * len(role_users)} answers differ:\n" + "\n".join(
            mismatches
        )

    def test_a_superuser_may_open_every_admin_url_but_the_disabled_ones(self, walk, admin_client):
        """The other side of the walk: every URL in it works, so a 403 above is a refusal, not a broken page."""
        wrong = []
        for url in walk:
            got = outcome(admin_client.get(url.url), url)
            expected = "refused" if url.name in DISABLED_FOR_EVERYONE else "allowed"
            if got != expected:
                wrong.append(f"{url} → {got}, expected {expected}")
        assert not wrong, "\n".join(wrong)


