"""The facet index (policies/listing/index.py) gives what the SQL path gives: for random
combinations of every filter, sort and page, the same count, rows in the same order, facet
counts, suggestions, histogram and sentence; it is rebuilt for each data version, and a write
in one process is seen by every gunicorn worker at its next request."""

from __future__ import annotations

import json
import random
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from policies.listing.filtersets import PolicyFilterSet
from policies.listing.index import policies_index
from policies.listing.pages import search_policies_page
from policies.models import Agency, Company, Policy, PolicyRelation, Sector
from policies.search.index import reindex_all

from .conftest import SEEDS, ensure_registry
from .factories import make_sample_archive
from .processes import Gunicorn, manage

AGENCIES = ["MIIT", "NDRC", "SAMR", "NEA", "MOF", "CAC", "State Council", "工信部", "MOST"]
SECTORS = ["energy", "automotive", "manufacturing", "data", "semiconductors", "robotics"]
TYPES = ["notice", "plan", "action_plan", "guidelines", "measures", "other"]
SEARCHES = ["energy", "storage", "汽车", "数字化转型", "notice -plan", "MIIT", "hydrogen OR 稀土",
            "\"action plan\""]
SORTS = ["-date", "date", "title", "relevance"]


@pytest.fixture
def mixed_archive(db):
    """The seeds, the browse tests' sample archive and 300 synthetic policies, some of them
    made undated and some naming companies: every kind of value each facet has."""
    ensure_registry()
    call_command("ingest", str(SEEDS), verbosity=0)
    make_sample_archive()
    call_command("generate_corpus", policies=300, seed=7, verbosity=0)
    rng = random.Random(3)
    pks = list(Policy.objects.values_list("pk", flat=True))
    Policy.objects.filter(pk__in=rng.sample(pks, 25)).update(issued_on=None, year=None)
    companies = list(Company.objects.all()[:6])
    for pk in rng.sample(pks, 40):
        Policy.objects.get(pk=pk).companies.add(rng.choice(companies))
    drafts = list(Policy.objects.filter(is_draft=True).order_by("pk"))
    finals = rng.sample(list(Policy.objects.filter(is_draft=False)), 12)
    for draft, final in zip(drafts[:12], finals, strict=False):  # drafts with a final version
        PolicyRelation.objects.create(source=final, target=draft, kind="final_version_of",
                                      target_title=draft.title, evidence=final.title)
    reindex_all()


def parameters():
    some = lambda values, most: st.lists(st.sampled_from(values), max_size=most,  # noqa: E731
                                         unique=True)
    dates = st.one_of(
        st.just({}),
        st.integers(2012, 2026).map(lambda y: {"date_from": str(y), "date_to": str(y)}),
        st.tuples(st.integers(2012, 2026), st.integers(1, 12)).map(
            lambda ym: {"date_from": f"{ym[0]}-{ym[1]:02d}"}),
        st.dates(date(2012, 1, 1), date(2026, 12, 31)).map(
            lambda d: {"date_to": d.isoformat()}),
        st.just({"undated": "1"}),
    )
    return st.fixed_dictionaries({
        "agency": some(AGENCIES, 3), "sector": some(SECTORS, 2), "lead": some(AGENCIES, 2),
        "type": some(TYPES, 2), "company": some(["byd", "catl", "huawei"], 1),
        "status": some(["draft", "awaiting_final", "final"], 2),
        "agency_match": st.sampled_from([None, "any", "all"]),
        "include_subordinate": st.sampled_from([None, "1"]),
        "q": st.sampled_from([None, None, *SEARCHES]), "sort": st.sampled_from([None, *SORTS]),
        "page": st.sampled_from([None, None, "2", "40"]), "dates": dates,
    })


def as_query(drawn: dict) -> QueryDict:
    query = QueryDict(mutable=True)
    for name, value in drawn.items():
        if name == "dates":
            for key, day in value.items():
                query[key] = day
        elif isinstance(value, list):
            if value:
                query.setlist(name, value)
        elif value is not None:
            query[name] = value
    return query


def outcome(results) -> dict:
    """Everything a list page shows that the counting decides."""
    return {
        "count": results.count, "status": results.status, "missing": results.page_missing,
        "rows": [row.pk for row in results.rows], "sentence": results.sentence,
        "facets": {facet.name: [(v.value, v.label, v.hint, v.count, v.selected)
                                for v in facet.values] for facet in results.facets},
        "suggestions": [(s.name, s.count) for s in results.suggestions],
        "histogram": [(bar.name, bar.count, bar.selected)
                      for bar in (results.histogram.bars if results.histogram else [])],
        "chips": [chip.label for chip in results.chips],
        "other_kinds": results.search_counts,
    }


