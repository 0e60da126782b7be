"""What the benchmarks that serve ropa under gunicorn share (intake_bench, import_load_bench): free ports on the
loopback, production settings for plain HTTP there, `manage.py` in that environment, waiting for the server, and the
percentile the tables print."""

import http.client
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] if ordered else float("nan")


def production_env(**settings: str) -> dict:
    """Production settings (DEBUG off, a fresh secret) over plain HTTP on the loopback, with no TLS proxy in front,
    the intake form's rate limits out of the way of the load, and `settings` on top."""
    return {
        **os.environ,
        "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": HOST,
        "BEHIND_TLS_PROXY": "0", "SECURE_SSL_REDIRECT": "0", "SECURE_HSTS_SECONDS": "0",
        "SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "0",
        "INTAKE_RATE_LIMIT_PER_IP": "1000000000", "INTAKE_RATE_LIMIT_PER_EMAIL": "1000000000",
        "LOG_LEVEL": "WARNING", **settings,
    }


def manage(env: dict, *args: str) -> str:
    return subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout


def wait_for(port: int, path: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", path)
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer {path} within {seconds} s")
