"""Uploaded files judged by their bytes, never by their names, and handed out only as downloads.

A rights request's correspondence arrives as PDF, images, Word or Excel files or plain text; anything else
(HTML, SVG, executables, archives) is refused at upload, and a stored file is served with the content type
its bytes show, as an attachment, never to be displayed inline by the browser.
"""

import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files import File
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
HEAD_BYTES = 8192


@dataclass(frozen=True)
class Kind:
    content_type: str
    extension: str


PDF = Kind("application/pdf", ".pdf")
PNG = Kind("image/png", ".png")
JPEG = Kind("image/jpeg", ".jpg")
DOCX = Kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx")
XLSX = Kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx")
TEXT = Kind("text/plain; charset=utf-8", ".txt")
UNKNOWN = Kind("application/octet-stream", ".bin")

SIGNATURES = [(b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG)]
# Text that a browser would treat as a page or a script if it ever rendered it.
MARKUP = (b"<!doctype", b"<html", b"<svg", b"<?xml", b"<script", b"<head", b"<body", b"<iframe")


def _office_kind(file: File) -> Kind | None:
    """A Word or Excel file is a zip archive with [Content_Types].xml and its own top folder."""
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if any(name.startswith("word/") for name in names):
        return DOCX
    if any(name.startswith("xl/") for name in names):
        return XLSX
    return None


def _is_plain_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        # The head may end inside a multi-byte character; anything earlier is not UTF-8.
        if error.start < len(head) - 3:
            return False
        text = head[: error.start].decode("utf-8")
    lowered = text.lstrip("\ufeff \t\r\n").lower().encode()
    return not any(marker in lowered[:1024] for marker in MARKUP)


def kind_of(file: File) -> Kind:
    """What the bytes are: one of the accepted kinds, or UNKNOWN."""
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        head = file.read(HEAD_BYTES)
        for signature, kind in SIGNATURES:
            if head.startswith(signature):
                return kind
        if head.startswith(b"PK\x03\x04"):
            file.seek(0)
            return _office_kind(file) or UNKNOWN
        return TEXT if head and _is_plain_text(head) else UNKNOWN
    finally:
        file.seek(position)


def validate_attachment(file: File) -> None:
    """Form-field validator: an accepted kind, judged by content, no larger than MAX_UPLOAD_BYTES."""
    if file.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(MAX_UPLOAD_BYTES)},
        )
    if kind_of(file) is UNKNOWN:
        raise ValidationError(
            _("Only PDF, PNG, JPEG, Word (.docx), Excel (.xlsx) and plain-text files can be attached."),
            code="file_type_not_accepted",
        )


def private_download(stored: File, name: str) -> FileResponse:
    """Serve a private file as an attachment, typed and named by its content, never cached."""
    handle = stored.open("rb")
    kind = kind_of(handle)
    filename = f"{PurePath(name).stem or 'file'}{kind.extension}"
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=kind.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
