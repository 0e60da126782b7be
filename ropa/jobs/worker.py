"""Running jobs: claim one with a lease, run it under its time limit and its owner's language, record the outcome.

One job at a time per worker process, between batches of the outbox (`manage.py worker` does both), so a long
import delays e-mails by at most its time limit; run a second worker to keep them apart. A worker killed in a
job leaves its lease to run out; the job then runs again, at most MAX_ATTEMPTS times in all.
"""

import contextlib
import datetime
import logging
import signal
import threading
from collections.abc import Callable

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ropa.jobs.lease import claim_rows, worker_name
from ropa.jobs.models import Job
from ropa.jobs.queue import JobFailed, Progress, resolve

logger = logging.getLogger(__name__)

LEASE = datetime.timedelta(minutes=10)
MAX_ATTEMPTS = 3


class TimeLimitExceeded(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: int | None):
    """Interrupt the block after `seconds` (SIGALRM, so in the main thread of the worker process only)."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise TimeLimitExceeded

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def claim(worker: str) -> Job | None:
    claim_rows(Job.objects.due(timezone.now()).order_by("pk"), worker, limit=1, lease=LEASE)
    job = Job.objects.filter(claimed_by=worker).unfinished().first()
    if job is not None and job.time_limit:
        # The lease outlasts the job's own limit, so no other worker takes a job that is still running.
        job.claimed_until = max(job.claimed_until, timezone.now() + datetime.timedelta(seconds=job.time_limit + 60))
        Job.objects.filter(pk=job.pk, claimed_by=worker).update(claimed_until=job.claimed_until)
    return job


def run(job: Job) -> None:
    """Run one claimed job to its end, recording DONE with the result or FAILED with a message for its owner."""
    language = job.language or settings.LANGUAGE_CODE
    if job.attempts >= MAX_ATTEMPTS:
        with translation.override(language):
            _finish(job, Job.State.FAILED, error=_(
                "The job stopped the worker %(count)s times and was given up."
            ) % {"count": job.attempts})
        return
    job.state, job.started_at, job.attempts = Job.State.RUNNING, timezone.now(), job.attempts + 1
    job.save(update_fields=["state", "started_at", "attempts"])
    with translation.override(language):
        try:
            function = resolve(job.function)
            with time_limit(job.time_limit):
                result = function(Progress(job), **job.arguments)
        except JobFailed as error:
            _finish(job, Job.State.FAILED, error=str(error))
        except TimeLimitExceeded:
            _finish(job, Job.State.FAILED, error=_(
                "It took longer than the %(seconds)s seconds a job may take, and was stopped. Nothing was written."
            ) % {"seconds": job.time_limit})
        except Exception:
            logger.exception("Job %s (%s) failed", job.pk, job.function)
            _finish(job, Job.State.FAILED, error=_("It failed with an unexpected error; the log names it."))
        else:
            _finish(job, Job.State.DONE, result=result)


def _finish(job: Job, state: str, *, result=None, error: str = "") -> None:
    job.state, job.result, job.error, job.finished_at = state, result, str(error), timezone.now()
    job.claimed_by, job.claimed_until = "", None
    job.save(update_fields=["state", "result", "error", "finished_at", "claimed_by", "claimed_until"])


def run_jobs(*, limit: int = 1, stop: Callable[[], bool] = lambda: False) -> int:
    """Run up to `limit` due jobs one after another; the number run."""
    done = 0
    while done < limit and not stop():
        job = claim(worker_name())
        if job is None:
            break
        run(job)
        done += 1
    return done
