"""`?as_of=` shows the notice as it stood at the end of a day, so a company can show what it told people."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from ropa.models import NoticeIntroduction, Organisation, ProcessingActivity
from tests.notice.conftest import build_shop
from tests.notice.test_privacy_notice import notice_text

pytestmark = pytest.mark.django_db

OSLO = datetime.timezone(datetime.timedelta(hours=1))


def at(day: str, hour: int = 12):
    return time_machine.travel(datetime.datetime.fromisoformat(day).replace(hour=hour, tzinfo=OSLO), tick=False)


@pytest.fixture
def shop_with_a_past():
    """Told one way in March 2026, reworded and one activity retired in April."""
    with at("2026-03-02"):
        organisation = Organisation.objects.create(
            name="Fjellsport AS", email="personvern@fjellsport.example", address="Kongens gate 2, Trondheim",
        )
        shop = build_shop(organisation)
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
    return organisation


def test_a_past_day_shows_the_wording_of_that_day(client, shop_with_a_past):
    past = notice_text(client, shop_with_a_past, as_of="2026-03-20")
    assert "This is the notice as it stood at the end of March 20, 2026." in past
    assert "We use your order to send you what you bought." in past
    assert "Send you offers by e-mail." in past
    assert "Fraud checks" in past and "not losing goods to people who never pay" in past
    assert "Shopcloud, United States of America: The EU standard contractual clauses" in past
    assert "Welcome to our shop." not in past
    assert "New wording" not in past
    assert "Last changed: March 2, 2026" in past


def test_today_shows_the_wording_as_it_stands(client, shop_with_a_past):
    now = notice_text(client, shop_with_a_past)
    assert "New wording: we pack and send your order." in now
    assert "Send you news and offers by e-mail." in now
    assert "Fraud checks" not in now, "a retired activity is no longer told"
    assert "Welcome to our shop." in now
    assert "Last changed: April 10, 2026" in now
    assert "as it stood at the end of" not in now


def test_a_day_before_the_record_began_tells_no_processing(client, shop_with_a_past):
    text = notice_text(client, shop_with_a_past, as_of="2026-01-15")
    assert "There is no processing to describe here yet." in text


def test_the_downloads_of_a_past_day_hold_that_day_s_wording(client, shop_with_a_past):
    url = reverse("ropa:privacy_notice_markdown", args=[shop_with_a_past.pk])
    response = client.get(url, {"as_of": "2026-03-20"})
    text = response.content.decode()
    assert "We use your order to send you what you bought." in text
    assert "New wording" not in text
    assert "2026-03-20.md" in response["Content-Disposition"]


def test_the_page_of_a_past_day_links_its_downloads_to_the_same_day(client, shop_with_a_past):
    response = client.get(reverse("ropa:privacy_notice", args=[shop_with_a_past.pk]), {"as_of": "2026-03-20"})
    html = response.content.decode()
    assert f'{reverse("ropa:privacy_notice_html", args=[shop_with_a_past.pk])}?as_of=2026-03-20' in html
    assert '<meta name="robots" content="noindex">' in html
