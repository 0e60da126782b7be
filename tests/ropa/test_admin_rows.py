"""The activity list's rows, written by ropa/admin/rows.py, are exactly the rows Django's admin writes."""

import pytest
from django.contrib import admin
from django.contrib.admin.templatetags.admin_list import results
from django.test import RequestFactory

from ropa.admin.rows import page_rows
from ropa.models import Organisation, ProcessingActivity, YesNoUnknown
from tests.conftest import member_of_every_workspace

LIST_URL = "/admin/ropa/processingactivity/"


def changelist(user, query: str = ""):
    request = RequestFactory().get(f"{LIST_URL}{query}")
    request.user = user
    model_admin = admin.site._registry[ProcessingActivity]
    cl = model_admin.get_changelist_instance(request)
    cl.formset = None  # as changelist_view() sets it for a list without list_editable
    return cl


def django_rows(cl) -> list[str]:
    return ["".join(str(cell) for cell in row) for row in results(cl)]


def our_rows(cl) -> list[str]:
    rows = page_rows(cl)
    assert rows is not None, "the activity list should be written by ropa/admin/rows.py"
    return ["".join(str(cell) for cell in row) for row in rows]


@pytest.fixture
def varied_record(demo_for_the_class, privacy_officer):
    """The demo record, and activities with what a cell must escape, blank and space-only text, a required DPIA.

    The officer is a consultant with the role in each demo company's workspace too, so the rows compared are the
    demo's as well as these."""
    organisation = Organisation.objects.filter(role=Organisation.Role.CONTROLLER).order_by("pk").first()
    member_of_every_workspace(privacy_officer)
    ProcessingActivity.objects.create(
        organisation=organisation, name='<b id="x">Kunde & "klubb"</b>', department="   ",
        dpia_required=YesNoUnknown.YES,
    )
    ProcessingActivity.objects.create(organisation=organisation, name="Lønn", department="HR & økonomi",
                                      dpia_required=YesNoUnknown.NO, status=ProcessingActivity.Status.RETIRED)
    return privacy_officer


class TestTheDemoRows:
    """Rows of the demo record (loaded once for the class: tests/conftest.py) and of a few odd activities."""

    @pytest.mark.parametrize("query", ["", "?complete=no", "?q=kunde&o=2.-3", "?missing=f&status__exact=draft"])
    def test_every_row_is_written_as_django_writes_it(self, varied_record, query):
        cl = changelist(varied_record, query)
        assert len(cl.result_list) > 0
        assert our_rows(cl) == django_rows(cl)

    def test_what_a_cell_holds_is_escaped(self, varied_record):
        rows = our_rows(changelist(varied_record, "?q=klubb"))
        assert len(rows) == 1
        assert "&lt;b id=&quot;x&quot;&gt;Kunde &amp; &quot;klubb&quot;&lt;/b&gt;" in rows[0]
        assert '<b id="x">' not in rows[0]

    def test_a_column_it_does_not_know_leaves_the_page_to_django(self, varied_record, monkeypatch):
        model_admin = admin.site._registry[ProcessingActivity]
        monkeypatch.setattr(model_admin, "list_display", ["name", "is_review_overdue"])  # a model property
        cl = changelist(varied_record)
        assert page_rows(cl) is None

    def test_the_page_shows_the_rows(self, varied_record, officer_client):
        response = officer_client.get(f"{LIST_URL}?q=Lønn")
        content = response.content.decode()
        assert '<td class="field-department">HR &amp; økonomi</td>' in content
        assert content.count('class="action-select"') == 1


