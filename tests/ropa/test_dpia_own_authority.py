"""DPIA screening against the controller's own authority, and "not screened" where no screening was made.

Art. 35(4): each supervisory authority publishes its own list of processing that needs a DPIA; a Norwegian
controller answers Datatilsynet's, a Swedish one IMY's. An activity never screened has no answer yet, and the
record must not say "DPIA required: no" for it (issue 28, point 5).
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from ropa.models import DpiaScreening, ListedProcessing, Organisation, ProcessingActivity, YesNoUnknown
from tests.ropa.test_export import heading, rows, sheet_by_key, workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def swedish_activity(complete_activity) -> ProcessingActivity:
    organisation = complete_activity.organisation
    organisation.country = "SE"
    organisation.organisation_number = ""
    organisation.save()
    return complete_activity


def test_a_swedish_controller_is_not_screened_against_datatilsynet_s_list(swedish_activity):
    """Art. 35(4): employee monitoring is an item of Datatilsynet's list, not of IMY's; ticking it for a Swedish
    controller is refused, naming IMY."""
    screening = DpiaScreening(
        activity=swedish_activity, listed_processing=[ListedProcessing.EMPLOYEE_MONITORING.value],
    )
    with translation.override("en"), pytest.raises(ValidationError) as error:
        screening.full_clean()
    message = str(error.value)
    assert "Integritetsskyddsmyndigheten (IMY)" in message and "Art. 35(4)" in message


def test_article_35_3_applies_to_every_controller(swedish_activity):
    """Art. 35(3) is in the Regulation itself: listed for Sweden as for Norway."""
    screening = DpiaScreening(activity=swedish_activity, listed_processing=[ListedProcessing.PUBLIC_MONITORING.value])
    screening.full_clean()
    screening.save()
    swedish_activity.refresh_from_db()
    assert swedish_activity.dpia_required == YesNoUnknown.YES


def test_the_screening_form_offers_the_list_of_the_controller_s_authority(officer_client, complete_activity):
    url = reverse("admin:ropa_dpiascreening_add") + f"?activity={complete_activity.pk}"
    norwegian = officer_client.get(url).content.decode()
    assert "employee_monitoring" in norwegian and "Datatilsynet" in norwegian
    organisation = complete_activity.organisation
    organisation.country, organisation.organisation_number = "SE", ""
    organisation.save()
    swedish = officer_client.get(url).content.decode()
    assert "employee_monitoring" not in swedish
    assert "35_3_c" in swedish and "IMY" in swedish


def test_an_activity_never_screened_is_exported_as_not_screened(complete_activity):
    """The export said "DPIA required: no" for activities nobody had screened; it says "not screened"."""
    complete_activity.dpia_required = YesNoUnknown.NO
    complete_activity.save()
    [row] = rows(sheet_by_key(workbook(language="en"), "activities", "en"))
    assert row[heading("activities", "dpia_required", "en")] == "Not screened"
    DpiaScreening.objects.create(activity=complete_activity)
    [row] = rows(sheet_by_key(workbook(language="nb"), "activities", "nb"))
    assert row[heading("activities", "dpia_required", "nb")] == "Nei"


def test_the_activity_list_says_not_screened_instead_of_not_required(officer_client, complete_activity):
    complete_activity.dpia_required = YesNoUnknown.NO
    complete_activity.save()
    url = reverse("admin:ropa_processingactivity_changelist")
    with translation.override("en"):
        page = officer_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Not screened" in page and "Not required" not in page


def test_the_norwegian_export_of_a_swedish_controller_does_not_name_datatilsynet(swedish_activity):
    """Art. 49(1) second subparagraph and Art. 33(1): the authority informed is the controller's own, which for a
    Swedish controller is IMY; the Norwegian headings name the supervisory authority, not Datatilsynet."""
    book = workbook(language="nb", organisation=Organisation.objects.get(pk=swedish_activity.organisation_id))
    headings = [cell.value for sheet in book.worksheets for cell in sheet[1] if cell.value]
    assert "Tilsynsmyndigheten underrettet" in headings
    assert not [text for text in headings if "Datatilsynet" in str(text)]
