"""The demo's public notice is not empty: its complete activities carry every Art. 13 item the notice needs."""

import re

import pytest
from django.urls import reverse

from ropa.demo import load_demo, verdifull
from ropa.models import Organisation, ProcessingActivity
from ropa.notice.content import SOURCE_TO_NAME

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


def test_every_demo_activity_with_data_from_elsewhere_names_its_source_for_data_subjects_art_14_2_f(client):
    """Art. 14(2)(f): the source itself, in the company's own words; the officer's source in detail stays inside."""
    load_demo()
    from_elsewhere = ProcessingActivity.objects.filter(source_kind__in=SOURCE_TO_NAME)
    assert from_elsewhere.count() >= 5
    assert [activity.name for activity in from_elsewhere if not activity.public_source.strip()] == []
    newsletter = from_elsewhere.get(organisation__name=verdifull.NAME, name="E-postmarkedsføring og nyhetsbrev")
    organisation = newsletter.organisation
    response = client.get(reverse("ropa:privacy_notice", args=[organisation.pk]), headers={"accept-language": "nb"})
    text = " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())
    assert f"Flere kilder: {newsletter.public_source}" in text
    assert newsletter.source_description not in text
