"""Reconcile what the browser saw on a website with the controller's record, and say what disagrees.

Five kinds of finding (`Finding.Kind`), each in the officer's language with where to fix it:
a third party no activity names as processor or recipient (Art. 30(1)(d), Art. 28); a party outside the EEA with no
transfer on a valid basis (Art. 30(1)(e), Arts. 44–49); statistics or marketing before consent or after "reject all"
(ePrivacy Directive Art. 5(3); Norway's ekomloven in force 1 January 2025; Sweden's LEK 9 kap. 28 §); a marketing
tracker on pages about health, religion or other special categories (Art. 9(1), IMY's Apoteket and Apohem decisions
of 2024); and the cookie register out of step with the site, both ways (Art. 30(1), Art. 13(1)(e)).
"""

import re
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext, gettext_noop, ngettext

from ropa.models import EEA_COUNTRIES, ProcessorUse, Transfer
from ropa.website.models import Cookie, CookieCategory, Finding, Website, WebsiteCheck
from ropa.website.trackers import Tracker, tracker_db

# Words in a page's address or text that point to special categories of data (Art. 9(1)), in en, nb and sv.
SENSITIVE_WORDS = (
    "health", "pharmacy", "medicine", "medication", "prescription", "pregnan", "fertility", "diagnos", "therapy",
    "religio", "church", "sexual", "lgbt", "trade union",
    "helse", "apotek", "legemid", "medisin", "resept", "gravid", "fruktbar", "kirke", "seksu", "fagforening",
    "hälsa", "läkemedel", "recept", "graviditet", "kyrka", "sexuell", "fackförening",
)
TRACKING = (CookieCategory.STATISTICS, CookieCategory.MARKETING)
PASS_LABELS = {
    "none": gettext_noop("before any choice"),
    "reject": gettext_noop("after “reject all”"),
    "accept": gettext_noop("after “accept all”"),
}
# Company forms and other words that say nothing about who a party is, when matching names.
NOISE = re.compile(r"\b(inc|llc|ltd|limited|ab|as|asa|a/s|sa|gmbh|bv|plc|publ|corporation|corp|co|the|and)\b|[^\w\s]")


def pass_label(name: str) -> str:
    return gettext(PASS_LABELS[name])


def is_sensitive(text: str) -> bool:
    text = text.casefold()
    return any(word in text for word in SENSITIVE_WORDS)


def registrable(host: str) -> str:
    """The host's last two labels: enough to tell a site's own hosts from others' (an IP address stays whole)."""
    if re.fullmatch(r"[\d.]+|\[?[0-9a-f:]+\]?", host):
        return host
    return ".".join(host.lower().rstrip(".").split(".")[-2:])


def _words(name: str) -> set[str]:
    return {word for word in NOISE.sub(" ", name.casefold()).split() if len(word) > 2}


@dataclass
class Party:
    """Who is behind one or more hosts the site contacted."""

    name: str
    tracker: Tracker | None
    hosts: set[str] = field(default_factory=set)
    first_page: str = ""


@dataclass
class Draft:
    kind: str
    subject: str
    page: str = ""
    details: dict = field(default_factory=dict)


class _Record:
    """The parts of the controller's record the check compares with, read once."""

    def __init__(self, website: Website) -> None:
        organisation = website.organisation
        uses = ProcessorUse.objects.filter(activity__organisation=organisation)
        uses = uses.select_related("processor__organisation")
        self.processors = {use.processor_id: use.processor for use in uses}
        for cookie in Cookie.objects.filter(organisation=organisation, processor__isnull=False).select_related(
            "processor__organisation"
        ):
            self.processors.setdefault(cookie.processor_id, cookie.processor)
        safe = Transfer.objects.with_safeguard().filter(valid_safeguard=True)
        self.transferred_to = set(
            safe.filter(processor_id__in=self.processors).values_list("processor_id", flat=True)
        )
        recipients = safe.filter(activity__organisation=organisation).values_list("recipient", flat=True)
        self.transfer_recipients = [_words(name) for name in recipients if name]
        self.register = list(
            Cookie.objects.filter(organisation=organisation).filter(Q(website=website) | Q(website__isnull=True))
        )

    def processor_for(self, party: Party):
        """The processor or recipient whose name shares a word with the party's (Meta Platforms Ireland / Meta)."""
        names = _words(party.name) | (_words(party.tracker.name) if party.tracker else set())
        names |= {registrable(host).split(".")[0] for host in party.hosts}
        for processor in self.processors.values():
            if names & (_words(processor.name) | _words(processor.organisation.name)):
                return processor
        return None

    def has_transfer(self, party: Party, processor) -> bool:
        if processor is not None and processor.pk in self.transferred_to:
            return True
        return any(_words(party.name) & words for words in self.transfer_recipients)


