"""What an import may hold, checked before and while a file is parsed (issue 16.4).

A spreadsheet is a zip: a 1 MB upload can unpack to gigabytes, or declare a sheet of a million rows by
sixteen thousand columns in a few bytes of XML. So the zip's directory is read first (declared sizes: Python's
zipfile never inflates a member past its declared size), every worksheet's cells are counted from its XML
before any parser builds them, and the readers count the cells they yield as they go. The limits are settings
(IMPORT_MAX_UPLOAD_MB, IMPORT_MAX_UNPACKED_MB, IMPORT_MAX_CELLS); the defaults hold a record of 10,000
activities several times over.
"""

import io
import re
import zipfile
import zlib

from django.conf import settings
from django.utils.translation import gettext as _

from ropa.imports.errors import ImportFileError

MAX_ZIP_MEMBERS = 1000
MEGABYTE = 1024 * 1024
# A cell element in a worksheet's XML, with or without a namespace prefix: <c r="A1" ...>, <x:c>, <c/>.
CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_TAG_OVERLAP = 24  # longest prefix + "<" + "c" + one byte, so a tag split across two chunks is counted once
# Bytes a text file hardly ever holds: random bytes are about one in ten of them. A stray NUL or bell in a real
# CSV is left to the import, which names its row and column (ropa/imports/values.py).
_BINARY = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def max_upload_bytes() -> int:
    return settings.IMPORT_MAX_UPLOAD_MB * MEGABYTE


def check_upload(data: bytes, filename: str = "") -> None:
    """Refuse, before parsing, a file too large, a zip that unpacks too far, or bytes that are no spreadsheet."""
    if len(data) > max_upload_bytes():
        raise ImportFileError(_("The file is larger than %(limit)s MB.") % {"limit": settings.IMPORT_MAX_UPLOAD_MB})
    name = filename.lower()
    if data[:4] == b"PK\x03\x04":
        _check_zip(data)
    elif name.endswith((".xlsx", ".xlsm", ".zip")):
        raise ImportFileError(_("The file is not an XLSX or zip file, although its name says so. Save the "
                                "spreadsheet as XLSX or CSV and upload it again."))
    elif _looks_binary(data[:65536]):
        raise ImportFileError(_("The file is not a spreadsheet: save it as XLSX or CSV and upload it again."))


def _looks_binary(sample: bytes) -> bool:
    return len(_BINARY.findall(sample)) > max(8, len(sample) // 100)


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        message = _("The file is damaged: it looks like a zip or XLSX file but cannot be opened.")
        raise ImportFileError(message) from None
    if len(members) > MAX_ZIP_MEMBERS:
        raise ImportFileError(_("The file holds more than %(count)s files.") % {"count": MAX_ZIP_MEMBERS})
    unpacked = sum(member.file_size for member in members)
    if unpacked > settings.IMPORT_MAX_UNPACKED_MB * MEGABYTE:
        raise ImportFileError(_(
            "The file unpacks to %(size)s MB, more than the %(limit)s MB an import may hold."
        ) % {"size": f"{unpacked / MEGABYTE:,.0f}", "limit": settings.IMPORT_MAX_UNPACKED_MB})
    cells = sum(
        _count_cells(archive, member) for member in members
        if member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")
    )
    _refuse_cells(cells)


def _count_cells(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> int:
    """The cell elements in one worksheet's XML, read in chunks without building anything."""
    count, carry = 0, b""
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(MEGABYTE):
                buffer = carry + chunk
                limit = max(len(buffer) - _TAG_OVERLAP, 0)
                # Tags starting in the last bytes are carried into the next chunk and counted there.
                count += len(CELL_TAG.findall(buffer)) - len(CELL_TAG.findall(buffer, limit))
                carry = buffer[limit:]
        count += len(CELL_TAG.findall(carry))
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, RuntimeError, NotImplementedError):
        # A bad CRC, a truncated stream, an encrypted member or an unknown compression method.
        raise ImportFileError(_("The file is damaged: a sheet inside it cannot be unpacked.")) from None
    return count


def _refuse_cells(cells: int) -> None:
    if cells > settings.IMPORT_MAX_CELLS:
        raise ImportFileError(_(
            "The file holds %(count)s cells, more than the %(limit)s an import may hold."
        ) % {"count": f"{cells:,}", "limit": f"{settings.IMPORT_MAX_CELLS:,}"})


class CellBudget:
    """Counts the cells a reader yields, empty ones included, so a sheet padded to its declared size stops early."""

    def __init__(self) -> None:
        self.cells = 0

    def spend(self, count: int) -> None:
        self.cells += count
        _refuse_cells(self.cells)
