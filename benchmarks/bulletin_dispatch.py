"""Benchmarks the e-mail edition: one issue sent to 10,000 subscribers through the outbox.

Creates a throw-away PostgreSQL database, migrates it, writes a demo issue (marked demo, never
real data) with three stories and BENCH_SUBSCRIBERS confirmed subscribers in the four
languages, starts a local SMTP server (aiosmtpd on loopback) and a Celery worker with two
processes against Redis, then starts the dispatch and waits until every mail is sent or
failed. Prints the seconds, the mails per second and the SMTP connections used; the target is
<= 120 s for 10,000 mails with one connection reused per batch. Drops the database, stops the
worker and the SMTP server at the end, whatever happens. Exit 1 only when the setup fails or
the run does not finish within BENCH_TIMEOUT seconds.

    .venv/bin/python benchmarks/bulletin_dispatch.py

Environment: DATABASE_URL (a server on loopback; the database named in it is created and
dropped, default postgres://postgres@127.0.0.1:5432/bench_bulletin_dispatch), REDIS_URL
(default redis://127.0.0.1:6379/10, flushed), BENCH_SUBSCRIBERS (10000), BENCH_TIMEOUT (300).
"""

import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATABASE_URL = os.environ.get(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_bulletin_dispatch"
)
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/10")
SUBSCRIBERS = int(os.environ.get("BENCH_SUBSCRIBERS", "10000"))
TIMEOUT = int(os.environ.get("BENCH_TIMEOUT", "300"))
TARGET_SECONDS = 120
WORKER_PROCESSES = 2


class SetupError(Exception):
    pass


class CountingHandler:
    """Counts the messages accepted and the SMTP connections they came through."""

    def __init__(self):
        self.messages = 0
        self.peers = set()
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages += 1
            self.peers.add(session.peer)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_settings() -> dict:
    import environ

    config = environ.Env.db_url_config(DATABASE_URL)
    if "postgresql" not in config["ENGINE"]:
        raise SetupError("DATABASE_URL must point at PostgreSQL")
    if config.get("HOST") not in ("127.0.0.1", "localhost", "::1", ""):
        raise SetupError("the benchmark only runs against a database on loopback")
    return config


def _admin_connection(config: dict):
    import psycopg2

    connection = psycopg2.connect(
        dbname="postgres",
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or "127.0.0.1",
        port=config.get("PORT") or 5432,
    )
    connection.autocommit = True
    return connection


def create_database(config: dict) -> None:
    from psycopg2 import sql

    connection = _admin_connection(config)
    with connection.cursor() as cursor:
        cursor.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(config["NAME"])
            )
        )
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
    connection.close()


def drop_database(config: dict) -> None:
    from psycopg2 import sql

    connection = _admin_connection(config)
    with connection.cursor() as cursor:
        cursor.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(config["NAME"])
            )
        )
    connection.close()


def portal_env(smtp_port: int) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "DJANGO_SETTINGS_MODULE": "centre.settings",
        "LOG_LEVEL": "WARNING",
        # As in production: no per-query bookkeeping in the worker.
        "DJANGO_DEBUG": "false",
    }


