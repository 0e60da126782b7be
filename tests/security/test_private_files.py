"""Private files (signed DPAs, a request's attachments): checked by content at upload, served only through a
permission-checked view, as a download with a content type taken from the bytes (Art. 32(1)(b))."""

import datetime
import io
import zipfile

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from requests.admin import AttachmentInline
from requests.models import Attachment, Right, RightsRequest
from ropa.documents.files import validate_pdf
from ropa.security.files import DOCX, JPEG, PDF, PNG, TEXT, UNKNOWN, XLSX, kind_of

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>fetch('/admin/')</script></body></html>"


def _office(folder: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}/document.xml", "<document/>")
    return buffer.getvalue()


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.exe", b"MZ\x90\x00")
    return buffer.getvalue()


@pytest.fixture
def private_dir(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "private": {**settings.STORAGES["private"], "OPTIONS": {
        "location": tmp_path, "base_url": None,
    }}}
    return tmp_path


@pytest.fixture
def rights_request(organisation) -> RightsRequest:
    request = RightsRequest.objects.create(
        organisation=organisation, received=datetime.date(2026, 3, 2), requester_name="Kari Nordmann",
        requester_email="kari@example.net",
    )
    request.rights.set(Right.objects.filter(code="15"))
    return request


@pytest.mark.parametrize(("content", "kind"), [
    (PDF_BYTES, PDF),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 16, PNG),
    (b"\xff\xd8\xff\xe0" + b"\x00" * 16, JPEG),
    (_office("word"), DOCX),
    (_office("xl"), XLSX),
    ("Hei, jeg ber om innsyn. Vennlig hilsen Kari Nordmann – Tromsø\n".encode(), TEXT),
    (HTML, UNKNOWN),
    (b"\xef\xbb\xbf  <svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", UNKNOWN),
    (b"MZ\x90\x00\x03\x00\x00\x00", UNKNOWN),
    (_zip(), UNKNOWN),
    (b"", UNKNOWN),
])
def test_the_kind_of_a_file_is_read_from_its_bytes(content, kind):
    assert kind_of(ContentFile(content, name="whatever.pdf")) == kind


def _inline_form(request_handler, upload):
    request = RequestFactory().post("/")
    request.user = request_handler
    inline = AttachmentInline(RightsRequest, admin.site)
    return inline.get_formset(request).form(data={"description": "Letter"}, files={"file": upload})


@pytest.mark.parametrize(("name", "content"), [("letter.pdf", HTML), ("scan.png", b"MZ\x90\x00"), ("x.docx", _zip())])
def test_an_attachment_named_like_a_document_but_made_of_something_else_is_refused(request_handler, name, content):
    form = _inline_form(request_handler, SimpleUploadedFile(name, content))
    assert not form.is_valid()
    assert [error.code for error in form.errors.as_data()["file"]] == ["file_type_not_accepted"]


def test_an_attachment_is_accepted_by_its_content_whatever_its_name(request_handler):
    assert _inline_form(request_handler, SimpleUploadedFile("brev.html", PDF_BYTES)).is_valid()


def test_a_signed_dpa_must_be_a_pdf_by_content_not_by_name():
    with pytest.raises(ValidationError) as refused:
        validate_pdf(ContentFile(HTML, name="signed.pdf"))
    assert refused.value.code == "not_a_pdf"
    validate_pdf(ContentFile(PDF_BYTES, name="signed.html"))


def _download(client, attachment: Attachment):
    url = reverse("admin:requests_rightsrequest_attachment", args=[attachment.request_id, attachment.pk])
    return client.get(url)


def test_an_attachment_is_downloaded_typed_and_named_by_its_content(officer_client, private_dir, rights_request):
    attachment = Attachment.objects.create(request=rights_request, file=ContentFile(PDF_BYTES, name="brev.html"))
    response = _download(officer_client, attachment)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and disposition.endswith('.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_a_stored_file_of_an_unaccepted_kind_is_served_as_opaque_bytes(officer_client, private_dir, rights_request):
    """A file stored before the upload check (or by code) is still never handed to the browser as a page."""
    attachment = Attachment.objects.create(request=rights_request, file=ContentFile(HTML, name="page.html"))
    response = _download(officer_client, attachment)
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Disposition"].endswith('.bin"')


def test_attachments_are_refused_to_roles_without_rights_requests(client, auditor, private_dir, rights_request):
    attachment = Attachment.objects.create(request=rights_request, file=ContentFile(PDF_BYTES, name="a.pdf"))
    client.force_login(auditor)
    response = _download(client, attachment)
    assert response.status_code in (403, 404)
    assert b"%PDF" not in b"".join(getattr(response, "streaming_content", [response.content]))


def test_private_files_have_no_public_url(private_dir, rights_request):
    attachment = Attachment.objects.create(request=rights_request, file=ContentFile(PDF_BYTES, name="a.pdf"))
    with pytest.raises(ValueError):
        attachment.file.url  # noqa: B018
    assert str(private_dir) in attachment.file.path
