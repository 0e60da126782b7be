"""Who is behind a host or a cookie name: ropa's own tracker list, and a local TrackerDB build if the operator made one.

Never fetched while checking: the list ships in ropa/website/data/trackers.json and the optional local build is
written by `manage.py update_trackerdb` to settings.TRACKERDB_PATH.
"""

import fnmatch
import functools
import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

SHIPPED = Path(__file__).resolve().parent / "data" / "trackers.json"


@dataclass(frozen=True)
class Tracker:
    name: str
    organisation: str
    country: str  # ISO 3166 code of the legal entity, "" when unknown
    category: str  # a CookieCategory value, "" when unknown
    domains: tuple[str, ...]
    cookies: tuple[str, ...]


class TrackerDb:
    def __init__(self, data: list[dict]) -> None:
        self._by_domain: dict[str, Tracker] = {}
        self._cookies: list[tuple[str, Tracker]] = []
        for source in data:
            organisations = source.get("organisations", {})
            for entry in source.get("trackers", []):
                organisation = organisations.get(entry.get("organisation") or "", {})
                tracker = Tracker(
                    name=entry["name"],
                    organisation=organisation.get("name") or entry["name"],
                    country=(organisation.get("country") or "").upper(),
                    category=entry.get("category") or "",
                    domains=tuple(entry.get("domains", ())),
                    cookies=tuple(entry.get("cookies", ())),
                )
                for domain in tracker.domains:
                    self._by_domain.setdefault(domain.lower(), tracker)
                self._cookies += [(pattern, tracker) for pattern in tracker.cookies]

    def by_host(self, host: str) -> Tracker | None:
        """The tracker whose domain is the host or one of its parents (static.hotjar.com finds hotjar.com)."""
        labels = host.lower().rstrip(".").split(".")
        for start in range(len(labels) - 1):
            found = self._by_domain.get(".".join(labels[start:]))
            if found:
                return found
        return None

    def by_cookie(self, name: str) -> Tracker | None:
        exact = next((tracker for pattern, tracker in self._cookies if pattern == name), None)
        return exact or next((t for pattern, t in self._cookies if fnmatch.fnmatchcase(name, pattern)), None)


def _read(path: Path) -> dict:
    with path.open(encoding="utf-8") as stream:
        return json.load(stream)


@functools.cache
def _load(local: str) -> TrackerDb:
    sources = [_read(SHIPPED)]
    if local and Path(local).is_file():
        sources.append(_read(Path(local)))  # ropa's own list first: its categories are the ones the notice uses
    return TrackerDb(sources)


def tracker_db() -> TrackerDb:
    return _load(str(getattr(settings, "TRACKERDB_PATH", "") or ""))
