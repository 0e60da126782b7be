"""The notice costs the same number of queries however large the record: writing it (today or a past day, for the
preview and for publishing) and showing the published version."""

import pytest
from django.urls import reverse

from ropa.notice.publishing import render_notice
from ropa.notice.views import notice_for
from tests.notice.conftest import build_shop, publish_now
from tests.notice.test_notice_as_of import at

pytestmark = pytest.mark.django_db

# Today: whether the completeness facts hold for today, the activities with their completeness, eight prefetches,
# the processors' transfers, the introduction, the adequacy decisions, seven for "last changed", the controller's
# representative. A past day: the controller, record_as_of() (one per tracked model and link, and the vocabulary
# entries without history), uses, processors, transfers, decided DPIAs and agreements in force (that day's
# completeness), the introduction, the adequacy decisions, seven for "last changed", the representative.
LIVE_QUERIES = 22  # and one for the cookie register
PAST_QUERIES = 36  # and one for the cookie register
# The public page: the controller, the languages published, the version shown, the list of versions.
PAGE_QUERIES = 4


@pytest.mark.parametrize("size", [3, 40])
def test_today_s_notice_is_written_in_a_fixed_number_of_queries(organisation, size, django_assert_max_num_queries):
    build_shop(organisation, activities=size)
    with django_assert_max_num_queries(LIVE_QUERIES):
        html, _ = render_notice(notice_for(organisation, language="en"), "http://testserver/request/")
    assert html.count('class="notice-activity"') == size


@pytest.mark.parametrize("size", [3, 40])
def test_a_past_day_s_notice_is_written_in_a_fixed_number_of_queries(size, django_assert_max_num_queries):
    import datetime

    from ropa.models import Organisation

    with at("2026-03-02"):
        organisation = Organisation.objects.create(name="Fjellsport AS", email="personvern@fjellsport.example")
        build_shop(organisation, activities=size)
    organisation = Organisation.objects.get(pk=organisation.pk)
    with django_assert_max_num_queries(PAST_QUERIES):
        html, _ = render_notice(notice_for(organisation, datetime.date(2026, 3, 20), "en"), "http://testserver/")
    assert html.count('class="notice-activity"') == size


@pytest.mark.parametrize("size", [3, 40])
def test_the_published_page_runs_a_fixed_number_of_queries(client, organisation, size, django_assert_max_num_queries):
    build_shop(organisation, activities=size)
    publish_now(organisation)
    with django_assert_max_num_queries(PAGE_QUERIES):
        response = client.get(reverse("ropa:privacy_notice", args=[organisation.pk]))
    assert response.content.decode().count('class="notice-activity"') == size
