"""The settings modes, checked in a fresh interpreter each, as a deployment would start."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": "x" * 64 + "-a-long-random-production-secret",
    "DJANGO_ALLOWED_HOSTS": "innovation.ipu.org",
    "DATABASE_URL": "postgres://portal@db.internal:5432/portal",
    "REDIS_URL": "redis://redis.internal:6379/0",
}
CLEAN = {
    name: value
    for name, value in os.environ.items()
    if not name.startswith(("DJANGO_", "DATABASE_", "REDIS_", "CELERY_", "EMAIL_"))
}


def _manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**CLEAN, "DJANGO_SETTINGS_MODULE": "centre.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _setting(name, env):
    result = _manage(
        "shell",
        "--no-imports",
        "-c",
        f"from django.conf import settings; print(repr(settings.{name}))",
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_passes_the_deployment_checklist_without_a_warning():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"]
)
def test_production_refuses_to_start_without_its_secrets(missing):
    env = {name: value for name, value in PRODUCTION.items() if name != missing}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_production_uses_postgres_with_persistent_connections_and_redis():
    assert (
        _setting("DATABASES['default']['ENGINE']", PRODUCTION) == "'django.db.backends.postgresql'"
    )
    assert int(_setting("DATABASES['default']['CONN_MAX_AGE']", PRODUCTION)) > 0
    assert "RedisCache" in _setting("CACHES['default']['BACKEND']", PRODUCTION)
    assert _setting("SESSION_ENGINE", PRODUCTION) == "'django.contrib.sessions.backends.cache'"
    assert _setting("CELERY_BROKER_URL", PRODUCTION) == "'redis://redis.internal:6379/0'"
    assert _setting("CELERY_TASK_ALWAYS_EAGER", PRODUCTION) == "False"
    assert _setting("DEBUG", PRODUCTION) == "False"
    assert "CompressedManifest" in _setting("STORAGES['staticfiles']['BACKEND']", PRODUCTION)


def test_embedded_default_needs_no_service():
    assert _setting("DATABASES['default']['ENGINE']", {}) == "'django.db.backends.sqlite3'"
    assert "var/portal.sqlite3" in _setting("DATABASES['default']['NAME']", {})
    assert _setting("CELERY_TASK_ALWAYS_EAGER", {}) == "True"
    assert "console" in _setting("EMAIL_BACKEND", {})
    assert "LocMemCache" in _setting("CACHES['default']['BACKEND']", {})


def test_unknown_environment_name_is_refused():
    result = _manage("check", env={"DJANGO_ENV": "prod"})
    assert result.returncode != 0
    assert "DJANGO_ENV" in result.stderr


def test_the_web_server_process_freezes_its_start_up_heap():
    # Gunicorn imports centre.wsgi in each worker: what the import loaded is left out of every
    # later full garbage collection.
    result = subprocess.run(
        [sys.executable, "-c", "import gc, centre.wsgi; print(gc.get_freeze_count())"],
        cwd=ROOT,
        env={**CLEAN, **PRODUCTION},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 100_000
