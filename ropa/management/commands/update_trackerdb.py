"""Build a local tracker database from Ghostery's TrackerDB npm package: `manage.py update_trackerdb`.

TrackerDB is licensed CC BY-NC-SA 4.0, which does not fit ropa's MIT licence or a company's commercial use, so it is
never shipped: this writes the operator's own copy to settings.TRACKERDB_PATH, used beside ropa's own list
(ropa/website/data/trackers.json). `--package` reads an unpacked or packed package instead of running `npm pack`.
"""

import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ropa.website import trackers

PACKAGE = "@ghostery/trackerdb"
# Ghostery's categories in the four a cookie declaration uses; the rest ("misc", "cdn" …) are left unknown.
CATEGORIES = {
    "advertising": "marketing", "pornvertising": "marketing", "social_media": "marketing",
    "site_analytics": "statistics", "customer_interaction": "preferences", "audio_video_player": "preferences",
    "comments": "preferences", "essential": "necessary", "consent": "necessary", "hosting": "necessary",
}


def convert(source: dict) -> dict:
    """TrackerDB's patterns, organisations and domains in ropa's shape (ropa.website.trackers)."""
    organisations = {
        key: {"name": entry.get("name") or key, "country": (entry.get("country") or "").upper()}
        for key, entry in source.get("organizations", {}).items()
    }
    found = [
        {
            "name": pattern.get("name") or key,
            "organisation": pattern.get("organization") or "",
            "category": CATEGORIES.get(pattern.get("category") or "", ""),
            "domains": sorted(pattern.get("domains") or []),
            "cookies": [],
        }
        for key, pattern in sorted(source.get("patterns", {}).items())
        if pattern.get("domains")
    ]
    return {"source": f"{PACKAGE} (CC BY-NC-SA 4.0, Ghostery GmbH)", "organisations": organisations, "trackers": found}


class Command(BaseCommand):
    help = "Write a local tracker database from Ghostery's TrackerDB (npm) to settings.TRACKERDB_PATH."

    def add_arguments(self, parser):
        parser.add_argument("--package", help="A TrackerDB package (.tgz or unpacked folder) instead of npm pack.")
        parser.add_argument("--output", help="Where to write it (default: settings.TRACKERDB_PATH).")

    def handle(self, *args, **options):
        output = Path(options["output"] or settings.TRACKERDB_PATH)
        with tempfile.TemporaryDirectory() as folder:
            package = Path(options["package"]) if options["package"] else self._pack(Path(folder))
            data = self._read(package, Path(folder))
        converted = convert(data)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(converted, ensure_ascii=False), encoding="utf-8")
        trackers._load.cache_clear()
        self.stdout.write(f"{len(converted['trackers'])} trackers written to {output}.")

    def _pack(self, folder: Path) -> Path:
        try:
            result = subprocess.run(  # noqa: S603 (fixed arguments; npm is the registry's own client)
                ["npm", "pack", PACKAGE, "--silent"],  # noqa: S607 (npm found on PATH, as a developer runs it)
                cwd=folder, capture_output=True, text=True, check=True, timeout=300,
            )
        except (OSError, subprocess.SubprocessError) as error:
            raise CommandError(f"npm pack {PACKAGE} failed: {error}") from None
        return folder / result.stdout.strip().splitlines()[-1]

    @staticmethod
    def _read(package: Path, folder: Path) -> dict:
        if package.is_dir():
            return json.loads((package / "dist" / "trackerdb.json").read_text(encoding="utf-8"))
        with tarfile.open(package) as archive:
            member = archive.extractfile("package/dist/trackerdb.json")
            if member is None:
                raise CommandError(f"{package} holds no package/dist/trackerdb.json.")
            return json.load(member)