def _parties(observations: dict, site: str) -> dict[str, Party]:
    db = tracker_db()
    parties: dict[str, Party] = {}
    for name in ("none", "reject", "accept"):
        for item in observations.get("passes", {}).get(name, {}).get("hosts", []):
            host = item["host"]
            if registrable(host) == site:
                continue
            tracker = db.by_host(host)
            key = tracker.organisation if tracker else registrable(host)
            party = parties.setdefault(key, Party(key, tracker, first_page=item["pages"][0]))
            party.hosts.add(host)
    return parties


def _category_of(name: str, register: list[Cookie]) -> tuple[str, Tracker | None]:
    registered = next((cookie for cookie in register if cookie.matches(name)), None)
    tracker = tracker_db().by_cookie(name)
    if registered:
        return registered.category, tracker
    return (tracker.category if tracker else ""), tracker


def reconcile(website: Website, observations: dict) -> list[Draft]:
    """Every disagreement between what the browser saw and the controller's record."""
    site = registrable(observations.get("site_host", ""))
    record = _Record(website)
    drafts: list[Draft] = []
    parties = _parties(observations, site)
    db = tracker_db()

    for party in parties.values():
        processor = record.processor_for(party)
        hosts = sorted(party.hosts)
        if processor is None:
            drafts.append(Draft(Finding.Kind.UNNAMED_PARTY, party.name, party.first_page, {"hosts": hosts}))
        country = party.tracker.country if party.tracker else ""
        if country and country not in EEA_COUNTRIES and not record.has_transfer(party, processor):
            drafts.append(Draft(Finding.Kind.NO_TRANSFER, party.name, party.first_page,
                                {"hosts": hosts, "country": country}))

    # ePrivacy Art. 5(3): nothing but the strictly necessary before consent, or once it is refused.
    early: dict[str, Draft] = {}
    for name in ("none", "reject"):
        seen = observations.get("passes", {}).get(name, {})
        for item in seen.get("hosts", []):
            tracker = db.by_host(item["host"])
            if registrable(item["host"]) != site and tracker and tracker.category in TRACKING:
                draft = early.setdefault(tracker.name, Draft(Finding.Kind.BEFORE_CONSENT, tracker.name,
                                                             item["pages"][0], {"passes": [], "items": []}))
                _add(draft, name, item["host"])
        for item in seen.get("cookies", []) + seen.get("storage", []):
            category, tracker = _category_of(item["name"], record.register)
            if category in TRACKING:
                subject = tracker.name if tracker else item["name"]
                draft = early.setdefault(subject, Draft(Finding.Kind.BEFORE_CONSENT, subject, item["pages"][0],
                                                        {"passes": [], "items": []}))
                _add(draft, name, item["name"])
    drafts += early.values()

    # Art. 9(1): a marketing tracker on a page about health, religion or the like receives special-category data.
    sensitive = set(observations.get("sensitive_pages", []))
    exposed: dict[str, Draft] = {}
    for name in ("none", "reject", "accept"):
        for item in observations.get("passes", {}).get(name, {}).get("hosts", []):
            tracker = db.by_host(item["host"])
            pages = [page for page in item["pages"] if page in sensitive]
            if tracker and tracker.category == CookieCategory.MARKETING and pages and registrable(item["host"]) != site:
                draft = exposed.setdefault(tracker.name, Draft(Finding.Kind.SPECIAL_CATEGORY, tracker.name, pages[0],
                                                               {"pages": []}))
                draft.details["pages"] = sorted(set(draft.details["pages"]) | set(pages))
    drafts += exposed.values()

    # The register against the site, both ways (a register of what is not there misleads as much as a gap).
    set_names: dict[str, str] = {}
    for name in ("none", "reject", "accept"):
        seen = observations.get("passes", {}).get(name, {})
        for item in seen.get("cookies", []) + seen.get("storage", []):
            set_names.setdefault(item["name"], item["pages"][0])
    for cookie in record.register:
        if not any(cookie.matches(name) for name in set_names):
            drafts.append(Draft(Finding.Kind.NOT_SET, cookie.name, "", {"category": cookie.category}))
    for name, page in sorted(set_names.items()):
        if not any(cookie.matches(name) for cookie in record.register):
            drafts.append(Draft(Finding.Kind.NOT_REGISTERED, name, page))
    return drafts


