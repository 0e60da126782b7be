"""Real-browser fixtures: Playwright driving Debian's chromium package (never a downloaded browser). The browser
itself is tests/conftest.py's, one for the whole run (single sign-on's browser test uses it too).

A missing browser fails the run: `make test` installs `chromium`, so its absence is a broken setup.
"""

import os

import pytest

# Playwright's sync API runs an event loop in the test thread; the live server's ORM calls are still
# synchronous, so Django's guard against async-unsafe calls is lifted for the browser tests only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def page(browser, live_server):
    """A fresh page; any Content-Security-Policy violation the browser reports fails the test that caused it."""
    context = browser.new_context(locale="nb-NO", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    violations = []
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(
        f"{page.url}: {message.text}"
    ))
    yield page
    context.close()
    if violations:
        pytest.fail("The content security policy blocked something:\n" + "\n".join(violations))


def log_in(page, username: str, password: str = "a-long-test-password") -> None:
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
