"""Tiny strict readers for settings from the environment.

Each helper fails loudly with ImproperlyConfigured on a value it cannot read, so a typo in a
deployment stops the process at start instead of running with a silent default.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Set the environment variable {name}.")
    return value


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use 1/0, true/false, yes/no or on/off.")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} is below the minimum of {minimum}.")
    return value


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_path(name: str, default: Path) -> Path:
    raw = os.environ.get(name)
    if raw is None:
        return default
    path = Path(raw)
    if not path.is_absolute():
        raise ImproperlyConfigured(f"{name}={raw!r} must be an absolute path.")
    return path


def env_choice(name: str, default: str, choices: set[str]) -> str:
    value = os.environ.get(name, default)
    if value not in choices:
        allowed = ", ".join(sorted(choices))
        raise ImproperlyConfigured(f"{name}={value!r} is not one of: {allowed}.")
    return value


def env_database(name: str, default: str) -> dict:
    """Read a database URL: sqlite:////absolute/path.sqlite3 or postgres://user:pw@host:port/name."""
    import dj_database_url

    raw = os.environ.get(name, default)
    if not raw.startswith(("sqlite:", "postgres://", "postgresql://")):
        raise ImproperlyConfigured(f"{name}={raw!r}: use sqlite:////absolute/path.sqlite3 or postgres://user@host:port/name.")
    try:
        config = dj_database_url.parse(raw, conn_max_age=0)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name}={raw!r} cannot be read: {error}") from None
    if config["ENGINE"] == "django.db.backends.postgresql" and not config.get("NAME"):
        raise ImproperlyConfigured(f"{name}={raw!r} names no database.")
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Concurrent writers (gunicorn workers, the outbox worker) queue for SQLite's one write lock instead of
        # failing: a transaction takes the lock when it begins (a deferred one that reads, then writes, gets
        # "database is locked" at once, issue 16.3), waits up to 20 s for it, and WAL lets readers go on meanwhile.
        config.setdefault("OPTIONS", {}).update(
            transaction_mode="IMMEDIATE", timeout=20, init_command="PRAGMA journal_mode=WAL",
        )
    return config
