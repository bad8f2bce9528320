"""Times each public page in-process, without gunicorn or wrk: where a page's time goes.

    .venv/bin/python benchmarks/in_process.py [PATH ...]

Prepares the benchmark's database as run.py does (migrate, seed_centre, the demo issue,
collectstatic), then, in a child process with the production settings and the page cache off,
calls Django's WSGI handler directly for the baseline, the layout floor and each page (all of
run.py's pages when none is named): 20 requests to warm up, then five batches of 60, and
prints the best batch's milliseconds per request and the page's SQL queries. The best batch,
because other work on the machine only ever adds time. Figures only: the targets are run.py's.

One more batch, instrumented, splits a request's time: "database" is the time spent inside the
database driver's execute (PostgreSQL planning and running the query, and the round trip);
"ORM" is the time Django's SQL compiler spent building the queries around it; the rest is the
templates, the view and the middleware. The instrumented batch is slower than the others, so
the split is given as shares of it, applied to the best batch's time.

Same environment as run.py: DATABASE_URL, REDIS_URL, BENCH_RESET_DB.
"""

import contextlib
import io
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.run import (
    BASELINE,
    PAGE_WIDTH,
    PAGES,
    PYTHON,
    ROOT,
    Config,
    SetupError,
    check_redis,
    delete_cache_keys,
    portal_env,
    prepare_portal,
    prepare_postgres,
)

LAYOUT = "/bench/layout/"
WARM_UP = 20
BATCHES = 5
BATCH_SIZE = 60


def _request(application, path: str) -> tuple[str, int]:
    """One GET as a new anonymous reader, straight into the WSGI handler."""
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = status

    size = sum(len(chunk) for chunk in application(environ, start_response))
    return answer["status"], size


class Split:
    """Seconds spent in the database driver and in the SQL compiler around it."""

    def __init__(self):
        self.database = 0.0
        self.compiler = 0.0

    @contextlib.contextmanager
    def recording(self):
        from django.db import connection
        from django.db.models.sql.compiler import SQLCompiler

        execute_sql = SQLCompiler.execute_sql

        def timed_execute_sql(compiler, *args, **kwargs):
            started = time.perf_counter()
            try:
                return execute_sql(compiler, *args, **kwargs)
            finally:
                self.compiler += time.perf_counter() - started

        def timed_execute(execute, sql, params, many, context):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                self.database += time.perf_counter() - started

        # A measuring tool's patch, undone on the way out: Django has no hook around the
        # compiler, only around the driver (execute_wrapper).
        SQLCompiler.execute_sql = timed_execute_sql
        try:
            with connection.execute_wrapper(timed_execute):
                yield self
        finally:
            SQLCompiler.execute_sql = execute_sql


def measure(paths: list[str]) -> None:
    # The application gunicorn serves, frozen heap included (DJANGO_SETTINGS_MODULE is set).
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from centre.wsgi import application

    print(
        f"  {'page':<{PAGE_WIDTH}}   ms/request  queries     KB   database      ORM     rest (ms)"
    )
    for path in paths:
        for _ in range(WARM_UP):
            status, size = _request(application, path)
        if not status.startswith("200"):
            print(f"  {path:<{PAGE_WIDTH}}   HTTP {status}")
            continue
        best = float("inf")
        for _ in range(BATCHES):
            started = time.perf_counter()
            for _ in range(BATCH_SIZE):
                _request(application, path)
            best = min(best, (time.perf_counter() - started) / BATCH_SIZE)
        with CaptureQueriesContext(connection) as queries:
            _request(application, path)
        # Read now: the captured list is a slice of the connection's log, which the next
        # request clears.
        query_count = len(queries)
        with Split().recording() as split:
            started = time.perf_counter()
            for _ in range(BATCH_SIZE):
                _request(application, path)
            instrumented = time.perf_counter() - started
        milliseconds, kilobytes = best * 1000, size / 1024
        database = milliseconds * split.database / instrumented
        orm = milliseconds * (split.compiler - split.database) / instrumented
        rest = milliseconds - database - orm
        print(
            f"  {path:<{PAGE_WIDTH}}   {milliseconds:10.2f}  {query_count:7d}  {kilobytes:5.1f}"
            f"   {database:8.2f} {orm:8.2f} {rest:8.2f}"
        )


def main(paths: list[str]) -> int:
    config = Config.from_env()
    key_prefix = f"bench-in-process-{secrets.token_hex(4)}-"
    workdir = Path(tempfile.mkdtemp(prefix="bench-in-process-"))
    env = portal_env(
        config,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_STATIC_ROOT=str(workdir / "static"),
        CACHE_KEY_PREFIX=key_prefix,
        DJANGO_SETTINGS_MODULE="benchmarks.settings",
        PUBLIC_PAGE_CACHE_SECONDS="0",
    )
    try:
        prepare_postgres(config.database_url, config.reset_db)
        check_redis(config.redis_url)
        prepare_portal({**env, "DJANGO_SETTINGS_MODULE": "centre.settings"})
        print("In-process, page cache off, best of 5 batches of 60 requests")
        done = subprocess.run(
            [str(PYTHON), "-m", "benchmarks.in_process", "--measure", *paths],
            cwd=ROOT,
            env=env,
            check=False,
        )
    except SetupError as error:
        print(f"Setup failed: {error}")
        return 1
    finally:
        delete_cache_keys(config.redis_url, key_prefix)
        shutil.rmtree(workdir, ignore_errors=True)
    return done.returncode


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments[:1] == ["--measure"]:
        measure(arguments[1:])
    else:
        sys.exit(main(arguments or [BASELINE, LAYOUT, *PAGES]))
