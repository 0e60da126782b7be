"""Benchmark: the API's activity list (/api/v1/activities/) on 10,000 activities, read page by page, against a bare
DRF ModelSerializer list of the same rows, measured in the same run.

Run: `.venv/bin/python bench/api_bench.py [--activities 10000] [--page-sizes 50,500]`
Uses a throwaway SQLite file unless DATABASE_URL is set (e.g. under `.ci/with-postgres`).
Prints, per page size, the queries of every page (one number when they are all equal: a fixed cost per page), the
median seconds per page of both lists and their ratio (goal: at most 1.5x, issue 24).

Two bare lists, both DRF's page pagination over the same rows with their links prefetched, and no authentication,
permission or throttling:
- "bare": a plain ModelSerializer, fields "__all__" (the activity's own columns and its links as ids);
- "bare+parts": a plain ModelSerializer of exactly the API's fields, with the same nested purposes, retention
  rules, processors and transfers (the API's own nested serializers, which are plain ModelSerializers).
The first ratio is the API against the plainest list; the second is what the token, the workspace narrowing and the
problem handling cost on top of the same output.
"""

import argparse
import statistics
import sys
import time
import types

from django_setup import setup_django

setup_django()

from changelist_bench import fill  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Prefetch  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import path  # noqa: E402
from rest_framework import generics, serializers  # noqa: E402
from rest_framework.pagination import PageNumberPagination  # noqa: E402
from rest_framework.permissions import AllowAny  # noqa: E402

from config import urls as project_urls  # noqa: E402
from ropa.api.activities import (  # noqa: E402
    ActivitySerializer,
    ActivityTransferSerializer,
    ProcessorUseSerializer,
    PurposeSerializer,
    RetentionRuleSerializer,
)
from ropa.models import (  # noqa: E402
    ApiToken,
    Membership,
    Organisation,
    ProcessingActivity,
    Processor,
    ProcessorUse,
    Role,
    Workspace,
)


class BareSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProcessingActivity
        fields = "__all__"


class BarePagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500


class BareList(generics.ListAPIView):
    queryset = ProcessingActivity.objects.order_by("pk").prefetch_related(
        "data_subject_categories", "personal_data_categories", "recipient_categories", "security_measures",
        "systems", "joint_controllers",
    )
    serializer_class = BareSerializer
    pagination_class = BarePagination
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []


class BarePartsSerializer(serializers.ModelSerializer):
    purposes = PurposeSerializer(many=True, read_only=True)
    retention_rules = RetentionRuleSerializer(many=True, read_only=True)
    processors = ProcessorUseSerializer(source="processor_uses", many=True, read_only=True)
    transfers = ActivityTransferSerializer(many=True, read_only=True)

    class Meta:
        model = ProcessingActivity
        fields = ActivitySerializer.Meta.fields


class BarePartsList(BareList):
    queryset = BareList.queryset.prefetch_related(
        "purposes", "retention_rules", "transfers",
        Prefetch("processor_uses", ProcessorUse.objects.select_related("processor")),
    )
    serializer_class = BarePartsSerializer


bench_urls = types.ModuleType("bench_api_urls")
bench_urls.urlpatterns = [path("bare/activities/", BareList.as_view()),
                          path("bare-parts/activities/", BarePartsList.as_view()), *project_urls.urlpatterns]
sys.modules["bench_api_urls"] = bench_urls


def read_all(client: Client, url: str, page_size: int, headers: dict) -> tuple[list[int], list[float]]:
    """Every page in turn: the queries and seconds of each."""
    queries, seconds = [], []
    page = 1
    while True:
        connection.queries_log.clear()  # a full log (9,000 queries) would make every later count 0
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url, {"page": page, "page_size": page_size}, headers=headers)
            seconds.append(time.perf_counter() - started)
        assert response.status_code == 200, response.content[:500]
        queries.append(len(captured.captured_queries))
        if response.json()["next"] is None:
            return queries, seconds
        page += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--activities", type=int, default=10_000)
    parser.add_argument("--page-sizes", default="50,500")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    fill(args.activities)
    workspace = Workspace.objects.create(name="Bench workspace")
    Organisation.objects.update(workspace=workspace)
    Processor.objects.update(workspace=workspace)
    print(f"database: {connection.vendor}; filled {args.activities} activities in "
          f"{time.perf_counter() - started:.1f} s")

    officer = User.objects.create_user("bench-officer", "officer@example.com", "bench-password-long", is_staff=True)
    Membership.objects.create(user=officer, workspace=workspace, role=Role.OFFICER)
    token = ApiToken(user=officer, name="Bench")
    secret = token.issue()
    token.save()
    bearer = {"Authorization": f"Bearer {secret}"}
    client = Client(HTTP_HOST="localhost")

    lists = {"api": "/api/v1/activities/", "bare": "/bare/activities/", "bare+parts": "/bare-parts/activities/"}
    print(f"{'page size':>9} {'pages':>5} " + " ".join(f"{name + ' q/page':>17}" for name in lists)
          + " " + " ".join(f"{name + ' s/page':>17}" for name in lists) + f" {'api/bare':>8} {'api/bare+parts':>14}")
    with override_settings(ROOT_URLCONF="bench_api_urls", API_RATE_LIMIT="1000000/minute"):
        for page_size in (int(size) for size in args.page_sizes.split(",")):
            queries = {name: [] for name in lists}
            seconds = {name: [] for name in lists}
            for name, url in lists.items():  # warm caches
                client.get(url, {"page_size": page_size}, headers=bearer if name == "api" else {})
            # The lists take turns twice, so that a busy machine slows them alike.
            for _round in range(2):
                for name, url in lists.items():
                    q, s = read_all(client, url, page_size, bearer if name == "api" else {})
                    queries[name] += q
                    seconds[name] += s
            pages = len(queries["api"]) // 2
            median = {name: statistics.median(values) for name, values in seconds.items()}
            print(f"{page_size:>9} {pages:>5} " + " ".join(f"{shown(queries[name]):>17}" for name in lists)
                  + " " + " ".join(f"{median[name]:>17.4f}" for name in lists)
                  + f" {median['api'] / median['bare']:>8.2f} {median['api'] / median['bare+parts']:>14.2f}")
    print("queries a..b: the token's last use is written at most once a minute, one query more on that page")


def shown(counts: list[int]) -> str:
    distinct = sorted(set(counts))
    return str(distinct[0]) if len(distinct) == 1 else f"{distinct[0]}..{distinct[-1]}"


if __name__ == "__main__":
    main()
