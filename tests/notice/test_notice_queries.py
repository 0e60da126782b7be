"""The notice costs the same number of queries however large the record, today and on a past day."""

import pytest
from django.urls import reverse

from tests.notice.conftest import build_shop
from tests.notice.test_notice_as_of import at

pytestmark = pytest.mark.django_db

# Today: the controller, whether the completeness facts hold for today, the activities with their completeness,
# eight prefetches, the processors' transfers,
# the introduction, the adequacy decisions, seven for "last changed". A past day: the controller, record_as_of()
# (one per tracked model and link, and the vocabulary entries without history), uses, processors, transfers,
# decided DPIAs and agreements in force (that day's completeness), the introduction, the adequacy decisions, seven
# for "last changed"; and one for the cookie register.
LIVE_QUERIES = 22
PAST_QUERIES = 36


@pytest.mark.parametrize("size", [3, 40])
def test_today_s_notice_runs_a_fixed_number_of_queries(client, organisation, size, django_assert_max_num_queries):
    build_shop(organisation, activities=size)
    url = reverse("ropa:privacy_notice", args=[organisation.pk])
    with django_assert_max_num_queries(LIVE_QUERIES):
        response = client.get(url)
    assert response.content.decode().count('class="notice-activity"') == size


@pytest.mark.parametrize("size", [3, 40])
def test_a_past_day_s_notice_runs_a_fixed_number_of_queries(client, size, django_assert_max_num_queries):
    from ropa.models import Organisation

    with at("2026-03-02"):
        organisation = Organisation.objects.create(name="Fjellsport AS", email="personvern@fjellsport.example")
        build_shop(organisation, activities=size)
    url = reverse("ropa:privacy_notice", args=[organisation.pk])
    with django_assert_max_num_queries(PAST_QUERIES):
        response = client.get(url, {"as_of": "2026-03-20"})
    assert response.content.decode().count('class="notice-activity"') == size
