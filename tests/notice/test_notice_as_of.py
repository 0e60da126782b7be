"""`?as_of=`: the public page shows the version in force at the end of a day, so a company can show what it told
people; the officer's preview shows the record as it stood that day, published or not."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from ropa.models import NoticeIntroduction, Organisation, ProcessingActivity
from tests.notice.conftest import build_shop, publish_now

pytestmark = pytest.mark.django_db

OSLO = datetime.timezone(datetime.timedelta(hours=1))


def at(day: str, hour: int = 12):
    return time_machine.travel(datetime.datetime.fromisoformat(day).replace(hour=hour, tzinfo=OSLO), tick=False)


def preview_text(officer_client, organisation, **params) -> str:
    """The notice in the officer's preview, as the record stood at the end of `as_of` or stands today."""
    response = officer_client.get(reverse("admin:ropa_organisation_privacy_notice", args=[organisation.pk]), params)
    assert response.status_code == 200
    html = response.content.decode()
    html = html[html.index('<div class="ropa-notice-preview"'):]
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def build_past(*, published: bool = False):
    """Told one way in March 2026, reworded and one activity retired in April; published each time if asked."""
    with at("2026-03-02"):
        organisation = Organisation.objects.create(
            name="Fjellsport AS", email="personvern@fjellsport.example", address="Kongens gate 2, Trondheim",
        )
        shop = build_shop(organisation)
        if published:
            publish_now(organisation)
    with at("2026-04-10"):
        orders = shop["orders"]
        orders.public_description = "New wording: we pack and send your order."
        orders.save()
        purpose = shop["newsletter"].purposes.get()
        purpose.description = "Send you news and offers by e-mail"
        purpose.save()
        shop["fraud"].status = ProcessingActivity.Status.RETIRED
        shop["fraud"].save()
        NoticeIntroduction.objects.create(organisation=organisation, text_en="Welcome to our shop.")
        if published:
            publish_now(organisation)
    return organisation


@pytest.fixture
def shop_with_a_past():
    return build_past()


def test_a_past_day_shows_the_wording_of_that_day(officer_client, shop_with_a_past):
    past = preview_text(officer_client, shop_with_a_past, as_of="2026-03-20")
    assert "This is the notice as it stood at the end of March 20, 2026." in past
    assert "We use your order to send you what you bought." in past
    assert "Send you offers by e-mail." in past
    assert "Fraud checks" in past and "not losing goods to people who never pay" in past
    assert "Shopcloud, United States of America: The EU standard contractual clauses" in past
    assert "Welcome to our shop." not in past
    assert "New wording" not in past
    assert "Last changed: March 2, 2026" in past


def test_today_shows_the_wording_as_it_stands(officer_client, shop_with_a_past):
    now = preview_text(officer_client, shop_with_a_past)
    assert "New wording: we pack and send your order." in now
    assert "Send you news and offers by e-mail." in now
    assert "Fraud checks" not in now, "a retired activity is no longer told"
    assert "Welcome to our shop." in now
    assert "Last changed: April 10, 2026" in now
    assert "as it stood at the end of" not in now


def test_a_day_before_the_record_began_tells_no_processing(officer_client, shop_with_a_past):
    text = preview_text(officer_client, shop_with_a_past, as_of="2026-01-15")
    assert "There is no processing to describe here yet." in text


@pytest.fixture
def published_in_march_and_april():
    return build_past(published=True)


def test_the_downloads_of_a_past_day_hold_the_version_then_in_force(client, published_in_march_and_april):
    shop_with_a_past = published_in_march_and_april
    url = reverse("ropa:privacy_notice_markdown", args=[shop_with_a_past.pk])
    response = client.get(url, {"as_of": "2026-03-20"})
    text = response.content.decode()
    assert "We use your order to send you what you bought." in text
    assert "New wording" not in text
    assert "2026-03-20.md" in response["Content-Disposition"]


def test_the_page_of_a_past_day_links_its_downloads_to_the_same_day(client, published_in_march_and_april):
    shop_with_a_past = published_in_march_and_april
    response = client.get(reverse("ropa:privacy_notice", args=[shop_with_a_past.pk]), {"as_of": "2026-03-20"})
    html = response.content.decode()
    assert f'{reverse("ropa:privacy_notice_html", args=[shop_with_a_past.pk])}?as_of=2026-03-20' in html
    assert '<meta name="robots" content="noindex">' in html
