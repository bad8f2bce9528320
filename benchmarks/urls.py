"""The portal's URLs plus two floors under every public page.

/bench/baseline/ returns a fixed ~5 KB page. It touches neither the database nor the cache nor
a template: what it costs is gunicorn, the WSGI handler and the middleware.

/bench/layout/ renders the same paragraphs inside the portal's layout (base.html: header, menu,
language switcher, footer), with no query: what every page pays before its own content.
"""

from django.http import HttpResponse
from django.template import engines
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


_LAYOUT = engines["django"].from_string(
    '{% extends "base.html" %}{% block title %}Layout{% endblock %}'
    "{% block content %}<h1>Layout</h1>" + _PARAGRAPH * 19 + "{% endblock %}"
)


def baseline(request):
    return HttpResponse(BASELINE_HTML, content_type="text/html; charset=utf-8")


def layout(request):
    return HttpResponse(_LAYOUT.render({}, request))


urlpatterns = [
    path("bench/baseline/", baseline, name="bench_baseline"),
    path("bench/layout/", layout, name="bench_layout"),
    *portal_urlpatterns,
]
