import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from bulletin.selectors import bulletin, latest_published_issue
from centre import selectors
from centre.cache import public_page
from conferences.selectors import featured_event
from hubs.selectors import hub_list, with_hub_participation
from partners.selectors import current_budget, tier_list, with_partnership_flags

logger = logging.getLogger(__name__)


@public_page
def home(request):
    return render(
        request,
        "centre/home.html",
        {
            "hubs": hub_list(),
            "latest_issue": latest_published_issue(),
            "featured_event": featured_event(),
        },
    )


@public_page
def about(request):
    return render(
        request,
        "centre/about.html",
        {
            "hubs": hub_list(),
            "tiers": tier_list(),
            "budget": current_budget(),
            "bulletin": bulletin(),
        },
    )


@public_page
def parliament_list(request):
    regions = selectors.parliaments_by_region()
    return render(
        request,
        "centre/parliament_list.html",
        {"regions": regions, "total": sum(len(members) for _c, _l, members in regions)},
    )


@public_page
def parliament_detail(request, code):
    # The page shows what every app knows of the parliament: each app adds its own flags.
    parliaments = with_partnership_flags(
        with_hub_participation(selectors.parliament_detail_queryset())
    )
    parliament = get_object_or_404(parliaments, code__iexact=code, is_active=True)
    return render(request, "centre/parliament_detail.html", {"parliament": parliament})


def _check(name, probe):
    try:
        probe()
    except Exception as error:  # a health check reports every failure instead of raising it
        logger.warning("Health check %s failed: %s", name, error)
        return {"ok": False, "error": type(error).__name__}
    return {"ok": True}


def _probe_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _probe_cache():
    cache.set("healthz", "ok", timeout=10)
    if cache.get("healthz") != "ok":
        raise RuntimeError("the cache did not keep a value")


def _probe_broker():
    from centre.celery import app

    with app.connection_for_write() as broker:
        broker.ensure_connection(max_retries=1, timeout=2)


@never_cache
def healthz(request):
    """200 when the database, the cache and the Celery broker answer; 503 otherwise."""
    checks = {
        "database": _check("database", _probe_database),
        "cache": _check("cache", _probe_cache),
    }
    if settings.CELERY_TASK_ALWAYS_EAGER:
        checks["broker"] = {"ok": True, "mode": "eager"}
    else:
        checks["broker"] = _check("broker", _probe_broker)
    healthy = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )
