"""Who is behind a host: ropa's own list ships with the code; a local TrackerDB build adds to it, never fetched
while checking."""

import json

from django.core.management import call_command

from ropa.website import trackers
from ropa.website.trackers import tracker_db


def test_the_shipped_list_knows_the_fixture_shop_s_third_parties():
    db = tracker_db()
    assert (db.by_host("connect.facebook.net").organisation, db.by_host("connect.facebook.net").country) == (
        "Meta Platforms, Inc.", "US",
    )
    assert db.by_host("static.hotjar.com").category == "statistics"
    assert db.by_host("x.klarnacdn.net").category == "necessary"
    assert db.by_cookie("_ga_XYZ").name == "Google Tag Manager and Analytics"
    assert db.by_host("example.no") is None


def test_update_trackerdb_builds_a_local_database_from_the_npm_package(tmp_path, settings):
    package = tmp_path / "package"
    (package / "dist").mkdir(parents=True)
    (package / "dist" / "trackerdb.json").write_text(json.dumps({
        "organizations": {"acme": {"name": "Acme Tracking Inc.", "country": "us"}},
        "patterns": {"acme_pixel": {"name": "Acme Pixel", "category": "advertising", "organization": "acme",
                                    "domains": ["acme-pixel.example"]}},
    }))
    output = tmp_path / "trackerdb.json"
    call_command("update_trackerdb", "--package", str(package), "--output", str(output))
    settings.TRACKERDB_PATH = output
    try:
        found = tracker_db().by_host("cdn.acme-pixel.example")
        assert (found.organisation, found.country, found.category) == ("Acme Tracking Inc.", "US", "marketing")
        assert tracker_db().by_host("connect.facebook.net").name == "Meta Pixel"  # the shipped list still answers
    finally:
        trackers._load.cache_clear()
