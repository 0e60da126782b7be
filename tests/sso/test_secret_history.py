"""A provider's client secret is a live credential: its history keeps every other field, never the secret."""

import pytest

from ropa.models import OidcProvider

pytestmark = pytest.mark.django_db


def test_no_version_of_a_provider_holds_its_client_secret(workspaces):
    provider = OidcProvider.objects.create(
        name="Entra", issuer="https://login.example/tenant/v2.0", client_id="ropa", client_secret="first-secret",
    )
    provider.client_secret = "second-secret"
    provider.name = "Entra ID"
    provider.save()
    versions = provider.history.order_by("history_id")
    assert [version.name for version in versions] == ["Entra", "Entra ID"]
    for version in versions.values():
        assert "first-secret" not in version.values() and "second-secret" not in version.values()
    assert OidcProvider.objects.get().client_secret == "second-secret"
