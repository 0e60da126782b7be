"""Loaded by pytest before Django (`-p tests.env` in pyproject.toml): development defaults for the test run.

DEBUG=1 gives the plain-HTTP security settings the test client needs; the real values are tested
separately by running `check --deploy` with production variables.
"""

import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SECRET_KEY", "test-only-key-" + "x" * 40)
