"""The website check in a real browser against the fixture shop on 127.0.0.1 (tests/website/shop.py).

Against a record that names Klarna only, the check reports each of the five kinds of finding; once the record
names Meta and Google with their transfers, the register matches the site, and the banner holds statistics and
marketing back until "accept all" (and Meta off the pharmacy pages), it reports none.
"""

import pytest
from django.core.management import call_command

from ropa.models import ProcessingActivity, Processor, ProcessorUse, Transfer
from ropa.website.browse import Limits, Options, UnsafeAddress, check_start
from ropa.website.checks import run_check
from ropa.website.models import Cookie, CookieCategory, Finding, Website, WebsiteCheck
from tests.conftest import vocab  # noqa: F401 (the shared helpers)
from tests.ropa.processor_helpers import make_processor
from tests.website.shop import Shop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Kind = Finding.Kind


@pytest.fixture
def shop():
    with Shop() as running:
        yield running


@pytest.fixture
def website(organisation, shop):
    activity = ProcessingActivity.objects.create(organisation=organisation, name="Nettbutikk")
    klarna = make_processor("Klarna", Processor.Role.INDEPENDENT_CONTROLLER, legal_entity="Klarna Bank AB")
    ProcessorUse.objects.create(activity=activity, processor=klarna)
    website = Website.objects.create(organisation=organisation, address=shop.url)
    necessary = CookieCategory.STRICTLY_NECESSARY
    for name, category in [("JSESSIONID", necessary), ("consent", necessary), ("listView", CookieCategory.PREFERENCES)]:
        Cookie.objects.create(organisation=organisation, website=website, name=name, category=category,
                              purpose="—", lifetime="økten", activity=activity)
    return website


def check(website: Website, shop: Shop, pages: int = 8) -> list[Finding]:
    options = Options(resolve=shop.resolve(), allow_private=True, confine=True, limits=Limits(pages=pages))
    return run_check(WebsiteCheck.objects.create(website=website), options)


def by_kind(findings: list[Finding]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for finding in findings:
        found.setdefault(finding.kind, set()).add(finding.subject)
    return found


def correct_the_record(website: Website, shop: Shop) -> None:
    organisation = website.organisation
    activity = ProcessingActivity.objects.get(organisation=organisation)
    for name, entity in [("Meta Pixel", "Meta Platforms Ireland Ltd"), ("Google Analytics", "Google Ireland Ltd")]:
        processor = make_processor(name, Processor.Role.INDEPENDENT_CONTROLLER, legal_entity=entity)
        ProcessorUse.objects.create(activity=activity, processor=processor)
        # Decision (EU) 2023/1795: a certified US recipient is covered by the Data Privacy Framework (Art. 45).
        Transfer.objects.create(activity=activity, processor=processor, destination_country="US",
                                recipient_dpf_certified=True)
    Cookie.objects.filter(name="listView").delete()
    for name, category in [("_fbp", CookieCategory.MARKETING), ("_ga", CookieCategory.STATISTICS)]:
        Cookie.objects.create(organisation=organisation, website=website, name=name, category=category,
                              purpose="—", lifetime="2 år", activity=activity)
    shop.fixed = True


def test_the_check_reports_each_of_the_five_findings_then_none_once_corrected(website, shop):
    found = by_kind(check(website, shop))
    assert found[Kind.UNNAMED_PARTY] == {"Meta Platforms, Inc.", "Google LLC", "Hotjar Ltd"}
    assert found[Kind.NO_TRANSFER] == {"Meta Platforms, Inc.", "Google LLC"}  # Hotjar is in Malta, in the EEA
    assert found[Kind.BEFORE_CONSENT] == {"Meta Pixel", "Google Tag Manager and Analytics", "Hotjar"}
    assert found[Kind.SPECIAL_CATEGORY] == {"Meta Pixel"}
    assert found[Kind.NOT_SET] == {"listView"}
    assert found[Kind.NOT_REGISTERED] == {"_fbp", "_ga", "_hjSession_1", "_hjSessionUser_1"}
    first = WebsiteCheck.objects.get()
    assert first.status == WebsiteCheck.Status.DONE and first.pages_checked == first.pages_planned == 18
    assert "/logout/" not in str(first.observations["pages"]) and "elsewhere" not in str(first.observations)
    assert {request.split("/")[0] for request in shop.requests} == {"127.0.0.1", *shop.resolve()}  # nothing else
    pharmacy = Finding.objects.get(kind=Kind.SPECIAL_CATEGORY)
    assert pharmacy.details["pages"] == [f"{shop.url}apotek/", f"{shop.url}apotek/test/"]

    correct_the_record(website, shop)
    assert check(website, shop) == []
    assert Finding.objects.open().count() == 0


def test_a_finding_new_since_the_last_check_is_marked_new(website, shop):
    # The start page alone (three visits a check, not eighteen): every page of the unfixed shop loads Hotjar.
    shop.fixed = True
    check(website, shop, pages=1)
    shop.fixed = False
    findings = {f.subject: f for f in check(website, shop, pages=1) if f.kind == Kind.BEFORE_CONSENT}
    assert findings["Hotjar"].is_new
    from ropa.website.findings import comparison

    assert "Hotjar" in comparison(WebsiteCheck.objects.first())


def test_the_command_prints_each_finding_on_its_own_line(website, shop, capsys, organisation):
    resolve = [f"--resolve={host}=127.0.0.1" for host in shop.resolve()]
    call_command("check_website", shop.url, "--controller", organisation.organisation_number, "--allow-private",
                 "--pages", "3", "--language", "en", *resolve)
    out = capsys.readouterr().out
    assert "Third party not named in the record: Hotjar Ltd (static.hotjar.com) is contacted from" in out
    assert out.strip().endswith("findings.")


def test_a_loopback_address_is_refused_unless_allowed():
    with pytest.raises(UnsafeAddress, match="private or loopback"):
        check_start("http://127.0.0.1:8000/", Options())
    check_start("http://127.0.0.1:8000/", Options(allow_private=True))
    with pytest.raises(UnsafeAddress, match="only http and https"):
        check_start("file:///etc/passwd", Options(allow_private=True))

