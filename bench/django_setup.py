"""Start Django for a benchmark script: repository on the path, development settings, a throwaway
SQLite file unless DATABASE_URL is set (e.g. under `.ci/with-postgres`)."""

import os
import sys
import tempfile
from pathlib import Path


def setup_django() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='ropa-bench-')}/bench.sqlite3"

    import django

    django.setup()
