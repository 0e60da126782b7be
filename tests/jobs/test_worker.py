"""The job worker: a registered function with JSON arguments runs beside the web, reports progress, and ends
done with its result or failed with a message for the person who asked, within its time limit."""

import datetime
import time

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ropa.jobs.models import Job
from ropa.jobs.queue import JobFailed, background_job, enqueue
from ropa.jobs.worker import MAX_ATTEMPTS, run_jobs

pytestmark = pytest.mark.django_db


@background_job
def count_to(progress, *, n: int) -> dict:
    for i in range(n):
        progress(i + 1, n, f"counted {i + 1}")
    return {"counted": n, "language": translation.get_language()}


@background_job
def refuse(progress) -> None:
    raise JobFailed(_("Save"))  # Django's own msgid, translated in every language


@background_job
def dawdle(progress, *, seconds: float) -> None:
    time.sleep(seconds)


def not_a_job(progress) -> None:
    raise AssertionError("never run")


def test_a_job_runs_in_the_worker_with_its_arguments_and_keeps_its_result_and_progress(privacy_officer):
    with translation.override("sv"):
        job = enqueue(count_to, {"n": 3}, owner=privacy_officer)
    assert (job.function, job.state) == ("tests.jobs.test_worker.count_to", Job.State.QUEUED)
    assert run_jobs() == 1
    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.result == {"counted": 3, "language": "sv"}
    assert (job.progress_done, job.progress_total, job.progress_message, job.percent) == (3, 3, "counted 3", 100)
    assert job.attempts == 1 and job.claimed_by == "" and run_jobs() == 0


def test_only_declared_functions_are_queued_or_run():
    with pytest.raises(LookupError):
        enqueue("tests.jobs.test_worker.not_a_job", {})
    Job.objects.create(function="tests.jobs.test_worker.not_a_job")  # a row written some other way
    run_jobs()
    assert Job.objects.get().state == Job.State.FAILED


def test_a_failing_job_keeps_its_message_in_the_language_of_whoever_asked():
    with translation.override("nb"):
        enqueue(refuse, {})
    run_jobs()
    job = Job.objects.get()
    assert job.state == Job.State.FAILED and job.error == "Lagre"


def test_a_job_over_its_time_limit_is_stopped_with_a_clear_message():
    with translation.override("en"):
        enqueue(dawdle, {"seconds": 30}, time_limit=1)
    run_jobs()
    job = Job.objects.get()
    assert job.state == Job.State.FAILED
    assert "longer than the 1 seconds a job may take" in job.error


def test_a_job_left_by_a_killed_worker_is_run_again_then_given_up():
    job = enqueue(count_to, {"n": 1})
    gone = timezone.now() - datetime.timedelta(seconds=1)
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, attempts=1, claimed_by="dead:1", claimed_until=gone)
    run_jobs()
    job.refresh_from_db()
    assert (job.state, job.attempts) == (Job.State.DONE, 2)
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, attempts=MAX_ATTEMPTS, claimed_until=gone)
    run_jobs()
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and str(MAX_ATTEMPTS) in job.error


def test_a_job_another_worker_holds_is_left_alone():
    job = enqueue(count_to, {"n": 1})
    held = timezone.now() + datetime.timedelta(minutes=5)
    Job.objects.filter(pk=job.pk).update(claimed_by="other:1", claimed_until=held)
    assert run_jobs() == 0


def test_the_worker_command_runs_waiting_jobs_and_the_outbox_in_one_pass(mailoutbox):
    from requests.models import OutboxEmail

    OutboxEmail.queue(kind=OutboxEmail.Kind.RECEIPT, to="kari@example.net", subject="Receipt", body="Hi")
    enqueue(count_to, {"n": 2})
    enqueue(count_to, {"n": 2})
    call_command("worker")
    assert len(mailoutbox) == 1
    assert list(Job.objects.values_list("state", flat=True)) == [Job.State.DONE, Job.State.DONE]
