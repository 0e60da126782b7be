"""Signed documents (DPAs, transfer impact assessments): PDF only, size-limited, kept in private storage.

Private files have no public URL; `ropa.documents.views` serves them to logged-in users with permission.
"""

import uuid

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.defaultfilters import filesizeformat
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _

MAX_PDF_BYTES = 20 * 1024 * 1024
PDF_SIGNATURE = b"%PDF-"


class PrivateFileSystemStorage(FileSystemStorage):
    """Files with no URL at all (FileSystemStorage would fall back to MEDIA_URL): a view is the only way out."""

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no URL; serve them through a permission-checked view.")


class _PrivateStorage(LazyObject):
    """settings.STORAGES["private"], resolved on first use rather than when the models are imported."""

    def _setup(self) -> None:
        self._wrapped = storages["private"]


_private = _PrivateStorage()


@receiver(setting_changed)
def _forget_private_storage(*, setting: str, **kwargs) -> None:
    # Django resets its own storages when STORAGES changes (tests); the private one follows.
    if setting == "STORAGES":
        _private._wrapped = empty


def private_storage() -> Storage:
    """The storage FileFields of private documents use (a callable, so migrations do not pin a location)."""
    return _private


def validate_pdf(file: File) -> None:
    """Accept only a PDF (judged by its first bytes, not its name) no larger than MAX_PDF_BYTES."""
    if file.size > MAX_PDF_BYTES:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(MAX_PDF_BYTES)},
        )
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(len(PDF_SIGNATURE))
    file.seek(position)
    if head != PDF_SIGNATURE:
        raise ValidationError(_("The file is not a PDF document."), code="not_a_pdf")


def dpa_document_path(instance, filename: str) -> str:
    # A random name: the original may name people, and nothing should be guessable.
    return f"dpa/{uuid.uuid4().hex}.pdf"


def tia_document_path(instance, filename: str) -> str:
    return f"tia/{uuid.uuid4().hex}.pdf"


def dpia_document_path(instance, filename: str) -> str:
    return f"dpia/{uuid.uuid4().hex}.pdf"
