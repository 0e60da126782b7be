"""The website check as a job for the worker (ropa/jobs): what the admin's "check now" button starts.

A check browses for minutes, so it never runs inside a web request; the worker runs it with the same guards as
`manage.py check_website` (private and loopback addresses refused, the same limits), under the language of the
person who pressed the button.
"""

from django.conf import settings

from ropa.jobs.queue import JobFailed, Progress, background_job
from ropa.website.browse import Options
from ropa.website.checks import run_check
from ropa.website.models import WebsiteCheck


@background_job
def check_website(progress: Progress, *, check: int) -> dict:
    """Run one queued check; a check already run (by `check_website --queued`, say) is left as it is."""
    queued = WebsiteCheck.objects.select_related("website").filter(pk=check).first()
    if queued is None or queued.status != WebsiteCheck.Status.QUEUED:
        return {"skipped": True}
    # No progress callback: run_check browses on a thread of Playwright's, where Django refuses queries; the
    # website's page shows the pages counted by the check itself.
    findings = run_check(queued, Options(chromium=getattr(settings, "CHROMIUM", "/usr/bin/chromium")))
    if queued.status == WebsiteCheck.Status.FAILED:
        raise JobFailed(queued.error)
    return {"pages": queued.pages_checked, "findings": len(findings)}
