"""Benchmark: one officer's 50 activities in an install of 200 workspaces × 50, against an install of only those 50.

Run: `.venv/bin/python bench/workspaces_bench.py [--workspaces 200] [--activities 50] [--repeat 5]`
Uses two throwaway SQLite files unless DATABASE_URL is set (e.g. under `.ci/with-postgres`, where a second
database is created beside it). Both installs are filled the same way (issue 23, "Proof"): the officer's
workspace, with its controllers, processors, agreements, systems and activities (purposes, retention rules,
category links, processor uses, transfers, each with its history rows), is the first of both; the large one holds
the other workspaces too, filled alike. An officer with a Membership of that workspace opens the activity
changelist and exports the record (XLSX) through Django's test client. The two installs take turns in every
round (the connection is pointed at one database, then the other), so a busy machine slows them alike; the bench
prints each page's queries and median seconds in both, and the ratio large / small (goal ≤ 1.2×, with the same
number of queries).
"""

import argparse
import datetime
import io
import logging
import os
import shutil
import statistics
import tempfile
import time

from django_setup import setup_django

setup_django()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from filling import link_with_history  # noqa: E402
from openpyxl import load_workbook  # noqa: E402
from simple_history.utils import bulk_create_with_history  # noqa: E402

from ropa.exports.layouts import SHEET_TITLES  # noqa: E402
from ropa.models import (  # noqa: E402
    DataProcessingAgreement,
    DataSubjectCategory,
    LegalBasis,
    Membership,
    Organisation,
    PersonalDataCategory,
    ProcessingActivity,
    Processor,
    ProcessorUse,
    Purpose,
    RecipientCategory,
    RetentionRule,
    Role,
    SecurityMeasure,
    System,
    Transfer,
    Workspace,
)

ORGANISATIONS = 2  # controllers per workspace (a group of two companies sharing one privacy function)
PROCESSORS = 3
SYSTEMS = 2
LINKS = {  # shared vocabulary (no workspace): how many entries each activity links
    "data_subject_categories": (DataSubjectCategory, 3),
    "personal_data_categories": (PersonalDataCategory, 5),
    "recipient_categories": (RecipientCategory, 2),
    "security_measures": (SecurityMeasure, 4),
}
CHANGELIST = "/admin/ropa/processingactivity/"
EXPORT = "/admin/ropa/processingactivity/export-record/"