def both_ways(settings, query: QueryDict, **scope) -> tuple[dict, dict]:
    settings.FACET_INDEX = False
    by_sql = outcome(search_policies_page(query, **scope))
    settings.FACET_INDEX = True
    by_index = outcome(search_policies_page(query, **scope))
    return by_sql, by_index


@hypothesis_settings(max_examples=150, deadline=None, derandomize=True,
                     suppress_health_check=[HealthCheck.function_scoped_fixture,
                                            HealthCheck.too_slow])
@given(drawn=parameters())
def test_random_filter_combinations_give_the_same_page_by_index_and_by_sql(
        mixed_archive, settings, drawn):
    by_sql, by_index = both_ways(settings, as_query(drawn))
    assert by_index == by_sql


def test_the_index_and_sql_agree_inside_an_agency_a_sector_and_a_company(mixed_archive,
                                                                         settings):
    scopes = [{"agency": Agency.objects.get(abbreviation="MIIT")},
              {"sector": Sector.objects.get(slug="energy")},
              {"company": Company.objects.filter(policies__isnull=False).first()}]
    for scope in scopes:
        for query in ["", "type=notice", "q=energy", "include_subordinate=1&sort=title",
                      "date_from=2024&date_to=2024"]:
            by_sql, by_index = both_ways(settings, QueryDict(query), **scope)
            assert by_index == by_sql, (scope, query)
            assert by_sql["count"] or "q=" in query or "date" in query


def test_positions_asked_again_and_in_any_order_are_a_new_filtersets(mixed_archive,
                                                                    settings):
    """filter_positions keeps each filter's part and each combination for the request: asked
    for the rows, then each facet's (without a filter, or without a modifier), and again, it
    gives what a new FilterSet gives for each alone."""
    settings.FACET_INDEX = True
    index = policies_index.wait()
    query = QueryDict("agency=MIIT&agency=NDRC&include_subordinate=1&agency_match=all"
                      "&sector=energy&type=notice&type=plan&date_from=2016")
    kept = PolicyFilterSet(query, queryset=Policy.objects.all())
    asked = [set(), {"agency"}, {"include_subordinate"}, {"agency_match"}, {"sector"},
             {"date_from", "date_to", "undated"}, set(), {"agency"}, {"type"}]
    for without in asked:
        fresh = PolicyFilterSet(query, queryset=Policy.objects.all())
        expected = fresh.filter_positions(index, without=without)
        assert kept.filter_positions(index, without=without) == expected, without
        assert expected is not None and 0 < len(expected) < index.size


def test_the_page_of_rows_costs_one_query_and_its_prefetches(mixed_archive, settings):
    settings.FACET_INDEX = True
    search_policies_page(QueryDict())  # builds the index of this data version
    with CaptureQueriesContext(connection) as queries:
        results = search_policies_page(QueryDict("agency=MIIT&type=notice&sort=title"))
    assert results.count > 25
    # the data version, the registry lookup, the page's rows, their agencies and sectors
    assert len(queries) == 5, [q["sql"][:30] for q in queries.captured_queries]


def test_a_write_makes_a_new_index_and_the_counts_follow(mixed_archive, settings):
    settings.FACET_INDEX = True
    before = search_policies_page(QueryDict("agency=MIIT"))
    first = policies_index.index
    policy = Policy.objects.exclude(policy_agencies__agency__abbreviation="MIIT").first()
    policy.policy_agencies.create(agency=Agency.objects.get(abbreviation="MIIT"), position=9)
    after = search_policies_page(QueryDict("agency=MIIT"))
    assert policies_index.index is not first
    assert after.count == before.count + 1
    assert policy.pk in [row.pk for row in search_policies_page(
        QueryDict(f"agency=MIIT&date_from={policy.issued_on:%Y-%m-%d}"
                  f"&date_to={policy.issued_on:%Y-%m-%d}")).rows]


def test_a_big_archive_is_indexed_in_the_background_while_sql_answers(mixed_archive, settings):
    settings.FACET_INDEX = True
    settings.FACET_INDEX_INLINE_MAX = 10  # this archive counts as big
    first = search_policies_page(QueryDict("agency=NDRC"))
    index = policies_index.wait()
    assert index is not None and index.size == Policy.objects.count()
    again = search_policies_page(QueryDict("agency=NDRC"))
    assert outcome(again) == outcome(first)


# --------------------------------------------------------------------------- two processes


def api_count(server, query: str) -> tuple[int, dict]:
    status, _, body, _ = server.get(f"/api/policies/?{query}")
    assert status == 200, body[:300]
    found = json.loads(body)
    return found["count"], {v["value"]: v["count"] for v in found["facets"]["agency"]}


