"""Signing in through a real OpenID provider on 127.0.0.1 (oidc-provider-mock): the groups decide the roles."""

from urllib.parse import parse_qs, urlsplit

import pytest
from axes.models import AccessLog
from django.contrib.auth.models import User
from django.urls import reverse

from ropa.models import Membership, SsoIdentity
from ropa.security.roles import AUDITOR, PRIVACY_OFFICER
from tests.sso.conftest import sign_in


def roles_of(user) -> dict[str, str]:
    return dict(Membership.objects.filter(user=user).values_list("workspace__name", "role"))


def test_the_first_sign_in_creates_the_person_with_exactly_the_mapped_roles(client, provider, set_claims):
    set_claims("kari", email="Kari@Nordlys.example", groups=["ropa-officers", "fjord-auditors", "cantina"])
    response = sign_in(client, provider, "kari")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    kari = User.objects.get(username="kari@nordlys.example")
    assert kari.is_staff and not kari.has_usable_password()
    assert roles_of(kari) == {"Nordlys AS": "officer", "Fjord Consulting": "auditor"}
    assert set(kari.groups.values_list("name", flat=True)) == {PRIVACY_OFFICER, AUDITOR}
    assert all(Membership.objects.filter(user=kari).values_list("managed_by_sso", flat=True))
    assert SsoIdentity.objects.get(user=kari).subject == "kari"
    assert client.get("/admin/").status_code == 200
    assert AccessLog.objects.filter(username="kari@nordlys.example").exists()  # the log of logins has it


def test_a_group_removed_at_the_provider_takes_the_role_away_at_the_next_sign_in(
    client, provider, set_claims, workspaces,
):
    set_claims("ola", email="ola@nordlys.example", groups=["ropa-officers", "fjord-auditors"])
    sign_in(client, provider, "ola")
    ola = User.objects.get(username="ola@nordlys.example")
    by_hand = Membership.objects.get(user=ola, workspace=workspaces[0])
    by_hand.delete()
    Membership.objects.create(user=ola, workspace=workspaces[0], role="handler")  # given by hand in the admin
    client.logout()

    set_claims("ola", email="ola@nordlys.example", groups=["fjord-auditors"])
    assert sign_in(client, provider, "ola").status_code == 302
    assert roles_of(ola) == {"Fjord Consulting": "handler"}  # the officer role went; the hand-made one stays
    history = Membership.history.filter(user_id=ola.pk, history_type="-").first()
    assert history.history_change_reason == "single sign-on"


def test_a_person_whose_last_group_is_gone_is_refused_and_keeps_no_role(client, provider, set_claims):
    set_claims("per", email="per@nordlys.example", groups=["ropa-officers"])
    sign_in(client, provider, "per")
    client.logout()
    set_claims("per", email="per@nordlys.example", groups=[])
    response = sign_in(client, provider, "per")
    assert response.status_code == 403
    assert roles_of(User.objects.get(username="per@nordlys.example")) == {}
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("language, words", [
    ("en", "none of your groups at the identity provider gives a role in ropa"),
    ("nb", "ingen av gruppene dine hos identitetsleverandøren"),
    ("sv", "ingen av dina grupper hos identitetsleverantören"),
])
def test_an_unmapped_person_is_refused_in_their_language_and_no_account_is_made(
    client, provider, set_claims, language, words,
):
    set_claims("anna", email="anna@nordlys.example", groups=["cantina"])
    client.cookies["django_language"] = language
    response = sign_in(client, provider, "anna")
    assert response.status_code == 403
    assert words in response.content.decode()
    assert not User.objects.filter(email="anna@nordlys.example").exists()
    assert not SsoIdentity.objects.exists()


def test_a_sign_in_without_a_second_factor_at_the_provider_goes_on_to_ropas_code_step(
    client, provider, set_claims, settings,
):
    settings.ROPA_REQUIRE_2FA = True
    set_claims("siv", email="siv@nordlys.example", groups=["ropa-officers"], amr=["pwd"])
    assert sign_in(client, provider, "siv")["Location"] == "/admin/"
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("security:enrol"))


@pytest.mark.parametrize("claims", [{"amr": ["pwd", "mfa"]}, {"amr": ["hwk"]}, {"acr": "urn:nordlys:mfa"}])
def test_a_provider_that_did_the_second_factor_needs_no_code_step(client, provider, set_claims, settings, claims):
    settings.ROPA_REQUIRE_2FA = True
    set_claims("liv", email="liv@nordlys.example", groups=["ropa-officers"], **claims)
    sign_in(client, provider, "liv")
    assert client.get("/admin/").status_code == 200


