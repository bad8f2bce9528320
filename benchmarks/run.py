"""Measures the portal's public pages against a bare-Django baseline: `make bench`.

Prepares a PostgreSQL database (migrate, seed_centre, collectstatic), starts gunicorn with the
production settings on loopback, loads each page with wrk, once with the public-page cache on
("cached") and once on a second server that renders every request ("uncached"), counts each
page's SQL queries and reads the workers' memory. Prints one table and the targets, writes
benchmarks/results/latest.json. A missed target never fails the run: only a setup that cannot
be done does (exit 1). See benchmarks/README.md for how to read the numbers.

Environment: DATABASE_URL, REDIS_URL (loopback only), BENCH_SECONDS (wrk duration, default
10), BENCH_WORKER_CLASS (sync, the default and the fastest here, or gthread), BENCH_THREADS
(gthread only, default 2), BENCH_RESET_DB=1 (drop and recreate the database first).
"""

import concurrent.futures
import contextlib
import http.client
import ipaddress
import json
import os
import platform
import re
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "benchmarks"
RESULTS_FILE = BENCH_DIR / "results" / "latest.json"
PYTHON = Path(sys.executable)
GUNICORN = PYTHON.parent / "gunicorn"

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_portal"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/9"

BASELINE = "/bench/baseline/"
PAGES = [
    "/en/",
    "/en/about/",
    "/en/parliaments/",
    "/en/parliaments/br/",
    "/en/hubs/",
    "/en/hubs/inter-parliamentary-cloud/",
    "/en/partners/",
    "/en/partners/funding/",
    "/en/conferences/",
    "/en/conferences/world-e-parliament-conference-2021/",
    "/en/bulletin/",
    "/en/bulletin/issues/900/",
    "/en/bulletin/stories/demo-story-1/",
    "/en/bulletin/stories/",
    "/en/showcase/",
    "/ar/",
]
PAGE_WIDTH = max(len(path) for path in [BASELINE, *PAGES])

# Gunicorn workers: one per core of this 2-core machine (BENCH_WORKERS overrides); more only
# add lock convoys and context switches here.
WORKERS = int(os.environ.get("BENCH_WORKERS") or 2)
WRK_THREADS = 2
WRK_CONNECTIONS = 16

# The targets: a page's throughput as a share of the baseline's in the same pass, and limits.
MIN_RATIO = {"cached": 0.80, "uncached": 0.30}
MAX_P99_MS = 50.0
MAX_QUERIES = 12
MAX_WORKER_RSS_MB = 200.0

SETUP_TIMEOUT = 600  # seconds for each of migrate, seed_centre, collectstatic
START_TIMEOUT = 60  # seconds for gunicorn to answer


class SetupError(Exception):
    """Something the benchmark needs could not be prepared: the run stops with exit 1."""


@dataclass
class Config:
    database_url: str
    redis_url: str
    seconds: int
    worker_class: str
    threads: int
    reset_db: bool

    @classmethod
    def from_env(cls) -> "Config":
        seconds = _int_env("BENCH_SECONDS", 10)
        worker_class = os.environ.get("BENCH_WORKER_CLASS", "sync")
        threads = _int_env("BENCH_THREADS", 2)
        if seconds < 1 or threads < 1:
            raise SetupError("BENCH_SECONDS and BENCH_THREADS must be at least 1.")
        if worker_class not in ("sync", "gthread"):
            raise SetupError("BENCH_WORKER_CLASS must be 'sync' or 'gthread'.")
        return cls(
            database_url=os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL,
            redis_url=os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL,
            seconds=seconds,
            worker_class=worker_class,
            threads=threads if worker_class == "gthread" else 1,
            reset_db=os.environ.get("BENCH_RESET_DB", "") in ("1", "true", "yes"),
        )


