"""Benchmark: the public form's submit under gunicorn on PostgreSQL, against a trivial page in the same run.

Run: `.ci/with-postgres .venv/bin/python bench/intake_bench.py [--seconds 15] [--workers 3] [--clients 4] [--no-smtp]`
The script migrates, creates a controller, starts a local SMTP sink (aiosmtpd), gunicorn on 127.0.0.1
with the rate limits raised and the outbox worker beside it (`send_outbox --watch`, as in production:
web requests only write the outbox row), then drives the load from a separate process over loopback
with stdlib http.client threads: each client GETs the form once (CSRF cookie and token), as a browser
does, then POSTs submissions with it; the form page is measured on its own.
It prints requests per second and p50/p95 latency for the privacy-notice page (the baseline), the form
page alone and the submit, all measured in this run, and the submit/page ratio; then how many e-mails
the worker had sent when it drained.
So that mail left for later never flatters the submit, it also prints how many e-mails were still queued
when the POST phase ended and the submit rate counted up to the moment the worker had sent them all.
Where the time goes: on Linux it reads from /proc the CPU each process used per request in each phase
(gunicorn, PostgreSQL's server processes, the outbox worker, the SMTP sink, the load generator): on a
shared machine the throughput moves with the other jobs, the CPU per request much less.
Every request goes to 127.0.0.1 only; each phase is bounded in time and count.
"""

import argparse
import http.client
import json
import os
import re
import secrets
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from served import HOST, ROOT, free_port, manage, percentile, production_env, wait_for

MAX_REQUESTS_PER_PHASE = 20_000
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
COOKIE = re.compile(r"csrftoken=([^;,\s]+)")


def cpu_seconds(pid: int) -> float:
    """CPU time of a process, of its children that have exited and of its live descendants (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    total = sum(int(field) for field in fields[11:15]) / tick  # utime, stime, cutime, cstime
    for child in Path("/proc").iterdir():
        try:
            if child.name.isdigit() and (child / "stat").read_text().rsplit(")", 1)[1].split()[1] == str(pid):
                total += cpu_seconds(int(child.name))
        except OSError:
            continue
    return total


def postmaster_pid(url: str) -> int | None:
    """The PostgreSQL server's main process, when it runs on this machine and its data directory is readable."""
    try:
        import psycopg

        with psycopg.connect(url) as connection:
            directory = connection.execute("SHOW data_directory").fetchone()[0]
        with open(Path(directory) / "postmaster.pid") as pid_file:
            return int(pid_file.readline())
    except Exception:  # noqa: BLE001 (the accounting is optional: without it the bench prints no CPU table)
        return None


