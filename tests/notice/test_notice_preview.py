"""Drafts and incomplete activities stay out of the public notice and are listed, with why, for the officer."""

import pytest
from django.urls import reverse

from ropa.models import LegalBasis, PublishedNotice, Purpose
from ropa.notice.publishing import NotPublishable, publish
from tests.notice.conftest import Status, add_retention, make_activity
from tests.notice.test_privacy_notice import notice_text, public_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def gaps(organisation, shop):
    """A draft, an active one without retention, and a legitimate interest nobody put into words."""
    draft = make_activity(organisation, "Loyalty programme", status=Status.DRAFT)
    Purpose.objects.create(activity=draft, description="Reward loyal customers", article6=LegalBasis.Article6.CONTRACT)
    add_retention(draft)
    no_retention = make_activity(organisation, "Customer service")
    Purpose.objects.create(
        activity=no_retention, description="Answer questions", article6=LegalBasis.Article6.CONTRACT,
    )
    unworded = make_activity(organisation, "Product reviews")
    Purpose.objects.create(
        activity=unworded, description="Show reviews", article6=LegalBasis.Article6.LEGITIMATE_INTERESTS,
        balancing_test="INTERNAL-BALANCING of reviews",
    )
    add_retention(unworded)
    return {"draft": draft, "no_retention": no_retention, "unworded": unworded}


def test_an_incomplete_activity_in_use_stops_publication_and_a_draft_does_not(client, organisation, shop, gaps):
    """Art. 13 and 14: an activity in use that cannot be told is never silently left out of a published notice;
    the refusal names what to fill. A draft is not in use yet, so it does not stop publication."""
    with pytest.raises(NotPublishable) as refused:
        publish(organisation, "en", None, "http://testserver/request/")
    reasons = " ".join(refused.value.reasons)
    assert "“Customer service” is in use but cannot be told: (f) time limits for erasure." in reasons
    assert "Product reviews" in reasons and "Art. 13(1)(d)" in reasons
    assert "Loyalty programme" not in reasons
    assert not PublishedNotice.objects.exists()
    gaps["no_retention"].status = Status.DRAFT
    gaps["no_retention"].save()
    gaps["unworded"].status = Status.DRAFT
    gaps["unworded"].save()
    text = notice_text(client, organisation)
    for name in ["Loyalty programme", "Customer service", "Product reviews", "Reward loyal customers"]:
        assert name not in text
    assert "Order handling" in text


def test_the_preview_lists_each_left_out_activity_with_its_gaps(officer_client, organisation, gaps):
    response = officer_client.get(reverse("admin:ropa_organisation_privacy_notice", args=[organisation.pk]))
    assert response.status_code == 200
    withheld = {item.activity.name: item.reasons for item in response.context["notice"].withheld}
    assert set(withheld) == {"Loyalty programme", "Customer service", "Product reviews"}
    assert "The activity is a draft." in withheld["Loyalty programme"]
    # Each gap once: the record's item (f), not again in the notice's words (Art. 13(2)(a)).
    assert withheld["Customer service"] == ["(f) time limits for erasure"]
    assert any("Art. 13(1)(d)" in reason for reason in withheld["Product reviews"])
    html = response.content.decode()
    assert reverse("admin:ropa_processingactivity_change", args=[gaps["draft"].pk]) in html
    assert "Order handling" in html, "the preview shows the notice itself too"


def test_the_organisation_page_links_to_the_preview_and_the_public_notice(officer_client, organisation):
    response = officer_client.get(reverse("admin:ropa_organisation_change", args=[organisation.pk]))
    html = response.content.decode()
    assert reverse("admin:ropa_organisation_privacy_notice", args=[organisation.pk]) in html
    assert reverse("ropa:privacy_notice", args=[organisation.pk]) in html


def test_the_officer_writes_the_introduction_on_the_organisation_page_with_history(
    officer_client, organisation, privacy_officer,
):
    url = reverse("admin:ropa_organisation_change", args=[organisation.pk])
    form = officer_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update({
        "country": "NO", "role": "controller", "representative": "",
        "notice_introduction-TOTAL_FORMS": "1", "notice_introduction-INITIAL_FORMS": "0",
        "notice_introduction-MIN_NUM_FORMS": "0", "notice_introduction-MAX_NUM_FORMS": "1",
        "notice_introduction-0-text_nb": "Vi tar personvernet ditt på alvor.",
        "notice_introduction-0-text_en": "We take your privacy seriously.",
        "notice_introduction-0-text_sv": "",
    })
    # The page's other inlines (the cookie register's websites and cookies), posted empty as the browser would.
    for prefix in ("websites", "cookies"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
                     f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
    response = officer_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    introduction = organisation.notice_introduction
    assert introduction.history.get().history_user == privacy_officer
    assert "We take your privacy seriously." in notice_text(officer_client, organisation)


def test_an_introduction_written_only_in_another_language_is_left_out_never_mixed_in(client, organisation, shop):
    """Art. 12(1): the English notice of a record with a Norwegian introduction only has no introduction, rather
    than a Norwegian paragraph on an English page (before publishing, it fell back to the other language)."""
    from ropa.models import NoticeIntroduction

    NoticeIntroduction.objects.create(organisation=organisation, text_nb="Vi tar personvernet ditt på alvor.")
    html = public_page(client, organisation).content.decode()
    assert "Vi tar personvernet" not in html and 'class="notice-introduction"' not in html


def test_a_user_without_a_role_cannot_open_the_preview(client, organisation):
    """With workspaces, a user with no membership sees no organisation at all: the preview answers 404, so it does not
    even tell an outsider that the organisation exists."""
    from django.contrib.auth.models import User

    outsider = User.objects.create_user("outsider", "o@example.com", "a-long-test-password", is_staff=True)
    client.force_login(outsider)
    response = client.get(reverse("admin:ropa_organisation_privacy_notice", args=[organisation.pk]))
    assert response.status_code == 404


def test_the_preview_of_a_processor_says_only_a_controller_has_a_notice(officer_client, shop):
    vendor = shop["platform"].organisation
    response = officer_client.get(reverse("admin:ropa_organisation_privacy_notice", args=[vendor.pk]))
    assert response.status_code == 200
    assert "Only a controller has a privacy notice." in response.content.decode()


def test_a_new_organisation_is_told_to_save_before_its_notice_is_shown(officer_client):
    response = officer_client.get(reverse("admin:ropa_organisation_add"))
    assert "Save the organisation to see its privacy notice." in response.content.decode()
