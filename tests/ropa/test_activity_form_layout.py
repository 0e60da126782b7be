"""The activity's change form in the order of Art. 30(1)(a)–(g), and what it will not let be true (issue 26)."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ropa.models import DataProcessingAgreement, ProcessingActivity, ProcessorUse, Transfer
from tests.ropa.processor_helpers import make_agreement, make_processor
from tests.ropa.test_activity_admin import ADD_URL, new_activity_form


def _change(activity) -> str:
    return reverse("admin:ropa_processingactivity_change", args=[activity.pk])


def test_the_form_follows_article_30_and_folds_the_rest(officer_client, complete_activity):
    content = officer_client.get(_change(complete_activity), headers={"accept-language": "en"}).content.decode()
    headings = [
        "(a) Controller", "(b) Purposes and their legal bases", "(c) Data subjects and personal data",
        "(d) Recipients", "(d) Processors used (Art. 28)", "(e) Transfers to third countries",
        "(f) Time limits for erasure", "(g) Security measures", "Systems, automated decisions and risk",
        "What data subjects are told, and internal notes", "Review",
    ]
    positions = [content.index(heading) for heading in headings]
    assert positions == sorted(positions)
    folded = re.findall(r"<details[^>]*>\s*<summary>\s*<h2[^>]*>([^<]+)</h2>", content)
    assert folded == headings[-3:]


def test_an_activity_saying_it_transfers_cannot_be_active_with_no_transfer(officer_client, organisation):
    """Art. 30(1)(e): "transfers: yes" and none recorded is a draft, however the form is sent."""
    response = officer_client.post(ADD_URL, new_activity_form(organisation, transfers_outside_eea="yes"))
    assert response.status_code == 200 and "Art. 30(1)(e)" in response.content.decode()
    assert not ProcessingActivity.objects.exists()
    draft = new_activity_form(organisation, transfers_outside_eea="yes", status="draft")
    assert officer_client.post(ADD_URL, draft).status_code == 302
    activity = ProcessingActivity.objects.get()
    activity.status = ProcessingActivity.Status.ACTIVE
    with pytest.raises(ValidationError, match=r"Art\. 30\(1\)\(e\)"):
        activity.full_clean()
    Transfer.objects.create(activity=activity, destination_country="US", tool=Transfer.Tool.SCC,
                            scc_module=Transfer.SccModule.C2P)
    activity.full_clean()


def test_the_processor_page_offers_to_add_the_missing_agreement(officer_client, complete_activity):
    wolt = make_processor("Wolt")
    ProcessorUse.objects.create(activity=complete_activity, processor=wolt)
    add = reverse("admin:ropa_dataprocessingagreement_add") + f"?processor={wolt.pk}"
    for url in (reverse("admin:ropa_processor_change", args=[wolt.pk]), _change(complete_activity)):
        assert f'href="{add}"' in officer_client.get(url).content.decode(), url
    form = officer_client.get(add).context["adminform"].form
    assert form.initial["processor"] == str(wolt.pk)
    make_agreement(wolt)
    assert DataProcessingAgreement.objects.filter(processor=wolt).exists()
    assert f'href="{add}"' not in officer_client.get(_change(complete_activity)).content.decode()


def test_countries_are_picked_by_typing(officer_client, complete_activity):
    """A processor's countries in Django's filtered selector; one destination in a searchable select."""
    processor_page = officer_client.get(reverse("admin:ropa_processor_add")).content.decode()
    assert re.search(r'<select name="countries"[^>]*class="selectfilter"', processor_page)
    assert "admin/js/SelectFilter2.js" in processor_page
    transfer_page = officer_client.get(reverse("admin:ropa_transfer_add")).content.decode()
    assert re.search(r'<select name="destination_country" class="ropa-country-search"', transfer_page)
    assert "ropa/country_search.js" in transfer_page and "select2.full" in transfer_page

