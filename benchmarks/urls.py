"""The portal's URLs plus /bench/baseline/, a bare view that returns a fixed ~5 KB page.

The baseline touches neither the database nor the cache nor a template: what it costs is
gunicorn, the WSGI handler and the middleware, the floor under every public page.
"""

from django.http import HttpResponse
from django.urls import path

from centre.urls import urlpatterns as portal_urlpatterns

_PARAGRAPH = (
    "<p>The Centre for Innovation in Parliament supports parliaments in their use of digital "
    "tools: hubs bring parliaments of a region or a language together, partners fund and "
    "advise the work, and the World e-Parliament Conference gathers everyone every two "
    "years.</p>\n"
)
BASELINE_HTML = (
    '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
    "<title>Baseline</title>\n</head>\n<body>\n<main>\n<h1>Baseline</h1>\n"
    + _PARAGRAPH * 19
    + "</main>\n</body>\n</html>\n"
).encode()


def baseline(request):
    return HttpResponse(BASELINE_HTML, content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/baseline/", baseline, name="bench_baseline"), *portal_urlpatterns]
