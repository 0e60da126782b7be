"""`make test` runs a static security check (ruff's S rules) and a dependency audit (pip-audit); both fail on
findings that the allow-lists do not explain, and the audit never passes silently when it could not run."""

import importlib.machinery
import importlib.util
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUFF = Path(sys.executable).with_name("ruff")


def _audit_script():
    loader = importlib.machinery.SourceFileLoader("audit_dependencies", str(ROOT / ".ci" / "audit-dependencies"))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


audit = _audit_script()


def test_make_test_runs_the_linter_and_the_audit():
    makefile = (ROOT / "Makefile").read_text()
    test_target = re.search(r"^test: (.*)\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert "lint" in test_target.group(1).split()
    assert "audit AUDIT_FLAGS=--offline-ok" in test_target.group(2)
    assert re.search(r"^lint: .*\n\t\$\(VENV\)/bin/ruff check \.$", makefile, re.MULTILINE)


def test_the_security_rules_apply_everywhere_but_where_the_allow_list_says():
    lint = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["ruff"]["lint"]
    assert "S" in lint["select"]
    assert not [rule for rule in lint.get("ignore", []) if rule.startswith("S")]
    assert set(lint["per-file-ignores"]) <= {"tests/**", "bench/**"}


def test_every_inline_security_exemption_gives_its_reason():
    exemption = re.compile(r"#\s*noqa:\s*(S\d+(?:,\s*S?\d+)*)(.*)$")
    unexplained = []
    for path in [*ROOT.glob("*/**/*.py"), ROOT / ".ci" / "audit-dependencies"]:
        if ".venv" in path.parts or "migrations" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = exemption.search(line)
            if match and not re.match(r"\s*\(.{8,}\)", match.group(2)):
                unexplained.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not unexplained, "\n".join(unexplained)


def test_ruff_with_our_configuration_catches_insecure_code(tmp_path):
    planted = tmp_path / "ropa_planted.py"
    planted.write_text(
        "import pickle\nimport subprocess\n\n\n"
        "def load(data, command):\n"
        "    subprocess.call(command, shell=True)\n"
        "    return pickle.loads(data)\n"
    )
    result = subprocess.run(
        [str(RUFF), "check", "--config", str(ROOT / "pyproject.toml"), "--no-cache", str(planted)],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert result.returncode == 1
    assert {"S301", "S602"} <= set(re.findall(r"\bS\d{3}\b", result.stdout))


def _report(*dependencies: dict) -> dict:
    return {"dependencies": list(dependencies), "fixes": []}


DJANGO_VULN = {"name": "django", "version": "5.2.1", "vulns": [
    {"id": "PYSEC-2025-1", "aliases": ["CVE-2025-0001"], "fix_versions": ["5.2.2"]},
]}


def test_an_advisory_not_in_the_allow_list_is_a_finding():
    outcome = audit.judge(_report(DJANGO_VULN), allowed={})
    assert outcome.findings == ["django 5.2.1: PYSEC-2025-1 / CVE-2025-0001 (fixed in: 5.2.2)"]


def test_an_advisory_explained_by_id_or_alias_is_not_a_finding():
    for advisory in ("PYSEC-2025-1", "CVE-2025-0001"):
        outcome = audit.judge(_report(DJANGO_VULN), allowed={advisory: "the affected view is not mounted"})
        assert outcome.findings == []
        assert outcome.used == {advisory}


def test_a_report_where_nothing_could_be_looked_up_audited_nothing():
    skipped = {"name": "django", "skip_reason": "Dependency not found on PyPI and could not be audited"}
    outcome = audit.judge(_report(skipped, {**skipped, "name": "qrcode"}), allowed={})
    assert outcome.audited == [] and len(outcome.skipped) == 2


def test_the_allow_list_needs_a_reason_for_every_advisory():
    assert audit.read_allowlist("# comment\n\nGHSA-aaaa-bbbb-cccc fixed upstream, we never call it\n") == {
        "GHSA-aaaa-bbbb-cccc": "fixed upstream, we never call it",
    }
    with pytest.raises(audit.AllowListError, match="needs a reason"):
        audit.read_allowlist("PYSEC-2025-1\n")


def test_the_committed_allow_list_is_well_formed():
    for advisory, reason in audit.read_allowlist((ROOT / ".ci" / "pip-audit-allowlist.txt").read_text()).items():
        assert re.fullmatch(r"(PYSEC|GHSA|CVE|OSV)-[\w-]+", advisory) and len(reason) > 15


def test_without_an_advisory_service_the_audit_says_it_did_not_run(monkeypatch, capsys):
    skipped = _report({"name": "django", "skip_reason": "Dependency not found on PyPI and could not be audited"})
    monkeypatch.setattr(audit, "run_pip_audit", lambda *args: (skipped, "") if args[2] == "pypi" else (None, "DNS"))
    argv = ["--pip-audit", "pip-audit", "--site-packages", "/nowhere"]
    assert audit.main(argv) == 2
    assert "dependency audit: NOT RUN" in capsys.readouterr().out
    assert audit.main([*argv, "--offline-ok"]) == 0
    assert "dependency audit: NOT RUN" in capsys.readouterr().out


def test_with_a_service_and_a_finding_the_audit_fails(monkeypatch, capsys):
    monkeypatch.setattr(audit, "run_pip_audit", lambda *args: (_report(DJANGO_VULN), ""))
    assert audit.main(["--pip-audit", "x", "--site-packages", "/nowhere", "--offline-ok"]) == 1
    assert "PYSEC-2025-1" in capsys.readouterr().out
