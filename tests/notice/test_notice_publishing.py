"""The officer publishes the notice; the public reads the published version until the next one (Art. 13(3)).

Each version is frozen, dated and kept, with what changed since the one before; the notice is offered only in the
languages it is wholly written in, so a page is never half Norwegian and half English (Art. 12(1)).
"""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from ropa.models import LegalBasis, Organisation, PublishedNotice, Purpose, RetentionRule, WordingTranslation
from ropa.notice.content import retention_in_plain_words
from ropa.notice.publishing import NotPublishable, publish
from tests.notice.conftest import add_retention, make_activity, publish_now
from tests.notice.test_notice_as_of import at

pytestmark = pytest.mark.django_db

# Words of the Norwegian record below that must never reach an English page.
NORWEGIAN = re.compile(r"\b(kjøp|betaling|levere|varene|bestilling\w*|kundene|tilbud|å)\b", re.IGNORECASE)


def words(response) -> str:
    html = response.content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def norwegian_shop(organisation):
    """A shop whose record its officer wrote in Bokmål, as Verdifull's is."""
    with at("2026-03-02"):
        orders = make_activity(
            organisation, "Kjøp og betaling", public_description="Vi bruker bestillingen til å levere varene.",
            provision_consequences="Uten adresse kan vi ikke levere varene.",
        )
        Purpose.objects.create(activity=orders, description="Levere bestillingen",
                               article6=LegalBasis.Article6.CONTRACT)
        Purpose.objects.create(
            activity=orders, description="Sende tilbud til kundene", article6=LegalBasis.Article6.LEGITIMATE_INTERESTS,
            legitimate_interest="å gi kundene våre tilbud på varer som ligner dem de har kjøpt",
            balancing_test="INTERNAL-BALANCING: kundene venter tilbud",
        )
        add_retention(orders, duration=5, runs_from=RetentionRule.Event.END_OF_FINANCIAL_YEAR,
                      legal_reference="bokføringsloven § 13")
    return orders


def test_the_public_page_keeps_the_published_version_until_the_next_and_lists_both(client, organisation,
                                                                                   norwegian_shop):
    url = reverse("ropa:privacy_notice", args=[organisation.pk])
    nb = {"accept-language": "nb"}
    with at("2026-03-02", hour=15):
        first = publish_now(organisation, "nb")
    assert first.version == 1 and first.changes == []
    with at("2026-04-10"):
        norwegian_shop.public_description = "Vi pakker og sender det du har bestilt."
        norwegian_shop.save()
        newsletter = make_activity(organisation, "Nyhetsbrev")
        Purpose.objects.create(activity=newsletter, description="Sende nyhetsbrev",
                               article6=LegalBasis.Article6.CONSENT, consent_record="INTERNAL-CONSENT i nettbutikken",
                               consent_demonstrable=True)  # Art. 7(1)
        add_retention(newsletter, duration=1, unit=RetentionRule.Unit.MONTHS,
                      runs_from=RetentionRule.Event.CONSENT_WITHDRAWN)
        before = words(client.get(url, headers=nb))
    assert "Vi bruker bestillingen til å levere varene." in before, "the record changed; the public page did not"
    assert "Vi pakker og sender" not in before and "Nyhetsbrev" not in before
    with at("2026-04-10", hour=15):
        second = publish(organisation, "nb", None, "http://testserver/request/")
    assert second.version == 2
    # The newsletter rests on consent: its withdrawal (Art. 7(3)) is now among the rights told.
    assert second.changes == [
        "Ny: Nyhetsbrev", "Endret: Kjøp og betaling", "Det vi skriver om rettighetene dine, er endret.",
    ]
    after = words(client.get(url, headers=nb))
    assert "Vi pakker og sender det du har bestilt." in after and "Nyhetsbrev" in after
    assert "Versjon 2, publisert 10. april 2026" in after and "Versjon 1, publisert 2. mars 2026" in after
    assert "Endret: Kjøp og betaling" in after and "Ny: Nyhetsbrev" in after
    earlier = words(client.get(first.get_absolute_url(), headers=nb))
    assert "Vi bruker bestillingen til å levere varene." in earlier and "Vi pakker" not in earlier
    assert "Dette er versjon 1, publisert 2. mars 2026." in earlier
    in_march = words(client.get(url, {"as_of": "2026-03-20"}, headers=nb))
    assert "Vi bruker bestillingen til å levere varene." in in_march and "Nyhetsbrev" not in in_march.split(
        "Versjoner av denne erklæringen")[0]


def test_a_published_version_is_frozen(organisation, norwegian_shop):
    version = publish_now(organisation, "nb")
    version.body_html = "rewritten"
    with pytest.raises(Exception, match="never changed"):
        version.save()
    assert PublishedNotice.objects.get().body_html != "rewritten"


def test_publishing_again_with_nothing_changed_is_refused(organisation, norwegian_shop):
    publish_now(organisation, "nb")
    with pytest.raises(NotPublishable, match="Ingenting i erklæringen er endret siden versjon 1"):
        publish(organisation, "nb", None, "http://testserver/request/")


def test_a_norwegian_record_is_not_offered_in_english_until_translated(client, organisation, norwegian_shop):
    """The issue's page: "It is necessary for our legitimate interest: å gi kundene våre tilbud …"."""
    publish_now(organisation, "nb")
    with translation.override("en"), pytest.raises(NotPublishable) as refused:
        publish(organisation, "en", None, "http://testserver/request/")
    assert "Not yet translated into English: “å gi kundene våre tilbud på varer som ligner dem de har kjøpt”" in (
        refused.value.reasons)
    page = client.get(reverse("ropa:privacy_notice", args=[organisation.pk]), headers={"accept-language": "en"})
    assert '<html lang="nb">' in page.content.decode(), "offered only in Norwegian, wholly in Norwegian"
    assert "It is necessary" not in words(page) and "Who is responsible" not in words(page)


