"""The JSON twin's rows are read as tuples (listing.rows) rather than models with prefetches,
and say exactly what the models' serialiser says: every key, the agencies lead first, the
sectors by score, the companies by name; on the facet index's path and on SQL's."""

from __future__ import annotations

import pytest
from django.http import QueryDict
from django.test import RequestFactory

from policies.api.serialise import policy_json, policy_row_json
from policies.listing.pages import search_policies_page
from policies.models import Company, Policy
from policies.search.index import reindex_all

from .factories import add_companies, make_sample_archive

pytestmark = pytest.mark.django_db

QUERIES = ["", "company=byd&sort=date", "agency=MIIT&sort=title", "q=hydrogen",
           "sector=energy", "page_size=3&page=2"]


@pytest.fixture
def archive():
    make_sample_archive()
    Company.objects.create(name="BYD", slug="byd-auto")  # the same name: the id decides
    for policy in Policy.objects.all()[:3]:
        add_companies(policy, "byd-auto", "byd")
    reindex_all()


@pytest.mark.parametrize("facet_index", [True, False], ids=["index", "sql"])
@pytest.mark.parametrize("query", QUERIES)
def test_a_lean_row_serialises_as_its_model(settings, archive, facet_index, query):
    settings.FACET_INDEX = facet_index
    request = RequestFactory().get("/api/policies/")
    rows = search_policies_page(QueryDict(query), lean=True, companies=True).rows
    assert rows, query
    models = {p.pk: p for p in Policy.objects.for_list().prefetch_related("companies")
              .filter(pk__in=[row.pk for row in rows])}
    for row in rows:
        expected = policy_json(request, models[row.pk])
        expected["companies"] = sorted(expected["companies"], key=lambda c: (
            c["name"], Company.objects.get(slug=c["slug"]).pk))  # the ORM leaves ties open
        assert policy_row_json(request, row) == expected


def test_companies_are_one_query_for_the_page(archive, django_assert_num_queries):
    from policies.listing.rows import policy_rows, with_companies

    rows = policy_rows(list(Policy.objects.values_list("pk", flat=True)))
    with django_assert_num_queries(1):
        with_companies(rows)
    assert sum(len(row.companies) for row in rows) == Policy.companies.through.objects.count()
    with django_assert_num_queries(0):
        assert with_companies([]) == []


def test_the_api_list_says_what_the_models_say(client, archive):
    data = client.get("/api/policies/?page_size=50").json()
    request = RequestFactory().get("/api/policies/")
    models = Policy.objects.for_list().prefetch_related("companies")
    assert len(data["results"]) == Policy.objects.count()
    for result in data["results"]:
        expected = policy_json(request, models.get(pk=result["id"]))
        assert {k: v for k, v in result.items() if k not in ("date", "companies")} == {
            k: v for k, v in expected.items() if k not in ("date", "companies")}
        assert result["date"] == (expected["date"].isoformat() if expected["date"] else None)
        assert sorted(c["slug"] for c in result["companies"]) == sorted(
            c["slug"] for c in expected["companies"])
