"""Settings come from the environment; bad values stop the process with a clear message."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_database, env_int, env_list, env_path

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k3v9-production-like-secret-with-enough-length-and-variety-8f2a91c4d7e",
    "ALLOWED_HOSTS": "ropa.example.no",
    "DATABASE_URL": "sqlite:////tmp/ropa-deploy-check.sqlite3",
    "TRUSTED_PROXY_COUNT": "1",  # behind one TLS proxy, as the README's production section sets it up
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    # DJANGO_ALLOW_ASYNC_UNSAFE: set for the browser tests (tests/browser/conftest.py), refused by check --deploy.
    dropped = {"DEBUG", "SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {key: value for key, value in os.environ.items() if key not in dropped}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check_without_warnings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_production_hashes_passwords_with_pbkdf2_not_the_tests_fast_hasher():
    """The test run swaps in MD5 for speed (tests/conftest.py); the deployed settings must not."""
    code = "from django.conf import settings; print(settings.PASSWORD_HASHERS[0])"
    result = run_manage("shell", "--no-imports", "-c", code, env=PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "django.contrib.auth.hashers.PBKDF2PasswordHasher"


def test_the_app_refuses_to_start_without_a_secret_key_in_production():
    env = {key: value for key, value in PRODUCTION.items() if key != "SECRET_KEY"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_a_typo_in_a_boolean_stops_the_process():
    result = run_manage("check", env=PRODUCTION | {"DEBUG": "ture"})
    assert result.returncode != 0
    assert "DEBUG='ture' is not a boolean" in result.stderr


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("yes", True), ("off", False), ("", False)])
def test_booleans_read_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("FLAG", raw)
    assert env_bool("FLAG") is expected


def test_a_number_below_its_minimum_is_refused(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", "0")
    with pytest.raises(ImproperlyConfigured, match="below the minimum"):
        env_int("EMAIL_PORT", 587, minimum=1)


def test_lists_are_comma_separated(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "ropa.example.no, admin.example.no ,")
    assert env_list("ALLOWED_HOSTS") == ["ropa.example.no", "admin.example.no"]


def test_paths_must_be_absolute(monkeypatch, tmp_path):
    monkeypatch.setenv("MEDIA_ROOT", "relative/media")
    with pytest.raises(ImproperlyConfigured, match="absolute"):
        env_path("MEDIA_ROOT", tmp_path)


@pytest.mark.parametrize(
    ("url", "engine", "name"),
    [
        ("sqlite:////var/lib/ropa/db.sqlite3", "django.db.backends.sqlite3", "/var/lib/ropa/db.sqlite3"),
        ("postgres://ropa:s3cret@db.internal:5433/ropa", "django.db.backends.postgresql", "ropa"),
    ],
)
def test_database_urls_are_read(monkeypatch, url, engine, name):
    monkeypatch.setenv("DATABASE_URL", url)
    config = env_database("DATABASE_URL", "sqlite:////tmp/x.sqlite3")
    assert (config["ENGINE"], config["NAME"]) == (engine, name)


@pytest.mark.parametrize("url", ["mysql://root@localhost/ropa", "postgres://user@host:5432/", "db.sqlite3"])
def test_unusable_database_urls_are_refused(monkeypatch, url):
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env_database("DATABASE_URL", "sqlite:////tmp/x.sqlite3")
