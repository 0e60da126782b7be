"""One sign-in in a real browser through the provider's own pages (oidc-provider-mock on 127.0.0.1): ropa's login
page, the provider's authorization form, back to ropa signed in with the mapped role, and out again."""

import pytest
from django.contrib.auth.models import User

from ropa.models import Membership
from tests.browser.conftest import page  # noqa: F401 - the browser fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_signs_in_through_the_providers_pages_and_out_again(page, provider, set_claims, mock_issuer):  # noqa: F811
    set_claims("kari", email="kari@nordlys.example", groups=["ropa-officers"], amr=["pwd", "mfa"])
    page.goto("/admin/login/")
    page.get_by_role("link", name="Nordlys").click()
    page.wait_for_url(f"{mock_issuer}/**")
    assert "Authorize" in page.content()  # the provider's page, not ropa's
    page.fill("input[name=sub]", "kari")
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url("**/admin/")
    kari = User.objects.get(username="kari@nordlys.example")
    assert Membership.objects.get(user=kari).role == "officer"
    assert page.locator("#user-tools").count() == 1  # signed in: the admin's own header

    page.locator("#logout-form button").click()
    page.wait_for_url(f"{mock_issuer}/oauth2/end_session**")  # the provider's sign-out page, with ropa's hint
    assert "Recommended parameter <code>id_token_hint</code> not set" not in page.content()
