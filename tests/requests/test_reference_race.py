"""Two requests saved at the same moment on PostgreSQL still get distinct references (RR-YYYY-NNNN)."""

import datetime
import threading

import pytest
from django.db import connection, connections

from requests.models import RightsRequest


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections to a server database")
@pytest.mark.usefixtures("transactional_db")
def test_concurrent_requests_get_distinct_references(organisation, monkeypatch):
    """Both threads read the same last reference before either inserts; the unique index makes one retry."""
    barrier = threading.Barrier(2, timeout=10)
    real = RightsRequest.next_reference
    first_call = threading.local()

    def racing_next_reference(year: int, **kwargs) -> str:
        reference = real(year, **kwargs)
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


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections to a server database")
@pytest.mark.usefixtures("transactional_db")
def test_web_form_submissions_filed_at_once_are_all_saved_with_distinct_references(organisation):
    """Eight customers press "Send" at the same moment: none is refused and no reference is given twice.

    Numbers are reserved from the year's counter before each request's transaction (reserve_reference()),
    so the eight never wait on, or collide with, each other's uncommitted rows.
    """
    from requests.intake.submission import file_request
    from requests.models import Right

    rights = list(Right.objects.filter(code__in=["15", "17"]))
    barrier = threading.Barrier(8, timeout=20)
    references, errors = [], []

    def submit(number: int) -> None:
        try:
            barrier.wait()
            data = {"name": f"Kunde {number}", "email": f"kunde{number}@example.net", "message": "Innsyn",
                    "language": "nb", "rights": rights}
            references.append(file_request(data, organisation, lambda path: "https://shop.example" + path).reference)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(references)) == 8
    assert RightsRequest.objects.count() == 8