def _int_env(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    try:
        return int(value) if value else default
    except ValueError:
        raise SetupError(f"{name} must be a whole number, not {value!r}.") from None


@dataclass
class Row:
    page: str
    mode: str
    status: int | None = None
    kilobytes: float | None = None
    requests_per_s: float | None = None
    p50_ms: float | None = None
    p99_ms: float | None = None
    ratio: float | None = None
    queries: int | None = None
    requests: int | None = None
    non_2xx: int = 0
    socket_errors: int = 0
    other_cpu_percent: float | None = None
    repeat: bool = False  # the baseline, measured again after the pages
    error: str | None = None

    @property
    def is_baseline(self) -> bool:
        return self.page == BASELINE


@dataclass
class Pass:
    mode: str
    rows: list[Row] = field(default_factory=list)
    baseline_requests_per_s: float | None = None
    worker_rss_mb: dict[int, float] = field(default_factory=dict)


# --- Services --------------------------------------------------------------------------------


def masked(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return urlunsplit(parts._replace(netloc=netloc))


def require_loopback(url: str, what: str) -> None:
    host = urlsplit(url).hostname
    if not host:  # a Unix socket: local by construction
        return
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except socket.gaierror as error:
        raise SetupError(f"{what}: cannot resolve {host!r} ({error}).") from None
    if not all(ipaddress.ip_address(address.split("%")[0]).is_loopback for address in addresses):
        raise SetupError(
            f"{what} must be on this machine (a loopback address), not {host!r}: the "
            "benchmark measures the portal and its services on one host."
        )


def prepare_postgres(url: str, reset: bool) -> None:
    """Checks that PostgreSQL answers and creates the benchmark's database if missing; with
    `reset`, drops it first."""
    import psycopg2
    from psycopg2 import sql

    require_loopback(url, "DATABASE_URL")
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        raise SetupError(f"DATABASE_URL must be a PostgreSQL URL, not {masked(url)}.")
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise SetupError(f"DATABASE_URL names no database: {masked(url)}.")
    try:
        connection = psycopg2.connect(
            dbname="postgres",
            host=unquote(parts.hostname) if parts.hostname else None,
            port=parts.port or 5432,
            user=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
            connect_timeout=5,
        )
    except psycopg2.Error as error:
        raise SetupError(
            f"PostgreSQL does not answer at {masked(url)}: {str(error).strip()}\n"
            "Start PostgreSQL, or point DATABASE_URL at one that runs on this machine."
        ) from None
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            exists = cursor.fetchone() is not None
            if exists and reset:
                cursor.execute(
                    sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name))
                )
                print(f"  dropped database {name} (BENCH_RESET_DB)")
            if not exists or reset:
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                print(f"  created database {name}")
    except psycopg2.Error as error:
        raise SetupError(f"Cannot prepare the database {name!r}: {str(error).strip()}") from None
    finally:
        connection.close()


def check_redis(url: str) -> None:
    import redis

    require_loopback(url, "REDIS_URL")
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=3, socket_timeout=3)
        client.ping()
        client.close()
    except (redis.RedisError, ValueError) as error:
        raise SetupError(
            f"Redis does not answer at {masked(url)}: {error}\n"
            "Start Redis, or point REDIS_URL at one that runs on this machine."
        ) from None


def delete_cache_keys(url: str, prefix: str) -> None:
    """Removes what this run put in Redis: every key under its own prefix."""
    import redis

    with contextlib.suppress(redis.RedisError):
        client = redis.Redis.from_url(url, socket_connect_timeout=3, socket_timeout=10)
        keys = list(client.scan_iter(match=f"{prefix}*", count=500))
        for start in range(0, len(keys), 500):
            client.delete(*keys[start : start + 500])
        client.close()


# --- The portal: setup and gunicorn ------------------------------------------------------------


