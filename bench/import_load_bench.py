"""Benchmark: the public request form's latency while three near-limit imports run (issue 21's proof).

Run: `.ci/with-postgres .venv/bin/python bench/import_load_bench.py [--baseline 20] [--cells 950000] [--wait 600]`
The script migrates a throwaway PostgreSQL database, creates a controller and three people who may import
(the demo login `manage.py demo_login` prints, and two privacy officers), and starts gunicorn as the README's
systemd unit does (3 sync workers, gunicorn's 30 s timeout, said explicitly) with the worker beside it
(`manage.py worker --watch`: the outbox and background jobs, imports among them). Settings as in production
(DEBUG off, the import limits at their defaults), except plain HTTP on loopback, two-factor login off so that
a script can log in, the request form's rate limits raised and a dummy e-mail backend.

It builds one workbook with openpyxl just under the import's cell cap (IMPORT_MAX_CELLS, 1,000,000 by default):
a hand-kept activities sheet like bench/import_bench.py's (14 columns it knows, and as many it does not as bring
the cells near the cap within the reader's 50,000 rows: 49,990 rows of 19). Then, every ~100 ms, one sampler
loads the public form (GET) and submits it (POST, a new address each time), first for `--baseline` seconds
with nothing else running, then while the three people upload the workbook at the same moment through the
admin's import page (`/admin/ropa/processingactivity/import-record/`); the demo login also uploads a second
time at once, which the page must refuse (one import at a time per person). Each person's page is followed
until it shows the dry run's report or its failure (the cap on cells or seconds), or `--wait` runs out.

Prints p50/p95/max latency of the GET, the POST and both, in the baseline and under the imports, the failed
requests, what became of each import (and of the refused second upload), and the goal: the public form
answers within 1 s while the imports run. Every request goes to 127.0.0.1 only.
"""

import argparse
import http.client
import io
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from served import HOST, ROOT, free_port, manage, percentile, production_env, wait_for

IMPORT_PATH = "/admin/ropa/processingactivity/import-record/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
GOAL_SECONDS = 1.0
HEADER = [
    "Behandlingsaktivitet", "Avdeling", "Formål", "Behandlingsgrunnlag", "Kategorier av registrerte",
    "Personopplysninger", "Mottakere", "Overføring til tredjeland", "Lagringstid", "Sikkerhetstiltak", "Kilde",
    "Databehandlere", "DPIA", "Kommentar",
]



