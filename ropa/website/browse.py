"""Visit a website in headless Chromium three times — before any choice, after "reject all", after "accept all" —
and note every cookie, storage key and third-party host, with the page where each first appeared.

Safe to run against the open web: only the start page and pages below it are navigated to; no form is submitted
and nothing but a consent banner's button is clicked; every host is resolved first and private, loopback and
link-local addresses are refused unless the operator allows them (an intranet site, or the tests); each page and
the whole visit have time limits. `resolve` sends a host to a given address, like curl's --resolve, through
Chromium's --host-resolver-rules.
"""

import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

from ropa.website.findings import is_sensitive

PASSES = ("none", "reject", "accept")
# The buttons of common consent banners: OneTrust, Cookiebot, Complianz, CookieYes, CookieLawInfo, and the
# data attributes many hand-written banners use.
ACCEPT_SELECTORS = (
    "#onetrust-accept-btn-handler", "#CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll",
    "#CybotCookiebotDialogBodyButtonAccept", ".cmplz-accept", ".cky-btn-accept", "#wt-cli-accept-all-btn",
    "[data-cookie-accept]", "button[data-consent='accept']",
)
REJECT_SELECTORS = (
    "#onetrust-reject-all-handler", "#CybotCookiebotDialogBodyButtonDecline", ".cmplz-deny", ".cky-btn-reject",
    "#wt-cli-reject-btn", "[data-cookie-reject]", "button[data-consent='reject']",
)
# Links whose address says they change something (no purchase, no logout, no cart changes).
ACTION_WORDS = ("logout", "log-out", "logg-ut", "add-to-cart", "remove", "delete", "cancel", "unsubscribe")
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-domain-reliability", "--metrics-recording-only",
]


class UnsafeAddress(ValueError):
    pass


@dataclass
class Limits:
    pages: int = 10
    page_seconds: float = 15.0
    total_seconds: float = 300.0


@dataclass
class Options:
    resolve: dict[str, str] = field(default_factory=dict)
    allow_private: bool = False
    # Refuse every host not in `resolve` but the site's own (tests and benches: nothing leaves the machine).
    confine: bool = False
    reject_selector: str = ""
    accept_selector: str = ""
    chromium: str = "/usr/bin/chromium"
    limits: Limits = field(default_factory=Limits)


def _addresses(host: str, resolve: dict[str, str]) -> list[str]:
    if host in resolve:
        return [resolve[host]]
    try:
        return [ipaddress.ip_address(host.strip("[]")).compressed]
    except ValueError:
        pass
    try:
        return sorted({info[4][0] for info in socket.getaddrinfo(host, None)})
    except socket.gaierror:
        return []


