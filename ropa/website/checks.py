"""Run one check of a website: browse it, reconcile with the record, store the dated result and its findings.

Started by `manage.py check_website`, directly or for the checks the admin's button queued (`--queued`, run by
the worker); never inside a web request.
"""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from django.db import connection, transaction
from django.utils import timezone

from ropa.website.browse import Browser, Options, UnsafeAddress
from ropa.website.findings import mark_new, reconcile
from ropa.website.models import Finding, WebsiteCheck


def _save_progress(check: WebsiteCheck, done: int, planned: int) -> None:
    """Progress is a passing count, not a change to the record: saved without a history row per page."""
    check.pages_checked, check.pages_planned = done, planned
    check.skip_history_when_saving = True
    try:
        check.save(update_fields=["pages_checked", "pages_planned"])
    finally:
        del check.skip_history_when_saving


def run_check(
    check: WebsiteCheck, options: Options, progress: Callable[[int, int], None] | None = None,
) -> list[Finding]:
    """Browse the check's website and store what disagrees with the record; a refused or broken run is FAILED."""
    from playwright.sync_api import Error as PlaywrightError

    website = check.website
    options.reject_selector = options.reject_selector or website.reject_selector
    options.accept_selector = options.accept_selector or website.accept_selector
    check.status = WebsiteCheck.Status.RUNNING
    check.save()

    # The browsing runs on a thread of its own: Playwright's sync API refuses a thread where an event loop already
    # runs (a worker or a test that drove a browser before), and keeps one there itself, where Django refuses
    # queries. So the progress count is saved from a third thread, which closes its connection when it is over.
    saver = ThreadPoolExecutor(max_workers=1)
    browsing = ThreadPoolExecutor(max_workers=1)

    def report(done: int, planned: int) -> None:
        saver.submit(_save_progress, check, done, planned).result()
        if progress:
            progress(done, planned)

    try:
        observations = browsing.submit(Browser(website.address, options, report).run).result()
    except (UnsafeAddress, PlaywrightError) as error:
        check.status, check.error, check.finished_at = WebsiteCheck.Status.FAILED, str(error), timezone.now()
        check.save()
        return []
    finally:
        saver.submit(lambda: connection.close()).result()
        saver.shutdown()
        browsing.shutdown()
    drafts = reconcile(website, observations)
    with transaction.atomic():
        findings, _gone = mark_new(check, drafts)
        for finding in findings:
            finding.save()
        check.observations = observations
        check.status, check.finished_at = WebsiteCheck.Status.DONE, timezone.now()
        check.save()
    return findings
