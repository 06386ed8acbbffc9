"""The shared read cache (policies/read_cache.py), on the test's own cache (as CACHE_URL would
set it): the home page's summary and the agency directory are computed once per change of the
archive, and any change, by the ingest, an ORM save or the admin, is seen at the next read. Two
processes sharing a Redis are in test_several_nodes.py."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings

from briefs_site.settings import cache_from_url
from policies import reads
from policies.models import Agency

from .admin_forms import change_form_data
from .conftest import SEEDS
from .factories import make_policy
from .postgres_cluster import free_port

HOME_QUERIES = 8  # the home summary by SQL (the facet index would spare some: off here)


@pytest.fixture(autouse=True)
def summary_by_sql(settings):
    settings.FACET_INDEX = False


@pytest.fixture
def read_cache(settings):
    settings.READ_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def directory_names() -> set[str]:
    return {agency.name for _, agencies in reads.agency_directory() for agency in agencies}


def test_the_home_summary_is_computed_once_then_read_from_the_cache(
        seeded, read_cache, django_assert_num_queries):
    with django_assert_num_queries(HOME_QUERIES):
        first = reads.home_summary()
    with django_assert_num_queries(0):
        again = reads.home_summary()
    assert again["counts"] == first["counts"] and again["per_year"] == first["per_year"]
    assert [b.pk for b in again["latest_briefs"]] == [b.pk for b in first["latest_briefs"]]


def test_a_saved_policy_is_counted_at_the_next_read(seeded, read_cache,
                                                    django_capture_on_commit_callbacks):
    before = reads.home_summary()["counts"]["policies"]
    with django_capture_on_commit_callbacks(execute=True):
        make_policy(title="Notice on a New Policy", agencies=("MIIT",))
    assert reads.home_summary()["counts"]["policies"] == before + 1


def test_the_ingest_replaces_the_cached_counts(db, read_cache,
                                               django_capture_on_commit_callbacks):
    assert reads.home_summary()["counts"]["briefs"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        call_command("ingest", str(SEEDS), verbosity=0)
    assert reads.home_summary()["counts"]["briefs"] == len(list(SEEDS.glob("*.txt")))


def test_an_admin_edit_and_an_admin_delete_replace_the_cached_directory(
        seeded, read_cache, admin_client, django_capture_on_commit_callbacks):
    miit = Agency.objects.get(slug="miit")
    assert miit.name in directory_names()
    url = f"/admin/policies/agency/{miit.pk}/change/"
    data = {**change_form_data(admin_client.get(url)), "name": "Ministry, as edited"}
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url, data).status_code == 302
    assert "Ministry, as edited" in directory_names()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/policies/agency/{miit.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert "Ministry, as edited" not in directory_names()


def test_without_a_shared_cache_every_read_is_fresh(seeded, django_assert_num_queries):
    for _ in range(2):
        with django_assert_num_queries(HOME_QUERIES):
            reads.home_summary()


def test_a_cache_that_does_not_answer_is_read_around(seeded, read_cache, client,
                                                     django_assert_num_queries):
    down = {"default": cache_from_url(f"redis://127.0.0.1:{free_port()}/0")}
    with override_settings(CACHES=down):
        for _ in range(2):
            with django_assert_num_queries(HOME_QUERIES):
                summary = reads.home_summary()
        assert summary["counts"]["briefs"] > 0
        assert client.get("/").status_code == 200
