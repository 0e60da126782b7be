"""Signed DPAs and transfer impact assessments are private: only logged-in users allowed to see the record get them."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from ropa.models import Transfer
from tests.ropa.processor_helpers import (  # noqa: F401
    PDF,
    make_agreement,
    make_processor,
    outsider,
    private_storage_dir,
)


@pytest.fixture
def agreement(db, private_storage_dir):  # noqa: F811
    agreement = make_agreement(make_processor("Gurusoft Ecommerce"), version="3")
    agreement.document.save("signed.pdf", ContentFile(PDF))
    return agreement


@pytest.fixture
def url(agreement) -> str:
    return reverse("ropa:dpa_document", args=[agreement.pk])


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={url}"


def test_a_logged_in_user_without_permission_is_refused(client, outsider, url):  # noqa: F811
    client.force_login(outsider)
    response = client.get(url)
    assert response.status_code == 403
    assert b"%PDF" not in response.content


def test_a_user_outside_the_admin_is_refused_even_with_the_permission(client, auditor, url):
    """The document is never easier to reach than the admin page that links to it."""
    auditor.is_staff = False
    auditor.save()
    client.force_login(auditor)
    assert auditor.has_perm("ropa.view_dataprocessingagreement")
    assert client.get(url).status_code == 403


def test_a_missing_agreement_is_refused_before_it_is_looked_up(client, outsider, agreement):  # noqa: F811
    """Without permission, a user cannot even learn which agreements exist."""
    client.force_login(outsider)
    assert client.get(reverse("ropa:dpa_document", args=[agreement.pk + 100])).status_code == 403


def test_an_auditor_downloads_the_signed_pdf_as_an_attachment(auditor_client, url):
    response = auditor_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="dpa-gurusoft-ecommerce-3.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_a_privacy_officer_downloads_it_too(officer_client, url):
    assert officer_client.get(url).status_code == 200


def test_an_agreement_without_a_document_is_not_found(officer_client, db):
    agreement = make_agreement(make_processor("Klarna"))
    assert officer_client.get(reverse("ropa:dpa_document", args=[agreement.pk])).status_code == 404


def test_the_document_is_not_reachable_under_a_public_url(client, agreement, settings):
    assert client.get(f"/{settings.MEDIA_URL}{agreement.document.name}").status_code == 404
    with pytest.raises(ValueError):
        agreement.document.url  # noqa: B018


def test_only_reading_is_allowed(auditor_client, url):
    assert auditor_client.post(url).status_code == 405


def test_the_transfer_impact_assessment_is_served_the_same_way(client, auditor, outsider, private_storage_dir):  # noqa: F811
    transfer = Transfer.objects.create(
        processor=make_processor("Newsletter service"), destination_country="US", tool=Transfer.Tool.SCC,
        scc_module=Transfer.SccModule.C2P,
    )
    transfer.tia_document.save("tia.pdf", ContentFile(PDF))
    url = reverse("ropa:tia_document", args=[transfer.pk])
    assert client.get(url).status_code == 302
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    client.force_login(auditor)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == PDF
