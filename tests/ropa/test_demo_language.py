"""The demo reads as its companies' own record: Bokmål for the four Norwegian ones, Swedish for the Swedish shop.

Datatilsynet reads the export (Art. 30(4)) in Norwegian; an English cell outside a proper name would show
the record was never written by the officer who keeps it.
"""

import dataclasses
import io
import re

import openpyxl
import pytest
from django.db.models import TextChoices

from ropa.demo import CHANGE_REASON, COMPANIES, load_demo, processors, swedish_shop, systems, verdifull
from ropa.demo.renames import rename_earlier_rows
from ropa.exports import export_record
from ropa.exports.layouts import HEADINGS, SHEET_TITLES
from ropa.models import (
    DataProcessingAgreement,
    DataSubjectCategory,
    Organisation,
    PersonalDataCategory,
    ProcessingActivity,
    Processor,
    RecipientCategory,
    SecurityMeasure,
    System,
)

pytestmark = pytest.mark.django_db

# Names of products, companies, documents and EU acts, which stay as their owners spell them.
PROPER_NAMES = (
    "Ads Data Processing Terms", "Products and Services DPA", "Controller Addendum", "Klarna Checkout",
    "Gurusoft Ecommerce", "Google Analytics", "Google Tag", "Google Ads", "Meta Pixel", "Microsoft 365",
    "Uni Micro Web", "WordPress", "WooCommerce", "Fashion ID", "Meta Platforms Ireland Limited",
    "Microsoft Ireland Operations Limited", "Google Ireland Limited", "Meta Platforms, Inc.",
    "PayPal (Europe) S.à r.l. et Cie, S.C.A.", "Wix.com Ltd.", "Automattic Inc.", "Microsoft Corporation",
    "Google LLC", "Klarna Bank AB", "PayEx Sverige AB", "Uni Micro Web AS",
    # The adequacy decisions' titles, seeded by ropa/migrations/0004: citations of EU acts, not demo text.
    "Commission Implementing Decision", "Commission Decision",
)
# Words of English prose that are not also words of Bokmål or Swedish ("for", "in", "at", "to", "data"...).
ENGLISH = re.compile(
    r"\b(the|and|of|with|which|when|this|that|their|they|them|from|into|only|kept|keep|until|after|"
    r"before|customer|customers|orders|payment|purchase|purchases|shop|newsletter|bookkeeping|retention|"
    r"missing|policy|personal|processing|processor|consent|account|accounts|cookie|cookies|visitor|"
    r"visitors|website|service|services|terms|partners|named|unknown|review|overdue|draft|security|"
    r"monitoring|marketing|analytics|is|are|has|have|was|or|also|other|each|every|than|should|would|"
    r"our|your|you|there|where|what|how|who|during|through|about|without|within|period|details|address|"
    r"name|sign|logs|give|send|show|stored|used|users|group|parent|company)\b",
    re.IGNORECASE,
)
# Bokmål words Swedish does not use, to tell the Swedish shop's text from the Norwegian companies'.
NORWEGIAN_ONLY = re.compile(r"\b(ikke|og|hvor|hva|ble|fra|også|opplysninger|personopplysninger)\b")
VOCABULARIES = (DataSubjectCategory, PersonalDataCategory, RecipientCategory, SecurityMeasure)
VOCABULARY_COLUMNS = {
    "activities": ("data_subjects", "personal_data", "recipients", "security"),
    "retention": ("personal_data",),
}


def english_words(text: str) -> list[str]:
    text = re.sub(r"https?://\S+", "", text)  # an address (a vendor's cookie policy) is not prose
    for name in PROPER_NAMES:
        text = text.replace(name, "")
    return ENGLISH.findall(text)


def nb_export() -> openpyxl.Workbook:
    stream = io.BytesIO()
    export_record(stream, "xlsx", "nb")
    return openpyxl.load_workbook(io.BytesIO(stream.getvalue()))


def _text_fields(spec) -> list[tuple[str, str]]:
    """Every free text of a demo dataclass, recursively; vocabulary keys, codes and addresses left out."""
    skipped = {
        "data_subjects", "personal_data", "recipients", "security_measures", "data_category", "data",
        "country", "countries", "location", "email", "website", "organisation_number", "role",
    }
    found = []
    for field in dataclasses.fields(spec):
        value = getattr(spec, field.name)
        if field.name in skipped or isinstance(value, TextChoices):
            continue
        values = value if isinstance(value, tuple) else (value,)
        for item in values:
            if dataclasses.is_dataclass(item):
                found += _text_fields(item)
            elif isinstance(item, str) and not isinstance(item, TextChoices):
                found.append((field.name, item))
    return found


