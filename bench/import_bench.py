"""Benchmark: importing a hand-made activities sheet of 1,000 and 10,000 rows (dry run, then writing it).

Run: `nice .venv/bin/python bench/import_bench.py [--rows 1000 10000] [--write-max 10000]`
Uses a throwaway SQLite file unless DATABASE_URL is set (e.g. under `.ci/with-postgres`).
Prints, per size: seconds and queries of the dry run (reading, matching, checking) and of writing it,
and the queries per row. The dry run reads every lookup once, so its queries must stay the same for any
number of rows (checked against the smallest size). Writing saves each activity through save() and writes
its links, history rows and details in bulk per chunk (ropa/imports/writing.py): the last line gives the
queries each further row costs between the two largest written sizes, which must stay a small constant.
Also prints the seconds of reading the same file with openpyxl alone, as a baseline from the same run, and
the ratio. `--write-max` limits which sizes are written.
"""

import argparse
import io
import time

from django_setup import setup_django

setup_django()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from openpyxl import Workbook, load_workbook  # noqa: E402

from ropa.imports import plan_import  # noqa: E402
from ropa.models import Organisation, ProcessingActivity  # noqa: E402

HEADER = [
    "Behandlingsaktivitet", "Avdeling", "Formål", "Behandlingsgrunnlag", "Kategorier av registrerte",
    "Personopplysninger", "Mottakere", "Overføring til tredjeland", "Lagringstid", "Sikkerhetstiltak", "Kilde",
    "Databehandlere", "DPIA", "Kommentar",
]


def sheet(rows: int, prefix: str) -> bytes:
    book = Workbook(write_only=True)
    worksheet = book.create_sheet("Protokoll")
    worksheet.append(["Behandlingsansvarlig: Bench AS"])
    worksheet.append([])
    worksheet.append(HEADER)
    for n in range(rows):
        worksheet.append([
            f"{prefix} {n}", "Salg", "Levere varer\nSende kvittering", "b) avtale", "Kunder; ansatte",
            "Navn, Post- og leveringsadresse", "Transport- og leveringsselskaper", "Nei",
            "5 år etter utgangen av regnskapsåret", "Rollebasert tilgangsstyring", "Den registrerte",
            f"Leverandør {prefix} {n % 20}", "Nei", "Sjekk",
        ])
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def timed(function):
    """The result, seconds and number of queries (counted, not logged: the log keeps only 9,000)."""
    count = 0

    def counter(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        start = time.perf_counter()
        result = function()
        seconds = time.perf_counter() - start
    return result, seconds, count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--write-max", type=int, default=10000, help="Write (not only dry-run) sizes up to this.")
    options = parser.parse_args()
    call_command("migrate", verbosity=0)
    organisation = Organisation.objects.create(name="Bench AS", email="privacy@bench.example")
    files = {rows: sheet(rows, f"Aktivitet {rows}") for rows in options.rows}
    # Every dry run sees the same record, so their queries can be compared.
    dry = {}
    for rows, data in files.items():
        _book, baseline, _q = timed(lambda data=data: list(
            load_workbook(io.BytesIO(data), read_only=True).active.iter_rows(values_only=True)
        ))
        plan, seconds, queries = timed(
            lambda data=data: plan_import(data, "bench.xlsx", create_missing=True, organisation=organisation)
        )
        assert plan.errors == [], plan.errors[:3]
        dry[rows] = (plan, seconds, queries, baseline)
    print(f"{'rows':>7} {'dry run s':>10} {'dry run q':>10} {'openpyxl s':>11} {'ratio':>6} {'write s':>9} "
          f"{'write q':>8} {'q/row':>6}")
    smallest = dry[min(dry)][2]
    written = {}
    for rows, (plan, seconds, queries, baseline) in dry.items():
        line = f"{rows:>7} {seconds:>10.2f} {queries:>10} {baseline:>11.2f} {seconds / baseline:>6.1f}"
        if rows <= options.write_max:
            _counts, write_seconds, write_queries = timed(lambda plan=plan: plan.apply(filename="bench.xlsx"))
            assert ProcessingActivity.objects.filter(name__startswith=f"Aktivitet {rows} ").count() == rows
            line += f" {write_seconds:>9.2f} {write_queries:>8} {write_queries / rows:>6.1f}"
            written[rows] = write_queries
        print(line)
    grew = {rows: queries for rows, (_plan, _s, queries, _b) in dry.items() if queries != smallest}
    print("dry-run queries: constant" if not grew else f"dry-run queries grew: {grew} (smallest size: {smallest})")
    if len(written) > 1:
        (small, small_queries), (large, large_queries) = sorted(written.items())[-2:]
        print(f"write: {(large_queries - small_queries) / (large - small):.2f} queries per further row")


if __name__ == "__main__":
    main()
