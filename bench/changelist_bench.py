"""Benchmark: the activity changelist on 10,000 activities against a plain admin list of the same rows.

Run: `.venv/bin/python bench/changelist_bench.py [--activities 10000] [--repeat 7]`
Uses a throwaway SQLite file unless DATABASE_URL is set (e.g. under `.ci/with-postgres`).
Prints queries and median seconds per page for ropa's changelist (unfiltered, searched, and each filter)
and for a plain ModelAdmin showing only the name, measured in the same run, and their ratio.
"""

import argparse
import datetime
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
    Art30Item,
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
    Transfer,
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
            next_review=datetime.date(2026, 1, 1) if n % 7 == 0 else None,
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
    processors = [
        Processor.objects.create(name=f"Vendor {n}", organisation=organisations[n % 5], service="Hosting")
        for n in range(10)
    ]
    for processor in processors[::2]:
        DataProcessingAgreement.objects.create(
            processor=processor, signed_on=datetime.date(2025, 1, 1), **{f"clause_{c}": True for c in "abcdefgh"},
        )
    ProcessorUse.objects.bulk_create(
        ProcessorUse(activity=a, processor=processors[n % 10]) for n, a in enumerate(activities) if n % 2
    )
    Transfer.objects.bulk_create(
        Transfer(activity=a, recipient="Analytics Inc.", destination_country="US", tool=Transfer.Tool.SCC,
                 scc_module=Transfer.SccModule.C2P if n % 20 else "")
        for n, a in enumerate(activities[::10])
    )
    # bulk_create() sends no signals: work the stored completeness facts out once, as a migration would.
    ProcessingActivity.objects.refresh_completeness()


class PlainAdmin(admin.ModelAdmin):
    list_display = ["name"]


plain_site = admin.AdminSite(name="plain")
plain_site.register(ProcessingActivity, PlainAdmin)
bench_urls = types.ModuleType("bench_urls")
bench_urls.urlpatterns = [*project_urls.urlpatterns, path("plain/", plain_site.urls)]
sys.modules["bench_urls"] = bench_urls


def measure(client: Client, urls: dict[str, str], repeat: int) -> dict[str, tuple[int, float]]:
    """Queries and median seconds per page; the pages take turns, so a busy machine slows them alike."""
    timings: dict[str, list[float]] = {label: [] for label in urls}
    queries: dict[str, int] = {}
    for url in urls.values():
        client.get(url)  # warm caches
    for _ in range(repeat):
        for label, url in urls.items():
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                timings[label].append(time.perf_counter() - started)
            assert response.status_code == 200, response.status_code
            queries[label] = len(captured.captured_queries)
    return {label: (queries[label], statistics.median(timings[label])) for label in urls}


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
    changelist = "/admin/ropa/processingactivity/"
    pages = {
        "plain admin list (name only)": "/plain/ropa/processingactivity/",
        "ropa changelist": changelist,
        "search": f"{changelist}?q=Activity+00042",
        "status filter": f"{changelist}?status__exact={ProcessingActivity.Status.ACTIVE}",
        "completeness: something missing": f"{changelist}?complete=no",
        "completeness: complete": f"{changelist}?complete=yes",
        "missing item: retention (f)": f"{changelist}?missing={Art30Item.RETENTION}",
        "missing item: processor agreement": f"{changelist}?missing={Art30Item.DPA}",
        "DPIA required but missing": f"{changelist}?dpia=missing",
        "DPIA not screened": f"{changelist}?dpia=unscreened",
        "legal basis filter": f"{changelist}?basis={LegalBasis.Article6.CONTRACT}",
        "special categories filter": f"{changelist}?special={PersonalDataCategory.Kind.SPECIAL}",
        "department filter": f"{changelist}?department=Department+3",
        "review overdue filter": f"{changelist}?review=overdue",
        "no review planned filter": f"{changelist}?review=none",
        "controller filter": f"{changelist}?organisation__id__exact={Organisation.objects.order_by('pk')[0].pk}",
        "every filter at once": f"{changelist}?complete=no&basis={LegalBasis.Article6.CONTRACT}&status__exact=active"
        "&department=Department+3&review=none",
    }
    with override_settings(ROOT_URLCONF="bench_urls"):
        results = measure(client, pages, args.repeat)
    plain_seconds = results["plain admin list (name only)"][1]
    print(f"{'page':<42} {'queries':>7} {'median s':>9} {'× plain':>8}")
    for label, (queries, seconds) in results.items():
        print(f"{label:<42} {queries:>7} {seconds:>9.3f} {seconds / plain_seconds:>8.2f}")
    print(f"worst filter / plain: {max(s for _q, s in results.values()) / plain_seconds:.2f}x (goal <= 1.5x)")


if __name__ == "__main__":
    main()
