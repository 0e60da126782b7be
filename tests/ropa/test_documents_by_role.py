"""Each role opens agreements, transfers and DPIAs that have a signed document; only some download it (issue 21).

A read-only change page once showed the file by its storage URL, which private storage refuses: a 500 for the
auditor and the request handler. Downloads are a permission of their own: the privacy officer's and the auditor's.
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from ropa.models import Dpia, Transfer
from ropa.security.roles import AUDITOR, PRIVACY_OFFICER, REQUEST_HANDLER
from tests.ropa.processor_helpers import PDF, make_agreement, make_processor, private_storage_dir  # noqa: F401

pytestmark = pytest.mark.django_db
MAY_DOWNLOAD = {PRIVACY_OFFICER: True, AUDITOR: True, REQUEST_HANDLER: False}


@pytest.fixture
def documents(private_storage_dir, complete_activity) -> dict:  # noqa: F811
    agreement = make_agreement(make_processor("Gurusoft Ecommerce"), version="3")
    agreement.document.save("signed.pdf", ContentFile(PDF))
    transfer = Transfer.objects.create(
        processor=make_processor("Newsletter service"), destination_country="US", tool=Transfer.Tool.SCC,
        scc_module=Transfer.SccModule.C2P,
    )
    transfer.tia_document.save("tia.pdf", ContentFile(PDF))
    dpia = Dpia.objects.create(activity=complete_activity, description="Camera surveillance of the shop floor.")
    dpia.document.save("dpia.pdf", ContentFile(PDF))
    return {
        "admin:ropa_dataprocessingagreement_change": (agreement, "ropa:dpa_document"),
        "admin:ropa_transfer_change": (transfer, "ropa:tia_document"),
        "admin:ropa_dpia_change": (dpia, "ropa:dpia_document"),
    }


@pytest.fixture
def users(privacy_officer, auditor, request_handler) -> dict:
    return {PRIVACY_OFFICER: privacy_officer, AUDITOR: auditor, REQUEST_HANDLER: request_handler}


@pytest.mark.parametrize("role", list(MAY_DOWNLOAD))
def test_each_role_opens_the_change_page_of_a_record_with_a_document(client, documents, users, role):
    client.force_login(users[role])
    for page, (obj, download) in documents.items():
        response = client.get(reverse(page, args=[obj.pk]))
        assert response.status_code == 200, f"{role}: {page}"
        linked = f'href="{reverse(download, args=[obj.pk])}"' in response.content.decode()
        assert linked == MAY_DOWNLOAD[role], f"{role}: {page} links the document: {linked}"


@pytest.mark.parametrize("role", list(MAY_DOWNLOAD))
def test_only_the_privacy_officer_and_the_auditor_download_documents(client, documents, users, role):
    client.force_login(users[role])
    for obj, download in documents.values():
        response = client.get(reverse(download, args=[obj.pk]))
        assert response.status_code == (200 if MAY_DOWNLOAD[role] else 403), f"{role}: {download}"


def test_the_request_handler_sees_that_a_document_is_on_file(client, documents, request_handler):
    client.force_login(request_handler)
    agreement, _download = documents["admin:ropa_dataprocessingagreement_change"]
    page = reverse("admin:ropa_dataprocessingagreement_change", args=[agreement.pk])
    html = client.get(page, headers={"accept-language": "en"}).content.decode()
    assert "A signed PDF is on file." in html
