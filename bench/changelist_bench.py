"""Benchmark: the activity changelist on 10,000 activities against a plain admin list of the same rows.

Run: `.venv/bin/python bench/changelist_bench.py [--activities 10000] [--repeat 7]`
Uses a throwaway SQLite file unless DATABASE_URL is set (e.g. under `.ci/with-postgres`).
Prints queries and median seconds per page for ropa's changelist (completeness, legal bases, filters)
and for a plain ModelAdmin showing only the name, measured in the same run, and their ratio.
"""

import argparse
import statistics
import sys
import time
import types

from django_setup import setup_django

setup_django()

from django.contrib import admin  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import path  # noqa: E402

from config import urls as project_urls  # noqa: E402
from ropa.models import (  # noqa: E402
    DataSubjectCategory,
    LegalBasis,
    Organisation,
    PersonalDataCategory,
    ProcessingActivity,
    Purpose,
    RecipientCategory,
    RetentionRule,
    SecurityMeasure,
)


def fill(count: int) -> None:
    """Bulk-create `count` activities with purposes, retention and m2m links (a bench may skip history)."""
    organisations = [
        Organisation.objects.create(name=f"Shop {n}", email=f"privacy@shop{n}.example", country="NO") for n in range(5)
    ]
    activities = ProcessingActivity.objects.bulk_create(
        ProcessingActivity(
            organisation=organisations[n % 5],
            name=f"Activity {n:05}",
            department=f"Department {n % 12}",
            status=ProcessingActivity.Status.ACTIVE,
            transfers_outside_eea="no" if n % 3 else "unknown",
        )
        for n in range(count)
    )
    Purpose.objects.bulk_create(
        Purpose(activity=a, description="Deliver orders", article6=LegalBasis.Article6.CONTRACT) for a in activities
    )
    RetentionRule.objects.bulk_create(
        RetentionRule(activity=a, duration=5, runs_from=RetentionRule.Event.END_OF_FINANCIAL_YEAR)
        for n, a in enumerate(activities)
        if n % 4
    )
    links = [
        ("data_subject_categories", list(DataSubjectCategory.objects.all()[:3]), "datasubjectcategory"),
        (
            "personal_data_categories",
            list(PersonalDataCategory.objects.filter(kind="ordinary")[:5]),
            "personaldatacategory",
        ),
        ("recipient_categories", list(RecipientCategory.objects.all()[:2]), "recipientcategory"),
        ("security_measures", list(SecurityMeasure.objects.all()[:4]), "securitymeasure"),
    ]
    for field, targets, column in links:
        through = getattr(ProcessingActivity, field).through
        through.objects.bulk_create(through(processingactivity=a, **{column: t}) for a in activities for t in targets)


class PlainAdmin(admin.ModelAdmin):
    list_display = ["name"]


plain_site = admin.AdminSite(name="plain")
plain_site.register(ProcessingActivity, PlainAdmin)
bench_urls = types.ModuleType("bench_urls")
bench_urls.urlpatterns = [*project_urls.urlpatterns, path("plain/", plain_site.urls)]
sys.modules["bench_urls"] = bench_urls


def measure(client: Client, url: str, repeat: int) -> tuple[int, float]:
    client.get(url)  # warm caches
    timings = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return len(queries.captured_queries), statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--activities", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    fill(args.activities)
    print(
        f"database: {connection.vendor}; filled {args.activities} activities in {time.perf_counter() - started:.1f} s"
    )

    user = User.objects.create_superuser("bench", "bench@example.com", "bench-password-long")
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    with override_settings(ROOT_URLCONF="bench_urls"):
        plain_queries, plain_seconds = measure(client, "/plain/ropa/processingactivity/", args.repeat)
        print(f"{'page':<42} {'queries':>7} {'median s':>9} {'× plain':>8}")
        print(f"{'plain admin list (name only)':<42} {plain_queries:>7} {plain_seconds:>9.3f} {1.0:>8.2f}")
        pages = {
            "ropa changelist": "",
            "ropa changelist, incomplete filter": "?complete=no",
            "ropa changelist, legal basis filter": f"?basis={LegalBasis.Article6.CONTRACT}",
            "ropa changelist, search": "?q=Activity+00042",
        }
        for label, query in pages.items():
            queries, seconds = measure(client, f"/admin/ropa/processingactivity/{query}", args.repeat)
            print(f"{label:<42} {queries:>7} {seconds:>9.3f} {seconds / plain_seconds:>8.2f}")


if __name__ == "__main__":
    main()
