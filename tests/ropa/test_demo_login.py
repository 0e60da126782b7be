"""make run prints a demo operator login that works, and only in development (issue 23: the demo's operator
sees every workspace)."""

import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from ropa.security.roles import OPERATOR
from ropa.workspaces.access import is_operator


def test_it_refuses_to_run_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_login")


def test_the_printed_password_logs_in_an_operator(db, settings, rf):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("demo_login", "--url", "http://127.0.0.1:8123/admin/", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8123/admin/" in text
    # The public pages a newcomer tries next, on the same server.
    assert "http://127.0.0.1:8123/request/" in text and "http://127.0.0.1:8123/privacy/" in text
    password = text.split("password:")[1].split()[0]
    user = authenticate(rf.post("/admin/login/"), username="personvernombud", password=password)
    assert user is not None and user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [OPERATOR]
    assert is_operator(user)


def test_running_it_again_replaces_the_password(db, settings, rf):
    settings.DEBUG = True
    first, second = io.StringIO(), io.StringIO()
    call_command("demo_login", stdout=first)
    call_command("demo_login", stdout=second)
    old = first.getvalue().split("password:")[1].split()[0]
    assert authenticate(rf.post("/admin/login/"), username="personvernombud", password=old) is None
