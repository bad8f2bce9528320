import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "centre.settings")
application = get_wsgi_application()

# Everything loaded so far (Django, the apps, their models) lives as long as the process. Left to
# the collector, each full collection walks all of it: ~150 ms during which a request waits,
# which was the slowest 1% of the registration benchmark. Frozen, it is never walked again.
gc.freeze()
