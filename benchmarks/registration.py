"""Benchmarks delegation registration: POSTs of new delegates by 16 concurrent clients.

Uses the same PostgreSQL and Redis as `benchmarks/run.py` and gunicorn with the production
settings. Creates a demo event (marked demo) with a capacity of CAPACITY, a confirmed focal
point with a signed-in session, then has wrk POST a new delegate (a unique e-mail address each
time) to the delegation page for BENCH_SECONDS with 16 connections. Prints requests/s, p50 and
p99, and checks what the issue asks: p99 <= 300 ms, no error (no 5xx, no socket error) and no
overbooking (confirmed delegates never above the capacity; the rest on the waiting list).

    .venv/bin/python benchmarks/registration.py
"""

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.run import (
    PYTHON,
    ROOT,
    TO_MS,
    WORKERS,
    WRK_CONNECTIONS,
    WRK_NON_2XX,
    WRK_PERCENTILE,
    WRK_RPS,
    WRK_THREADS,
    Config,
    Gunicorn,
    SetupError,
    check_redis,
    delete_cache_keys,
    manage,
    portal_env,
    prepare_portal,
    prepare_postgres,
)

CAPACITY = 200
WARM_UP_SECONDS = 1
TARGET_P99_MS = 300

SETUP = textwrap.dedent(
    """
    import datetime, json, re
    from django.test import Client
    from django.utils import timezone
    from allauth.account.models import EmailAddress
    from centre.models import MemberParliament, ParliamentRole, User
    from conferences.models import Delegation, Event, Registration

    Registration.objects.filter(event__slug="bench-registration-demo").delete()
    Delegation.objects.filter(event__slug="bench-registration-demo").delete()
    Event.objects.filter(slug="bench-registration-demo").delete()
    event = Event.objects.create(
        slug="bench-registration-demo", kind="conference", title="Benchmark event (demo)",
        start_date=datetime.date(2099, 6, 16), end_date=datetime.date(2099, 6, 18),
        format="in_person", registration_enabled=True, capacity=%(capacity)d,
        registration_deadline=timezone.now() + datetime.timedelta(days=1),
    )
    user, _ = User.objects.get_or_create(email="focal-point@bench.invalid")
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    ParliamentRole.objects.update_or_create(
        user=user, parliament=MemberParliament.objects.get(code="CL"), role="focal_point",
        defaults={"confirmed_at": timezone.now()},
    )
    client = Client()
    client.force_login(user)
    path = f"/en/conferences/{event.slug}/register/cl/"
    page = client.get(path).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    print(json.dumps({"path": path, "session": client.cookies["sessionid"].value,
                      "csrf": client.cookies["csrftoken"].value, "token": token}))
    """
)

COUNT = textwrap.dedent(
    """
    import json
    from conferences.models import Registration
    rows = Registration.objects.filter(event__slug="bench-registration-demo")
    print(json.dumps({
        "confirmed": rows.filter(status="confirmed").count(),
        "waitlisted": rows.filter(status="waitlisted").count(),
        "total": rows.count(),
    }))
    """
)

LUA = textwrap.dedent(
    """
    local threads = {}
    function setup(thread)
      table.insert(threads, thread)
      thread:set("id", #threads)
      thread:set("errors", 0)
    end
    local counter = 0
    local run = "run"
    function init(args)
      -- The warm-up and the measured run each name their delegates apart: the same address
      -- twice would be refused (422) and measured as a slow page, not a registration.
      run = args[1] or run
    end
    request = function()
      counter = counter + 1
      local body = "csrfmiddlewaretoken=%(token)s&full_name=Bench+Delegate&title=MP&category=mp"
        .. "&gender=female&email=" .. run .. "-" .. id .. "-" .. counter .. "%%40bench.invalid"
        .. "&working_language=en&consent=on"
      return wrk.format("POST", "%(path)s", {
        ["Content-Type"] = "application/x-www-form-urlencoded",
        ["Cookie"] = "sessionid=%(session)s; csrftoken=%(csrf)s",
      }, body)
    end
    response = function(status, headers, body)
      if status >= 500 or status == 403 then errors = errors + 1 end
    end
    function done(summary, latency, requests)
      local total = 0
      for _, thread in ipairs(threads) do total = total + thread:get("errors") end
      io.write("Server errors: " .. total .. "\\n")
    end
    """
)


