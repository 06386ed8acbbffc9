"""Top-level URLs: the public archive, its JSON twin, sitemap and robots, the admin, and the
health check."""

from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_safe

from policies.sitemaps import SITEMAPS

from . import health


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /policies/export.csv",
        "Disallow: /news/export.csv",
        "Disallow: /dump/",
        "Disallow: /*?q=",
        "Disallow: /*&q=",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots-txt"),
    path("sitemap.xml", cache_page(3600)(sitemap), {"sitemaps": SITEMAPS},
         name="django.contrib.sitemaps.views.sitemap"),
    path("", include("policies.urls")),
]
