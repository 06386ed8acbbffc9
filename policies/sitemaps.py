"""sitemap.xml: every public permalink with its last-modified date."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from .models import Agency, Brief, Company, Policy, Sector


class PolicySitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8
    limit = 10_000

    def items(self):
        return Policy.objects.only("pk", "slug", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class BriefSitemap(Sitemap):
    changefreq = "yearly"
    priority = 0.6

    def items(self):
        return Brief.objects.only("pk", "slug", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class _LatestPolicySitemap(Sitemap):
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