def portal_env(config: Config, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_ENV="production",
        DJANGO_DEBUG="false",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DATABASE_URL=config.database_url,
        REDIS_URL=config.redis_url,
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def run_step(command: list[str], env: dict[str, str], what: str) -> str:
    """Runs one setup step to its end; its output, or a SetupError that says what failed."""
    try:
        done = subprocess.run(
            command,
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=SETUP_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise SetupError(f"{what} took more than {SETUP_TIMEOUT} s.") from None
    if done.returncode != 0:
        output = (done.stdout + done.stderr).strip()
        raise SetupError(f"{what} failed (exit {done.returncode}):\n{output}")
    return done.stdout


def manage(*args: str, env: dict[str, str]) -> str:
    return run_step([str(PYTHON), "manage.py", *args], env, f"manage.py {' '.join(args)}")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port: int, path: str, timeout: float = 10) -> tuple[int, int]:
    """GETs a path like a new anonymous reader (no cookie): the status and the body's size."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, len(response.read())
    finally:
        connection.close()


def read_rss_mb(pid: int) -> float | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"^VmRSS:\s+(\d+)\s+kB", status, re.MULTILINE)
    return int(match.group(1)) / 1024 if match else None


def children_of(pid: int) -> list[int]:
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text()
        return [int(child) for child in children.split()]
    except OSError:  # a kernel without CONFIG_PROC_CHILDREN: read every process's parent
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, ValueError, IndexError):
                # The command name may hold spaces; the fields after its ")" are fixed.
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == pid:
                    children.append(int(stat.parent.name))
        return sorted(children)


class Gunicorn:
    """One gunicorn master and its workers, on a free loopback port, logging to a file."""

    def __init__(self, name: str, config: Config, env: dict[str, str], workdir: Path):
        self.name = name
        self.config = config
        self.env = env
        self.log_path = workdir / f"gunicorn-{name}.log"
        self.port = 0
        self.process: subprocess.Popen | None = None

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> None:
        self.port = free_port()
        command = [
            str(GUNICORN),
            "centre.wsgi:application",
            "--config",
            str(BENCH_DIR / "gunicorn_conf.py"),
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(WORKERS),
            "--worker-class",
            self.config.worker_class,
            "--threads",
            str(self.config.threads),
        ]
        with self.log_path.open("wb") as log:
            # Its own session: a Ctrl-C reaches this script, which then stops the server.
            self.process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SetupError(
                    f"gunicorn ({self.name}) exited with {self.process.returncode}:\n"
                    + self.log_tail()
                )
            with contextlib.suppress(OSError, http.client.HTTPException):
                status, _size = fetch(self.port, BASELINE, timeout=2)
                if status != 200:
                    raise SetupError(
                        f"gunicorn ({self.name}) answers {status} on {BASELINE}:\n"
                        + self.log_tail()
                    )
                if len(self.workers()) >= WORKERS:
                    return
            time.sleep(0.2)
        raise SetupError(
            f"gunicorn ({self.name}) did not answer within {START_TIMEOUT} s:\n" + self.log_tail()
        )

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()  # graceful: the master stops its workers
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)  # its own process group only
            self.process.wait(timeout=5)

    def workers(self) -> list[int]:
        return children_of(self.process.pid) if self.process else []

    def log_size(self) -> int:
        try:
            return self.log_path.stat().st_size
        except OSError:
            return 0

    def log_since(self, offset: int) -> str:
        try:
            with self.log_path.open("rb") as log:
                log.seek(offset)
                return log.read().decode(errors="replace").strip()
        except OSError:
            return ""

    def log_tail(self, limit: int = 4000) -> str:
        text = self.log_since(0)
        return text[-limit:] if text else "(gunicorn wrote nothing)"


# --- CPU taken by other work --------------------------------------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _machine_busy_ticks() -> int:
    with open("/proc/stat", encoding="ascii") as stat:
        values = [int(value) for value in stat.readline().split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = values
    return user + nice + system + irq + softirq + steal


def _process_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime
    except (OSError, ValueError, IndexError):
        return 0


def _children_ticks() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # wrk, once it has been waited for
    return (usage.ru_utime + usage.ru_stime) * CLOCK_TICKS


def stack_pids(server: "Gunicorn", database: str) -> list[int]:
    """The processes that serve the benchmark: gunicorn, Redis, and the PostgreSQL backends
    connected to the benchmark's database."""
    pids = [server.process.pid, *server.workers()]
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        with contextlib.suppress(OSError, ValueError):
            words = cmdline.read_bytes().decode(errors="replace").replace("\0", " ").split()
            if not words:
                continue
            redis = Path(words[0]).name == "redis-server"
            backend = words[0] == "postgres:" and database in words
            if redis or backend:
                pids.append(int(cmdline.parent.name))
    return pids


class OtherCpu:
    """The share of the machine's CPU that went to anything but the benchmark (gunicorn, wrk,
    Redis, the database's backends) between start and stop: how noisy a measurement was."""

    def __init__(self, pids: list[int]):
        self.pids = pids
        self.started = time.monotonic()
        self.busy = _machine_busy_ticks()
        self.ours = sum(_process_ticks(pid) for pid in pids) + _children_ticks()

    def percent(self) -> float:
        elapsed = time.monotonic() - self.started
        busy = _machine_busy_ticks() - self.busy
        ours = sum(_process_ticks(pid) for pid in self.pids) + _children_ticks() - self.ours
        capacity = elapsed * CLOCK_TICKS * (os.cpu_count() or 1)
        return max(0.0, 100 * (busy - ours) / capacity) if capacity else 0.0


# --- Measuring --------------------------------------------------------------------------------

WRK_RPS = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
WRK_PERCENTILE = re.compile(r"^\s+(\d+)%\s+([\d.]+)(us|ms|s|m|h)\s*$", re.MULTILINE)
WRK_REQUESTS = re.compile(r"^\s+(\d+) requests in", re.MULTILINE)
WRK_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
WRK_SOCKET_ERRORS = re.compile(
    r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"
)
TO_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def run_wrk(url: str, seconds: int, row: Row) -> None:
    command = [
        "wrk",
        f"-t{WRK_THREADS}",
        f"-c{WRK_CONNECTIONS}",
        f"-d{seconds}s",
        "--latency",
        url,
    ]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=seconds + 30, check=False
        )
    except subprocess.TimeoutExpired:
        row.error = f"wrk did not finish within {seconds + 30} s"
        return
    rps = WRK_RPS.search(done.stdout)
    if done.returncode != 0 or rps is None:
        row.error = f"wrk failed (exit {done.returncode}): {(done.stderr or done.stdout).strip()}"
        return
    percentiles = {
        int(match[1]): float(match[2]) * TO_MS[match[3]]
        for match in WRK_PERCENTILE.finditer(done.stdout)
    }
    row.requests_per_s = float(rps.group(1))
    row.p50_ms = percentiles.get(50)
    row.p99_ms = percentiles.get(99)
    if requests := WRK_REQUESTS.search(done.stdout):
        row.requests = int(requests.group(1))
    if non_2xx := WRK_NON_2XX.search(done.stdout):
        row.non_2xx = int(non_2xx.group(1))
    if errors := WRK_SOCKET_ERRORS.search(done.stdout):
        row.socket_errors = sum(int(count) for count in errors.groups())


