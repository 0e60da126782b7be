"""Every user-visible string is translatable and translated into Norwegian Bokmål and Swedish."""

import re
import shutil
import subprocess
from html.parser import HTMLParser
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


# English labels third-party apps put on admin pages; each must come translated in nb and sv.
ENGLISH_LABELS = {
    "AXES", "Axes", "Access attempts", "Access failures", "Access logs", "Access attempt", "Access lock out",
    "Attempt Time", "Failed Logins", "IP Address", "User Agent", "Logout Time", "Form Data", "Meta Data",
    "Show counts", "Hide counts", "Import", "Export", "Submit", "Select all", "Skip to main content",
    "Toggle theme (current theme: auto)", "Add link", "Change or view list link", "Model name", "Breadcrumbs",
    "Start typing to filter…", "Filter navigation items", "Otp_Totp", "Otp_Static", "Import_Export",
    "This exporter will export the following fields:", "Reset password", "Enabled", "Disabled",
}
# Texts that are the same in English and the page's language, or data rather than labels.
SAME_IN_EVERY_LANGUAGE = {"Format", "Path", "Status", "Meta Data"}


class _PageTexts(HTMLParser):
    """The text nodes and the labels in attributes (title, placeholder, aria-label, button values) of a page."""

    ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")

    def __init__(self) -> None:
        super().__init__()
        self.texts: set[str] = set()
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skipping += 1
        values = dict(attrs)
        for name, value in attrs:
            is_button = name == "value" and values.get("type") in ("submit", "button")
            if value and (name in self.ATTRIBUTES or is_button):
                self.texts.add(" ".join(value.split()))

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping and data.strip():
            self.texts.add(" ".join(data.split()))


def page_texts(html: str) -> set[str]:
    parser = _PageTexts()
    parser.feed(html)
    return parser.texts


def third_party_msgids() -> set[str]:
    """The msgids locale_third_party/ translates: each is a label some admin page shows in English otherwise."""
    found = set()
    for language in LANGUAGES:
        po_file = ROOT / "locale_third_party" / language / "LC_MESSAGES" / "django.po"
        found |= {" ".join(msgid.split()) for msgid in msgids(po_file) if "\x04" not in msgid}
    return {msgid[:1].upper() + msgid[1:] for msgid in found} - SAME_IN_EVERY_LANGUAGE


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_third_party_translations_compile_and_are_complete(language):
    po_file = ROOT / "locale_third_party" / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po_file)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def test_the_third_party_translations_are_not_our_own_strings():
    """A msgid of our code belongs in locale/ (makemessages keeps it there); here it would only shadow nothing."""
    for language in LANGUAGES:
        ours = msgids(ROOT / "locale" / language / "LC_MESSAGES" / "django.po")
        theirs = msgids(ROOT / "locale_third_party" / language / "LC_MESSAGES" / "django.po")
        assert not ours & theirs, language


def test_the_label_check_catches_an_english_label():
    html = '<h2>Access attempts</h2><p title="Show counts">Antall</p><script>"Export"</script>'
    assert page_texts(html) & ENGLISH_LABELS == {"Access attempts", "Show counts"}


@pytest.fixture
def admin_pages(walk_data_for_the_class, db):
    from tests.security.admin_urls import admin_urls

    urls, _skipped = admin_urls(walk_data_for_the_class)
    return ["/admin/", *(url.url for url in urls)]


class TestEveryAdminPage:
    """Walks over every admin page, with the demo and one object of every model loaded once for them all."""

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_every_admin_page_shows_its_labels_in_the_language(self, admin_pages, admin_client, language):
        """Changelists, add and change forms, history, import and export pages, the login records, in nb and sv."""
        english = ENGLISH_LABELS | third_party_msgids()
        admin_client.cookies["django_language"] = language
        found, rendered = {}, 0
        for url in admin_pages:
            response = admin_client.get(url)
            if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
                continue
            rendered += 1
            for text in page_texts(response.content.decode()) & english:
                found.setdefault(text, url)
        assert rendered > 100
        assert found == {}, f"{language}: English labels (label: first page): {found}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_login_page_is_in_the_language(client, db, language):
    client.cookies["django_language"] = language
    texts = page_texts(client.get("/admin/login/").content.decode())
    assert not texts & (ENGLISH_LABELS | third_party_msgids())
    assert not texts & {"Username:", "Password:", "Log in"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_form_sent_back_with_errors_says_so_in_the_language(admin_client, db, language):
    """The banner above a form's errors ("Please correct the errors below.") is counted in Django 5 and was
    missing from Django's Bokmål catalogue: it showed in English above Norwegian field errors."""
    admin_client.cookies["django_language"] = language
    page = admin_client.post("/admin/ropa/datasubjectcategory/add/", {"name": ""}).content.decode()
    assert 'class="errornote"' in page
    assert not page_texts(page) & {"Please correct the error below.", "Please correct the errors below."}
