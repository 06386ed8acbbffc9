"""sitemap.xml: every public permalink with its last-modified date, on the public host
(page_meta.public_domain: SITE_DOMAIN, else the request's host), never the sites table's."""

from __future__ import annotations

from functools import partial

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max

from .models import Agency, Brief, Company, Policy, Sector
from .page_meta import public_domain


class PublicSitemap(Sitemap):
    """A section whose URLs are on `domain`."""

    def __init__(self, domain: str):
        self.domain = domain

    def get_domain(self, site=None) -> str:
        return self.domain


class PolicySitemap(PublicSitemap):
    changefreq = "monthly"
    priority = 0.8
    limit = 10_000

    def items(self):
        return Policy.objects.only("pk", "slug", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class BriefSitemap(PublicSitemap):
    changefreq = "yearly"
    priority = 0.6

    def items(self):
        return Brief.objects.only("pk", "slug", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class _LatestPolicySitemap(PublicSitemap):
    """Registries: last modified when the newest of their policies was."""

    changefreq = "weekly"
    priority = 0.5
    model = None
    relation = "policies"

    def items(self):
        return self.model.objects.annotate(
            last_policy=Max(f"{self.relation}__updated_at")
        ).order_by("pk")

    def lastmod(self, obj):
        own = getattr(obj, "updated_at", None)
        dates = [d for d in (own, obj.last_policy) if d]
        return max(dates) if dates else None


class AgencySitemap(_LatestPolicySitemap):
    model = Agency


class SectorSitemap(_LatestPolicySitemap):
    model = Sector


class CompanySitemap(_LatestPolicySitemap):
    model = Company


SITEMAPS = {
    "policies": PolicySitemap,
    "briefs": BriefSitemap,
    "agencies": AgencySitemap,
    "sectors": SectorSitemap,
    "companies": CompanySitemap,
}


def sitemap(request):
    """Django's sitemap view, each section made for the request's public domain."""
    domain = public_domain(request)
    sections = {name: partial(section, domain) for name, section in SITEMAPS.items()}
    return sitemap_views.sitemap(request, sitemaps=sections)
