"""Facet counts equal what a direct query gives, for combinations of filters; a facet's own
selection does not zero its siblings; zero counts are hidden unless selected; no double counts
across multi-valued relations; one grouped query per facet. Every policy test runs twice: on
the SQL path (FACET_INDEX off) and on the facet index (policies/listing/index.py)."""

from __future__ import annotations

import itertools

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from policies.listing.pages import search_news_page, search_policies_page
from policies.models import Agency, DocumentType, NewsItem, NewsKind, Policy, Sector

from .factories import make_sample_archive

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["sql", "index"])
def archive(request, settings):
    settings.FACET_INDEX = request.param == "index"
    return make_sample_archive()


def params(**values) -> QueryDict:
    query = QueryDict(mutable=True)
    for name, value in values.items():
        query.setlist(name, value if isinstance(value, list | tuple) else [value])
    return query


# Direct, join-and-distinct versions of each filter: independent of the subqueries under test.
def direct_policy_filter(queryset, name, value):
    values = value if isinstance(value, list | tuple) else [value]
    if name == "agency":
        return queryset.filter(policy_agencies__agency__abbreviation__in=values)
    if name == "lead":
        return queryset.filter(policy_agencies__agency__abbreviation__in=values,
                               policy_agencies__position=0)
    if name == "sector":
        return queryset.filter(policy_sectors__sector__slug__in=values)
    if name == "company":
        return queryset.filter(companies__slug__in=values)
    if name == "type":
        return queryset.filter(document_type__in=values)
    if name == "year":
        return queryset.filter(issued_on__year__in=[int(v) for v in values])
    if name == "date_from":
        return queryset.filter(issued_on__gte=value + "-01-01" if len(value) == 4 else value)
    if name == "date_to":
        return queryset.filter(issued_on__lte=value + "-12-31" if len(value) == 4 else value)
    raise AssertionError(name)


def direct_count(filters: dict, **extra) -> int:
    queryset = Policy.objects.all()
    for name, value in {**filters, **extra}.items():
        queryset = direct_policy_filter(queryset, name, value)
    return queryset.distinct().count()


COMBINATIONS = [
    {},
    {"agency": "MIIT"},
    {"agency": ["MIIT", "NDRC"]},
    {"agency": "MIIT", "sector": "manufacturing"},
    {"agency": ["MIIT", "CAC"], "sector": ["data", "energy"]},
    {"lead": "MIIT"},
    {"lead": "NDRC", "agency": "MIIT"},
    {"sector": "energy", "type": ["notice", "plan"]},
    {"type": "notice"},
    {"date_from": "2024"},
    {"date_from": "2024", "date_to": "2024"},
    {"company": "byd"},
    {"company": "byd", "agency": "MIIT", "sector": "automotive"},
    {"agency": "MIIT", "sector": "energy", "type": "plan", "date_from": "2023",
     "date_to": "2025"},
]


@pytest.mark.parametrize("filters", COMBINATIONS, ids=lambda f: "&".join(
    f"{k}={v}" for k, v in f.items()) or "none")
def test_every_facet_count_equals_a_direct_query(archive, filters):
    results = search_policies_page(params(**filters))
    assert results.count == direct_count(filters)
    facets = results.facet_map
    others = lambda *names: {k: v for k, v in filters.items() if k not in names}  # noqa: E731

    all_values = {
        "agency": list(Agency.objects.values_list("abbreviation", flat=True)),
        "lead": list(Agency.objects.values_list("abbreviation", flat=True)),
        "sector": list(Sector.objects.values_list("slug", flat=True)),
        "type": list(DocumentType.values),
        "year": [str(y) for y in range(2019, 2027)],
    }
    for name, candidates in all_values.items():
        without = ("date_from", "date_to") if name == "year" else (name,)
        shown = {value.value: value for value in facets[name].values}
        for candidate in candidates:
            expected = direct_count(others(*without), **{name: candidate})
            if expected:
                assert candidate in shown, (name, candidate, expected)
                assert shown[candidate].count == expected, (name, candidate)
            elif candidate in shown:
                assert shown[candidate].selected and shown[candidate].count == 0


def test_choosing_an_agency_leaves_its_siblings_counts(archive):
    before = {v.value: v.count for v in search_policies_page(params()).facet_map["agency"].values}
    after = search_policies_page(params(agency="MIIT")).facet_map["agency"]
    assert {v.value: v.count for v in after.values} == before
    assert [v.value for v in after.values if v.selected] == ["MIIT"]


def test_sector_counts_are_not_doubled_by_agency_joins(archive):
    # Hydrogen has MIIT and NDRC, energy and manufacturing: filtering on both agencies must
    # count it once per sector.
    facet = search_policies_page(params(agency=["MIIT", "NDRC"])).facet_map["sector"]
    counts = {v.value: v.count for v in facet.values}
    assert counts["energy"] == direct_count({"agency": ["MIIT", "NDRC"]}, sector="energy") == 2
    assert counts["manufacturing"] == 4


