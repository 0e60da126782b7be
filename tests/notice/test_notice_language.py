"""The notice speaks the reader's language among those it is published in (nb, en, sv), changed with the switch."""

import pytest
from django.urls import reverse
from django.utils import timezone

from ropa.models import NoticeIntroduction
from tests.notice.conftest import publish_now, translate_everything

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def norwegian_by_default(settings):
    settings.LANGUAGE_CODE = "nb"


def publish_in(organisation, *languages) -> None:
    for language in languages:
        if language != organisation.record_language:
            translate_everything(organisation, language)
        assert publish_now(organisation, language), language


def test_the_browser_s_language_chooses_the_notice_s(client, organisation, shop):
    publish_in(organisation, "en", "nb", "sv")
    url = reverse("ropa:privacy_notice", args=[organisation.pk])
    swedish = client.get(url, headers={"accept-language": "sv-SE,sv;q=0.9"}).content.decode()
    assert '<html lang="sv">' in swedish
    assert "Namn" in swedish, "the record's categories in Swedish"
    assert "Vem som ansvarar för dina personuppgifter" in swedish
    assert "Du har lämnat ditt samtycke (GDPR art. 6.1 a)." in swedish
    assert "Integritetsskyddsmyndigheten" not in swedish, "the authority is the controller's, not the reader's"
    norwegian = client.get(url, headers={"accept-language": "nb-NO,nb;q=0.9"}).content.decode()
    assert '<html lang="nb">' in norwegian
    assert "Navn" in norwegian
    assert "kan du klage til Datatilsynet" in norwegian
    # Art. 77(1): also where the reader lives or works, in the reader's language.
    assert "i landet der du bor eller arbeider" in norwegian
    assert "i det land där du bor eller arbetar" in swedish


def test_a_language_the_notice_is_not_published_in_is_not_offered(client, organisation, shop):
    """Art. 12(1): a Swedish reader of a notice written in English reads it wholly in English, page included."""
    publish_in(organisation, "en")
    page = client.get(reverse("ropa:privacy_notice", args=[organisation.pk]), headers={"accept-language": "sv"})
    html = page.content.decode()
    assert '<html lang="en">' in html and page["Content-Language"] == "en"
    assert "Who is responsible for your personal data" in html and "Hoppa till innehållet" not in html
    assert 'id="ropa-language"' not in html, "one language: nothing to switch to"


def test_the_introduction_is_shown_in_the_reader_s_language(client, organisation, shop):
    NoticeIntroduction.objects.create(
        organisation=organisation, text_nb="Hei og velkommen.", text_sv="Hej och välkommen.",
    )
    publish_in(organisation, "nb", "sv")
    url = reverse("ropa:privacy_notice", args=[organisation.pk])
    assert "Hej och välkommen." in client.get(url, headers={"accept-language": "sv"}).content.decode()
    assert "Hei og velkommen." in client.get(url, headers={"accept-language": "nb"}).content.decode()


def test_the_switch_offers_the_published_languages_and_keeps_the_day(client, organisation, shop):
    publish_in(organisation, "en", "sv")
    url = reverse("ropa:privacy_notice", args=[organisation.pk]) + f"?as_of={timezone.localdate().isoformat()}"
    page = client.get(url).content.decode()
    assert 'action="/i18n/setlang/"' in page and f'value="{url}"' in page
    assert 'value="sv"' in page and 'value="en"' in page and 'value="nb"' not in page
    response = client.post("/i18n/setlang/", {"language": "sv", "next": url})
    assert response.status_code == 302 and response["Location"] == url
    assert '<html lang="sv">' in client.get(url).content.decode()
