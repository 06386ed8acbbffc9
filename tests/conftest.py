"""Shared fixtures: the seed folder, an ingested archive, editors, the database vendor, and a
migrated database other processes can open (for tests that run gunicorn or manage.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import connection
from django.test import Client

from .processes import ProcessDatabase

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "fixtures" / "seeds"
TITLE = "Guidelines for Equipment Renewal"  # a seed policy the editorial tests correct


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with empty caches: no rate-limit count, cached sitemap, cached
    response, facet index or remembered read carries over from the test before."""
    from policies import data_version
    from policies.listing.index import policies_index

    cache.clear()
    caches["responses"].clear()
    policies_index.clear()
    data_version.forget_remembered()


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


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory):
    """A database of the suite's kind, migrated once per session (SQLite file or PostgreSQL
    database on the suite's server): the template `process_database` copies."""
    template = ProcessDatabase.template(connection.vendor, os.environ.get("DATABASE_URL", ""),
                                        tmp_path_factory.mktemp("template"))
    yield template
    template.drop()


@pytest.fixture
def process_database(migrated_template, tmp_path) -> ProcessDatabase:
    """A fresh migrated database (registry loaded, no briefs) that gunicorn and manage.py
    subprocesses share with the test; dropped afterwards."""
    database = migrated_template.copy(tmp_path)
    yield database
    database.drop()