def workbook(cells: int, max_rows: int) -> bytes:
    """An activities sheet kept by hand of `cells` cells at most (title row and headings counted) and fewer rows
    than the reader's cap; columns the importer does not know ("Merknad 1" …) widen it to fit both caps."""
    from openpyxl import Workbook

    rows = max_rows - 10
    extra = max(0, -(-cells // rows) - len(HEADER))  # enough unknown columns to reach the cells within the rows
    width = len(HEADER) + extra
    rows = min(rows, max(1, (cells - 1 - width) // width))
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Protokoll")
    sheet.append(["Behandlingsansvarlig: Benk AS"])
    sheet.append([*HEADER, *(f"Merknad {n + 1}" for n in range(extra))])
    for n in range(rows):
        sheet.append([
            f"Aktivitet {n}", "Salg", "Levere varer\nSende kvittering", "b) avtale", "Kunder; ansatte",
            "Navn, Post- og leveringsadresse", "Transport- og leveringsselskaper", "Nei",
            "5 år etter utgangen av regnskapsåret", "Rollebasert tilgangsstyring", "Den registrerte",
            f"Leverandør {n % 20}", "Nei", "Sjekk", *(f"Notat {n % 7}" for _ in range(extra)),
        ])
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


# A browser of sorts: cookies kept, CSRF token read from the page, one connection per request.

class Browser:
    def __init__(self, port: int, timeout: float = 120) -> None:
        self.port, self.timeout, self.cookies = port, timeout, {}

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        connection = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
        try:
            cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
            connection.request(method, path, body=body, headers={
                "Accept-Language": "nb", "Referer": f"http://{HOST}:{self.port}{path}",
                **({"Cookie": cookie} if cookie else {}), **(headers or {}),
            })
            response = connection.getresponse()
            html = response.read().decode(errors="replace")
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    pair = value.split(";", 1)[0]
                    self.cookies[pair.split("=", 1)[0]] = pair.split("=", 1)[1]
            return response.status, response.getheader("Location", ""), html
        finally:
            connection.close()

    def get(self, path: str):
        return self.request("GET", path)

    def post(self, path: str, fields: dict, files: dict | None = None):
        if not files:
            body = urllib.parse.urlencode(fields, doseq=True).encode()
            return self.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})
        boundary = secrets.token_hex(16)
        parts = []
        for name, value in fields.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        for name, (filename, data) in files.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n".encode()
                + data + b"\r\n"
            )
        parts.append(f"--{boundary}--\r\n".encode())
        kind = f"multipart/form-data; boundary={boundary}"
        return self.request("POST", path, b"".join(parts), {"Content-Type": kind})

    def token(self, html: str) -> str:
        found = TOKEN.search(html)
        if not found:
            raise RuntimeError("no CSRF token on the page")
        return found[1]


def log_in(port: int, username: str, password: str) -> Browser:
    browser = Browser(port)
    _status, _location, html = browser.get("/admin/login/")
    status, location, _html = browser.post("/admin/login/", {
        "csrfmiddlewaretoken": browser.token(html), "username": username, "password": password, "next": "/admin/",
    })
    if status != 302:
        raise SystemExit(f"{username} could not log in (HTTP {status})")
    return browser


# The sampler: the public form, GET then POST, every ~100 ms.

class Sampler(threading.Thread):
    def __init__(self, port: int, organisation: str, rights: list[str], interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.port, self.organisation, self.rights, self.interval = port, organisation, rights, interval
        self.samples: list[tuple[float, str, float, bool]] = []  # (when, "get"/"post", seconds, answered well)
        self.stopped = threading.Event()

    def run(self) -> None:
        path = f"/request/{self.organisation}/"
        while not self.stopped.is_set():
            began = time.monotonic()
            browser, kind, started = Browser(self.port, timeout=60), "get", time.perf_counter()
            try:
                status, _location, html = browser.get(path)
                self.samples.append((began, kind, time.perf_counter() - started, status == 200))
                fields = {
                    "csrfmiddlewaretoken": browser.token(html), "rights": self.rights, "name": "Bench Person",
                    "email": f"bench-{secrets.token_hex(6)}@example.net", "message": "Please send me my data.",
                    "language": "nb", "website": "",
                }
                kind, started = "post", time.perf_counter()
                status, _location, _html = browser.post(path, fields)
                self.samples.append((began, kind, time.perf_counter() - started, status == 302))
            except (OSError, http.client.HTTPException, RuntimeError):
                self.samples.append((began, kind, time.perf_counter() - started, False))
            self.stopped.wait(max(0.0, self.interval - (time.monotonic() - began)))

    def between(self, start: float, end: float) -> list[tuple[float, str, float, bool]]:
        return [sample for sample in self.samples if start <= sample[0] < end]


# Following an import through its page.

def outcome(html: str) -> str | None:
    """What the import page says: None while the job runs, else the report's gist or the failure."""
    if 'id="import-progress"' in html:
        return None
    failed = re.search(r'id="import-failed">(.*?)</p>', html, re.S)
    if failed:
        return "failed: " + re.sub(r"\s+", " ", failed[1]).strip()
    if 'name="confirm"' in html:
        return "dry run finished: valid, waiting for confirmation"
    if 'name="dismiss"' in html:
        errors = re.search(r'<h2 class="ropa-missing">(.*?)</h2>', html, re.S)
        gist = " ".join(re.sub(r"<[^>]+>", " ", errors[1]).split()) if errors else ""
        return "dry run finished: report" + (f" ({gist})" if gist else "")
    messages = re.findall(r'<li class="(?:error|warning)">(.*?)</li>', html, re.S)
    return "no job on the page" + (f" ({'; '.join(messages)})" if messages else "")


def upload(browser: Browser, data: bytes, filename: str) -> tuple[float, int, str]:
    _status, _location, html = browser.get(IMPORT_PATH)
    started = time.perf_counter()
    status, location, _html = browser.post(
        IMPORT_PATH, {"csrfmiddlewaretoken": browser.token(html)}, files={"file": (filename, data)},
    )
    return time.perf_counter() - started, status, location


def refused_message(browser: Browser) -> str:
    """The message the page shows after a redirect (Django's messages), or the job's page."""
    _status, _location, html = browser.get(IMPORT_PATH)
    found = re.findall(r'<li class="error">(.*?)</li>', html, re.S)
    return "; ".join(re.sub(r"\s+", " ", text).strip() for text in found) or "(no message)"


# The conductor.

def server_env(private: str) -> dict:
    return production_env(
        REQUIRE_2FA="0",  # a script cannot read an authenticator app; the import page is the same either way
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        PRIVATE_STORAGE_ROOT=private,  # the uploads wait here for the worker; removed afterwards
    )


SETUP = """
from django.contrib.auth.models import User
from requests.models import Right
from ropa.models import Organisation
from ropa.models.workspaces import Membership, Role
o, _ = Organisation.objects.get_or_create(name='Benk AS', defaults={'email': 'personvern@benk.example'})
for name in ('officer2', 'officer3'):
    user = User.objects.create_user(name, name + '@benk.example', '{password}', is_staff=True)
    Membership.objects.create(user=user, workspace=o.workspace, role=Role.OFFICER)
print(o.pk, ','.join(str(r.pk) for r in Right.objects.filter(code__in=['15', '17'])))
"""
JOBS = """
from ropa.jobs.models import Job
for job in Job.objects.order_by('pk'):
    took = (job.finished_at - job.started_at).total_seconds() if job.finished_at and job.started_at else -1
    print(job.pk, job.owner.username if job.owner else '-', job.state, f'{took:.1f}', job.attempts,
          repr((job.error or '')[:160]))
"""


def conduct(args) -> None:
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        raise SystemExit("Run under .ci/with-postgres: the benchmark needs PostgreSQL (DATABASE_URL).")
    private = tempfile.mkdtemp(prefix="ropa-bench-private-")
    try:
        run(server_env(private), free_port(), args)
    finally:
        shutil.rmtree(private, ignore_errors=True)


def run(env: dict, port: int, args) -> None:
    manage(env, "migrate", "--noinput", "-v0")
    password = secrets.token_urlsafe(16)
    organisation, rights = manage(env, "shell", "-v", "0", "-c", SETUP.replace("{password}", password)).split()
    demo = manage({**env, "DEBUG": "1"}, "demo_login", "--url", f"http://{HOST}:{port}/admin/")
    demo_password = demo.split("password:")[1].split()[0]
    settings = manage(env, "shell", "-v", "0", "-c", (
        "from django.conf import settings\n"
        "from ropa.imports.readers import MAX_ROWS\n"
        "print(settings.IMPORT_MAX_CELLS, settings.IMPORT_MAX_SECONDS, settings.IMPORT_MAX_UPLOAD_MB, MAX_ROWS)"
    )).split()
    max_cells, max_seconds, max_mb, max_rows = (int(value) for value in settings)
    cells = args.cells or int(max_cells * 0.95)
    built = time.perf_counter()
    data = workbook(cells, max_rows)
    print(f"workbook: {cells:,} cells at most ({cells / max_cells:.0%} of IMPORT_MAX_CELLS {max_cells:,}), "
          f"fewer than the reader's {max_rows:,} rows, "
          f"{len(data) / 1e6:.1f} MB (upload limit {max_mb} MB), built in {time.perf_counter() - built:.0f} s; "
          f"IMPORT_MAX_SECONDS {max_seconds}")

    gunicorn = subprocess.Popen(  # noqa: S603 (gunicorn from our venv)
        [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi:application", "--bind", f"{HOST}:{port}",
         "--workers", "3", "--timeout", "30", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )
    worker = subprocess.Popen(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", "worker", "--watch"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
    )
    sampler = Sampler(port, organisation, rights.split(","))
    try:
        wait_for(port, f"/request/{organisation}/")
        people = {"personvernombud": log_in(port, "personvernombud", demo_password)}
        for name in ("officer2", "officer3"):
            people[name] = log_in(port, name, password)

        sampler.start()
        baseline_start = time.monotonic()
        time.sleep(args.baseline)
        load_start = time.monotonic()

        uploads, gate = {}, threading.Barrier(len(people))

        def send(name: str, browser: Browser) -> None:
            gate.wait()
            uploads[name] = upload(browser, data, f"{name}-record.xlsx")
            if name == "personvernombud":  # the same person again while the first still runs
                second = upload(browser, data, "again.xlsx")
                uploads["personvernombud (2nd upload)"] = (*second[:2], refused_message(browser))

        senders = [threading.Thread(target=send, args=item) for item in people.items()]
        for thread in senders:
            thread.start()
        for thread in senders:
            thread.join()
        results: dict[str, tuple[str, float]] = {}
        deadline = load_start + args.wait
        while len(results) < len(people) and time.monotonic() < deadline:
            for name, browser in people.items():
                if name in results:
                    continue
                try:
                    _status, _location, html = browser.get(IMPORT_PATH)
                except (OSError, http.client.HTTPException):
                    continue
                said = outcome(html)
                if said is not None:
                    results[name] = (said, time.monotonic() - load_start)
            time.sleep(2)
        load_end = time.monotonic()
        time.sleep(0.5)
        sampler.stopped.set()
        sampler.join(timeout=70)
        jobs = manage(env, "shell", "-v", "0", "-c", JOBS)
    finally:
        sampler.stopped.set()
        worker.terminate()
        gunicorn.terminate()
        try:
            worker.wait(timeout=max_seconds + 30)
        except subprocess.TimeoutExpired:
            worker.kill()
        gunicorn.wait(timeout=30)

    print(f"gunicorn 3 sync workers, --timeout 30, PostgreSQL, `manage.py worker --watch`; cores: {os.cpu_count()}")
    print(f"{'public form':34}{'requests':>9}{'failed':>8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    phases = {
        "baseline": sampler.between(baseline_start, load_start),
        "imports": sampler.between(load_start, load_end),
    }
    worst = {}
    for phase, samples in phases.items():
        for kind in ("get", "post", "both"):
            chosen = [s for s in samples if kind in ("both", s[1])]
            seconds = [s[2] for s in chosen]
            failed = sum(1 for s in chosen if not s[3])
            label = f"{phase:9}{kind.upper() if kind != 'both' else 'GET+POST':>10}"
            print(f"{label:34}{len(chosen):9}{failed:8}{statistics.median(seconds) * 1000 if seconds else 0:9.0f}"
                  f"{percentile(seconds, 0.95) * 1000:9.0f}{max(seconds, default=0) * 1000:9.0f}")
            if kind == "both":
                worst[phase] = (max(seconds, default=float("inf")), failed, len(chosen))
    print(f"(baseline: {load_start - baseline_start:.0f} s with no import; imports: {load_end - load_start:.0f} s "
          "from the three uploads until each page showed its outcome)")
    print("uploads (seconds the upload request took, HTTP status):")
    for name, (seconds, status, location) in uploads.items():
        print(f"  {name:30} {seconds:6.2f} s  HTTP {status}  {location if '2nd' not in name else ''}"
              + (f"  page says: {location}" if "2nd" in name else ""))
    print("imports (what each person's page said, seconds after the uploads began):")
    for name in people:
        said, after = results.get(name, ("still running when --wait ran out", float("nan")))
        print(f"  {name:30} {after:6.0f} s  {said}")
    print("jobs (id, owner, state, seconds run, attempts, error):")
    for line in jobs.strip().splitlines():
        print(f"  {line}")
    under_load, failed, count = worst[next(reversed(worst))]
    met = count > 0 and failed == 0 and under_load <= GOAL_SECONDS
    print(f"goal: the public form answers within {GOAL_SECONDS:g} s while the imports run: "
          f"{'MET' if met else 'NOT MET'} (slowest {under_load * 1000:.0f} ms, {failed} failed of {count})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=float, default=20, help="seconds of sampling before any import")
    parser.add_argument("--cells", type=int, default=0, help="cells in the workbook (default: 95%% of the cap)")
    parser.add_argument("--wait", type=float, default=600, help="seconds to follow the imports at most")
    conduct(parser.parse_args())


if __name__ == "__main__":
    main()
