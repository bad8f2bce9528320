"""The portal's own settings, with the benchmark's URLconf in front of the portal's.

Everything else (middleware, cache, database, security) is exactly centre.settings, so the
baseline view is measured on the same stack as the public pages.
"""

from centre.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
