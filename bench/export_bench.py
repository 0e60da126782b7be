"""Benchmark: exporting 10,000 activities to XLSX, against writing the same cells with openpyxl directly.

Run: `.venv/bin/python bench/export_bench.py [--activities 10000] [--repeat 3]`
Uses a throwaway SQLite file unless DATABASE_URL is set (e.g. under `.ci/with-postgres`).
Prints the export's queries, median seconds (reading history + building rows, and writing), peak memory
(tracemalloc, in a separate run because tracing slows Python down), the median seconds of writing the
very same cells with openpyxl's write-only mode in the same run, and the ratio of the two. The ratio is
of wall-clock seconds; the CPU seconds of this process (which include SQLite's work, but not a
PostgreSQL server's) are printed beside it, since on a shared machine they move less with the load,
which is printed before and after.
"""

import argparse
import datetime
import io
import os
import statistics
import time
import tracemalloc

from django_setup import setup_django

setup_django()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from filling import link_with_history  # noqa: E402
from openpyxl import Workbook  # noqa: E402
from simple_history.utils import bulk_create_with_history  # noqa: E402

from ropa.exports import export_record  # noqa: E402
from ropa.exports.record import build_sheets  # noqa: E402
from ropa.exports.writers import write_xlsx  # noqa: E402
from ropa.models import (  # noqa: E402
    DataProcessingAgreement,
    DataSubjectCategory,
    LegalBasis,
    Organisation,
    PersonalDataCategory,
    ProcessingActivity,
    Processor,
    ProcessorUse,
    Purpose,
    RecipientCategory,
    RetentionRule,
    SecurityMeasure,
    System,
    Transfer,
)

LINKS = {
    "data_subject_categories": (DataSubjectCategory, 3),
    "personal_data_categories": (PersonalDataCategory, 5),
    "recipient_categories": (RecipientCategory, 2),
    "security_measures": (SecurityMeasure, 4),
    "systems": (System, 2),
}


def fill(count: int) -> None:
    """`count` activities with purposes, retention rules, links and processors, each with a history row."""
    organisations = [
        Organisation.objects.create(name=f"Shop {n} AS", email=f"privacy@shop{n}.example", country="NO")
        for n in range(5)
    ]
    for n in range(20):
        System.objects.create(name=f"System {n}")
    activities = bulk_create_with_history(
        [
            ProcessingActivity(
                organisation=organisations[n % 5], name=f"Activity {n:05}", department=f"Department {n % 12}",
                owner="Head of sales", status=ProcessingActivity.Status.ACTIVE, transfers_outside_eea="no",
                description="Orders placed in the web shop, from checkout to delivery.",
                last_reviewed=datetime.date(2026, 1, 1 + n % 28),
            )
            for n in range(count)
        ],
        ProcessingActivity, batch_size=2000,
    )
    for name, (model, per_activity) in LINKS.items():
        entries = list(model.objects.all())
        link_with_history(name, [(a.pk, entries[(a.pk + k) % len(entries)].pk)
                                 for a in activities for k in range(per_activity)])
    bulk_create_with_history(
        [Purpose(activity=a, description=f"Deliver orders {a.pk}", article6=LegalBasis.Article6.CONTRACT)
         for a in activities]
        + [Purpose(activity=a, description="Keep the accounts", article6=LegalBasis.Article6.LEGAL_OBLIGATION,
                   legal_reference="bokføringsloven § 13") for a in activities[::2]],
        Purpose, batch_size=2000,
    )
    bulk_create_with_history(
        [RetentionRule(activity=a, duration=5, runs_from=RetentionRule.Event.END_OF_FINANCIAL_YEAR,
                       legal_reference="bokføringsloven § 13") for a in activities],
        RetentionRule, batch_size=2000,
    )
    processors = [
        Processor.objects.create(name=f"Vendor {n}", organisation=organisations[n % 5], service="Hosting",
                                 countries=["NO", "US"] if n % 3 == 0 else ["SE"])
        for n in range(30)
    ]
    for processor in processors[::2]:
        DataProcessingAgreement.objects.create(processor=processor, signed_on=datetime.date(2025, 1, 1),
                                               **{f"clause_{letter}": True for letter in "abcdefgh"})
    bulk_create_with_history(
        [ProcessorUse(activity=a, processor=processors[(a.pk + k) % 30]) for a in activities for k in range(2)],
        ProcessorUse, batch_size=2000,
    )
    bulk_create_with_history(
        [Transfer(activity=a, recipient="Analytics Inc.", destination_country="US", tool=Transfer.Tool.SCC,
                  scc_module=Transfer.SccModule.C2P) for a in activities[::10]],
        Transfer, batch_size=2000,
    )


def direct_write(sheets) -> bytes:
    """The same cells, written with no styling, widths or neutralising: the floor for writing XLSX."""
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        worksheet = workbook.create_sheet(sheet.title)
        worksheet.append(sheet.headings)
        for row in sheet.rows:
            worksheet.append(row)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def timed(function, *args) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    function(*args)
    return time.perf_counter() - wall, time.process_time() - cpu


def median(times: list[tuple[float, float]], which: int) -> float:
    return statistics.median(pair[which] for pair in times)


def load() -> str:
    return " ".join(f"{figure:.2f}" for figure in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    fill(options.activities)
    print(f"{connection.vendor}: filled {options.activities} activities in {time.perf_counter() - started:.1f} s")

    with CaptureQueriesContext(connection) as queries:
        export_record(io.BytesIO(), "xlsx", "nb")
    print(f"export queries: {len(queries)}")

    print(f"load average before: {load()}")
    exports, reads, writes, directs = [], [], [], []
    for _ in range(options.repeat):
        exports.append(timed(export_record, io.BytesIO(), "xlsx", "nb"))
        wall, cpu = time.perf_counter(), time.process_time()
        sheets = build_sheets(language="nb")
        reads.append((time.perf_counter() - wall, time.process_time() - cpu))
        writes.append(timed(write_xlsx, sheets, io.BytesIO()))
        directs.append(timed(direct_write, sheets))
    cells = sum(len(sheet.rows) * len(sheet.columns) for sheet in sheets)

    tracemalloc.start()
    export_record(io.BytesIO(), "xlsx", "nb")
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    print(f"cells: {cells:,} in {len(sheets)} sheets, {options.repeat} runs, medians")
    for which, name in ((0, "wall-clock"), (1, "CPU")):
        export, direct = median(exports, which), median(directs, which)
        print(f"{name}:")
        print(f"  export to XLSX:         {export:.2f} s (history and rows {median(reads, which):.2f} s, "
              f"writing {median(writes, which):.2f} s)")
        print(f"  openpyxl write-only:    {direct:.2f} s for the same cells")
        print(f"  ratio export / direct:  {export / direct:.2f}x")
    print(f"peak memory (export):   {peak / 1024 / 1024:.0f} MiB")
    print(f"load average after: {load()}")


if __name__ == "__main__":
    main()