def warm_up(server: Gunicorn, paths: list[str]) -> None:
    """A few concurrent requests per page, so that both workers have loaded every template
    and opened their database and Redis connections before anything is timed."""

    def hit(path: str) -> None:
        with contextlib.suppress(OSError, http.client.HTTPException):
            fetch(server.port, path)

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(hit, [path for path in paths for _ in range(6)]))


def measure_page(server: Gunicorn, path: str, mode: str, config: Config, errors: list[dict]) -> Row:
    row = Row(page=path, mode=mode)
    # One request first: it checks the page and, in the cached pass, fills the cache.
    offset = server.log_size()
    try:
        row.status, size = fetch(server.port, path)
        row.kilobytes = size / 1024
    except (OSError, http.client.HTTPException) as error:
        row.error = f"no answer: {error}"
    if row.error is None and row.status != 200:
        row.error = f"HTTP {row.status}"
    if row.error is not None:
        time.sleep(0.5)  # let the worker flush its traceback
        errors.append(
            {"page": path, "mode": mode, "error": row.error, "log": server.log_since(offset)}
        )
        print(f"  {path:<{PAGE_WIDTH}} {row.error}")
        return row
    database = unquote(urlsplit(config.database_url).path.lstrip("/"))
    other_cpu = OtherCpu(stack_pids(server, database))
    run_wrk(server.url(path), config.seconds, row)
    row.other_cpu_percent = other_cpu.percent()
    if row.error:
        print(f"  {path:<{PAGE_WIDTH}} {row.error}")
    else:
        print(
            f"  {path:<{PAGE_WIDTH}} {row.requests_per_s:>6.0f} req/s  p99 {row.p99_ms:5.1f} ms"
            f"  other work {row.other_cpu_percent:.0f}% CPU"
        )
    return row