def test_zero_counts_are_hidden_but_a_selected_value_stays(archive):
    results = search_policies_page(params(sector="robotics", agency="SAMR"))
    agencies = {v.value: v for v in results.facet_map["agency"].values}
    assert "SAMR" in agencies and agencies["SAMR"].selected and agencies["SAMR"].count == 0
    assert "CAC" not in agencies  # no robotics policy involves CAC
    assert all(v.count > 0 or v.selected for f in results.facets for v in f.values)


def test_year_facet_selection_is_a_whole_year_and_keeps_other_years(archive):
    results = search_policies_page(params(date_from="2024", date_to="2024"))
    years = {v.value: v for v in results.facet_map["year"].values}
    assert years["2024"].selected and years["2024"].count == 5
    assert years["2023"].count == 1 and not years["2023"].selected
    dated = sorted((y for y in years if y != "undated"), reverse=True)
    assert [v.value for v in results.facet_map["year"].values] == [*dated, "undated"]
    assert years["undated"].count == Policy.objects.filter(issued_on__isnull=True).count() > 0
    assert years["undated"].label == "Undated" and not years["undated"].selected


def test_the_undated_bucket_is_a_filter_and_replaces_a_date_range(archive):
    undated = Policy.objects.filter(issued_on__isnull=True)
    results = search_policies_page(params(undated="1"))
    assert {p.pk for p in results.rows} == set(undated.values_list("pk", flat=True))
    years = {v.value: v for v in results.facet_map["year"].values}
    assert years["undated"].selected and years["undated"].count == undated.count()
    assert "undated" not in years["2024"].query and years["2024"].query["date_from"] == "2024"
    assert results.sentence.endswith("policies without a date") or results.sentence.endswith(
        "policy without a date")
    both = search_policies_page(params(undated="1", date_from="2024"))
    assert both.status == 400 and "in no date range" in both.messages["undated"][0]
    assert both.count == undated.count()


def test_facet_labels_come_with_the_counts(archive):
    results = search_policies_page(params())
    sector = {v.value: v for v in results.facet_map["sector"].values}
    assert sector["manufacturing"].label == "Manufacturing"
    agency = {v.value: v for v in results.facet_map["agency"].values}
    assert agency["MIIT"].label == "MIIT"
    assert agency["MIIT"].hint == "Ministry of Industry and Information Technology"
    types = {v.value: v.label for v in results.facet_map["type"].values}
    assert types["guiding_opinions"] == "Guiding opinions"


def test_facet_links_toggle_their_value_and_reset_the_page(archive):
    results = search_policies_page(params(agency="MIIT", page="2"))
    agency = {v.value: v for v in results.facet_map["agency"].values}
    assert agency["NDRC"].query.getlist("agency") == ["MIIT", "NDRC"]
    assert agency["MIIT"].query.getlist("agency") == []
    assert all("page" not in v.query for f in results.facets for v in f.values)
    year = {v.value: v for v in results.facet_map["year"].values}["2024"]
    assert (year.query["date_from"], year.query["date_to"]) == ("2024", "2024")


def test_one_grouped_query_per_facet(archive, settings):
    settings.FACET_INDEX = False
    with CaptureQueriesContext(connection) as queries:
        results = search_policies_page(params(agency="MIIT", sector="energy", type="plan",
                                              date_from="2020"))
    grouped = [q["sql"] for q in queries.captured_queries if "GROUP BY" in q["sql"]]
    assert [f.name for f in results.facets] == ["agency", "sector", "lead", "type", "year"]
    assert len(grouped) == 5
    assert all("COUNT(*)" in sql for sql in grouped)


def test_the_facet_index_counts_without_a_grouped_query(archive, settings):
    settings.FACET_INDEX = True
    search_policies_page(params())  # builds the index of this data version
    with CaptureQueriesContext(connection) as queries:
        results = search_policies_page(params(agency="MIIT", sector="energy", type="plan",
                                              date_from="2020"))
    assert [f.name for f in results.facets] == ["agency", "sector", "lead", "type", "year"]
    assert not [q["sql"] for q in queries.captured_queries if "GROUP BY" in q["sql"]]
    assert not [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]


def test_the_lead_facet_counts_only_the_first_named_agency(archive):
    facet = search_policies_page(params()).facet_map["lead"]
    counts = {value.value: value.count for value in facet.values}
    assert counts == {
        abbreviation: Policy.objects.filter(policy_agencies__agency__abbreviation=abbreviation,
                                            policy_agencies__position=0).count()
        for abbreviation in Agency.objects.filter(policy_agencies__position=0)
        .values_list("abbreviation", flat=True).distinct()
    }
    assert sum(counts.values()) == Policy.objects.filter(policy_agencies__position=0).count()


# --------------------------------------------------------------------------- joint issuance


def joint_count(*abbreviations, **filters) -> int:
    queryset = Policy.objects.all()
    for abbreviation in abbreviations:
        queryset = queryset.filter(pk__in=Policy.objects.filter(
            policy_agencies__agency__abbreviation=abbreviation).values("pk"))
    for name, value in filters.items():
        queryset = direct_policy_filter(queryset, name, value)
    return queryset.distinct().count()


