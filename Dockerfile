# The portal's production image: web (gunicorn), worker and beat all run from it.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=centre.settings
RUN apt-get update \
 && apt-get install -y --no-install-recommends gcc libpq-dev gettext \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core curl \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.lock ./
RUN pip install --no-cache-dir "uv>=0.9,<1" \
 && uv pip sync --system --no-cache requirements.lock

COPY . .
# Static files and compiled catalogues are built into the image; the secrets given here are
# build-time placeholders and never used at run time.
RUN python manage.py compilemessages --ignore ".venv/*" -v 0 \
 && DJANGO_ENV=production DJANGO_SECRET_KEY=build-only DJANGO_ALLOWED_HOSTS=localhost \
    DATABASE_URL=postgres://build@localhost/build REDIS_URL=redis://localhost:6379/0 \
    DJANGO_STATIC_ROOT=/app/static python manage.py collectstatic --no-input -v 0

RUN useradd --system --uid 1000 portal && mkdir -p /app/media && chown portal /app/media
USER portal
EXPOSE 8000
CMD ["gunicorn", "centre.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
