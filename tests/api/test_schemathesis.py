"""schemathesis against a live server and its own OpenAPI schema: every check on, a fixed seed and a bounded number of
examples per operation, so that `make test` (both databases) proves no input makes a 500 and every answer conforms to
the schema. README "API" says how to run it longer.

schemathesis has its own virtual environment (`make schemathesis`, .venv/schemathesis), as the dependency audit's:
it imports PyPI's `requests`, which ropa's own `requests` package would shadow in ours.
"""

import json
import os
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests.api.conftest import api, make_client, make_token, member

SCHEMATHESIS = Path(os.environ.get(
    "SCHEMATHESIS", Path(settings.BASE_DIR) / ".venv" / "schemathesis" / "bin" / "schemathesis"))
CONFIG = Path(__file__).with_name("schemathesis.toml")
# Longer runs: SCHEMATHESIS_MAX_EXAMPLES=500 SCHEMATHESIS_SEED=... (README "API").
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "8"))
SEED = int(os.environ.get("SCHEMATHESIS_SEED", "24"))
# Measured on the loaded 2-core machine: these phases, 207 cases in 16 s; with the coverage phase (boundary values of
# every parameter) 1,527 cases in 140 s, so it is left to longer runs: SCHEMATHESIS_PHASES=examples,coverage,...
PHASES = os.environ.get("SCHEMATHESIS_PHASES", "examples,fuzzing,stateful")


@pytest.fixture
def demo(transactional_db, settings):
    """Two clients, and a token of the first's officer that may vouch (so both ways of filing are exercised)."""
    settings.API_RATE_LIMIT = "100000/minute"  # schemathesis is one fast client; the limit is tested elsewhere
    alpha, _bravo = make_client("Alpha"), make_client("Bravo")
    _token, secret = make_token(member("alpha-officer", alpha.workspace), name="schemathesis", may_vouch=True)
    return secret


@pytest.mark.skipif(not SCHEMATHESIS.exists(), reason="`make schemathesis` installs it (make test does)")
def test_every_operation_answers_within_its_schema_and_never_500(demo, live_server, tmp_path):
    schema = api(demo).get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    (tmp_path / "schema.json").write_bytes(schema.content)
    assert json.loads(schema.content)["paths"]
    command = [
        str(SCHEMATHESIS), "--config-file", str(CONFIG), "run", str(tmp_path / "schema.json"),
        "--url", live_server.url, "--header", f"Authorization: Bearer {demo}",
        "--checks", "all", "--seed", str(SEED), "--max-examples", str(MAX_EXAMPLES), "--workers", "1",
        "--generation-database", "none", "--phases", PHASES,
        "--request-timeout", "60", "--no-color", "--output-truncate", "false",
    ]
    result = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, timeout=900, check=False)
    assert result.returncode == 0, result.stdout[-20000:] + result.stderr[-5000:]
    # How many cases and how long: shown with `pytest -s`.
    print(*[line for line in result.stdout.splitlines() if "generated" in line or " in " in line][-2:], sep="\n")
