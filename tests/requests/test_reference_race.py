"""Two requests saved at the same moment on PostgreSQL still get distinct references (RR-YYYY-NNNN)."""

import datetime
import threading

import pytest
from django.db import connection, connections

from requests.models import RightsRequest


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections to a server database")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_requests_get_distinct_references(organisation, monkeypatch):
    """Both threads read the same last reference before either inserts; the unique index makes one retry."""
    barrier = threading.Barrier(2, timeout=10)
    real = RightsRequest.next_reference
    first_call = threading.local()

    def racing_next_reference(year: int) -> str:
        reference = real(year)
        if not getattr(first_call, "done", False):
            first_call.done = True
            barrier.wait()  # both threads hold the same "next" reference here
        return reference

    monkeypatch.setattr(RightsRequest, "next_reference", staticmethod(racing_next_reference))
    references, errors = [], []

    def create() -> None:
        try:
            request = RightsRequest.objects.create(
                organisation=organisation, requester_email="kari@example.net", received=datetime.date(2026, 3, 5),
            )
            references.append(request.reference)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=create) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(references) == ["RR-2026-0001", "RR-2026-0002"]
