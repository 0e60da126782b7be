"""Files that belong to a rights request (correspondence, the answer sent), kept in private storage."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from requests.models.history import CachedHistoryManager
from ropa.documents.files import private_storage as ropa_private_storage
from ropa.models import RECORD_PERMISSIONS
from ropa.security.files import TEXT, XLSX, kind_of

# Machine-readable text formats an attachment keeps its name for (its bytes must still be plain text).
TEXT_FORMATS = {".csv": "text/csv", ".json": "application/json", ".xml": "application/xml"}


def private_storage():
    """settings.STORAGES["private"]: never served under a public URL, only by a permission-checked view.

    The lazy storage of ropa.documents.files: Django calls this once, at import, and a plain storages["private"]
    would keep the location of that moment even when the setting changes (as it does in tests).
    """
    return ropa_private_storage()


def attachment_path(instance: "Attachment", filename: str) -> str:
    # A random name: a file name like "passport-ola-nordmann.pdf" is personal data of its own.
    return f"rights-requests/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()[:10]}"


class Attachment(models.Model):
    request = models.ForeignKey(
        "requests.RightsRequest", verbose_name=_("request"), on_delete=models.CASCADE, related_name="attachments",
    )
    file = models.FileField(
        _("file"), upload_to=attachment_path, storage=private_storage, max_length=200,
        help_text=_("Art. 12(6): never keep a copy of an ID document after checking it."),
    )
    description = models.CharField(_("description"), max_length=200, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )
    # The answers this file went out with (Art. 15(3) copy, Art. 20 file): the letter says it is attached.
    sent_in = models.ManyToManyField(
        "requests.OutboxEmail", verbose_name=_("sent with"), blank=True, related_name="attachments", editable=False,
    )
    history = HistoricalRecords(m2m_fields=[sent_in], history_manager=CachedHistoryManager)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        default_permissions = RECORD_PERMISSIONS

    def __str__(self) -> str:
        return self.description or PurePath(self.file.name).name

    @property
    def kind(self):
        """What the stored bytes are (ropa.security.files), never what the name says."""
        with self.file.open("rb") as handle:
            return kind_of(handle)

    @property
    def is_machine_readable(self) -> bool:
        """Art. 20(1): structured and machine-readable: a spreadsheet or text (CSV, JSON, XML), not a PDF or image."""
        return self.kind in (XLSX, TEXT)

    def attach_to(self, message) -> None:
        """Add the file to an outgoing EmailMessage, named by its description and typed by its bytes.

        Plain text keeps a CSV, JSON or XML name and type, so an Art. 20 file opens in the requester's tools.
        """
        kind = self.kind
        extension, content_type = kind.extension, kind.content_type.split(";")[0]
        suffix = PurePath(self.file.name).suffix.lower()
        if kind is TEXT and suffix in TEXT_FORMATS:
            extension, content_type = suffix, TEXT_FORMATS[suffix]
        stem = slugify(self.description) or "attachment"
        with self.file.open("rb") as handle:
            message.attach(f"{stem}{extension}", handle.read(), content_type)


def delete_file_after_commit(sender, instance: Attachment, **kwargs) -> None:
    """post_delete: remove the stored file once the deletion is committed (never for a rolled-back one)."""
    if instance.file.name:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))
