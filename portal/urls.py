"""Root URLs: the admin, documents, health, and the Wagtail site under a language prefix."""

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import views as sitemaps
from wagtail.documents import urls as wagtaildocs_urls

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from reading.api import api
from reading.sitemaps import SITEMAPS

from .health import HealthzView

urlpatterns = [
    # Readiness: the services the web server uses, not the workers (/healthz is its older name).
    path("healthz", HealthzView.as_view(), name="healthz"),
    path("healthz/ready", HealthzView.as_view(), name="healthz_ready"),
    path("healthz/workers", HealthzView.as_view(checks_setting="WORKER_CHECKS"), name="healthz_workers"),
    path("api/v1/", api.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemaps.index, {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"}, name="sitemap"),
    path("sitemap-<section>.xml", sitemaps.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("review.urls")),
    path("", include("submissions.urls")),  # the receipts' public key and chain
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("", include(wagtail_urls)),
)
