"""The curated registry is in every fresh database: agencies with aliases and parents, sectors with
keywords, companies with aliases."""

from __future__ import annotations

import pytest

from policies.models import (
    Agency,
    Company,
    Sector,
)

REQUIRED_SECTORS = {
    "automotive", "energy", "materials", "manufacturing", "ict", "data", "ai", "biotech",
    "climate", "standards", "aerospace", "marine", "smes", "trade", "finance", "semiconductors",
    "pharma",
}


@pytest.mark.django_db
class TestRegistryInAFreshDatabase:
    def test_ndb_resolves_to_the_same_agency_as_nda(self):
        nda = Agency.objects.get(abbreviation="NDA")
        assert Agency.objects.named("NDB").get() == nda
        assert Agency.objects.named("National Data Bureau").get() == nda
        assert Agency.objects.named("national data administration").get() == nda

    def test_registry_has_at_least_40_bodies_with_chinese_names(self):
        assert Agency.objects.count() >= 40
        assert not Agency.objects.filter(chinese_name="").exists()
        assert Agency.objects.get(abbreviation="MIIT").chinese_name == "工业和信息化部"
        assert Agency.objects.get(abbreviation="NDRC").chinese_name == "国家发展和改革委员会"

    def test_nea_sits_under_ndrc(self):
        assert Agency.objects.get(abbreviation="NEA").parent.abbreviation == "NDRC"

    def test_required_sector_slugs_are_present_with_keywords(self):
        slugs = set(Sector.objects.values_list("slug", flat=True))
        assert slugs >= REQUIRED_SECTORS
        assert all(s.keywords for s in Sector.objects.filter(slug__in=REQUIRED_SECTORS))

    def test_curated_companies_are_loaded_with_aliases(self):
        volkswagen = Company.objects.get(slug="volkswagen")
        assert Company.objects.named("Volkswagen AG").get() == volkswagen
