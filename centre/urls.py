from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from centre import views
from centre.cache import public_page
from centre.sitemaps import portal_sitemaps

# The admin's own login form would bypass allauth's rate limits and two-factor step.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = _("IPU Centre for Innovation in Parliament")
admin.site.site_title = _("Centre for Innovation in Parliament")
admin.site.index_title = _("Secretariat")

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path(
        "sitemap.xml",
        public_page(sitemap),
        {"sitemaps": portal_sitemaps()},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("parliaments/", views.parliament_list, name="parliament_list"),
    path("parliaments/<str:code>/", views.parliament_detail, name="parliament_detail"),
    path("hubs/", include("hubs.urls")),
    path("partners/", include("partners.urls")),
    path("conferences/", include("conferences.urls")),
    path("bulletin/", include("bulletin.urls")),
    path("showcase/", include("bulletin.showcase_urls")),
    path("accounts/", include("allauth.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
