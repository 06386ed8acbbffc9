"""The curated registries (agencies, sectors, companies) shipped as JSON in policies/data/.

`sync_registry` upserts them by natural key; the data migration calls it with historical models,
so every fresh database has the registry. It never deletes and never renames a record an editor
may have changed: it only fills what is missing.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def load(name: str) -> list[dict]:
    with open(DATA_DIR / f"{name}.json", encoding="utf-8") as handle:
        return json.load(handle)


def _add_aliases(alias_model, owner_field: str, owner, names, taken: set[str]) -> None:
    for name in names:
        name = (name or "").strip()
        if not name or name.lower() in taken:
            continue
        alias_model.objects.get_or_create(name=name, defaults={owner_field: owner})
        taken.add(name.lower())


REGISTRY_MODELS = ("Agency", "AgencyAlias", "Sector", "Company", "CompanyAlias")


def sync_in_migration(apps, schema_editor) -> None:
    """A data migration's RunPython: `sync_registry` on the migration state's models."""
    sync_registry(**{name: apps.get_model("policies", name) for name in REGISTRY_MODELS})


def sync_registry(*, Agency, AgencyAlias, Sector, Company, CompanyAlias) -> None:
    agencies = load("agencies")
    by_abbr = {}
    for row in agencies:
        agency, _ = Agency.objects.get_or_create(
            abbreviation=row["abbreviation"],
            defaults={
                "name": row["name"],
                "chinese_name": row.get("chinese_name", ""),
                "slug": row["slug"],
                "kind": row.get("kind", "other"),
                "description": row.get("description", row.get("note", "")),
            },
        )
        by_abbr[row["abbreviation"]] = agency
    own_names = {
        name.lower()
        for row in agencies
        for name in (row["abbreviation"], row["name"], row.get("chinese_name", ""))
        if name
    }
    for row in agencies:
        agency = by_abbr[row["abbreviation"]]
        if row.get("parent") and agency.parent_id is None:
            agency.parent = by_abbr.get(row["parent"])
            agency.save(update_fields=["parent"])
        _add_aliases(AgencyAlias, "agency", agency, row.get("aliases", []), set(own_names))

    by_slug = {}
    for row in load("sectors"):
        sector, _ = Sector.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name"],
                "description": row.get("description", ""),
                "keywords": row.get("keywords", []),
            },
        )
        by_slug[row["slug"]] = sector
    for row in load("sectors"):
        sector = by_slug[row["slug"]]
        if row.get("parent") and sector.parent_id is None:
            sector.parent = by_slug.get(row["parent"])
            sector.save(update_fields=["parent"])

    companies = load("companies")
    company_names = {row["name"].lower() for row in companies}
    for row in companies:
        company, _ = Company.objects.get_or_create(
            slug=row["slug"],
            defaults={"name": row["name"], "country": row.get("country", ""), "curated": True},
        )
        _add_aliases(CompanyAlias, "company", company, row.get("aliases", []), set(company_names))