def purge_notifications(env: dict[str, str]) -> None:
    """Each registration queued its confirmation task on the broker, and no worker runs here:
    left behind, they would pile up run after run, and a worker started later on the same
    Redis would work through them. The benchmark's Redis is its own (loopback, REDIS_URL)."""
    subprocess.run(
        [str(PYTHON.parent / "celery"), "-A", "centre", "purge", "-f"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
    )


def main() -> int:
    config = Config.from_env()
    if shutil.which("wrk") is None:
        print("wrk is not installed: run `make bench`, or apt-get install wrk.")
        return 1
    prepare_postgres(config.database_url, config.reset_db)
    check_redis(config.redis_url)
    key_prefix = f"bench-registration-{secrets.token_hex(4)}-"
    workdir = Path(tempfile.mkdtemp(prefix="bench-registration-"))
    env = portal_env(
        config,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_STATIC_ROOT=str(workdir / "static"),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        CACHE_KEY_PREFIX=key_prefix,
        DJANGO_SETTINGS_MODULE="benchmarks.settings",
        EMAIL_URL="dummymail://",
    )
    server = None
    try:
        prepare_portal({**env, "DJANGO_SETTINGS_MODULE": "centre.settings"})
        session = json.loads(
            manage("shell", "--no-imports", "-c", SETUP % {"capacity": CAPACITY}, env=env)
        )
        script = workdir / "register.lua"
        script.write_text(LUA % session)
        server = Gunicorn("registration", config, env, workdir)
        server.start()

        def post(
            threads: int, connections: int, seconds: int, run: str
        ) -> subprocess.CompletedProcess:
            return subprocess.run(
                [
                    "wrk",
                    f"-t{threads}",
                    f"-c{connections}",
                    f"-d{seconds}s",
                    "--latency",
                    "-s",
                    str(script),
                    server.url(session["path"]),
                    "--",
                    run,
                ],
                capture_output=True,
                text=True,
                timeout=seconds + 60,
                check=False,
                cwd=ROOT,
            )

        # A worker's first POSTs load the form, its templates and the translations; the queue
        # behind them would otherwise be the slowest 1% of the measurement. The warm-up's
        # delegates count in the overbooking check like the others.
        post(1, WORKERS, WARM_UP_SECONDS, "warm-up")
        done = post(WRK_THREADS, WRK_CONNECTIONS, config.seconds, "measured")
        counts = json.loads(manage("shell", "--no-imports", "-c", COUNT, env=env))
    except SetupError as error:
        print(f"Setup failed: {error}")
        return 1
    finally:
        if server is not None:
            server.stop()
        delete_cache_keys(config.redis_url, key_prefix)
        purge_notifications(env)
        shutil.rmtree(workdir, ignore_errors=True)

    if os.environ.get("BENCH_VERBOSE"):
        print(done.stdout)
    rps = WRK_RPS.search(done.stdout)
    percentiles = {
        int(m[1]): float(m[2]) * TO_MS[m[3]] for m in WRK_PERCENTILE.finditer(done.stdout)
    }
    server_errors = (
        int(re.search(r"Server errors: (\d+)", done.stdout).group(1))
        if "Server errors" in done.stdout
        else -1
    )
    socket_errors = "Socket errors" in done.stdout
    # A POST that registers answers 302; anything else (a 422: the delegate was refused) means
    # the run did not measure what it says.
    refused = int(m.group(1)) if (m := WRK_NON_2XX.search(done.stdout)) else 0
    p99 = percentiles.get(99, float("inf"))
    print(f"\nRegistration POST, {WRK_CONNECTIONS} connections, {config.seconds} s:")
    requests_per_s = float(rps.group(1)) if rps else 0.0
    print(
        f"  {requests_per_s:.0f} requests/s, p50 {percentiles.get(50, 0):.1f} ms, p99 {p99:.1f} ms"
    )
    print(
        f"  {counts['total']} delegates registered: {counts['confirmed']} confirmed "
        f"(capacity {CAPACITY}), {counts['waitlisted']} on the waiting list"
    )
    print(f"  p99 <= {TARGET_P99_MS} ms: {'meets' if p99 <= TARGET_P99_MS else 'misses'}")
    no_error = server_errors == 0 and not socket_errors and refused == 0
    verdict = "meets" if no_error else "misses"
    print(
        f"  no error (5xx, 403, socket, refused): {verdict} "
        f"({server_errors} server errors, {refused} answers other than 2xx/3xx)"
    )
    print(f"  no overbooking: {'meets' if counts['confirmed'] <= CAPACITY else 'misses'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
