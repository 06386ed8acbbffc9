"""Shared fixtures: the seed folder, an ingested archive, and the database vendor."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "fixtures" / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


def ensure_registry():
    """A transactional test's flush also empties the registry the data migration loaded."""
    from policies import models
    from policies.registry import sync_registry

    if not models.Agency.objects.exists():
        sync_registry(Agency=models.Agency, AgencyAlias=models.AgencyAlias,
                      Sector=models.Sector, Company=models.Company,
                      CompanyAlias=models.CompanyAlias)


@pytest.fixture
def seeded(db):
    """The archive after `manage.py ingest fixtures/seeds`."""
    ensure_registry()
    call_command("ingest", str(SEEDS), verbosity=0)


@pytest.fixture
def vendor() -> str:
    return connection.vendor
