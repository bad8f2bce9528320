import os

import pytest
from django.core.cache import cache

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
