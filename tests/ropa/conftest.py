"""Helpers for the record's tests; the shared fixtures live in tests/conftest.py."""

from tests.conftest import vocab

__all__ = ["vocab"]