def test_a_write_in_another_process_is_seen_by_every_worker_at_its_next_request(
        process_database, tmp_path):
    result = manage(process_database.url, "ingest", str(SEEDS))
    assert result.returncode == 0, result.stderr
    with Gunicorn(process_database.url, tmp_path, workers=2) as server:
        answers = [api_count(server, "type=notice") for _ in range(20)]  # either worker
        count, agencies = answers[0]
        assert all(answer == answers[0] for answer in answers) and count
        # a plain SQL write from outside Django: the triggers bump the data version
        db = process_database.connect()
        try:
            pk = db.execute("SELECT id FROM policies_policy WHERE document_type <> 'notice' "
                            "ORDER BY id LIMIT 1").fetchone()[0]
            db.execute(f"UPDATE policies_policy SET document_type = 'notice' WHERE id = {pk}")
            miit_before = agencies.get("MIIT", 0)
            has_miit = db.execute(
                "SELECT count(*) FROM policies_policyagency a JOIN policies_agency g ON "
                f"g.id = a.agency_id WHERE a.policy_id = {pk} AND g.abbreviation = 'MIIT'"
            ).fetchone()[0]
        finally:
            db.close()
        for _ in range(20):
            new_count, new_agencies = api_count(server, "type=notice")
            assert new_count == count + 1
            assert new_agencies.get("MIIT", 0) == miit_before + has_miit


def test_related_policies_are_the_same_by_index_and_by_sql(mixed_archive, settings):
    from policies.reads import related_policies

    rng = random.Random(11)
    pks = rng.sample(list(Policy.objects.values_list("pk", flat=True)), 40)
    undated = Policy.objects.filter(issued_on=None, policy_agencies__isnull=False).first()
    for policy in Policy.objects.filter(pk__in=[*pks, undated.pk]).for_list():
        settings.FACET_INDEX = False
        by_sql = [p.pk for p in related_policies(policy, limit=5)]
        settings.FACET_INDEX = True
        by_index = [p.pk for p in related_policies(policy, limit=5)]
        assert by_index == by_sql, policy.pk


def test_co_issuers_are_the_same_by_index_and_by_sql(mixed_archive, settings):
    from policies.reads import co_issuers

    for agency in Agency.objects.filter(policy_agencies__isnull=False).distinct()[:15]:
        settings.FACET_INDEX = False
        by_sql = co_issuers(agency)
        settings.FACET_INDEX = True
        assert co_issuers(agency) == by_sql, agency.abbreviation


def test_the_home_summary_is_the_same_by_index_and_by_sql(mixed_archive, settings):
    from policies.reads import home_summary

    def plain(summary):
        return {**summary, "latest_briefs": [b.pk for b in summary["latest_briefs"]],
                "per_year": [tuple(row) for row in summary["per_year"]]}

    settings.FACET_INDEX = False
    by_sql = plain(home_summary())
    settings.FACET_INDEX = True
    assert plain(home_summary()) == by_sql
    assert by_sql["counts"]["policies"] > 300 and by_sql["top_sectors"]


def test_an_agencys_co_issuance_network_is_the_same_by_index_and_by_sql(mixed_archive,
                                                                        settings):
    from policies.network import agency_network

    def plain(network):
        return (network.co_issuer_rows(limit=100), network.years, network.joint_per_year,
                [(c.abbreviation, counts) for c, counts in network.rows],
                [(bar.name, bar.count) for bar in network.chart.bars])

    for agency in Agency.objects.filter(policy_agencies__isnull=False).distinct()[:12]:
        settings.FACET_INDEX = False
        by_sql = plain(agency_network(agency))
        settings.FACET_INDEX = True
        assert plain(agency_network(agency)) == by_sql, agency.abbreviation


def test_the_status_filter_is_answered_by_the_index_too(mixed_archive, settings):
    settings.FACET_INDEX = True
    search_policies_page(QueryDict())  # builds the index of this data version
    with CaptureQueriesContext(connection) as queries:
        results = search_policies_page(QueryDict("status=awaiting_final&status=final"))
    assert results.count >= 12
    assert not [q for q in queries.captured_queries if "GROUP BY" in q["sql"]]
    assert len(queries) <= 5


@pytest.mark.django_db
def test_the_index_counts_a_years_months_as_the_dates_give_them(settings):
    """Month boundaries, a leap day and New Year's Eve land in their months, and a found set
    narrows the count."""
    settings.FACET_INDEX = True
    ensure_registry()
    days = [date(2024, 1, 1), date(2024, 1, 31), date(2024, 2, 1), date(2024, 2, 29),
            date(2024, 3, 1), date(2024, 12, 31), date(2023, 12, 31), date(2025, 1, 1)]
    for n, day in enumerate(days):
        Policy.objects.create(title=f"Notice on Day {n}", issued_on=day)
    index = policies_index.wait()
    assert index.months(None, 2024) == {1: 2, 2: 2, 3: 1, 12: 1}
    february = index.date_range(first=date(2024, 2, 1), last=date(2024, 2, 29))
    assert index.months(february, 2024) == {2: 2}
