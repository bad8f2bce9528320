"""The production compose file and image recipe, checked without a Docker engine."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def test_compose_file_runs_web_worker_beat_postgres_and_redis_with_health_checks():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"web", "worker", "beat", "postgres", "redis", "migrate"} <= set(services)
    for name in ("web", "worker", "postgres", "redis"):
        assert "healthcheck" in services[name], name
    assert services["web"]["command"][0] == "gunicorn"
    assert services["worker"]["command"][:3] == ["celery", "-A", "centre"]
    assert services["beat"]["command"][3] == "beat"
    assert services["web"]["environment"]["DJANGO_ENV"] == "production"
    assert {"postgres", "redis", "media"} <= set(compose["volumes"])


def test_image_installs_from_the_lock_file_and_the_debian_packages_weasyprint_needs():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "requirements.lock" in dockerfile
    for package in ("libharfbuzz-subset0", "fonts-noto-core", "libpq-dev", "gettext"):
        assert package in dockerfile
