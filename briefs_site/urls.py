"""Top-level URLs: the public archive, its JSON twin, sitemap and robots, the admin, and the
health check."""

from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_safe

from policies import response_cache
from policies.page_meta import public_url
from policies.sitemaps import sitemap

from . import health


@response_cache.exempt  # reads no data: no version to read
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
        f"Sitemap: {public_url(request, '/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


# A body too large, or a file sent where none is taken: a page that says so (briefs_site/errors.py).
handler400 = "briefs_site.errors.bad_request"
# A database that cannot answer: 503 instead of 500 (briefs_site/outages.py).
handler500 = "briefs_site.errors.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots-txt"),
    path("sitemap.xml", cache_page(3600)(sitemap), name="django.contrib.sitemaps.views.sitemap"),
    path("", include("policies.urls")),
]