def unsent(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as connection:
        return connection.execute("SELECT COUNT(*) FROM requests_outboxemail WHERE sent_at IS NULL").fetchone()[0]


# The load generator: a separate process, stdlib only.


def client_loop(
    port: int, mode: str, organisation: int, rights: list[str], deadline: float, budget: list[int], lock, out: dict,
) -> None:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    token = cookie = None
    form_path, privacy_path = f"/request/{organisation}/", f"/request/{organisation}/privacy/"
    while time.monotonic() < deadline:
        with lock:
            if budget[0] <= 0:
                break
            budget[0] -= 1
        try:
            if mode in ("page", "form"):
                started = time.perf_counter()
                path = privacy_path if mode == "page" else form_path
                connection.request("GET", path, headers={"Accept-Language": "nb"})
                response = connection.getresponse()
                response.read()
                out["latencies"].append(time.perf_counter() - started)
                out["ok" if response.status == 200 else "bad"] += 1
                continue
            if token is None:  # the form once per client, as a browser loads it once and sends it once
                connection.request("GET", form_path, headers={"Accept-Language": "nb"})
                response = connection.getresponse()
                html = response.read().decode()
                cookie = "csrftoken=" + COOKIE.search(response.getheader("Set-Cookie", ""))[1]
                token = TOKEN.search(html)[1]
            body = urllib.parse.urlencode({
                "csrfmiddlewaretoken": token, "rights": rights, "name": "Bench Person",
                "email": f"bench-{secrets.token_hex(6)}@example.net", "message": "Please send me my data.",
                "language": "nb", "website": "",
            }, doseq=True)
            started = time.perf_counter()
            connection.request("POST", form_path, body=body, headers={
                "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie, "Accept-Language": "nb",
            })
            response = connection.getresponse()
            response.read()
            out["latencies"].append(time.perf_counter() - started)
            out["ok" if response.status == 302 else "bad"] += 1
        except (OSError, http.client.HTTPException, TypeError):
            out["bad"] += 1
            token = None
            connection.close()
            connection = http.client.HTTPConnection(HOST, port, timeout=30)
    connection.close()


def run_load(port: int, mode: str, organisation: int, rights: list[str], seconds: float, clients: int) -> dict:
    deadline, lock, budget = time.monotonic() + seconds, threading.Lock(), [MAX_REQUESTS_PER_PHASE]
    results = [{"latencies": [], "ok": 0, "bad": 0} for _ in range(clients)]
    started = time.perf_counter()
    threads = [
        threading.Thread(
            target=client_loop, args=(port, mode, organisation, rights, deadline, budget, lock, results[n]),
        )
        for n in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies = [value for result in results for value in result["latencies"]]
    ok, bad = sum(r["ok"] for r in results), sum(r["bad"] for r in results)
    return {
        "mode": mode, "ok": ok, "bad": bad, "seconds": elapsed, "per_second": ok / elapsed,
        "p50_ms": statistics.median(latencies) * 1000 if latencies else float("nan"),
        "p95_ms": percentile(latencies, 0.95) * 1000,
    }


# The conductor: database, SMTP sink, gunicorn, then the load process.

def server_env(smtp_port: int, smtp: bool) -> dict:
    mail = {"EMAIL_HOST": HOST, "EMAIL_PORT": str(smtp_port), "EMAIL_USE_TLS": "0", "EMAIL_USE_SSL": "0"}
    if not smtp:  # to see what sending costs the machine (the worker shares its two cores with gunicorn)
        mail = {"EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend"}
    return production_env(**mail)


def conduct(args) -> None:
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        raise SystemExit("Run under .ci/with-postgres: the benchmark needs PostgreSQL (DATABASE_URL).")
    smtp_port, port = free_port(), free_port()
    env = server_env(smtp_port, smtp=not args.no_smtp)
    manage(env, "migrate", "--noinput", "-v0")
    organisation, rights = manage(env, "shell", "-v", "0", "-c", (
        "from ropa.models import Organisation\nfrom requests.models import Right\n"
        "o, _ = Organisation.objects.get_or_create(name='Benk AS', defaults={'email': 'personvern@benk.example'})\n"
        "print(o.pk, ','.join(str(r.pk) for r in Right.objects.filter(code__in=['15', '17'])))"
    )).split()
    sink = subprocess.Popen(  # noqa: S603 (aiosmtpd from our venv)
        [sys.executable, "-m", "aiosmtpd", "-n", "-c", "aiosmtpd.handlers.Sink", "-l", f"{HOST}:{smtp_port}"],
        cwd=ROOT, env=env,
    )
    gunicorn = subprocess.Popen(  # noqa: S603 (gunicorn from our venv)
        [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi:application", "--bind", f"{HOST}:{port}",
         "--workers", str(args.workers), "--log-level", "warning"],
        cwd=ROOT, env=env,
    )
    worker = subprocess.Popen(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", "send_outbox", "--watch"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
    )
    processes = {"gunicorn": gunicorn.pid, "PostgreSQL": postmaster_pid(env["DATABASE_URL"]),
                 "outbox worker": worker.pid, "SMTP sink": sink.pid}
    processes = {name: pid for name, pid in processes.items() if pid is not None}
    try:
        wait_for(port, f"/request/{organisation}/privacy/")
        figures, cpu = {}, {}
        for mode in ["page", "form", "submit"]:
            before = {name: cpu_seconds(pid) for name, pid in processes.items()}
            children_before = os.times()
            load = subprocess.run(  # noqa: S603 (this script, as the load process)
                [sys.executable, __file__, "--load", mode, "--port", str(port), "--organisation", organisation,
                 "--rights", rights, "--seconds", str(args.seconds), "--clients", str(args.clients)],
                cwd=ROOT, check=True, capture_output=True, text=True, timeout=args.seconds + 120,
            )
            children_after = os.times()
            figures[mode] = json.loads(load.stdout)
            if mode == "submit":
                # The mail still queued as the load stops, and the rate counted until the worker has sent it.
                figures[mode]["queued_at_end"] = queued = unsent(env["DATABASE_URL"])
                drain_started = time.monotonic()
                while queued and time.monotonic() < drain_started + 120:
                    time.sleep(0.05)
                    queued = unsent(env["DATABASE_URL"])
                drained = figures[mode]["seconds"] + time.monotonic() - drain_started
                figures[mode]["per_second_drained"] = figures[mode]["ok"] / drained
            cpu[mode] = {name: cpu_seconds(pid) - before[name] for name, pid in processes.items()}
            cpu[mode]["load generator"] = (
                children_after.children_user + children_after.children_system
                - children_before.children_user - children_before.children_system
            )
        count = (
            "from requests.models import OutboxEmail, RightsRequest\n"
            "print(RightsRequest.objects.count(), OutboxEmail.objects.filter(sent_at__isnull=False).count(),"
            " OutboxEmail.objects.pending().count())"
        )
        drained_by = time.monotonic() + 120
        saved = manage(env, "shell", "-v", "0", "-c", count).split()
        while saved[2] != "0" and time.monotonic() < drained_by:  # the worker catches up after the load
            time.sleep(1)
            saved = manage(env, "shell", "-v", "0", "-c", count).split()
    finally:
        worker.terminate()
        worker.wait(timeout=60)
        gunicorn.terminate()
        sink.terminate()
        gunicorn.wait(timeout=30)
        sink.wait(timeout=30)
    report(figures, args, saved)
    report_cpu(figures, cpu)


def report_cpu(figures: dict, cpu: dict) -> None:
    """CPU milliseconds per request by process, and the share of the machine's cores the phase kept busy."""
    if not any(cpu["page"].values()):
        return
    names = list(cpu["page"])
    print(f"CPU per request, ms {'':9}" + "".join(f"{name:>15}" for name in [*names, "total"]) + f"{'of cores':>10}")
    labels = {"page": "privacy page (GET)", "form": "form page (GET)", "submit": "submit (POST)"}
    for mode, used in cpu.items():
        row, total = figures[mode], sum(used.values())
        per_request = [used[name] / max(1, row["ok"]) * 1000 for name in names]
        share = total / row["seconds"] / (os.cpu_count() or 1)
        print(f"{labels[mode]:28}" + "".join(f"{value:15.2f}" for value in per_request)
              + f"{total / max(1, row['ok']) * 1000:15.2f}{share:10.0%}")


def report(figures: dict, args, saved: list[str]) -> None:
    page, form, submit = figures["page"], figures["form"], figures["submit"]
    mail = "no mail sent (dummy backend)" if args.no_smtp else "SMTP sink on loopback"
    print(f"gunicorn {args.workers} sync workers, {args.clients} client threads, {args.seconds:g} s per phase, "
          f"PostgreSQL, {mail}")
    print(f"{'':28}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'ok':>8}{'failed':>8}")
    rows = [("privacy page (GET)", page), ("form page (GET)", form), ("submit (POST)", submit)]
    for label, row in rows:
        print(f"{label:28}{row['per_second']:9.1f}{row['p50_ms']:9.1f}{row['p95_ms']:9.1f}{row['ok']:8}{row['bad']:8}")
    whole = 1 / (1 / form["per_second"] + 1 / submit["per_second"])
    print(f"a whole submission (the form page, then the POST): {whole:.1f} per second")
    print(f"ratio submit/page: throughput {submit['per_second'] / page['per_second']:.2f}, "
          f"p95 latency {submit['p95_ms'] / page['p95_ms']:.1f}x")
    print(f"e-mails queued when the POST phase ended: {submit['queued_at_end']}; submit counted until they were "
          f"sent: {submit['per_second_drained']:.1f} req/s ({submit['per_second_drained'] / page['per_second']:.2f}x)")
    print(f"requests in the database: {saved[0]}, e-mails sent by the worker: {saved[1]}, still queued: {saved[2]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--no-smtp", action="store_true", help="send no mail, to isolate the cost of SMTP")
    parser.add_argument("--load", choices=["page", "form", "submit"], help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--organisation", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--rights", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load:
        rights = args.rights.split(",")
        print(json.dumps(run_load(args.port, args.load, args.organisation, rights, args.seconds, args.clients)))
    else:
        conduct(args)


if __name__ == "__main__":
    main()
