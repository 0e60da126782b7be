"""The website's "check now" button queues a check for the worker and never browses inside the request."""

import pytest
from django.urls import reverse

from ropa.website.models import Website, WebsiteCheck

pytestmark = pytest.mark.django_db


@pytest.fixture
def website(organisation):
    return Website.objects.create(organisation=organisation, address="https://www.verdifull.example/")


def test_the_button_queues_one_check_for_the_worker(officer_client, website):
    url = reverse("admin:ropa_website_check", args=[website.pk])
    assert officer_client.post(url).status_code == 302
    assert officer_client.post(url).status_code == 302  # a second press while it waits queues nothing more
    check = WebsiteCheck.objects.get()
    assert (check.website, check.status, check.pages_checked) == (website, WebsiteCheck.Status.QUEUED, 0)
    page = officer_client.get(reverse("admin:ropa_website_change", args=[website.pk])).content.decode()
    assert "0 of 0 pages" in page or "0 av 0 sider" in page


def test_an_auditor_cannot_start_a_check(auditor_client, website):
    response = auditor_client.post(reverse("admin:ropa_website_check", args=[website.pk]))
    assert response.status_code == 403
    assert not WebsiteCheck.objects.exists()


def test_the_worker_runs_the_queued_check_with_the_command_s_guards(officer_client, organisation):
    """The button's check is a job of the worker's (ropa/jobs), run with the guards of `check_website`: a start page
    on a loopback address is refused there too, and the officer sees why on the website's page."""
    from ropa.jobs.models import Job
    from ropa.jobs.worker import run_jobs

    local = Website.objects.create(organisation=organisation, address="http://127.0.0.1:9/")
    assert officer_client.post(reverse("admin:ropa_website_check", args=[local.pk])).status_code == 302
    job = Job.objects.get()
    assert job.function == "ropa.website.jobs.check_website" and job.owner.username == "officer"
    assert run_jobs() == 1
    check = WebsiteCheck.objects.get()
    assert check.status == WebsiteCheck.Status.FAILED and check.error
    job.refresh_from_db()
    assert job.error == check.error
    page = officer_client.get(reverse("admin:ropa_website_change", args=[local.pk]), headers={"accept-language": "en"})
    assert "Failed" in page.content.decode()
