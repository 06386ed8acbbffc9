"""The curated registry files in policies/data as matcher inputs, for the pure matching tests.

The ingest builds the same `(key, names)` pairs from database rows (`ingest.known_records`);
these helpers build them straight from the JSON, so the matchers are tested without a database.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def load_registry_json(path: str | Path) -> list[dict[str, Any]]:
    """A registry file: a JSON list of objects."""
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    if not isinstance(data, list) or not all(isinstance(rec, dict) for rec in data):
        raise ValueError(f"{path}: expected a JSON list of objects")
    return data


def agency_entries(data: Iterable[dict[str, Any]]) -> list[tuple[str, list[str]]]:
    """(abbreviation, [abbreviation, name, chinese_name, *aliases]) per agency record."""
    out = []
    for rec in data:
        names = [rec.get("abbreviation"), rec.get("name"), rec.get("chinese_name")]
        names += list(rec.get("aliases") or [])
        out.append((rec["abbreviation"], [n for n in names if n]))
    return out


def company_entries(data: Iterable[dict[str, Any]]) -> list[tuple[str, list[str]]]:
    """(slug, [name, *aliases]) per company record."""
    out = []
    for rec in data:
        names = [rec.get("name"), *(rec.get("aliases") or [])]
        out.append((rec["slug"], [n for n in names if n]))
    return out


def sector_entries(data: Iterable[dict[str, Any]]) -> list[tuple[str, list]]:
    """(slug, keywords) per sector record."""
    return [(rec["slug"], list(rec.get("keywords") or [])) for rec in data]
