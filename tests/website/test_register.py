"""The cookie register: kept on the controller's page with history, told in the notice by category, exported."""

import io
import re

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from ropa.demo import load_demo
from ropa.exports import export_record
from ropa.models import Organisation
from ropa.website.models import Cookie, CookieCategory, Website
from tests.notice.conftest import build_shop, publish_now
from tests.ropa.processor_helpers import make_processor

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    """These tests read English wording; the export test names its language."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def register(organisation):
    website = Website.objects.create(organisation=organisation, address="https://www.verdifull.example/")
    meta = make_processor("Meta Pixel", legal_entity="Meta Platforms Ireland Ltd")
    Cookie.objects.create(
        organisation=organisation, website=website, name="JSESSIONID", category=CookieCategory.STRICTLY_NECESSARY,
        purpose="Keeps your basket while you shop.", lifetime="session",
    )
    Cookie.objects.create(
        organisation=organisation, name="_fbp", category=CookieCategory.MARKETING, party=Cookie.Party.THIRD,
        host=".facebook.com", purpose="Lets Meta show you our adverts.", lifetime="3 months", processor=meta,
    )
    return website


def text_of(response) -> str:
    assert response.status_code == 200
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_the_controller_s_page_holds_its_websites_and_cookies(officer_client, organisation, register):
    text = text_of(officer_client.get(reverse("admin:ropa_organisation_change", args=[organisation.pk])))
    assert "Cookies and storage items" in text and "Websites" in text
    assert "JSESSIONID" in officer_client.get(
        reverse("admin:ropa_organisation_change", args=[organisation.pk])
    ).content.decode()


def test_a_processor_s_page_has_no_cookie_register(officer_client):
    processor = make_processor()
    text = text_of(officer_client.get(reverse("admin:ropa_organisation_change", args=[processor.organisation.pk])))
    assert "Cookies and storage items" not in text


def test_a_cookie_added_on_the_controller_s_page_is_saved_with_its_history(officer_client, organisation):
    url = reverse("admin:ropa_organisation_change", args=[organisation.pk])
    data = {
        "name": organisation.name, "role": "controller", "organisation_number": organisation.organisation_number,
        "country": "NO", "address": organisation.address, "email": organisation.email, "record_language": "nb",
        "notice_introduction-TOTAL_FORMS": "0", "notice_introduction-INITIAL_FORMS": "0",
        "websites-TOTAL_FORMS": "1", "websites-INITIAL_FORMS": "0",
        "websites-0-address": "https://www.verdifull.example/",
        "cookies-TOTAL_FORMS": "1", "cookies-INITIAL_FORMS": "0",
        "cookies-0-name": "_ga", "cookies-0-kind": "cookie", "cookies-0-party": "first",
        "cookies-0-category": "statistics", "cookies-0-purpose": "Counts visits.", "cookies-0-lifetime": "2 years",
    }
    response = officer_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    cookie = Cookie.objects.get(organisation=organisation)
    assert (cookie.name, cookie.category) == ("_ga", "statistics")
    assert cookie.history.get().history_user.username == "officer"
    assert Website.objects.get(organisation=organisation).history.count() == 1


def test_a_pattern_matches_the_names_it_stands_for(organisation):
    cookie = Cookie(organisation=organisation, name="_ga_*")
    assert cookie.matches("_ga_ABC123") and not cookie.matches("_gid")


@pytest.fixture
def published(organisation, register):
    """The public notice shows the version the officer published (issue 26): a shop's record, then published."""
    build_shop(organisation)
    assert publish_now(organisation, "en") is not None


def test_the_notice_lists_the_cookies_by_category_with_who_sets_them(client, organisation, published):
    text = text_of(client.get(reverse("ropa:privacy_notice", args=[organisation.pk])))
    assert "Cookies and similar technologies" in text
    necessary, marketing = text.index("Strictly necessary"), text.index("Marketing")
    assert necessary < text.index("JSESSIONID Keeps your basket while you shop. session us") < marketing
    assert "_fbp Lets Meta show you our adverts. 3 months Meta Pixel" in text


def test_the_markdown_notice_has_the_cookie_table(client, organisation, published):
    response = client.get(reverse("ropa:privacy_notice_markdown", args=[organisation.pk]))
    text = response.content.decode()
    assert "### Marketing" in text
    assert "| \\_fbp | Lets Meta show you our adverts. | 3 months | Meta Pixel |" in text


def test_a_notice_without_a_register_says_nothing_of_cookies(client, organisation):
    assert "Cookies and similar technologies" not in text_of(
        client.get(reverse("ropa:privacy_notice", args=[organisation.pk]))
    )


def test_the_export_has_a_cookie_sheet_in_the_export_language(organisation, register):
    stream = io.BytesIO()
    export_record(stream, "xlsx", language="nb")
    sheet = openpyxl.load_workbook(io.BytesIO(stream.getvalue()))["Informasjonskapsler"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Nettstedets eier", "Nettsted", "Informasjonskapsel eller lagringsnøkkel")
    fbp = next(row for row in rows if row[2] == "_fbp")
    assert fbp[6] == "Markedsføring" and fbp[4] == "Tredjepart" and fbp[10] == "Meta Pixel"


def test_every_demo_shop_has_its_cookie_register_from_its_policy():
    load_demo()
    registers = {
        organisation.name: {cookie.name: cookie for cookie in organisation.cookies.all()}
        for organisation in Organisation.objects.filter(cookies__isnull=False).distinct()
    }
    assert len(registers) == 5
    sele = registers["Seleverkstedet"]
    assert sele["JSESSIONID"].category == CookieCategory.STRICTLY_NECESSARY
    assert sele["listView"].processor.name == "Gurusoft Ecommerce"
    assert sele["_fbp"].category == CookieCategory.MARKETING and sele["_fbp"].processor.name == "Meta-piksel (Facebook)"
    assert registers["Svensk webbutik (Uni Micro Web)"]["_ga"].category == CookieCategory.STATISTICS
    assert load_demo() and Cookie.history.count() == Cookie.objects.count()  # a second run writes nothing
