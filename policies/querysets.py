"""Query vocabulary: what list and detail pages need, bundled on the QuerySets."""

from __future__ import annotations

from django.db import models
from django.db.models import Prefetch


class PolicyQuerySet(models.QuerySet):
    def for_list(self):
        """Everything a result row shows (agencies lead first, sectors) in a fixed number of
        queries."""
        from .models import PolicyAgency, PolicySector

        return self.prefetch_related(
            Prefetch(
                "policy_agencies",
                queryset=PolicyAgency.objects.select_related("agency").order_by("position"),
            ),
            Prefetch(
                "policy_sectors",
                queryset=PolicySector.objects.select_related("sector").order_by("-score", "id"),
            ),
        )

    def for_detail(self):
        from .models import BriefItem

        return self.for_list().prefetch_related(
            "companies",
            Prefetch(
                "brief_items",
                queryset=BriefItem.objects.select_related("brief").order_by(
                    "brief__published_on", "position"
                ),
            ),
        )

    def led_by(self, abbreviation: str):
        return self.filter(
            policy_agencies__agency__abbreviation=abbreviation, policy_agencies__position=0
        )

    def needing_review(self):
        return self.filter(needs_review=True).order_by("created_at", "id")


class AgencyQuerySet(models.QuerySet):
    def resolve(self, name: str):
        """The agency known by this abbreviation, name or alias (case-insensitive), or None."""
        name = (name or "").strip()
        if not name:
            return None
        return (
            self.filter(
                models.Q(abbreviation__iexact=name)
                | models.Q(name__iexact=name)
                | models.Q(chinese_name=name)
                | models.Q(aliases__name__iexact=name)
            )
            .distinct()
            .first()
        )


class CompanyQuerySet(models.QuerySet):
    def resolve(self, name: str):
        name = (name or "").strip()
        if not name:
            return None
        return (
            self.filter(models.Q(name__iexact=name) | models.Q(aliases__name__iexact=name))
            .distinct()
            .first()
        )