def test_english_words_are_found_outside_proper_names():
    """The check itself: it must catch an English sentence and pass Norwegian and Swedish ones."""
    assert english_words("Customer relationship, orders and payment") == ["Customer", "orders", "and", "payment"]
    assert english_words("Kunder kjøper tjenester på nettstedet for to år i Google Analytics") == []
    assert english_words("Kakor och pixlar skickar in uppgifter till Google Tag") == []
    assert english_words("Se https://www.facebook.com/privacy/policy") == []
    assert english_words("Amerikas forente stater – Commission Implementing Decision (EU) 2023/1795") == []


def test_the_demo_export_in_norwegian_has_no_english_cell():
    load_demo()
    offending = []
    for sheet in nb_export():
        for row in list(sheet.iter_rows(values_only=True))[1:]:
            for cell in row:
                if isinstance(cell, str) and english_words(cell):
                    offending.append(f"{sheet.title}: {cell!r} ({', '.join(english_words(cell))})")
    assert offending == []


def test_the_demo_export_shows_every_vocabulary_entry_by_its_norwegian_name():
    load_demo()
    norwegian = {entry.name_nb for model in VOCABULARIES for entry in model.objects.all()}
    english = {entry.name for model in VOCABULARIES for entry in model.objects.all()} - norwegian
    book = nb_export()
    seen = 0
    for sheet_key, columns in VOCABULARY_COLUMNS.items():
        sheet = book[SHEET_TITLES["nb"][sheet_key]]
        values = list(sheet.iter_rows(values_only=True))
        for column in columns:
            index = values[0].index(HEADINGS["nb"][sheet_key][column])
            for row in values[1:]:
                for line in (row[index] or "").splitlines():
                    assert line in norwegian, f"{column}: {line!r} is not a Norwegian label"
                    assert line not in english
                    seen += 1
    assert seen > 250


def test_every_demo_text_is_written_in_the_companys_language():
    """Activities, purposes, retention texts, internal notes, systems, processors: no English prose."""
    specs = [*(c.organisation for c in COMPANIES), *(a for c in COMPANIES for a in c.activities)]
    specs += [*systems.SYSTEMS, *systems.VENDORS, *processors.PROCESSORS, *processors.TRANSFERS]
    specs += list(processors.EXTRA_ORGANISATIONS)
    offending = [(name, text) for spec in specs for name, text in _text_fields(spec) if english_words(text)]
    assert offending == []


def test_the_swedish_shop_is_written_in_swedish():
    texts = [text for activity in swedish_shop.COMPANY.activities for _, text in _text_fields(activity)]
    assert len(texts) > 50
    assert [text for text in texts if NORWEGIAN_ONLY.search(text)] == []
    assert any("och" in text for text in texts)


def test_the_officers_internal_note_is_translated():
    load_demo()
    activity = ProcessingActivity.objects.get(organisation__name=verdifull.NAME, name="Kjøp og betaling")
    assert "Klarna" in activity.internal_notes
    assert english_words(activity.internal_notes) == []
    assert "teksten bør rettes" in activity.internal_notes


def test_a_database_loaded_in_english_is_renamed_in_place():
    """An older `make run` database keeps its rows and their history; nothing is added next to them."""
    load_demo()
    counts = [model.objects.count() for model in (Organisation, ProcessingActivity, System, Processor)]
    consultancy = Organisation.objects.get(name="Rådgivningsselskapet (Microsoft 365 og Wix)")
    consultancy.name = "Consultancy (Microsoft 365 and Wix)"
    consultancy.save()
    newsletter = ProcessingActivity.objects.get(organisation=consultancy, name="Nyhetsbrev")
    newsletter.name = "Newsletter"
    newsletter.save()
    System.objects.filter(name="Selby-plattformen").update(name="Selby platform")
    Processor.objects.filter(name="Transportpartnere").update(name="Transport partners")
    DataProcessingAgreement.objects.filter(version="Konserninterne vilkår").update(version="Intra-group terms")

    load_demo()

    assert [model.objects.count() for model in (Organisation, ProcessingActivity, System, Processor)] == counts
    newsletter.refresh_from_db()
    assert (newsletter.organisation.name, newsletter.name) == (
        "Rådgivningsselskapet (Microsoft 365 og Wix)", "Nyhetsbrev",
    )
    assert newsletter.history.latest().history_change_reason == CHANGE_REASON
    assert not System.objects.filter(name="Selby platform").exists()
    assert Processor.objects.filter(name="Transportpartnere").exists()
    assert DataProcessingAgreement.objects.filter(version="Konserninterne vilkår").count() == 2


def test_a_rename_never_overwrites_a_row_of_the_new_name():
    load_demo()
    organisation = Organisation.objects.get(name=verdifull.NAME)
    ProcessingActivity.objects.create(organisation=organisation, name="Customer accounts")
    rename_earlier_rows(CHANGE_REASON)
    names = list(organisation.activities.filter(name__in=["Customer accounts", "Kundekontoer"]).values_list(
        "name", flat=True,
    ))
    assert sorted(names) == ["Customer accounts", "Kundekontoer"]