def test_agency_match_all_lists_only_policies_issued_jointly(archive):
    joint = search_policies_page(params(agency=["MIIT", "NDRC"], agency_match="all"))
    either = search_policies_page(params(agency=["MIIT", "NDRC"]))
    assert joint.count == joint_count("MIIT", "NDRC") > 0
    assert either.count == direct_count({"agency": ["MIIT", "NDRC"]}) > joint.count
    assert all({"MIIT", "NDRC"} <= {pa.agency.abbreviation for pa in p.policy_agencies.all()}
               for p in joint.rows)
    assert joint.sentence == f"{joint.count} policies issued jointly by MIIT and NDRC"
    assert [chip.label for chip in joint.chips] == ["Agency: MIIT", "Agency: NDRC",
                                                    "Issued jointly: all of them"]
    assert "agency_match" not in joint.chips[-1].query


def test_under_agency_match_all_each_agency_count_is_what_adding_it_leaves(archive):
    results = search_policies_page(params(agency=["MIIT", "NDRC"], agency_match="all",
                                          type=["plan", "notice"]))
    counts = {value.value: value.count for value in results.facet_map["agency"].values}
    for abbreviation in Agency.objects.values_list("abbreviation", flat=True):
        expected = joint_count("MIIT", "NDRC", abbreviation, type=["plan", "notice"])
        assert counts.get(abbreviation, 0) == expected, abbreviation
    assert counts["MIIT"] == counts["NDRC"] == results.count
    # the other facets count the joint rows under their siblings, as always
    sectors = {value.value: value.count for value in results.facet_map["sector"].values}
    for slug, count in sectors.items():
        assert count == joint_count("MIIT", "NDRC", sector=slug, type=["plan", "notice"])


def test_agency_match_all_with_one_agency_is_plain_issued_by(archive):
    results = search_policies_page(params(agency="MIIT", agency_match="all"))
    assert results.count == direct_count({"agency": "MIIT"})
    assert results.sentence.endswith("issued by MIIT")
    assert [chip.label for chip in results.chips] == ["Agency: MIIT"]


def test_dropping_joint_issuance_is_a_suggestion_with_its_count(archive):
    results = search_policies_page(params(agency=["CAC", "NEA"], agency_match="all"))
    assert results.count == 0
    found = {s.name: s.count for s in results.suggestions}
    assert found["agency_match"] == direct_count({"agency": ["CAC", "NEA"]})
    assert found["agency"] == Policy.objects.count()


def test_a_bad_agency_match_is_refused(archive):
    results = search_policies_page(params(agency=["MIIT", "NDRC"], agency_match="both"))
    assert results.status == 400
    assert "is not a way to combine values: use any or all" in results.messages[
        "agency_match"][0]
    assert results.count == direct_count({"agency": ["MIIT", "NDRC"]})


# --------------------------------------------------------------------------- news


def direct_news_count(filters: dict, **extra) -> int:
    queryset = NewsItem.objects.all()
    for name, value in {**filters, **extra}.items():
        values = value if isinstance(value, list | tuple) else [value]
        if name == "kind":
            queryset = queryset.filter(kind__in=values)
        elif name == "agency":
            queryset = queryset.filter(agencies__abbreviation__in=values)
        elif name == "company":
            queryset = queryset.filter(companies__slug__in=values)
        elif name == "year":
            queryset = queryset.filter(date__year__in=[int(v) for v in values])
    return queryset.distinct().count()


@pytest.mark.parametrize("filters", [
    {}, {"kind": "policy"}, {"agency": "MIIT"}, {"agency": ["MIIT", "NDRC"], "kind": "policy"},
    {"company": "byd"}, {"company": ["byd", "tesla"], "agency": "MIIT"},
])
def test_news_facet_counts_equal_direct_queries(archive, filters):
    results = search_news_page(params(**filters))
    assert results.count == direct_news_count(filters)
    candidates = {
        "kind": list(NewsKind.values), "agency": ["MIIT", "NDRC", "CAC"],
        "company": ["byd", "tesla", "nio"], "year": ["2023", "2024", "2025"],
    }
    for name, values in candidates.items():
        others = {k: v for k, v in filters.items() if k != name}
        shown = {v.value: v.count for v in results.facet_map[name].values}
        for value in values:
            expected = direct_news_count(others, **{name: value})
            assert shown.get(value, 0) == expected, (name, value)


def test_filter_combinations_agree_with_direct_queries_exhaustively(archive):
    """Every pair of single-valued filters from a small menu."""
    menu = [("agency", "MIIT"), ("agency", "NDRC"), ("sector", "energy"), ("lead", "MIIT"),
            ("type", "notice"), ("company", "byd"), ("date_from", "2024"), ("date_to", "2023")]
    for (a, x), (b, y) in itertools.combinations(menu, 2):
        if a == b or {a, b} == {"date_from", "date_to"}:  # a reversed range is an error
            continue
        filters = {a: x, b: y}
        assert search_policies_page(params(**filters)).count == direct_count(filters), filters
