"""Every user-visible string is translatable and translated into Norwegian Bokmål and Swedish."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["nb", "sv"]


def msgids(po_file: Path) -> set[str]:
    """The msgids of a .po file (plural and context forms included), without the header."""
    text = po_file.read_text(encoding="utf-8")
    ids = set()
    for block in text.split("\n\n"):
        match = re.search(r'^msgid ((?:".*"\n?)+)', block, flags=re.MULTILINE)
        if match:
            value = "".join(re.findall(r'"(.*)"', match.group(1)))
            context = re.search(r'^msgctxt "(.*)"', block, flags=re.MULTILINE)
            if value:
                ids.add(f"{context.group(1)}\x04{value}" if context else value)
    return ids


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language):
    po_file = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po_file)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def test_the_po_files_hold_every_string_in_the_code(tmp_path):
    """makemessages on a copy of the code finds no string that the committed .po files lack."""
    copy = tmp_path / "ropa"
    tracked = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout.split()
    for name in tracked:
        source = ROOT / name
        if source.is_file() and not name.startswith(("locale/", "tests/", "bench/")):
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    (copy / "locale").mkdir()
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "manage.py", "makemessages", "-l", "nb", "--no-location", "-v0"],
        cwd=copy, check=True, capture_output=True, env={"DEBUG": "1", "PATH": "/usr/bin:/bin"},
    )
    found = msgids(copy / "locale" / "nb" / "LC_MESSAGES" / "django.po")
    for language in LANGUAGES:
        committed = msgids(ROOT / "locale" / language / "LC_MESSAGES" / "django.po")
        missing = sorted(found - committed)
        assert not missing, f"{language}: run makemessages and translate: {missing[:10]}"
