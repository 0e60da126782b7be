"""The notice speaks the reader's language: chosen by the browser, changed with the switch (nb, en, sv)."""

import pytest
from django.urls import reverse

from ropa.models import NoticeIntroduction

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def norwegian_by_default(settings):
    settings.LANGUAGE_CODE = "nb"


def test_the_browser_s_language_chooses_the_notice_s(client, organisation, shop):
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


def test_the_introduction_is_shown_in_the_reader_s_language(client, organisation, shop):
    NoticeIntroduction.objects.create(
        organisation=organisation, text_nb="Hei og velkommen.", text_sv="Hej och välkommen.",
    )
    url = reverse("ropa:privacy_notice", args=[organisation.pk])
    assert "Hej och välkommen." in client.get(url, headers={"accept-language": "sv"}).content.decode()
    assert "Hei og velkommen." in client.get(url, headers={"accept-language": "nb"}).content.decode()


def test_the_switch_changes_the_language_and_keeps_the_day(client, organisation, shop):
    url = reverse("ropa:privacy_notice", args=[organisation.pk]) + "?as_of=2026-03-20"
    page = client.get(url).content.decode()
    assert 'action="/i18n/setlang/"' in page and f'value="{url}"' in page
    response = client.post("/i18n/setlang/", {"language": "sv", "next": url})
    assert response.status_code == 302 and response["Location"] == url
    assert '<html lang="sv">' in client.get(url).content.decode()