def write_demo_data() -> int:
    """A demo issue (titles say so) and the subscribers; returns the issue's id."""
    from django.utils import timezone

    from bulletin.models import Area, Issue, Story, Subscriber
    from centre.models import MemberParliament

    parliament, _ = MemberParliament.objects.get_or_create(
        code="DEMO",
        defaults={
            "name": "Demo parliament",
            "structure": "unicameral",
            "region": "twelve_plus",
            "membership": "associate",
        },
    )
    issue = Issue.objects.create(
        number=9999,
        title="[demo] Benchmark issue",
        introduction="<p>[demo] Benchmark data, not a real issue.</p>",
        publication_date=timezone.localdate(),
        status=Issue.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    for n in range(3):
        story = Story.objects.create(
            issue=issue,
            position=n,
            slug=f"demo-benchmark-story-{n}",
            title=f"[demo] Benchmark story {n}",
            summary="[demo] A benchmark story.",
            body="<p>[demo] " + "Benchmark text. " * 80 + "</p>",
            area=Area.OPEN_DATA,
        )
        story.parliaments.add(parliament)
    languages = ["en", "fr", "es", "ar"]
    confirmed = timezone.now() - timezone.timedelta(minutes=1)
    Subscriber.objects.bulk_create(
        (
            Subscriber(
                email=f"demo-reader-{n}@bench.invalid",
                language=languages[n % 4],
                status=Subscriber.Status.CONFIRMED,
                confirmed_at=confirmed,
            )
            for n in range(SUBSCRIBERS)
        ),
        batch_size=2000,
    )
    return issue.pk


def start_worker(env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "centre",
            "worker",
            f"--concurrency={WORKER_PROCESSES}",
            "--loglevel=WARNING",
            f"--hostname=bench-dispatch-{free_port()}@%h",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )


def stop_worker(worker: subprocess.Popen | None) -> None:
    if worker is None or worker.poll() is not None:
        return
    os.killpg(worker.pid, signal.SIGTERM)
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(worker.pid, signal.SIGKILL)


def run() -> int:
    from aiosmtpd.controller import Controller

    config = database_settings()
    handler = CountingHandler()
    smtp_port = free_port()
    env = portal_env(smtp_port)
    os.environ.update({key: env[key] for key in ("DATABASE_URL", "REDIS_URL", "EMAIL_URL")})
    os.environ["DJANGO_SETTINGS_MODULE"] = "centre.settings"
    os.environ["LOG_LEVEL"] = "WARNING"
    # aiosmtpd logs every SMTP command at INFO: 80,000 lines would slow the server down.
    logging.getLogger("mail.log").setLevel(logging.WARNING)

    create_database(config)
    controller = Controller(handler, hostname="127.0.0.1", port=smtp_port)
    worker = None
    try:
        migrate = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if migrate.returncode:
            raise SetupError(f"migrate failed:\n{migrate.stderr[-3000:]}")

        import django

        django.setup()
        from django.db import connection, transaction

        from bulletin.models import IssueDispatch
        from bulletin.services.dispatch import issue_dispatch_start
        from centre.celery import app
        from centre.models import OutgoingMail

        with app.connection_for_write() as broker:
            broker.default_channel.client.flushdb()
        issue_id = write_demo_data()
        controller.start()
        worker = start_worker(env)
        time.sleep(3)  # let the worker connect to the broker before the first task

        started = time.monotonic()
        with transaction.atomic():
            issue_dispatch_start(issue_id=issue_id)
        dispatch = IssueDispatch.objects.get(issue_id=issue_id)
        kind = dispatch.mail_kind
        done = 0
        while time.monotonic() - started < TIMEOUT:
            done = OutgoingMail.objects.filter(
                kind=kind, status__in=[OutgoingMail.Status.SENT, OutgoingMail.Status.FAILED]
            ).count()
            if done >= dispatch.total:
                break
            if worker.poll() is not None:
                raise SetupError("the Celery worker stopped")
            time.sleep(0.5)
        elapsed = time.monotonic() - started
        sent = OutgoingMail.objects.filter(kind=kind, status=OutgoingMail.Status.SENT).count()
        failed = OutgoingMail.objects.filter(kind=kind, status=OutgoingMail.Status.FAILED).count()
        connection.close()

        print(f"subscribers          {dispatch.total}")
        print(f"batches              {dispatch.batches}")
        print(f"sent / failed        {sent} / {failed}")
        print(f"received by SMTP     {handler.messages}")
        print(f"SMTP connections     {len(handler.peers)}")
        print(f"seconds              {elapsed:.1f}")
        print(f"mails per second     {sent / elapsed:.0f}")
        met = done >= dispatch.total and elapsed <= TARGET_SECONDS
        print(f"target <= {TARGET_SECONDS} s       {'met' if met else 'MISSED'}")
        if done < dispatch.total:
            print(f"did not finish within {TIMEOUT} s", file=sys.stderr)
            return 1
        return 0
    finally:
        stop_worker(worker)
        if controller._thread is not None:
            controller.stop()
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: S110 - cleanup goes on whatever Django's state
            pass
        drop_database(config)


def main() -> int:
    try:
        return run()
    except SetupError as error:
        print(f"setup failed: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
