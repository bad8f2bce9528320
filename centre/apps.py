from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CentreConfig(AppConfig):
    name = "centre"
    verbose_name = _("Centre for Innovation in Parliament")

    def ready(self):
        from centre import signals  # noqa: F401  (connects the public-cache invalidation)
