"""Benchmark at scale: 100,000 activities and 1,000,000 history rows on PostgreSQL, the as-of export and the changelist.

Run: `.ci/with-postgres .venv/bin/python bench/scale_bench.py [--activities 100000] [--history 1000000]`
Fills the tables with COPY (bench only: no signals, no history middleware), then prints the seconds
of an as-of export to XLSX (a past day, so every row comes from history) against writing the same
cells with openpyxl directly, and the changelist pages against a plain admin list, from the same run.
"""

import argparse
import datetime
import io
import statistics
import sys
import time

from django_setup import setup_django

setup_django()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from ropa.exports.record import build_sheets  # noqa: E402
from ropa.exports.writers import write_xlsx  # noqa: E402
from ropa.models import Organisation, ProcessingActivity, Purpose, RetentionRule  # noqa: E402
from ropa.models.activities import STORED_FACTS  # noqa: E402


def copy(table: str, columns: list[str], rows) -> None:
    """COPY rows (tuples) into `table`, tab-separated, streamed from a generator."""
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join("\\N" if value is None else str(value) for value in row) + "\n")
    buffer.seek(0)
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as pipe:
        while chunk := buffer.read(1 << 20):
            pipe.write(chunk)


def other_columns(model, named: list[str]) -> tuple[list[str], list]:
    """The columns of `model` not in `named`, each with its field's default, so that a column added to
    the model later needs no change here (COPY fills no defaults)."""
    fields = [field for field in model._meta.concrete_fields if not field.primary_key and field.column not in named]
    return [field.column for field in fields], [field.get_default() for field in fields]


def fill(activities: int, history: int) -> None:
    """`activities` activities with a purpose and a retention rule each; history rows up to `history`
    in total, as several versions per activity (older versions with other names)."""
    organisations = [
        Organisation.objects.create(name=f"Shop {n} AS", email=f"privacy@shop{n}.example", country="NO")
        for n in range(5)
    ]
    moment = timezone.now() - datetime.timedelta(days=30)
    created = moment.isoformat()
    common = ["description", "department", "owner", "status", "source_kind", "source_description",
              "recipients_description", "transfers_outside_eea", "security_description",
              "automated_decision_making", "profiling", "automated_decision_description", "is_high_risk",
              "dpia_required", "dpia_status", "dpia_link", "public_description", "internal_notes"]
    values = ["Orders from the web shop.", "Sales", "Head of sales", "active", "", "", "", "no",
              "Access by role.", "false", "false", "", "unknown", "unknown", "", "", "", ""]
    named = ["id", "organisation_id", "name", *common, "created_at", "updated_at", *STORED_FACTS]
    rest, defaults = other_columns(ProcessingActivity, named)
    copy("ropa_processingactivity", [*named, *rest],
         ((n, organisations[n % 5].pk, f"Activity {n:06}", *values, created, created, *["false"] * len(STORED_FACTS),
           *defaults) for n in range(1, activities + 1)))
    purpose = ["id", "activity_id", "description", "article6", "article9", "article10", "legal_reference",
               "balancing_test", "consent_record"]
    purpose_rest, purpose_defaults = other_columns(Purpose, purpose)
    copy("ropa_purpose", [*purpose, *purpose_rest],
         ((n, n, "Deliver orders", "6.1.b", "", "", "", "", "", *purpose_defaults) for n in range(1, activities + 1)))
    rule = ["id", "activity_id", "duration", "unit", "runs_from", "legal_reference", "description"]
    rule_rest, rule_defaults = other_columns(RetentionRule, rule)
    copy("ropa_retentionrule", [*rule, *rule_rest],
         ((n, n, 5, "years", "end_of_financial_year", "bokføringsloven § 13", "", *rule_defaults)
          for n in range(1, activities + 1)))
    # History: purposes and rules once each, the rest as versions of the activities.
    history_columns = ["id", "organisation_id", "name", *common, "created_at", "updated_at", "history_date",
                       "history_type", "history_change_reason", "history_user_id"]
    history_rest, history_defaults = other_columns(ProcessingActivity.history.model, history_columns)
    per_activity = max(1, (history - 2 * activities) // activities)

    def versions():
        for version in range(per_activity):
            day = (moment + datetime.timedelta(minutes=version)).isoformat()
            for n in range(1, activities + 1):
                name = f"Activity {n:06}" if version == per_activity - 1 else f"Draft {n:06} v{version}"
                yield (n, organisations[n % 5].pk, name, *values, created, created, day,
                       "+" if version == 0 else "~", None, None, *history_defaults)

    copy("ropa_historicalprocessingactivity", [*history_columns, *history_rest], versions())
    dated = ["history_date", "history_type"]
    purpose_rest, purpose_defaults = other_columns(Purpose.history.model, [*purpose, *dated])
    copy("ropa_historicalpurpose", [*purpose, *dated, *purpose_rest],
         ((n, n, "Deliver orders", "6.1.b", "", "", "", "", "", created, "+", *purpose_defaults)
          for n in range(1, activities + 1)))
    rule_rest, rule_defaults = other_columns(RetentionRule.history.model, [*rule, *dated])
    copy("ropa_historicalretentionrule", [*rule, *dated, *rule_rest],
         ((n, n, 5, "years", "end_of_financial_year", "", "", created, "+", *rule_defaults)
          for n in range(1, activities + 1)))
    with connection.cursor() as cursor:
        for table in ("ropa_processingactivity", "ropa_purpose", "ropa_retentionrule"):
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")  # noqa: S608 (our own three table names, a bench)
        cursor.execute("ANALYZE")
    ProcessingActivity.objects.refresh_completeness()


def seconds(function, repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=100_000)
    parser.add_argument("--history", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("scale_bench needs PostgreSQL: run it under .ci/with-postgres")

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    fill(options.activities, options.history)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM ropa_historicalprocessingactivity")
        history_rows = cursor.fetchone()[0] + 2 * options.activities
    print(f"filled {options.activities:,} activities, {history_rows:,} history rows "
          f"in {time.perf_counter() - started:.0f} s")

    day = timezone.localdate() - datetime.timedelta(days=1)
    read = seconds(lambda: build_sheets(day, language="nb"), options.repeat)
    sheets = build_sheets(day, language="nb")
    write = seconds(lambda: write_xlsx(sheets, io.BytesIO()), options.repeat)
    sys.path.insert(0, ".")
    from export_bench import direct_write  # noqa: PLC0415

    direct = seconds(lambda: direct_write(sheets), options.repeat)
    print(f"as-of export, XLSX:       {read + write:.2f} s (history and rows {read:.2f} s, writing {write:.2f} s)")
    print(f"openpyxl write-only:      {direct:.2f} s for the same cells; ratio {(read + write) / direct:.2f}x")

    from changelist_bench import measure  # noqa: PLC0415 (registers the plain admin list)

    user = User.objects.create_superuser("bench", "bench@example.com", "bench-password-long")
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    changelist = "/admin/ropa/processingactivity/"
    pages = {
        "plain admin list (name only)": "/plain/ropa/processingactivity/",
        "ropa changelist": changelist,
        "completeness: something missing": f"{changelist}?complete=no",
        "completeness: complete": f"{changelist}?complete=yes",
        "legal basis filter": f"{changelist}?basis=6.1.b",
    }
    with override_settings(ROOT_URLCONF="bench_urls"):
        results = measure(client, pages, options.repeat)
    plain = results["plain admin list (name only)"][1]
    for label, (queries, spent) in results.items():
        print(f"{label:<36} {queries:>3} queries {spent:>7.3f} s {spent / plain:>6.2f}x plain")


if __name__ == "__main__":
    main()
