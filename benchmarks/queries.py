"""Counts the SQL queries of each page in-process, with Django's test client.

run.py starts it with the benchmark's environment (production settings, benchmarks.settings):

    python -m benchmarks.queries OUTPUT.json PATH [PATH ...]

Each page is counted twice, on a second request so that per-process warm-up (the site, the
template cache) is not counted: "uncached" with PUBLIC_PAGE_CACHE_SECONDS=0, so the page is
rendered, and "cached" with the page cache on, after a first request that filled it.
"""

import json
import os
import sys
import traceback


def _get(client, path: str):
    # Every request as a new anonymous reader: no cookie from a previous answer.
    client.cookies.clear()
    return client.get(path)


def _count(client, path: str) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _get(client, path)
    with CaptureQueriesContext(connection) as queries:
        response = _get(client, path)
    return {
        "status": response.status_code,
        "queries": len(queries),
        "sql": [query["sql"] for query in queries.captured_queries],
    }


def count_queries(paths: list[str]) -> dict:
    from django.test import Client
    from django.test.utils import override_settings

    client = Client(HTTP_HOST="127.0.0.1")  # one client: the middleware is loaded once
    results = {}
    for path in paths:
        results[path] = {}
        for mode, seconds in (("uncached", 0), ("cached", 600)):
            try:
                with override_settings(PUBLIC_PAGE_CACHE_SECONDS=seconds):
                    results[path][mode] = _count(client, path)
            except Exception:  # one broken page is reported, the others still counted
                results[path][mode] = {"status": None, "error": traceback.format_exc()}
    return results


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
    import django

    django.setup()
    output, paths = argv[0], argv[1:]
    with open(output, "w", encoding="utf-8") as file:
        json.dump(count_queries(paths), file, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
