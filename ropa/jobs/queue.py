"""The job API: `enqueue("package.module.function", {...json...}, owner=user)` and `@background_job`.

A job function is declared with `@background_job` and called by the worker as `function(progress, **arguments)`;
it reports with `progress(done, total, message)` and returns a JSON-serialisable result, or raises `JobFailed`
with a message for the person who asked (written in their language: the worker runs the job under it). Only
functions declared with the decorator run, whatever a row names.
"""

import importlib
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

from ropa.jobs.models import Job


class JobFailed(Exception):
    """The job cannot be done; its message is shown to the person who asked."""


def background_job(function: Callable) -> Callable:
    function.is_background_job = True
    return function


def path_of(function: Callable) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def resolve(path: str) -> Callable:
    module, _dot, name = path.rpartition(".")
    function = getattr(importlib.import_module(module), name, None)
    if not getattr(function, "is_background_job", False):
        raise LookupError(f"{path} is not a background job")
    return function


def enqueue(function: str | Callable, arguments: dict, *, owner=None, time_limit: int | None = None) -> Job:
    """Queue a job in the current transaction; the worker starts it once that has committed."""
    path = function if isinstance(function, str) else path_of(function)
    resolve(path)  # refuse at once what the worker would refuse later
    return Job.objects.create(
        function=path, arguments=arguments, owner=owner, time_limit=time_limit, language=get_language() or "",
    )


class Progress:
    """What a running job tells the page that shows it; one UPDATE at most every `interval` seconds."""

    def __init__(self, job: Job, interval: float = 0.5) -> None:
        self.job, self.interval, self._last = job, interval, 0.0

    def __call__(self, done: int, total: int, message: str = "") -> None:
        now = timezone.now().timestamp()
        if now - self._last < self.interval and done < total:
            return
        self._last = now
        self.job.progress_done, self.job.progress_total, self.job.progress_message = done, total, str(message)[:300]
        with transaction.atomic():
            Job.objects.filter(pk=self.job.pk).update(
                progress_done=done, progress_total=total, progress_message=self.job.progress_message,
            )
