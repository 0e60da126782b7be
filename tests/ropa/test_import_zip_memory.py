"""A CSV inside a zip is read as a stream (issue 16.4): a 117 KB zip holding a 95 MB CSV took 720 MB of memory
when the member was read whole, decoded whole and copied into a StringIO before the first row was parsed."""

import io
import tracemalloc
import zipfile

import pytest
from django.utils import translation

from ropa.imports import ImportFileError
from ropa.imports.readers import read_spreadsheet

CELLS, WIDTH, ROWS = 20, 100, 10_000  # a 20 MB CSV of 200,000 cells, under every import limit
MEGABYTE = 1024 * 1024
# Measured on this 20 MB CSV: the rows kept take 31.7 MB and reading peaked at 31.8 MB (147 MB when the member
# was read whole). The bound leaves room for the interpreter and the zip's buffers, not for a copy of the file.
PEAK_MB = 45


def zipped_csv(rows: int, encoding: str = "utf-8") -> bytes:
    header = ";".join(f"Kolonne {number}" for number in range(CELLS)) + "\r\n"
    row = ";".join("ø" + "x" * (WIDTH - 1) for _ in range(CELLS)) + "\r\n"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("aktiviteter.csv", "w") as member:
            member.write(header.encode(encoding))
            for _ in range(rows):
                member.write(row.encode(encoding))
    return out.getvalue()


def test_a_large_zipped_csv_is_read_within_the_memory_its_rows_take():
    data = zipped_csv(ROWS)
    assert len(data) < 256 * 1024
    tracemalloc.start()
    try:
        sheets = read_spreadsheet(data, "protokoll.zip")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [(sheet.title, len(sheet.rows)) for sheet in sheets] == [("aktiviteter", ROWS + 1)]
    assert sheets[0].rows[-1] == (ROWS + 1, ["ø" + "x" * (WIDTH - 1)] * CELLS)
    assert peak < PEAK_MB * MEGABYTE, f"reading took {peak / MEGABYTE:.0f} MB"


def test_a_zipped_windows_1252_csv_is_read_again_as_windows_1252():
    """Excel's plain "CSV" on a Nordic machine: the stream is read as UTF-8 first, then again from the start."""
    sheet, = read_spreadsheet(zipped_csv(3, encoding="cp1252"), "protokoll.zip")
    assert [number for number, _values in sheet.rows] == [1, 2, 3, 4]
    assert sheet.rows[1][1][0].startswith("øxx")


def test_a_damaged_csv_inside_a_zip_is_a_clear_error():
    """A bad checksum shows only when the member is read to its end: a message, never a traceback."""
    data = bytearray(zipped_csv(50))
    data[14:18] = b"\x00\x00\x00\x00"  # the member's CRC-32 in its local header
    start = data.find(b"PK\x01\x02") + 16
    data[start:start + 4] = b"\x00\x00\x00\x00"  # and in the central directory
    with translation.override("en"), pytest.raises(ImportFileError, match="damaged"):
        read_spreadsheet(bytes(data), "protokoll.zip")
