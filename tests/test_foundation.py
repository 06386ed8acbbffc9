"""The foundation: registry present in a fresh database, constraints, permalinks, migrations."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import date

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from policies.models import (
    Agency,
    AgencyAlias,
    Brief,
    BriefItem,
    Company,
    NewsItem,
    Policy,
    PolicyAgency,
    Sector,
)

from .conftest import ROOT
from .factories import make_policy

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
        assert Company.objects.named("Volkswagen AG").get() == Company.objects.get(slug="volkswagen")


@pytest.mark.django_db
class TestConstraints:
    def test_duplicate_agency_abbreviation_is_rejected(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            Agency.objects.create(abbreviation="MIIT", name="Duplicate", slug="miit-2")

    def test_duplicate_alias_is_rejected(self):
        nda = Agency.objects.get(abbreviation="NDA")
        with pytest.raises(IntegrityError), transaction.atomic():
            AgencyAlias.objects.create(agency=nda, name="NDB")

    def test_invalid_agency_kind_is_rejected(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            Agency.objects.create(abbreviation="XX", name="X", slug="xx", kind="cabal")

    def test_invalid_document_type_is_rejected(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            Policy.objects.create(title="T", document_type="decree")

    def test_an_agency_appears_once_per_policy(self):
        policy = make_policy(agencies=("MIIT",))
        with pytest.raises(IntegrityError), transaction.atomic():
            PolicyAgency.objects.create(
                policy=policy, agency=Agency.objects.get(abbreviation="MIIT"), position=1
            )

    def test_brief_item_positions_are_unique_within_a_brief(self):
        brief = Brief.objects.create(title="B", source_file="b.txt", sha256="0" * 64,
                                     raw_text="x", slug="b")
        BriefItem.objects.create(brief=brief, position=1, headline="one")
        with pytest.raises(IntegrityError), transaction.atomic():
            BriefItem.objects.create(brief=brief, position=1, headline="again")

    def test_brief_text_hash_and_file_name_are_unique(self):
        Brief.objects.create(title="B", source_file="b.txt", sha256="1" * 64, raw_text="x",
                             slug="b")
        with pytest.raises(IntegrityError), transaction.atomic():
            Brief.objects.create(title="C", source_file="c.txt", sha256="1" * 64, raw_text="x",
                                 slug="c")
        with pytest.raises(IntegrityError), transaction.atomic():
            Brief.objects.create(title="D", source_file="b.txt", sha256="2" * 64, raw_text="x",
                                 slug="d")

    def test_reporting_period_must_be_ordered(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            Brief.objects.create(title="B", source_file="p.txt", sha256="3" * 64, raw_text="x",
                                 slug="p", period_start=date(2024, 5, 1),
                                 period_end=date(2024, 4, 1))

    def test_news_kind_is_constrained(self):
        brief = Brief.objects.create(title="B", source_file="n.txt", sha256="4" * 64,
                                     raw_text="x", slug="n")
        with pytest.raises(IntegrityError), transaction.atomic():
            NewsItem.objects.create(brief=brief, position=1, kind="gossip", text="t")


@pytest.mark.django_db
class TestPermalinks:
    def test_policy_lives_at_id_and_slug(self, client):
        policy = make_policy(title="Action Plan for New Energy Storage", agencies=("MIIT",),
                             issued_on=date(2024, 11, 6))
        expected = f"/policies/{policy.pk}/action-plan-for-new-energy-storage/"
        assert policy.get_absolute_url() == expected
        response = client.get(policy.get_absolute_url())
        assert response.status_code == 200
        assert "Action Plan for New Energy Storage" in response.content.decode()

    def test_retitled_policy_answers_301_from_its_old_slug(self, client):
        policy = make_policy(title="Old Garbled Title")
        old_url = policy.get_absolute_url()
        policy.title = "Corrected Title"
        policy.slug = ""
        policy.save()
        assert policy.slug == "corrected-title"
        response = client.get(old_url)
        assert response.status_code == 301
        assert response["Location"] == f"/policies/{policy.pk}/corrected-title/"
        assert client.get(f"/policies/{policy.pk}/").status_code == 301

    def test_unknown_policy_id_is_404(self, client):
        assert client.get("/policies/999999/anything/").status_code == 404

    def test_every_model_has_a_readable_str(self):
        policy = make_policy(title="Readable", agencies=("MIIT",))
        assert str(policy) == "Readable"
        assert "MIIT" in str(Agency.objects.get(abbreviation="MIIT"))
        assert str(Sector.objects.get(slug="energy"))
        assert "MIIT" in str(policy.policy_agencies.get())


@pytest.mark.django_db
def test_home_page_renders_the_archive_counts(client):
    make_policy(title="A policy on the home page", agencies=("MIIT",))
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Policy Briefs Archive" in body
    assert "<strong>1</strong> policy" in body


@pytest.mark.django_db
def test_migrations_are_complete():
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


# What the test settings put into this process's environment, which production would not have.
PRODUCTION_UNSET = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT",
                    "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}


def test_deploy_check_is_clean_with_production_settings(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_UNSET}
    env.update(
        DJANGO_SETTINGS_MODULE="briefs_site.settings",
        SECRET_KEY="a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
        ALLOWED_HOSTS="briefs.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_UNSET}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}")
    # what gunicorn does: load the WSGI application
    result = subprocess.run([sys.executable, "-c", "import briefs_site.wsgi"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_manage_py_on_a_developer_machine_runs_with_debug_and_without_a_secret(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_UNSET}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}")
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c",
                             "from django.conf import settings; print(settings.DEBUG)"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("True")
