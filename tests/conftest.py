"""Shared fixtures: the seed folder, an ingested archive, editors, and the database vendor."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "fixtures" / "seeds"
TITLE = "Guidelines for Equipment Renewal"  # a seed policy the editorial tests correct


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: no rate-limit count (or cached sitemap) carries
    over from the test before."""
    cache.clear()


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


@pytest.fixture
def editor(db):
    user = User.objects.create_user("eddie", password="correct horse battery", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


def pytest_collection_modifyitems(config, items):
    """`@pytest.mark.postgres_only`: skipped on SQLite, saying so (the other half of `make test`
    runs them on PostgreSQL)."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    skip = pytest.mark.skip(reason="PostgreSQL only: runs in the PostgreSQL half of make test")
    for item in items:
        if item.get_closest_marker("postgres_only"):
            item.add_marker(skip)