def measure_pass(mode: str, server: Gunicorn, config: Config, errors: list[dict]) -> Pass:
    result = Pass(mode=mode)
    warm_up(server, [BASELINE, *PAGES])
    print(f"\n{mode}: gunicorn on 127.0.0.1:{server.port}, wrk for {config.seconds} s a page")
    # The baseline before and after the pages; the faster of the two is the reference, so that
    # a baseline run slowed by other work on the machine cannot flatter the pages.
    for path in [BASELINE, *PAGES, BASELINE]:
        result.rows.append(measure_page(server, path, mode, config, errors))
    result.rows[-1].repeat = True
    baselines = [row.requests_per_s for row in result.rows if row.is_baseline]
    result.baseline_requests_per_s = max(filter(None, baselines), default=None)
    for row in result.rows:
        if result.baseline_requests_per_s and row.requests_per_s is not None:
            row.ratio = row.requests_per_s / result.baseline_requests_per_s
    for pid in server.workers():
        if (rss := read_rss_mb(pid)) is not None:
            result.worker_rss_mb[pid] = rss
    if server.process.poll() is not None:
        raise SetupError(f"gunicorn ({mode}) died during the run:\n" + server.log_tail())
    return result


def count_queries(env: dict[str, str], workdir: Path) -> dict:
    output = workdir / "queries.json"
    run_step(
        [str(PYTHON), "-m", "benchmarks.queries", str(output), BASELINE, *PAGES],
        env,
        "Counting the queries",
    )
    return json.loads(output.read_text())


# --- Report -----------------------------------------------------------------------------------


def _fmt(value: float | None, spec: str, miss: bool = False) -> str:
    return "-" if value is None else format(value, spec) + (" !" if miss else "")


def print_table(passes: list[Pass]) -> None:
    header = (
        f"{'page':<{PAGE_WIDTH}}  {'mode':<8} {'KB':>5} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>8} "
        f"{'ratio':>6} {'queries':>7} {'other%':>6}  notes"
    )
    print("\n" + header)
    print("-" * len(header))
    for result in passes:
        for row in result.rows:
            page_row = not row.is_baseline
            ratio_miss = page_row and row.ratio is not None and row.ratio < MIN_RATIO[row.mode]
            p99_miss = page_row and row.p99_ms is not None and row.p99_ms > MAX_P99_MS
            queries_miss = row.mode == "uncached" and (row.queries or 0) > MAX_QUERIES
            notes = [row.error] if row.error else []
            if row.repeat:
                notes.append("baseline again, after the pages")
            if row.non_2xx:
                notes.append(f"{row.non_2xx} non-2xx answers")
            if row.socket_errors:
                notes.append(f"{row.socket_errors} socket errors")
            print(
                f"{row.page:<{PAGE_WIDTH}}  {row.mode:<8} {_fmt(row.kilobytes, '.1f'):>5} "
                f"{_fmt(row.requests_per_s, '.0f'):>7} {_fmt(row.p50_ms, '.1f'):>7} "
                f"{_fmt(row.p99_ms, '.1f', p99_miss):>8} {_fmt(row.ratio, '.2f', ratio_miss):>6} "
                f"{_fmt(row.queries, 'd', queries_miss):>7} {_fmt(row.other_cpu_percent, '.0f'):>6}"
                f"  {'; '.join(notes)}"
            )
    print(
        f"! misses its target: ratio cached >= {MIN_RATIO['cached']:.2f} and uncached >= "
        f"{MIN_RATIO['uncached']:.2f} of the baseline; p99 <= {MAX_P99_MS:.0f} ms; "
        f"uncached queries <= {MAX_QUERIES}"
    )
    other = [row.other_cpu_percent for result in passes for row in result.rows]
    other = sorted(value for value in other if value is not None)
    if other:
        print(
            f"other%: CPU share taken by other work during the measurement (median "
            f"{other[len(other) // 2]:.0f}%, highest {other[-1]:.0f}%); above ~10% a row is noisy"
        )