def _add(draft: Draft, pass_name: str, item: str) -> None:
    if pass_name not in draft.details["passes"]:
        draft.details["passes"].append(pass_name)
    if item not in draft.details["items"]:
        draft.details["items"].append(item)


def describe(finding: Finding) -> str:
    """The finding in the active language: what is wrong, the law, and where in the record to put it right."""
    details = finding.details or {}
    params = {"subject": finding.subject, "page": finding.page or "—"}
    match finding.kind:
        case Finding.Kind.UNNAMED_PARTY:
            return gettext(
                "%(subject)s (%(hosts)s) is contacted from %(page)s, but no activity names it as processor or "
                "recipient (Art. 30(1)(d)). Add it under Processors and link it to the activity it serves."
            ) % {**params, "hosts": ", ".join(details.get("hosts", []))}
        case Finding.Kind.NO_TRANSFER:
            return gettext(
                "%(subject)s is in %(country)s, outside the EEA, and the record has no transfer to it on a valid "
                "basis (Arts. 44–49; for the US, the Data Privacy Framework or standard contractual clauses). Record "
                "the transfer under Transfers to third countries."
            ) % {**params, "country": details.get("country", "")}
        case Finding.Kind.BEFORE_CONSENT:
            passes = ", ".join(pass_label(name) for name in details.get("passes", []))
            return gettext(
                "%(subject)s (%(items)s) tracks %(passes)s, first on %(page)s: statistics and marketing need consent "
                "first (ePrivacy Art. 5(3); ekomloven from 1 January 2025; LEK 9 kap. 28 §). Load it only after "
                "“accept all” in the consent banner."
            ) % {**params, "items": ", ".join(details.get("items", [])), "passes": passes}
        case Finding.Kind.SPECIAL_CATEGORY:
            pages = details.get("pages", [])
            return ngettext(
                "%(subject)s, a marketing tracker, is on %(count)s page about health or another special category "
                "(%(pages)s): what visitors look at there is Art. 9 data, as in IMY's Apoteket and Apohem "
                "decisions. Remove it from such pages.",
                "%(subject)s, a marketing tracker, is on %(count)s pages about health or another special category "
                "(%(pages)s): what visitors look at there is Art. 9 data, as in IMY's Apoteket and Apohem "
                "decisions. Remove it from such pages.",
                len(pages),
            ) % {**params, "count": len(pages), "pages": ", ".join(pages[:3])}
        case Finding.Kind.NOT_SET:
            return gettext(
                "%(subject)s is in the cookie register but the site did not set it on any page checked. Remove it "
                "from the register on the controller's page if the site no longer uses it."
            ) % params
        case Finding.Kind.NOT_REGISTERED:
            return gettext(
                "%(subject)s is set by the site (first on %(page)s) but is not in the cookie register, so the "
                "privacy notice does not tell visitors of it (Art. 13(1)). Add it on the controller's page."
            ) % params
    return finding.subject


def mark_new(check: WebsiteCheck, drafts: list[Draft]) -> tuple[list[Finding], list[tuple[str, str]]]:
    """The check's findings, each marked new unless the previous check had it; and the previous ones now gone."""
    previous = check.previous()
    before = {(f.kind, f.subject) for f in previous.findings.all()} if previous else set()
    findings = [
        Finding(website_check=check, kind=d.kind, subject=d.subject, page=d.page[:2000], details=d.details,
                is_new=(d.kind, d.subject) not in before)
        for d in drafts
    ]
    gone = sorted(before - {(d.kind, d.subject) for d in drafts})
    return findings, gone


def comparison(check: WebsiteCheck) -> str:
    """"New since the last check: Hotjar" in the officer's language, and what is no longer found."""
    previous = check.previous()
    if previous is None:
        return gettext("This is the first check of the website.")
    new = sorted({f.subject for f in check.findings.all() if f.is_new})
    now = {(f.kind, f.subject) for f in check.findings.all()}
    gone = sorted({subject for kind, subject in
                   {(f.kind, f.subject) for f in previous.findings.all()} - now})
    parts = [
        gettext("New since the check of %(day)s: %(names)s.") % {
            "day": f"{previous.started_at:%Y-%m-%d}", "names": ", ".join(new) or gettext("nothing"),
        },
    ]
    if gone:
        parts.append(gettext("No longer found: %(names)s.") % {"names": ", ".join(gone)})
    return " ".join(parts)