def is_private(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    return not ip.is_global or ip.is_multicast


def check_start(url: str, options: Options) -> None:
    """Refuse what is not http(s), and a private or loopback address unless the operator allowed it."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeAddress(f"{url}: only http and https addresses can be checked.")
    addresses = _addresses(parts.hostname, options.resolve)
    if not addresses:
        raise UnsafeAddress(f"{parts.hostname}: the name does not resolve.")
    private = [address for address in addresses if is_private(address)]
    if private and not options.allow_private:
        raise UnsafeAddress(
            f"{parts.hostname} resolves to {', '.join(private)}, a private or loopback address: "
            "use --allow-private for an intranet site."
        )


def resolver_rules(resolve: dict[str, str]) -> str:
    return ", ".join(f"MAP {host} {address}" for host, address in resolve.items())


def below(url: str, start: str) -> bool:
    """Same scheme, host and port as the start page, and under its path."""
    a, b = urlsplit(url), urlsplit(start)
    prefix = b.path if b.path.endswith("/") else b.path.rsplit("/", 1)[0] + "/"
    return (a.scheme, a.netloc) == (b.scheme, b.netloc) and (a.path or "/").startswith(prefix)


def _is_action(url: str) -> bool:
    lowered = url.casefold()
    return any(word in lowered for word in ACTION_WORDS)


class _Pass:
    """What one visit saw: each item with the pages it appeared on, in visiting order."""

    def __init__(self) -> None:
        self.hosts: dict[str, dict] = {}
        self.cookies: dict[str, dict] = {}
        self.storage: dict[str, dict] = {}
        self.banner_clicked = False

    @staticmethod
    def _note(items: dict, key: str, page: str, **extra) -> None:
        entry = items.setdefault(key, {"pages": [], **extra})
        if page not in entry["pages"]:
            entry["pages"].append(page)

    def as_json(self) -> dict:
        return {
            "hosts": [{"host": host, **entry} for host, entry in self.hosts.items()],
            "cookies": [{"name": name, **entry} for name, entry in self.cookies.items()],
            "storage": [{"name": name, **entry} for name, entry in self.storage.items()],
            "banner_clicked": self.banner_clicked,
        }


class Browser:
    """One Chromium for the three passes; `progress(done, planned)` is told after each page."""

    def __init__(self, start: str, options: Options, progress: Callable[[int, int], None] | None = None) -> None:
        self.start = urldefrag(start)[0]
        self.options = options
        self.progress = progress or (lambda done, planned: None)
        self.site_host = urlsplit(self.start).hostname or ""
        self.deadline = 0.0
        self._safe_hosts: dict[str, bool] = {}

    def run(self) -> dict:
        from playwright.sync_api import sync_playwright

        check_start(self.start, self.options)
        self.deadline = time.monotonic() + self.options.limits.total_seconds
        args = list(CHROMIUM_FLAGS)
        if self.options.resolve:
            args.append(f"--host-resolver-rules={resolver_rules(self.options.resolve)}")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=self.options.chromium, args=args)
            try:
                return self._visit_all(browser)
            finally:
                browser.close()

    def _visit_all(self, browser) -> dict:
        pages = [self.start]
        sensitive: list[str] = []
        passes: dict[str, _Pass] = {}
        done = 0
        for name in PASSES:
            seen = passes[name] = _Pass()
            context = browser.new_context(service_workers="block", accept_downloads=False)
            page = context.new_page()
            page.set_default_timeout(self.options.limits.page_seconds * 1000)
            page.route("**/*", self._guard)
            current = {"url": self.start}
            page.on("request", lambda request, seen=seen, current=current: self._note_host(
                seen, request.url, current["url"],
            ))
            index = 0
            while index < len(pages) and time.monotonic() < self.deadline:
                url = pages[index]
                current["url"] = url
                if not self._load(page, url):
                    index += 1
                    continue
                if index == 0 and name != "none":
                    seen.banner_clicked = self._answer_banner(page, name)
                    self._settle(page)
                if name == "none":
                    self._discover(page, pages)
                    if is_sensitive(url + " " + self._text(page)):
                        sensitive.append(url)
                self._note_storage(seen, context, page, url)
                index += 1
                done += 1
                self.progress(done, len(pages) * len(PASSES))
            context.close()
        return {
            "start": self.start,
            "site_host": self.site_host,
            "pages": pages,
            "sensitive_pages": sensitive,
            "passes": {name: seen.as_json() for name, seen in passes.items()},
            "complete": time.monotonic() < self.deadline,
        }

    def _load(self, page, url: str) -> bool:
        from playwright.sync_api import Error as PlaywrightError

        try:
            page.goto(url, wait_until="load")
        except PlaywrightError:
            return False
        self._settle(page)
        return True

    def _settle(self, page) -> None:
        """Give the page's scripts a moment to set their cookies and call their hosts."""
        from playwright.sync_api import Error as PlaywrightError

        try:
            page.wait_for_load_state("networkidle", timeout=min(3000, self.options.limits.page_seconds * 1000))
        except PlaywrightError:
            pass

    def _answer_banner(self, page, name: str) -> bool:
        own = self.options.reject_selector if name == "reject" else self.options.accept_selector
        known = REJECT_SELECTORS if name == "reject" else ACCEPT_SELECTORS
        for selector in ([own] if own else []) + list(known):
            button = page.locator(selector).first
            try:
                if button.count() and button.is_visible():
                    button.click(timeout=3000, no_wait_after=False)
                    return True
            except Exception:  # noqa: BLE001, S112 (a banner that moves away is the same as none)
                continue
        return False

    def _discover(self, page, pages: list[str]) -> None:
        if len(pages) >= self.options.limits.pages:
            return
        hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        for href in hrefs:
            url = urldefrag(urljoin(page.url, href))[0]
            if len(pages) >= self.options.limits.pages:
                break
            if url not in pages and below(url, self.start) and not _is_action(url):
                pages.append(url)

    @staticmethod
    def _text(page) -> str:
        """What the page is about: its title and main headings (not its menu, which links every category)."""
        try:
            headings = page.eval_on_selector_all("h1, h2", "items => items.map(h => h.innerText).join(' ')")
            return f"{page.title()} {headings}"
        except Exception:  # noqa: BLE001 (a page that went away has no text to read)
            return ""

    def _note_host(self, seen: _Pass, url: str, page_url: str) -> None:
        host = urlsplit(url).hostname
        if host and host != self.site_host:
            seen._note(seen.hosts, host, page_url)

    def _note_storage(self, seen: _Pass, context, page, url: str) -> None:
        for cookie in context.cookies():
            seen._note(seen.cookies, cookie["name"], url, domain=cookie["domain"])
        try:
            local, session = page.evaluate("() => [Object.keys(localStorage), Object.keys(sessionStorage)]")
        except Exception:  # noqa: BLE001 (storage can be refused to the page)
            local, session = [], []
        for key in local:
            seen._note(seen.storage, key, url, kind="local_storage")
        for key in session:
            seen._note(seen.storage, key, url, kind="session_storage")

    def _guard(self, route) -> None:
        """Let a request through only to a host that is safe to contact (checked once per host)."""
        host = urlsplit(route.request.url).hostname or ""
        if host not in self._safe_hosts:
            self._safe_hosts[host] = self._is_safe(host)
        if self._safe_hosts[host]:
            route.continue_()
        else:
            route.abort("blockedbyclient")

    def _is_safe(self, host: str) -> bool:
        if self.options.confine and host not in self.options.resolve and host != self.site_host:
            return False
        if self.options.allow_private:
            return True
        addresses = _addresses(host, self.options.resolve)
        return bool(addresses) and not any(is_private(address) for address in addresses)
