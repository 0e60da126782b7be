"""The public notice holds every item Art. 13(1)-(2) and 14 ask for, written from the record alone."""

import re

import pytest
from django.urls import reverse

from ropa.models import DpiaScreening, LegalBasis, Organisation, ProcessingActivity, Purpose, RetentionRule
from ropa.notice.content import notice_language
from tests.notice.conftest import (
    BALANCING_TEST,
    Provision,
    Source,
    Status,
    add_retention,
    make_activity,
    publish_now,
    translate_everything,
)

pytestmark = pytest.mark.django_db


def public_page(client, organisation, **params):
    """The public page after the officer published what the record allows, in the client's language.

    A record written in another language is given stand-in translations first: these tests read the notice's
    own wording; tests/notice/test_notice_publishing.py holds that nothing untranslated is ever published."""
    language = notice_language(client.defaults.get("HTTP_ACCEPT_LANGUAGE", "en")[:2])
    if language != organisation.record_language:
        translate_everything(organisation, language)
    publish_now(organisation, language)
    return client.get(reverse("ropa:privacy_notice", args=[organisation.pk]), params)


def notice_text(client, organisation, **params) -> str:
    """The words of the notice on the public page (its <main>, without the list of versions below it)."""
    response = public_page(client, organisation, **params)
    assert response.status_code == 200
    html = response.content.decode()
    html = html[html.index("<main"):html.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_it_needs_no_login_and_no_script(client, organisation, shop):
    response = client.get(f"/privacy/{organisation.pk}/")
    assert response.status_code == 200
    assert b"<script" not in response.content


def test_it_names_the_controller_and_its_contact_details_art_13_1_a(client, organisation, shop):
    text = notice_text(client, organisation)
    assert "Verdifull AS is the controller" in text
    for detail in ["Storgata 1, 0155 Oslo", "personvern@verdifull.example", "+47 22 00 00 00", "920437958"]:
        assert detail in text


def test_it_gives_the_data_protection_officer_art_13_1_b(client, organisation, shop):
    text = notice_text(client, organisation)
    assert "Data protection officer" in text
    assert "Ola Personvern" in text and "dpo@verdifull.example" in text


def test_each_purpose_has_its_legal_basis_in_plain_words_art_13_1_c(client, organisation, shop):
    text = notice_text(client, organisation)
    assert "Deliver what you ordered. It is necessary to fulfil a contract with you" in text
    assert "Keep the accounts. The law requires it of us: bokføringsloven § 13 (GDPR Art. 6(1)(c))." in text
    assert "Send you offers by e-mail. You have given your consent (GDPR Art. 6(1)(a))." in text


def test_legitimate_interests_name_the_interest_but_never_the_balancing_test_art_13_1_d(client, organisation, shop):
    text = notice_text(client, organisation)
    assert ("It is necessary for our legitimate interest: not losing goods to people who never pay "
            "(GDPR Art. 6(1)(f))") in text
    assert BALANCING_TEST not in text


def test_it_lists_recipients_and_processors_by_role_art_13_1_e(client, organisation, shop):
    text = notice_text(client, organisation)
    assert "Transport and delivery companies" in text
    assert "Processor (Art. 28): Shopcloud" in text
    assert "Independent controller receiving data: Posten" in text


def test_it_names_each_transfer_with_country_safeguard_and_where_to_get_a_copy_art_13_1_f(
    client, organisation, shop,
):
    text = notice_text(client, organisation)
    assert "Shopcloud, United States of America: The EU standard contractual clauses" in text
    assert "you can get a copy of them by writing to us: personvern@verdifull.example" in text


def test_a_us_transfer_on_the_data_privacy_framework_is_not_called_an_adequate_country(client, organisation, shop):
    """Decision (EU) 2023/1795 covers recipients certified under the EU–US Data Privacy Framework, not the
    United States as a country: the notice says so, and names the decision in the reader's language."""
    from ropa.models import Transfer

    Transfer.objects.create(
        activity=shop["orders"], recipient="Analytics Inc.", destination_country="US", recipient_dpf_certified=True,
        tool=Transfer.Tool.ADEQUACY,
    )
    text = notice_text(client, organisation)
    assert "recipients certified under the EU–US Data Privacy Framework protect personal data adequately" in text
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "nb"
    text = notice_text(client, organisation)
    assert "mottakere som er sertifisert under EU–US Data Privacy Framework" in text
    assert "Kommisjonens gjennomføringsbeslutning (EU) 2023/1795" in text
    assert "Commission Implementing Decision" not in text


def test_it_says_how_long_data_is_kept_art_13_2_a(client, organisation, shop):
    text = notice_text(client, organisation)
    assert "Kept for 5 years from the end of the financial year (bokføringsloven § 13)" in text
    assert "Kept for 2 months from the withdrawal of consent" in text


def test_it_lists_the_rights_and_links_to_the_request_form_art_13_2_b(client, organisation, shop):
    response = public_page(client, organisation)
    form = reverse("requests:intake_for", args=[organisation.pk])
    assert f'href="http://testserver{form}"' in response.content.decode()
    text = notice_text(client, organisation)
    for right in ["(GDPR Art. 15)", "(Art. 16)", "(Art. 17)", "(Art. 18)", "(Art. 20)", "(Art. 22)"]:
        assert right in text
    # Art. 21(4): the right to object is brought to attention separately, under its own heading.
    assert "Your right to object" in text and "Art. 21(1)" in text


def test_it_tells_of_the_right_to_withdraw_consent_art_13_2_c(client, organisation, shop):
    assert "you can withdraw it at any time" in notice_text(client, organisation)


def test_it_names_datatilsynet_for_a_norwegian_controller_art_13_2_d(client, organisation, shop):
    text = notice_text(client, organisation)
    assert "you can complain to Datatilsynet" in text and "https://www.datatilsynet.no" in text


def test_it_says_the_complaint_may_go_where_the_person_lives_or_works_art_77_1(client, organisation, shop):
    """Art. 77(1): a complaint may go to the authority of the member state of the person's habitual residence,
    place of work or place of the alleged infringement, not only to the controller's home authority."""
    text = notice_text(client, organisation)
    assert "or to the data protection authority in the country where you live or work or where you think the " \
           "infringement took place (GDPR Art. 77(1))" in text


def test_it_names_imy_for_a_swedish_controller_art_13_2_d(client, db):
    swedish = Organisation.objects.create(name="Hemma AB", country="SE", email="dataskydd@hemma.example")
    text = notice_text(client, swedish)
    assert "Integritetsskyddsmyndigheten (IMY)" in text and "https://www.imy.se" in text
    assert "Datatilsynet" not in text


def test_it_says_whether_providing_the_data_is_required_and_what_follows_art_13_2_e(client, organisation, shop):
    text = notice_text(client, organisation)
    assert "Must you give us the data? Required by a contract. Without an address we cannot deliver the goods." in text
    assert "Must you give us the data? Voluntary." in text


def test_data_observed_from_the_data_subject_says_whether_it_is_required_art_13_2_e(client, organisation, shop):
    """Cookies and logs are collected from the data subject (WP260 rev.01 para. 26): Art. 13 applies, and with it
    13(2)(e). Left unanswered, the activity is withheld; answered, the notice says it."""
    cookies = make_activity(organisation, "Shop cookies", source=Source.OBSERVED, provision="")
    Purpose.objects.create(activity=cookies, description="Keep your basket", article6=LegalBasis.Article6.CONTRACT)
    add_retention(cookies, duration=1, unit=RetentionRule.Unit.DAYS, runs_from=RetentionRule.Event.LAST_ACTIVITY)
    assert "Shop cookies" not in notice_text(client, organisation)
    cookies.provision_requirement = Provision.FOR_CONTRACT
    cookies.save()
    text = notice_text(client, organisation)
    told = text[text.index("Shop cookies"):]
    assert "Must you give us the data? Needed to enter into a contract." in told


def test_it_describes_automated_decisions_art_13_2_f(client, organisation, shop):
    text = notice_text(client, organisation)
    assert "Automated decisions A score from the credit agency decides whether you may pay by invoice." in text


def test_data_from_elsewhere_names_its_categories_and_source_art_14_1_d_and_14_2_f(client, organisation, shop):
    text = notice_text(client, organisation)
    fraud = text[text.index("Fraud checks"):text.index("Newsletter")]
    assert "Which personal data Credit assessment, Name" in fraud
    assert "Where the data comes from From a third party: Kredittopplysning AS, a credit agency, when you choose to " \
           "pay by invoice." in fraud
    orders = text[text.index("Order handling"):]
    assert "Where the data comes from" not in orders, "data given by the data subject is Art. 13, no source line"


def test_data_from_elsewhere_without_its_source_in_words_is_withheld_art_14_2_f(officer_client, organisation, shop):
    """Art. 14(2)(f) asks for the source itself; "From a third party" alone is only its kind."""
    shop["fraud"].public_source = ""
    shop["fraud"].save()
    assert "Fraud checks" not in notice_text(officer_client, organisation)
    preview = officer_client.get(reverse("admin:ropa_organisation_privacy_notice", args=[organisation.pk]))
    withheld = {item.activity.name: item.reasons for item in preview.context["notice"].withheld}
    assert withheld["Fraud checks"] == [
        "The data comes from someone else, but its source is not written for data subjects (Art. 14(2)(f))."
    ]
    assert "its source is not written for data subjects" in preview.content.decode()


def test_the_markdown_names_the_source_of_data_from_elsewhere(client, organisation, shop):
    publish_now(organisation)
    text = client.get(reverse("ropa:privacy_notice_markdown", args=[organisation.pk])).content.decode()
    assert "From a third party: Kredittopplysning AS, a credit agency" in text


def test_the_public_wording_is_shown_and_internal_text_never(client, organisation, shop):
    html = public_page(client, organisation).content.decode()
    assert "We use your order to send you what you bought." in html
    assert "INTERNAL" not in html


def test_a_notice_without_automated_decisions_says_so_only_when_nothing_is_withheld(client, organisation, shop):
    shop["fraud"].automated_decision_making = False
    shop["fraud"].save()
    assert "We make no decisions about you based solely on automated processing" in notice_text(client, organisation)
    # A draft is withheld without stopping publication: once in use it may make automated decisions.
    shop["fraud"].automated_decision_making = True
    shop["fraud"].automated_decision_description = ""
    shop["fraud"].status = Status.DRAFT
    shop["fraud"].save()
    text = notice_text(client, organisation)
    assert "Fraud checks" not in text
    assert "We make no decisions about you" not in text, "a withheld activity may make them"


@pytest.mark.parametrize(("language", "profiling_said", "denial"), [
    ("en", "This processing includes profiling", "profiling included"),
    ("nb", "Denne behandlingen omfatter profilering", "heller ikke avgjørelser basert på profilering ("),
])
def test_profiling_is_said_under_its_activity_and_never_denied(client, organisation, shop, language, profiling_said,
                                                                denial):
    """A shop that tailors offers from purchase history profiles (Art. 4(4)); the notice must not say it does
    not, while it may still say that no Art. 22 decision rests on it."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    shop["fraud"].automated_decision_making = False
    shop["fraud"].save()
    assert profiling_said not in notice_text(client, organisation)
    ProcessingActivity.objects.filter(pk=shop["orders"].pk).update(profiling=True)
    # Profiling asks for a DPIA screening before the activity counts as complete (WP248 criterion 1, issue 28).
    DpiaScreening.objects.create(activity=ProcessingActivity.objects.get(pk=shop["orders"].pk))
    text = notice_text(client, organisation)
    assert profiling_said in text
    assert denial not in text
    markdown = client.get(reverse("ropa:privacy_notice_markdown", args=[organisation.pk])).content.decode()
    assert profiling_said in markdown and denial not in markdown


def test_only_a_controller_has_a_notice(client, shop):
    processor_entity = shop["platform"].organisation
    assert client.get(reverse("ropa:privacy_notice", args=[processor_entity.pk])).status_code == 404


def test_a_bad_date_is_refused_with_the_format_to_use(client, organisation, shop):
    response = client.get(reverse("ropa:privacy_notice", args=[organisation.pk]), {"as_of": "31.01.2026"})
    assert response.status_code == 400
    assert b"YYYY-MM-DD" in response.content
