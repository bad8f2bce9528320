"""Benchmarks an invitation campaign: 180 letters rendered (WeasyPrint) and delivered.

Creates a throw-away PostgreSQL database, loads the registry and the seed facts (the 2021
letter in four languages), gives each of the 180 Members a demo addressee (marked demo, never
real data), starts a local SMTP server (aiosmtpd on loopback) and a Celery worker with two
processes against Redis, then starts the campaign and waits until the SMTP server has all 180
letters. Prints the seconds, the letters per second and the worker processes' memory during
the campaign (it should stay flat); the target is <= 20 s for the 180. Drops the database and
stops the worker and the SMTP server at the end, whatever happens.

    .venv/bin/python benchmarks/letters.py

Environment: DATABASE_URL (a server on loopback; the database named in it is created and
dropped, default postgres://postgres@127.0.0.1:5432/bench_letters), REDIS_URL (default
redis://127.0.0.1:6379/11, flushed), BENCH_TIMEOUT (seconds, default 180).
"""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATABASE_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_letters")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/11")
TIMEOUT = int(os.environ.get("BENCH_TIMEOUT", "180"))
LETTERS = 180
TARGET_SECONDS = 20
WORKER_PROCESSES = 2


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _admin_connection():
    import psycopg2

    parts = urlsplit(DATABASE_URL)
    connection = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        dbname="postgres",
    )
    connection.autocommit = True
    return connection, parts.path.lstrip("/")


def _recreate_database() -> None:
    connection, name = _admin_connection()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def _drop_database() -> None:
    from django.db import connections

    connections.close_all()
    connection, name = _admin_connection()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    connection.close()


class CountingHandler:
    def __init__(self):
        self.received = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.received += 1
        return "250 OK"


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def main() -> int:
    for url in (DATABASE_URL, REDIS_URL):
        host = urlsplit(url).hostname
        if host not in ("127.0.0.1", "localhost", "::1"):
            print(f"Refusing a non-loopback service: {url}")
            return 1
    os.environ.update(
        {
            "DATABASE_URL": DATABASE_URL,
            "REDIS_URL": REDIS_URL,
            "DJANGO_SETTINGS_MODULE": "centre.settings",
            "LOG_LEVEL": "WARNING",
        }
    )
    try:
        _recreate_database()
    except Exception as error:
        print(f"PostgreSQL is not reachable at {DATABASE_URL}: {error}")
        return 1

    import django

    django.setup()
    from aiosmtpd.controller import Controller
    from django.core.management import call_command

    from centre.celery import app
    from centre.models import MemberParliament, Person
    from conferences import letters
    from conferences.models import Campaign, Event

    with app.connection_for_write() as broker:
        broker.default_channel.client.flushdb()
    devnull = open(os.devnull, "w")  # noqa: SIM115
    call_command("migrate", verbosity=0)
    call_command("seed_centre", stdout=devnull)
    for parliament in MemberParliament.objects.filter(membership="member"):
        Person.objects.create(
            parliament=parliament,
            role=Person.Role.GROUP_PRESIDENT,
            full_name="Demo addressee (benchmark)",
            email=f"demo-{parliament.code.lower()}@bench.invalid",
            correspondence_language=parliament.correspondence_language,
        )
    event = Event.objects.get(slug="world-e-parliament-conference-2021")
    campaign = Campaign.objects.create(event=event, name="Benchmark (demo)", memberships=["member"])

    handler = CountingHandler()
    smtp = Controller(handler, hostname="127.0.0.1", port=_free_port())
    smtp.start()
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "centre",
            "worker",
            f"--concurrency={WORKER_PROCESSES}",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "--hostname=bench-letters@%h",
        ],
        cwd=ROOT,
        env={**os.environ, "EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}"},
        start_new_session=True,
    )
    samples: dict[int, list[float]] = {}
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(timeout=1.0) and time.monotonic() < deadline:
            pass
        if worker.poll() is not None:
            print("The Celery worker did not start.")
            return 1
        started = time.monotonic()
        letters.campaign_start(campaign=campaign, by=None)
        deadline = started + TIMEOUT
        while handler.received < LETTERS and time.monotonic() < deadline:
            for child in _children(worker.pid):
                samples.setdefault(child, []).append(_rss_mb(child))
            time.sleep(0.25)
        elapsed = time.monotonic() - started
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
        smtp.stop()
        _drop_database()

    print(
        f"\nInvitation campaign: {handler.received} of {LETTERS} letters rendered and delivered "
        f"in {elapsed:.1f} s ({handler.received / elapsed:.1f} letters/s) "
        f"with {WORKER_PROCESSES} worker processes"
    )
    for pid, values in sorted(samples.items()):
        values = [v for v in values if v]
        if len(values) >= 4:
            quarter = len(values) // 4
            print(
                f"  worker process {pid}: RSS {values[quarter]:.0f} MB after the first quarter, "
                f"{values[-1]:.0f} MB at the end, {max(values):.0f} MB at most"
            )
    verdict = "meets" if handler.received == LETTERS and elapsed <= TARGET_SECONDS else "misses"
    print(f"  target <= {TARGET_SECONDS} s for {LETTERS} letters: {verdict}")
    return 0 if handler.received == LETTERS else 1


if __name__ == "__main__":
    sys.exit(main())
