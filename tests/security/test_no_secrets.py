"""No secret in the repository: every tracked file is scanned for keys, tokens and passwords."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SECRET_FILE_NAMES = re.compile(r"(^|/)(\.env(\..*)?|id_(rsa|dsa|ecdsa|ed25519)|.*\.(pem|key|p12|pfx|jks|keystore))$")
# Data that may hold personal data or credentials: a database, a dump, a backup.
DATA_FILE_NAMES = re.compile(r"\.(sqlite3|db|dump|sql\.gz|bak)$")
PATTERNS = {
    "private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "AWS access key": re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"),
    "Slack token": re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}"),
    "Stripe live key": re.compile(r"\b[sr]k_live_[0-9a-zA-Z]{20,}"),
    "password in a URL": re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s:/@'\"]+:([^\s@/'\"]+)@"),
    "secret assigned": re.compile(
        r"(?i)\b\w*(secret|password|passwd|token|api_key)\w*\s*[:=]\s*[\"']([^\"'\s]{12,})[\"']"
    ),
}
# Values that look like secrets but are not, with the reason.
NOT_SECRETS = {
    "dev-only-insecure-key-never-use-in-production": "config/settings.py refuses it whenever DEBUG is off",
    "PASSWORD": "a placeholder in the README's example DATABASE_URL",
    "password": "a placeholder in the README's description of DATABASE_URL",
    "pw": "a placeholder in config/env.py's docstring",
}
# Tests use made-up passwords and keys on purpose; they are scanned for real keys and tokens only.
TEST_ONLY_KINDS = {"password in a URL", "secret assigned"}


def tracked_files() -> list[Path]:
    git = shutil.which("git")
    try:
        if git is None:
            raise OSError("git is not installed")
        listing = subprocess.run([git, "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, timeout=60)
    except (OSError, subprocess.CalledProcessError):  # a tarball, not a clone: scan what a clone would hold
        skip = {".git", ".venv", "var", "node_modules", "__pycache__", ".pytest_cache", ".ruff_cache", "staticfiles"}
        return [path for path in ROOT.rglob("*") if path.is_file() and not skip & set(path.relative_to(ROOT).parts)]
    return [ROOT / name for name in listing.stdout.decode().split("\0") if name]


def findings(relative: str, text: str) -> list[str]:
    found = []
    for kind, pattern in PATTERNS.items():
        if kind in TEST_ONLY_KINDS and relative.startswith("tests/"):
            continue
        for match in pattern.finditer(text):
            value = match.groups()[-1] if match.groups() else match.group(0)
            if value in NOT_SECRETS or value.startswith(("{", "%(", "<", "$", "…")):
                continue
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"{relative}:{line}: {kind}")
    return found


def test_no_tracked_file_holds_a_key_a_token_or_a_password():
    files = tracked_files()
    assert len(files) > 50
    found = []
    for path in files:
        relative = path.relative_to(ROOT).as_posix()
        if SECRET_FILE_NAMES.search(relative) or DATA_FILE_NAMES.search(relative):
            found.append(f"{relative}: a file of this kind must not be committed")
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError):
            continue  # binary files (compiled translations are not tracked; images hold no text secrets)
        found += findings(relative, text)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("line", [
    "SECRET_KEY = '" + "k8#x" * 10 + "'",
    "DATABASE_URL=postgres://ropa:" + "Tr0ub4dor3" + "@db.internal/ropa",
    "-----BEGIN " + "RSA PRIVATE KEY-----",
    "aws_key = AKIA" + "ABCDEFGHIJKLMNOP",
    "EMAIL_HOST_PASSWORD: '" + "correct-horse-battery" + "'",
])
def test_the_scan_catches_a_planted_secret(line):
    assert findings("config/settings.py", line)


def test_the_scan_lets_the_documented_placeholders_through():
    assert findings("README.md", "DATABASE_URL=postgres://ropa:PASSWORD@127.0.0.1:5432/ropa") == []
    assert findings("config/settings.py", '_DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production"') == []