def test_once_every_text_is_translated_the_english_page_has_no_norwegian_word(client, organisation, norwegian_shop):
    english = {
        "Kjøp og betaling": "Purchase and payment",
        "Vi bruker bestillingen til å levere varene.": "We use your order to deliver the goods.",
        "Uten adresse kan vi ikke levere varene.": "Without an address we cannot deliver the goods.",
        "Levere bestillingen": "Deliver your order",
        "Sende tilbud til kundene": "Send offers to our customers",
        "å gi kundene våre tilbud på varer som ligner dem de har kjøpt":
            "to offer our customers goods like those they have bought",
    }
    for original, english_text in english.items():
        WordingTranslation.objects.create(organisation=organisation, language="en", original=original,
                                          translation=english_text)
    assert publish_now(organisation, "en")
    page = client.get(reverse("ropa:privacy_notice", args=[organisation.pk]), headers={"accept-language": "en"})
    text = words(page)
    assert '<html lang="en">' in page.content.decode()
    assert ("It is necessary for our legitimate interest: to offer our customers goods like those they have "
            "bought") in text
    # Proper names stay as written: the law cited and the controller.
    assert NORWEGIAN.findall(text.replace("bokføringsloven § 13", "")) == []


def test_rewording_the_record_makes_its_old_translation_stale(organisation, norwegian_shop):
    WordingTranslation.objects.create(organisation=organisation, language="en", original="Kjøp og betaling",
                                      translation="Purchase and payment")
    norwegian_shop.name = "Kjøp, betaling og levering"
    norwegian_shop.save()
    with pytest.raises(NotPublishable) as refused:
        publish(organisation, "en", None, "http://testserver/request/")
    assert any("Kjøp, betaling og levering" in reason for reason in refused.value.reasons)


def test_the_officer_publishes_from_the_preview_with_history(officer_client, organisation, norwegian_shop,
                                                             privacy_officer):
    preview = reverse("admin:ropa_organisation_privacy_notice", args=[organisation.pk])
    page = officer_client.get(preview).content.decode()
    assert reverse("admin:ropa_organisation_publish_notice", args=[organisation.pk]) in page
    response = officer_client.post(reverse("admin:ropa_organisation_publish_notice", args=[organisation.pk]),
                                   {"language": "nb"}, follow=True)
    assert response.status_code == 200
    version = PublishedNotice.objects.get()
    assert (version.language, version.version, version.published_by) == ("nb", 1, privacy_officer)
    assert version.history.get().history_user == privacy_officer


def test_a_refused_publication_lists_what_to_fill_and_writes_nothing(officer_client, organisation, norwegian_shop):
    make_activity(organisation, "Kundeservice")  # in use, with no purpose and no retention
    response = officer_client.post(reverse("admin:ropa_organisation_publish_notice", args=[organisation.pk]),
                                   {"language": "nb"}, follow=True)
    text = response.content.decode()
    assert "Kundeservice" in text and "not published" in text.lower() or "ikke publisert" in text
    assert not PublishedNotice.objects.exists()


def test_an_auditor_cannot_publish(auditor_client, organisation, norwegian_shop):
    response = auditor_client.post(reverse("admin:ropa_organisation_publish_notice", args=[organisation.pk]),
                                   {"language": "nb"})
    assert response.status_code == 403
    assert not PublishedNotice.objects.exists()


def test_before_the_first_publication_the_page_gives_the_contact_details(client, organisation, norwegian_shop):
    response = client.get(reverse("ropa:privacy_notice", args=[organisation.pk]), headers={"accept-language": "en"})
    assert response.status_code == 200
    text = words(response)
    assert "Verdifull AS has not published its privacy notice here yet." in text
    assert "personvern@verdifull.example" in text and "Storgata 1, 0155 Oslo" in text
    assert "Kjøp og betaling" not in text


@pytest.mark.parametrize(("language", "one", "five"), [
    ("en", "Kept for 1 year from the collection", "Kept for 5 years from the collection"),
    ("nb", "Lagres i 1 år fra innsamling", "Lagres i 5 år fra innsamling"),
    ("sv", "Sparas i 1 år från insamlingen", "Sparas i 5 år från insamlingen"),
])
def test_a_retention_period_agrees_with_its_number_in_each_language(language, one, five):
    with translation.override(language):
        assert retention_in_plain_words(RetentionRule(duration=1, unit="years", runs_from="collection")) == one
        assert retention_in_plain_words(RetentionRule(duration=5, unit="years", runs_from="collection")) == five
        month = retention_in_plain_words(RetentionRule(duration=1, unit="months", runs_from="collection"))
    assert month.startswith({"en": "Kept for 1 month ", "nb": "Lagres i 1 måned ", "sv": "Sparas i 1 månad "}[language])


def test_dates_are_in_the_notice_s_language(client, organisation, norwegian_shop):
    """The issue's "Dec. 7, 2026" on a Norwegian page."""
    with at("2026-12-07"):
        publish_now(organisation, "nb")
    page = words(client.get(reverse("ropa:privacy_notice", args=[organisation.pk]), headers={"accept-language": "en"}))
    assert "Publisert: 7. desember 2026" in page
    assert "Dec." not in page and "December" not in page


def test_another_controller_s_versions_are_not_listed(client, organisation, norwegian_shop):
    other = Organisation.objects.create(name="Annen AS", email="post@annen.example")
    publish_now(organisation, "nb")
    assert client.get(reverse("ropa:privacy_notice_version", args=[other.pk, "nb", 1])).status_code == 404