def evaluate_targets(passes: list[Pass]) -> list[dict]:
    """One line per target: does every page meet it, and which do not."""
    page_rows = [row for result in passes for row in result.rows if not row.is_baseline]
    targets = []

    def add(name: str, misses: list[str], detail: str) -> None:
        targets.append({"target": name, "meets": not misses, "misses": misses, "detail": detail})

    for mode, minimum in MIN_RATIO.items():
        rows = [row for row in page_rows if row.mode == mode]
        misses = [
            f"{row.page} {row.ratio:.2f}" if row.ratio is not None else f"{row.page} (no result)"
            for row in rows
            if row.ratio is None or row.ratio < minimum
        ]
        measured = [row for row in rows if row.ratio is not None]
        lowest = min(measured, key=lambda row: row.ratio, default=None)
        detail = f"lowest {lowest.ratio:.2f} ({lowest.page})" if lowest else "nothing measured"
        add(f"{mode} req/s >= {minimum:.2f} x baseline", misses, detail)

    misses = [
        f"{row.page} {row.mode} {row.p99_ms:.1f} ms"
        if row.p99_ms is not None
        else f"{row.page} {row.mode} (no result)"
        for row in page_rows
        if row.p99_ms is None or row.p99_ms > MAX_P99_MS
    ]
    measured = [row for row in page_rows if row.p99_ms is not None]
    worst = max(measured, key=lambda row: row.p99_ms, default=None)
    detail = f"highest {worst.p99_ms:.1f} ms ({worst.page} {worst.mode})" if worst else "-"
    add(f"p99 <= {MAX_P99_MS:.0f} ms at {WRK_CONNECTIONS} connections", misses, detail)

    uncached = [row for row in page_rows if row.mode == "uncached"]
    misses = [
        f"{row.page} {row.queries}" if row.queries is not None else f"{row.page} (not counted)"
        for row in uncached
        if row.queries is None or row.queries > MAX_QUERIES
    ]
    counted = [row for row in uncached if row.queries is not None]
    most = max(counted, key=lambda row: row.queries, default=None)
    detail = f"highest {most.queries} ({most.page})" if most else "-"
    add(f"<= {MAX_QUERIES} SQL queries a page (uncached)", misses, detail)

    rss = [(mb, result.mode, pid) for result in passes for pid, mb in result.worker_rss_mb.items()]
    misses = [
        f"{mode} worker {pid} {mb:.1f} MB" for mb, mode, pid in rss if mb >= MAX_WORKER_RSS_MB
    ]
    if not rss:
        misses = ["no worker measured"]
    detail = f"highest {max(rss)[0]:.1f} MB" if rss else "-"
    add(f"gunicorn worker RSS < {MAX_WORKER_RSS_MB:.0f} MB", misses, detail)
    return targets


def print_targets(targets: list[dict]) -> None:
    print("\nTargets")
    for target in targets:
        verdict = "meets " if target["meets"] else "misses"
        print(f"  {target['target']:<42} {verdict}  {target['detail']}")
        if target["misses"]:
            print(
                textwrap.fill(
                    ", ".join(target["misses"]),
                    width=100,
                    initial_indent=" " * 6,
                    subsequent_indent=" " * 6,
                    break_on_hyphens=False,
                )
            )


# --- The run ----------------------------------------------------------------------------------


def prepare_portal(env: dict[str, str]) -> None:
    """migrate, seed_centre and collectstatic, with the portal's own production settings."""
    print("Preparing the database and the static files")
    try:
        manage("migrate", "--no-input", "-v", "0", env=env)
    except SetupError as error:
        raise SetupError(
            f"{error}\nIf the migrations were rewritten since the last run, start the benchmark's "
            "database afresh: BENCH_RESET_DB=1 make bench"
        ) from None
    for line in manage("seed_centre", env=env).strip().splitlines():
        print(f"  {line}")
    # A demo issue (number 900, every title marked [demo]) so the bulletin pages have content.
    manage("bulletin_demo", "--demo", env=env)
    manage("collectstatic", "--no-input", "-v", "0", env=env)


def report_queries(queries: dict, errors: list[dict]) -> None:
    print("Counting the SQL queries of each page (in-process, test client)")
    for path, counts in queries.items():
        uncached, cached = counts["uncached"], counts["cached"]
        note = ""
        if (uncached.get("queries") or 0) > MAX_QUERIES:
            note = f"  ! above {MAX_QUERIES}"
        for mode, count in (("uncached", uncached), ("cached", cached)):
            if count.get("error"):
                note = "  error: " + count["error"].strip().splitlines()[-1]
                errors.append(
                    {
                        "page": path,
                        "mode": f"{mode}, test client",
                        "error": "exception",
                        "log": count["error"].strip(),
                    }
                )
            elif count["status"] != 200:
                note = f"  HTTP {count['status']}"
        print(
            f"  {path:<{PAGE_WIDTH}}  uncached {uncached.get('queries')!s:>3}"
            f"  cached {cached.get('queries')!s:>3}{note}"
        )


