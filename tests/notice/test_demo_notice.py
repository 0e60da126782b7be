"""The demo's public notice is not empty: its complete activities carry every Art. 13 item the notice needs."""

import re

import pytest
from django.urls import reverse

from ropa.demo import load_demo, verdifull
from ropa.models import Organisation, ProcessingActivity

pytestmark = pytest.mark.django_db


def test_a_demo_controller_s_notice_tells_its_complete_activities_art_13(client, settings):
    """Art. 13(2)(e) and 13(1)(d): without provision_requirement and legitimate_interest the notice left out
    every demo activity; Verdifull's customer accounts (Art. 6(1)(b)) are complete and must show."""
    settings.LANGUAGE_CODE = "nb"
    load_demo()
    organisation = Organisation.objects.get(name=verdifull.COMPANY.organisation.name)
    response = client.get(reverse("ropa:privacy_notice", args=[organisation.pk]),
                          headers={"accept-language": "nb"})
    assert response.status_code == 200
    text = " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())
    names = ProcessingActivity.objects.filter(organisation=organisation).values_list("name", flat=True)
    shown = [name for name in names if name in text]
    assert shown, "the demo notice lists no activity"
    assert "Kundekontoer" in shown
    assert "Innebygd innhold fra andre nettsteder" not in shown, "a draft stays out of the notice"
