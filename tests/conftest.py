import os

import pytest
from django.core.cache import cache
from django.utils import translation

from centre import cache as public_cache
from centre.celery import app as celery_app

IN_CI = bool(os.environ.get("CI"))


def require(condition: bool, reason: str) -> None:
    """Skips a test whose service or browser is missing, except under CI, where a test that
    cannot run is a failure: CI must exercise the real services."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI is set but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _isolated(request, settings):
    """Each test starts with an empty cache and runs Celery tasks in-process, unless it asks
    for the real worker."""
    cache.clear()
    public_cache._local["generation"] = None
    public_cache.process_pages.clear()
    # A request leaves its language active in the thread; each test starts in English.
    translation.activate(settings.LANGUAGE_CODE)
    # Hashing passwords at full strength would make each account in a test cost ~0.3 s.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if request.node.get_closest_marker("real_worker") is None:
        settings.CELERY_TASK_ALWAYS_EAGER = True
        celery_app.conf.task_always_eager = True
        celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER


@pytest.fixture
def seeded(db):
    from django.core.management import call_command

    call_command("seed_centre", stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture
def test_templates(settings):
    """Adds tests/templates to the template directories, for templates only tests use."""
    from pathlib import Path

    templates = [dict(engine) for engine in settings.TEMPLATES]
    templates[0]["DIRS"] = [*templates[0]["DIRS"], Path(__file__).parent / "templates"]
    settings.TEMPLATES = templates


class RecordingHandler:
    """An aiosmtpd handler that keeps every message it accepts and rejects recipients whose
    address starts with "reject" with a permanent 550."""

    def __init__(self):
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("reject"):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes

        self.messages.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"

    def message_ids(self):
        return [message["Message-ID"] for message in self.messages]


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LoopbackSMTPServer:
    """A real SMTP server on a fixed loopback port that can be stopped and started again."""

    def __init__(self):
        self.port = free_port()
        self.handler = RecordingHandler()
        self._controller = None

    def start(self):
        from aiosmtpd.controller import Controller

        self._controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self):
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def messages(self):
        return self.handler.messages

    def message_ids(self):
        return self.handler.message_ids()


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback (aiosmtpd) that the portal's SMTP backend sends to."""
    server = LoopbackSMTPServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    yield server
    server.stop()


class CeleryWorker:
    """A real Celery worker process on the test database (PostgreSQL) and Redis, sending mail
    to the given SMTP port. It can be killed with SIGKILL and started again."""

    def __init__(self, smtp_port: int, concurrency: int = 2, **settings_env):
        self.smtp_port = smtp_port
        self.concurrency = concurrency
        self.settings_env = {name: str(value) for name, value in settings_env.items()}
        self.process = None

    def _env(self) -> dict:
        import os

        from django.db import connection

        database = connection.settings_dict
        host = f"{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}"
        return {
            **os.environ,
            "DATABASE_URL": f"postgres://{database['USER']}@{host}/{database['NAME']}",
            "EMAIL_URL": f"smtp://127.0.0.1:{self.smtp_port}",
            "DJANGO_SETTINGS_MODULE": "centre.settings",
            "LOG_LEVEL": "WARNING",
            **self.settings_env,
        }

    def start(self):
        import subprocess
        import sys
        from pathlib import Path

        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "centre",
                "worker",
                f"--concurrency={self.concurrency}",
                "--loglevel=WARNING",
                "--without-gossip",
                "--without-mingle",
                f"--hostname=test-{free_port()}@%h",
            ],
            cwd=Path(__file__).resolve().parents[1],
            env=self._env(),
            start_new_session=True,
        )

    def kill(self):
        """SIGKILL to the worker and its children, as a crash or an OOM killer would."""
        import os
        import signal

        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self):
        import os
        import signal
        import subprocess

        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)


def flush_broker():
    """Forgets the tasks an earlier run left in the test Redis database."""
    from centre.celery import app

    with app.connection_for_write() as broker:
        broker.default_channel.client.flushdb()


@pytest.fixture
def real_services(transactional_db):
    """PostgreSQL and Redis, required for tests that run a real worker process."""
    import os

    from django.db import connection

    require(
        connection.vendor == "postgresql",
        "DATABASE_URL does not point at PostgreSQL (the worker shares the test database)",
    )
    require(bool(os.environ.get("REDIS_URL")), "REDIS_URL is not set: no broker for a real worker")
    flush_broker()


def signed_in_with_mfa(client, user):
    """Signs the user in on the client as after password and authenticator code: staff reach
    the admin only with two-factor authentication set up."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    return client


@pytest.fixture
def secretariat(client, db):
    """A client signed in as a secretariat superuser with two-factor authentication."""
    from tests.factories import StaffFactory

    return signed_in_with_mfa(client, StaffFactory())
