"""The README's *Layout* is the tree a newcomer walks: every folder it names exists, every concept folder of
`ropa/` is named there, and `ropa/` holds no loose modules beyond Django's own (issue 22)."""

import re
from pathlib import Path

from django.conf import settings

BASE = Path(settings.BASE_DIR)
DJANGO_MODULES = {"__init__.py", "apps.py", "urls.py"}


def layout_block() -> list[str]:
    readme = (BASE / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Layout"):]
    return section.split("```")[1].strip().splitlines()


def named_folders() -> set[str]:
    """Each line's folder with its parents: `  admin/` under `ropa/` is `ropa/admin`."""
    folders, parent = set(), ""
    for line in layout_block():
        match = re.match(r"^( *)(\S+/)\s", line + " ")
        if not match:
            continue
        name = match.group(2).rstrip("/")
        if match.group(1):
            folders.add(f"{parent}/{name}")
        else:
            parent = name
            folders.add(name)
    return folders


def test_every_folder_the_readme_names_exists():
    missing = sorted(folder for folder in named_folders() if not (BASE / folder).is_dir())
    assert missing == []


def test_every_package_inside_ropa_is_named_in_the_readme():
    packages = {
        f"ropa/{path.parent.name}" for path in (BASE / "ropa").glob("*/__init__.py") if path.parent.name != "migrations"
    }
    assert sorted(packages - named_folders()) == []


def test_ropa_holds_no_loose_modules():
    loose = {path.name for path in (BASE / "ropa").glob("*.py")} - DJANGO_MODULES
    assert sorted(loose) == []


def test_each_concept_folder_says_what_it_holds():
    silent = [
        str(path.relative_to(BASE)) for path in (BASE / "ropa").glob("*/__init__.py")
        if path.parent.name != "migrations" and not path.read_text(encoding="utf-8").lstrip().startswith('"""')
    ]
    assert silent == []
