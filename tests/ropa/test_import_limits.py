"""Import bombs and odd bytes get a clear refusal before anything is built (issue 16.4): never a 500, a
traceback, or minutes of parsing. The sizes the adversarial test used are rebuilt here: a ~1 MB XLSX holding
three million cells, a sheet that declares sixteen thousand columns, a small zip of a CSV that unpacks to
150 MB, a 131,072-character CSV field, and random bytes named .xlsx."""

import io
import random
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from ropa.imports import ImportFileError, plan_import
from ropa.models import ProcessingActivity

pytestmark = pytest.mark.django_db
HEADER = ["Behandlingsaktivitet", "Formål", "Behandlingsgrunnlag"]


@pytest.fixture(autouse=True)
def in_english():
    """The messages read in English here; their nb and sv translations are checked by tests/test_translations.py."""
    with translation.override("en"):
        yield


def workbook_with_sheet_xml(sheet_xml: bytes) -> bytes:
    """A genuine XLSX from openpyxl whose first worksheet is replaced by the given XML."""
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for item in source.infolist():
            data = sheet_xml if item.filename == "xl/worksheets/sheet1.xml" else source.read(item)
            target.writestr(item.filename, data)
    return out.getvalue()


def sheet_xml(rows: bytes, dimension: str = "A1") -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><dimension ref="' + dimension.encode() + b'"/><sheetData>'
            + rows + b"</sheetData></worksheet>")


def refusal(data: bytes, filename: str) -> str:
    with pytest.raises(ImportFileError) as refused:
        plan_import(data, filename)
    return str(refused.value)


def test_a_megabyte_of_xlsx_holding_three_million_cells_is_refused_unparsed():
    row = b"<row>" + b"<c><v>1</v></c>" * 1000 + b"</row>"
    data = workbook_with_sheet_xml(sheet_xml(row * 3000))
    assert len(data) < 2 * 1024 * 1024
    assert "3,000,000 cells, more than the 1,000,000 an import may hold" in refusal(data, "protokoll.xlsx")


def test_a_sheet_that_declares_sixteen_thousand_columns_stops_at_the_cell_limit(settings):
    """Few cells in the XML, but a read-only reader pads every row out to the column of its last cell."""
    settings.IMPORT_MAX_CELLS = 100_000
    rows = b"".join(b'<row r="%d"><c r="XFD%d"><v>1</v></c></row>' % (number, number) for number in range(1, 200))
    message = refusal(workbook_with_sheet_xml(sheet_xml(rows, "A1:XFD1048576")), "protokoll.xlsx")
    assert "more than the 100,000 an import may hold" in message


def test_a_zip_that_unpacks_far_beyond_the_limit_is_refused_from_its_directory():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("aktiviteter.csv", b"a;" * (75 * 1024 * 1024))
    assert len(out.getvalue()) < 512 * 1024
    assert "unpacks to 150 MB, more than the 100 MB" in refusal(out.getvalue(), "protokoll.zip")


def test_a_csv_with_more_cells_than_the_limit_stops_while_reading(settings):
    settings.IMPORT_MAX_CELLS = 10_000
    text = ";".join(HEADER) + "\r\n" + ("x;" * 200 + "\r\n") * 100
    assert "more than the 10,000 an import may hold" in refusal(text.encode(), "protokoll.csv")


def test_a_csv_field_of_131072_characters_is_a_clear_error():
    text = ";".join(HEADER) + "\r\n" + '"' + "x" * 131_073 + '";Svare;Avtale\r\n'
    assert "line 2: a cell is longer than 131,072 characters" in refusal(text.encode(), "protokoll.csv")


@pytest.mark.parametrize("filename", ["protokoll.xlsx", "protokoll.csv", "protokoll.zip", "protokoll"])
def test_random_bytes_are_no_spreadsheet_whatever_their_name(filename):
    data = random.Random(16).randbytes(64 * 1024)
    assert "not" in refusal(data, filename)


def test_a_damaged_sheet_inside_a_real_zip_is_a_clear_error():
    data = bytearray(workbook_with_sheet_xml(sheet_xml(b"<row><c><v>1</v></c></row>" * 500)))
    start = data.find(b"xl/worksheets/sheet1.xml") + 60
    data[start:start + 40] = b"\x00" * 40  # corrupt the compressed stream of the worksheet
    assert "damaged" in refusal(bytes(data), "protokoll.xlsx")


def test_the_admin_page_refuses_a_bomb_on_the_form(officer_client, settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = str(tmp_path)
    row = b"<row>" + b"<c><v>1</v></c>" * 1000 + b"</row>"
    upload = SimpleUploadedFile("protokoll.xlsx", workbook_with_sheet_xml(sheet_xml(row * 1500)))
    from ropa.jobs.worker import run_jobs

    page = officer_client.post(reverse("admin:ropa_import_record"), {"file": upload}, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 302, "the upload only queues the work"
    run_jobs()
    page = officer_client.get(reverse("admin:ropa_import_record"), HTTP_ACCEPT_LANGUAGE="en")
    assert "1,500,000 cells" in page.content.decode()
    assert not ProcessingActivity.objects.exists()


def test_the_command_refuses_random_bytes_with_a_message(tmp_path):
    path = tmp_path / "protokoll.xlsx"
    path.write_bytes(random.Random(7).randbytes(4096))
    with pytest.raises(CommandError, match="not an XLSX or zip file"):
        call_command("import_record", str(path), "--dry-run")