def test_an_acr_the_operator_did_not_list_does_not_count(client, provider, set_claims, settings):
    settings.ROPA_REQUIRE_2FA = True
    set_claims("eva", email="eva@nordlys.example", groups=["ropa-officers"], acr="urn:other:weak")
    sign_in(client, provider, "eva")
    assert client.get("/admin/").status_code == 302


def test_the_session_lasts_no_longer_than_ropas_setting(client, provider, set_claims, settings):
    settings.SESSION_COOKIE_AGE = 900
    set_claims("tor", email="tor@nordlys.example", groups=["ropa-officers"])
    sign_in(client, provider, "tor")
    assert client.session.get_expiry_age() == 900


def test_logging_out_ends_the_providers_session_too(client, provider, set_claims, mock_issuer):
    set_claims("ida", email="ida@nordlys.example", groups=["ropa-officers"])
    sign_in(client, provider, "ida")
    response = client.post(reverse("admin:logout"))
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{mock_issuer}/oauth2/end_session"
    query = parse_qs(target.query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/admin/login/"]
    assert query["id_token_hint"] and query["client_id"] == ["ropa-test"]
    assert "_auth_user_id" not in client.session


def test_the_login_page_offers_the_providers_button_and_the_email_field(client, provider):
    page = client.get(reverse("admin:login")).content.decode()
    assert f'href="{reverse("sso:start", args=[provider.key])}?next=/admin/"' in page
    assert ">Nordlys</a>" in page and 'name="email"' in page


def test_the_typed_email_domain_chooses_the_provider(client, provider):
    response = client.post(reverse("sso:by_email"), {"email": "kari@Nordlys.example"})
    assert response.status_code == 302 and response["Location"].startswith(provider.issuer)
    assert "login_hint=kari%40Nordlys.example" in response["Location"]
    refused = client.post(reverse("sso:by_email"), {"email": "kari@elsewhere.example"})
    assert refused.status_code == 400 and b"No identity provider is set up" in refused.content


def test_the_provider_from_the_environment_gets_a_button(client, settings, mock_issuer, set_claims, workspaces):
    from ropa.models import SsoMapping

    settings.OIDC_ISSUER, settings.OIDC_CLIENT_ID, settings.OIDC_CLIENT_SECRET = mock_issuer, "env-client", "x"
    settings.OIDC_BUTTON_LABEL = "Company login"
    page = client.get(reverse("admin:login")).content.decode()
    assert f'href="{reverse("sso:start", args=["env"])}?next=/admin/"' in page
    SsoMapping.objects.create(claim="groups", value="env-officers", workspace=workspaces[0], role="officer")
    set_claims("jon", email="jon@company.example", groups=["env-officers"])
    from ropa.sso.providers import by_key

    assert sign_in(client, by_key("env"), "jon").status_code == 302
    assert roles_of(User.objects.get(username="jon@company.example")) == {"Fjord Consulting": "officer"}


def test_an_operator_may_switch_password_sign_in_off_for_the_providers_domains(client, provider):
    User.objects.create_user("mona", "mona@nordlys.example", "a-long-test-password", is_staff=True)
    form = {"username": "mona", "password": "a-long-test-password", "next": "/admin/"}
    assert client.post(reverse("admin:login"), form).status_code == 302
    client.logout()
    provider.password_sign_in_disabled = True
    provider.save()
    assert client.post(reverse("admin:login"), form).status_code == 200  # the form again, not signed in
    assert "_auth_user_id" not in client.session


def test_an_existing_password_account_is_not_taken_over_by_email(client, provider, set_claims):
    User.objects.create_user("nina@nordlys.example", "nina@nordlys.example", "a-long-test-password")
    set_claims("nina-at-provider", email="nina@nordlys.example", groups=["ropa-officers"])
    response = sign_in(client, provider, "nina-at-provider")
    assert response.status_code == 400 and b"already signs in with a password" in response.content
    assert not SsoIdentity.objects.exists()


def test_the_policy_lets_the_email_field_and_the_logout_form_reach_the_provider(client, provider, set_claims):
    """Browsers apply form-action to the redirect after a form: without the provider's address it is blocked."""
    login_page = client.get(reverse("admin:login"))
    assert f"form-action 'self' {provider.issuer}" in login_page["Content-Security-Policy"]
    set_claims("uma", email="uma@nordlys.example", groups=["ropa-officers"])
    sign_in(client, provider, "uma")
    assert f"form-action 'self' {provider.issuer}" in client.get("/admin/")["Content-Security-Policy"]