def fill(workspaces: int, per_workspace: int) -> None:
    """`workspaces` clients of `per_workspace` activities each, every row with its history row, as the import and
    the admin would leave them; client 000 is the officer's and is filled alike in both installs."""
    spaces = Workspace.objects.bulk_create(Workspace(name=f"Client {w:03}") for w in range(workspaces))
    organisations = bulk_create_with_history(
        [
            Organisation(workspace=space, name=f"Client {w:03} company {o}", email=f"privacy@c{w}-{o}.example",
                         country="NO", address=f"Storgata {o + 1}, 0155 Oslo")
            for w, space in enumerate(spaces) for o in range(ORGANISATIONS)
        ],
        Organisation, batch_size=2000,
    )
    systems = bulk_create_with_history(
        [System(workspace=space, name=f"System {s}") for space in spaces for s in range(SYSTEMS)],
        System, batch_size=2000,
    )
    processors = bulk_create_with_history(
        [
            Processor(workspace=space, organisation=organisations[w * ORGANISATIONS + p % ORGANISATIONS],
                      name=f"Vendor {p}", service="Hosting", countries=["NO", "US"] if p == 0 else ["SE"])
            for w, space in enumerate(spaces) for p in range(PROCESSORS)
        ],
        Processor, batch_size=2000,
    )
    bulk_create_with_history(
        [
            DataProcessingAgreement(processor=processor, signed_on=datetime.date(2025, 1, 1),
                                    **{f"clause_{letter}": True for letter in "abcdefgh"})
            for processor in processors[::2]
        ],
        DataProcessingAgreement, batch_size=2000,
    )
    activities = bulk_create_with_history(
        [
            ProcessingActivity(
                organisation=organisations[w * ORGANISATIONS + n % ORGANISATIONS], name=f"Activity {n:03}",
                department=f"Department {n % 6}", owner="Head of sales", status=ProcessingActivity.Status.ACTIVE,
                transfers_outside_eea="no", description="Orders placed in the web shop, from checkout to delivery.",
                last_reviewed=datetime.date(2026, 1, 1 + n % 28),
            )
            for w in range(workspaces) for n in range(per_workspace)
        ],
        ProcessingActivity, batch_size=2000,
    )
    links = {name: (list(model.objects.filter(workspace=None).order_by("pk")), count)
             for name, (model, count) in LINKS.items()}
    by_workspace = {}
    for system in systems:
        by_workspace.setdefault(system.workspace_id, []).append(system)
    for name in [*LINKS, "systems"]:
        pairs = []
        for n, activity in enumerate(activities):
            if name == "systems":
                entries, count = by_workspace[spaces[n // per_workspace].pk], 1
            else:
                entries, count = links[name]
            pairs += [(activity.pk, entries[(n + k) % len(entries)].pk) for k in range(count)]
        link_with_history(name, pairs)
    bulk_create_with_history(
        [Purpose(activity=a, description=f"Deliver orders {n % per_workspace}", article6=LegalBasis.Article6.CONTRACT)
         for n, a in enumerate(activities)]
        + [Purpose(activity=a, description="Keep the accounts", article6=LegalBasis.Article6.LEGAL_OBLIGATION,
                   legal_reference="bokføringsloven § 13") for a in activities[::2]],
        Purpose, batch_size=2000,
    )
    bulk_create_with_history(
        [RetentionRule(activity=a, duration=5, runs_from=RetentionRule.Event.END_OF_FINANCIAL_YEAR,
                       legal_reference="bokføringsloven § 13") for a in activities],
        RetentionRule, batch_size=2000,
    )
    bulk_create_with_history(
        [ProcessorUse(activity=a, processor=processors[(n // per_workspace) * PROCESSORS + n % PROCESSORS])
         for n, a in enumerate(activities)],
        ProcessorUse, batch_size=2000,
    )
    bulk_create_with_history(
        [Transfer(activity=a, recipient="Analytics Inc.", destination_country="US", tool=Transfer.Tool.SCC,
                  scc_module=Transfer.SccModule.C2P) for a in activities[::10]],
        Transfer, batch_size=2000,
    )
    # bulk_create() sends no signals: work the stored completeness facts out once, as a migration would.
    ProcessingActivity.objects.refresh_completeness()


def use(database: str) -> None:
    """Point the one connection at `database` (a file for SQLite, a name for PostgreSQL)."""
    connection.close()
    connection.settings_dict["NAME"] = database


def migrated_pair(small: str, large: str) -> None:
    """Both databases with every migration applied: migrated once and copied (migrating takes a minute or more)."""
    started = time.perf_counter()
    use(large)
    call_command("migrate", verbosity=0)
    if connection.vendor == "sqlite":
        connection.close()
        shutil.copyfile(large, small)
    else:
        use("postgres")
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{small}"')
            cursor.execute(f'CREATE DATABASE "{small}" TEMPLATE "{large}"')
    print(f"  migrated in {time.perf_counter() - started:.1f} s")


def make_install(database: str, workspaces: int, per_workspace: int) -> Client:
    """Fill `database`; the officer of client 000, logged in, is returned as a test client."""
    use(database)
    started = time.perf_counter()
    fill(workspaces, per_workspace)
    officer = User.objects.create_user("officer", "officer@example.com", "bench-password-long", is_staff=True)
    Membership.objects.create(user=officer, workspace=Workspace.objects.get(name="Client 000"), role=Role.OFFICER)
    print(f"  {workspaces} workspaces × {per_workspace} = {ProcessingActivity.objects.count():,} activities "
          f"filled in {time.perf_counter() - started:.1f} s")
    client = Client(HTTP_HOST="localhost")
    client.force_login(officer)
    return client


EXPORT_FORM = {"language": "nb", "file_format": "xlsx", "day": "", "organisation": ""}


def fetch(client: Client, page: str):
    response = client.post(EXPORT, EXPORT_FORM) if page == "export" else client.get(CHANGELIST)
    assert response.status_code == 200, (page, response.status_code)
    return response


def what_they_see(client: Client) -> tuple[int, int]:
    """The changelist's count and the export's activity rows: the same 50 in both installs, or the bench is wrong."""
    listed = fetch(client, "changelist").context_data["cl"].result_count
    workbook = load_workbook(io.BytesIO(fetch(client, "export").content), read_only=True)
    sheet = workbook[SHEET_TITLES["nb"]["activities"]]
    return listed, sum(1 for row in sheet.iter_rows(min_row=2, values_only=True) if any(row))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workspaces", type=int, default=200)
    parser.add_argument("--activities", type=int, default=50, help="activities per workspace")
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    logging.getLogger("axes").setLevel(logging.WARNING)  # one login per install, not worth a line each

    if connection.vendor == "sqlite":
        folder = tempfile.mkdtemp(prefix="ropa-bench-")
        small, large = f"{folder}/small.sqlite3", f"{folder}/large.sqlite3"
    else:
        large = connection.settings_dict["NAME"]
        small = f"{large}_small"
    print(f"database: {connection.vendor}; load average {' '.join(f'{f:.2f}' for f in os.getloadavg())}")
    migrated_pair(small, large)
    clients = {
        "small": (small, make_install(small, 1, options.activities)),
        "large": (large, make_install(large, options.workspaces, options.activities)),
    }
    seen = {}
    for install, (database, client) in clients.items():
        use(database)
        seen[install] = what_they_see(client)
    print(f"  the officer sees (changelist, export rows): small {seen['small']}, large {seen['large']}")
    assert seen["small"] == seen["large"], seen

    pages = ("changelist", "export")
    timings = {(install, page): [] for install in clients for page in pages}
    queries = {}
    for _ in range(options.repeat):
        for install, (database, client) in clients.items():
            use(database)
            for page in pages:
                fetch(client, page)  # warm the connection and the caches after the switch
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    fetch(client, page)
                    timings[install, page].append(time.perf_counter() - started)
                queries.setdefault((install, page), set()).add(len(captured.captured_queries))

    print(f"{options.repeat} rounds, medians; load average after {' '.join(f'{f:.2f}' for f in os.getloadavg())}")
    print(f"{'page':<12} {'queries small':>13} {'queries large':>13} {'small s':>8} {'large s':>8} {'ratio':>6}")
    for page in pages:
        small_s = statistics.median(timings["small", page])
        large_s = statistics.median(timings["large", page])
        counts = [",".join(map(str, sorted(queries[install, page]))) for install in clients]
        print(f"{page:<12} {counts[0]:>13} {counts[1]:>13} {small_s:>8.3f} {large_s:>8.3f} "
              f"{large_s / small_s:>5.2f}x")
    print("goal: the same queries and a ratio <= 1.2x")


if __name__ == "__main__":
    main()
