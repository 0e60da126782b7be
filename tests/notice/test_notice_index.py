"""/privacy/: where a customer who does not know the controller's number finds its privacy notice."""

import pytest
from django.urls import reverse
from django.utils import translation

from ropa.models import Organisation

pytestmark = pytest.mark.django_db


def test_with_one_controller_the_address_leads_to_its_notice(client, organisation):
    Organisation.objects.create(name="A processor AS", role=Organisation.Role.PROCESSOR)
    response = client.get(reverse("ropa:privacy_notices"))
    assert response.status_code == 302
    assert response["Location"] == reverse("ropa:privacy_notice", args=[organisation.pk])


def test_with_several_controllers_each_is_listed_with_a_link_to_its_notice(client, organisation):
    other = Organisation.objects.create(name="Annen Butikk AB", country="SE")
    Organisation.objects.create(name="A processor AS", role=Organisation.Role.PROCESSOR)
    page = client.get(reverse("ropa:privacy_notices"), HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    for controller in (organisation, other):
        assert f'href="{reverse("ropa:privacy_notice", args=[controller.pk])}"' in page
        assert controller.name in page
    assert "A processor AS" not in page, "only controllers publish a notice"
    with translation.override("nb"):
        assert "Hvem sin personvernerklæring vil du lese?" in page
    assert "<script" not in page


def test_with_no_controller_there_is_nothing_to_show(client):
    Organisation.objects.filter(role=Organisation.Role.CONTROLLER).delete()
    assert client.get(reverse("ropa:privacy_notices")).status_code == 404
