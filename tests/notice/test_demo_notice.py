"""The demo's public notice is not empty: its complete activities carry every Art. 13 item the notice needs."""

import re

import pytest
from django.urls import reverse

from ropa.demo import load_demo, verdifull
from ropa.models import Organisation, ProcessingActivity, Purpose, RetentionRule
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


# The officer's to-do phrasing, in Bokmål and Swedish, and indefinite retention stated as if it were a rule: an
# internal remark published, or a promise Art. 5(1)(e) does not allow ("kept without a time limit").
TO_DO = re.compile(
    r"\b(vurder|TODO|bør|bör|sjekk\w*|avklar\w*|kontrollera|utred\w*|mangler|saknas)\b"
    r"|uten tidsbegrensning|utan tidsbegränsning",
    re.IGNORECASE,
)
PUBLIC_FIELDS = {
    ProcessingActivity: ("name", "public_description", "public_source", "provision_consequences",
                         "automated_decision_description"),
    Purpose: ("description", "legitimate_interest", "legal_reference"),
    RetentionRule: ("description", "legal_reference"),
}


def test_the_to_do_check_finds_an_officer_s_remark():
    assert TO_DO.search("lagres uten tidsbegrensning; vurder om det er nødvendig")
    assert TO_DO.search("Slettefristen bör kontrolleras") and TO_DO.search("TODO: avklare med Klarna")
    assert not TO_DO.search("Svindelforebygging og kontroller etter hvitvaskingsloven")


def test_no_public_field_of_the_demo_holds_an_officer_s_to_do_art_12_1_and_5_1_e():
    """What the notice and the answers show must read as told to the data subject: Verdifull's blog comments were
    kept "uten tidsbegrensning …; vurder om det er nødvendig", an internal to-do published."""
    load_demo()
    found = [
        f"{model.__name__}.{name}: {value}"
        for model, names in PUBLIC_FIELDS.items()
        for row in model.objects.all()
        for name in names
        if TO_DO.search(value := getattr(row, name))
    ]
    assert found == []
    comments = RetentionRule.objects.get(
        activity__organisation__name=verdifull.NAME, activity__name="Kommentarer på bloggen",
        personal_data_category__name="Comments and reviews",
    )
    assert (comments.duration, comments.unit, comments.runs_from) == (3, "years", "collection")