def run(config: Config) -> int:
    if shutil.which("wrk") is None:
        raise SetupError("wrk is not installed: run `make bench`, or apt-get install wrk.")
    if not GUNICORN.exists():
        raise SetupError(f"{GUNICORN} is missing: run `make install` first.")
    started = datetime.now(UTC)
    load = os.getloadavg()
    print(f"PostgreSQL {masked(config.database_url)}, Redis {masked(config.redis_url)}")
    print(f"Load average {load[0]:.2f} on {os.cpu_count()} CPUs")
    if load[0] > (os.cpu_count() or 1) / 2:
        print("  the machine is busy with other work: expect noisy numbers")
    prepare_postgres(config.database_url, config.reset_db)
    check_redis(config.redis_url)

    run_id = secrets.token_hex(4)
    key_prefix = f"bench-{run_id}-"  # this run's keys in Redis, deleted at the end
    workdir = Path(tempfile.mkdtemp(prefix="bench-portal-"))
    base_env = portal_env(
        config,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_STATIC_ROOT=str(workdir / "static"),
    )
    bench_env = {**base_env, "DJANGO_SETTINGS_MODULE": "benchmarks.settings"}
    passes: list[Pass] = []
    errors: list[dict] = []
    server = None
    try:
        prepare_portal({**base_env, "DJANGO_SETTINGS_MODULE": "centre.settings"})
        queries = count_queries({**bench_env, "CACHE_KEY_PREFIX": key_prefix + "queries"}, workdir)
        report_queries(queries, errors)
        # Two servers, one after the other: each pass has its own cache keys, so the uncached
        # pass cannot be served what the cached pass stored.
        for mode, cache_seconds in (("cached", "600"), ("uncached", "0")):
            env = {
                **bench_env,
                "PUBLIC_PAGE_CACHE_SECONDS": cache_seconds,
                "CACHE_KEY_PREFIX": key_prefix + mode,
            }
            server = Gunicorn(mode, config, env, workdir)
            server.start()
            result = measure_pass(mode, server, config, errors)
            server.stop()
            for row in result.rows:
                row.queries = queries.get(row.page, {}).get(mode, {}).get("queries")
            passes.append(result)
            rss = ", ".join(f"{pid} {mb:.1f} MB" for pid, mb in result.worker_rss_mb.items())
            print(f"  worker RSS after the load: {rss}")
    finally:
        if server is not None:
            server.stop()
        delete_cache_keys(config.redis_url, key_prefix)
        shutil.rmtree(workdir, ignore_errors=True)

    print_table(passes)
    targets = evaluate_targets(passes)
    print_targets(targets)
    for error in errors:
        print(f"\n{error['page']} ({error['mode']}): {error['error']}\n{error['log'] or ''}")
    write_results(
        {
            "started_at": started.isoformat(timespec="seconds"),
            "machine": {
                "cpus": os.cpu_count(),
                "load_average_at_start": [round(value, 2) for value in load],
                "platform": platform.platform(),
                "python": platform.python_version(),
            },
            "setup": {
                "database_url": masked(config.database_url),
                "redis_url": masked(config.redis_url),
                "wrk": f"-t{WRK_THREADS} -c{WRK_CONNECTIONS} -d{config.seconds}s --latency",
                "gunicorn": {
                    "workers": WORKERS,
                    "worker_class": config.worker_class,
                    "threads": config.threads,
                },
            },
            "baseline_requests_per_s": {
                result.mode: result.baseline_requests_per_s for result in passes
            },
            "rows": [asdict(row) for result in passes for row in result.rows],
            "worker_rss_mb": {
                result.mode: {str(pid): round(mb, 1) for pid, mb in result.worker_rss_mb.items()}
                for result in passes
            },
            "queries": queries,
            "targets": targets,
            "errors": errors,
        }
    )
    return 0


def write_results(results: dict) -> None:
    RESULTS_FILE.parent.mkdir(parents=True, exist_ok=True)
    temporary = RESULTS_FILE.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(results, indent=2) + "\n")
    temporary.replace(RESULTS_FILE)
    print(f"\nResults written to {RESULTS_FILE.relative_to(ROOT)}")


def _stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt  # unwinds through the finally blocks that stop gunicorn


def main() -> int:
    sys.stdout.reconfigure(line_buffering=True)  # progress shows as it happens, even piped
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        return run(Config.from_env())
    except SetupError as error:
        print(f"\nbench: setup failed: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nbench: interrupted; gunicorn stopped.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
