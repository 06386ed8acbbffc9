"""The co-issuance network: which agencies issue policies together, how often, by year; for one
agency (its page) and for the whole archive (/network/), as a chart, a table and an edge list
(JSON and CSV).

Counts are policies, not links: a policy three agencies issued is one joint policy for each of
the three pairs it makes. Each selector is one query on the link table (PolicyAgency against
itself through the policy: grouped for the archive, an agency's joint links counted in Python),
so a count is what a direct query of the links gives.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F

from .listing.index import policies_index
from .models import Agency, PolicyAgency
from .timeline import Timeline, chart, year_buckets


@dataclass(frozen=True)
class Edge:
    """`a` and `b` (abbreviations) issued `policies` policies together in `year` (None:
    undated)."""

    a: str
    b: str
    year: int | None
    policies: int

    def as_json(self) -> dict:
        return {"source": self.a, "target": self.b, "year": self.year,
                "policies": self.policies}


@dataclass
class CoIssuer:
    abbreviation: str
    name: str
    slug: str
    total: int = 0
    by_year: dict = field(default_factory=dict)  # year (None: undated) -> policies

    def in_year(self, year) -> int:
        return self.by_year.get(year, 0)


@dataclass
class AgencyNetwork:
    agency: Agency
    co_issuers: list[CoIssuer]
    years: list  # the table's columns: every year with a joint policy, then None if undated
    joint_per_year: dict  # year -> joint policies of this agency (with any co-issuer)
    chart: Timeline

    @property
    def edges(self) -> list[Edge]:
        return [Edge(self.agency.abbreviation, c.abbreviation, year, n)
                for c in self.co_issuers for year, n in sorted(c.by_year.items(),
                                                              key=_year_order)]

    def co_issuer_rows(self, limit: int = 20) -> list[dict]:
        """The co-issuers as `reads.co_issuers` gives them (the page's short list)."""
        return [{"agency__abbreviation": c.abbreviation, "agency__name": c.name,
                 "agency__slug": c.slug, "n": c.total} for c in self.co_issuers[:limit]]

    @property
    def rows(self) -> list[tuple[CoIssuer, list[int]]]:
        """The table: each co-issuer with its count per column year."""
        return [(c, [c.in_year(year) for year in self.years]) for c in self.co_issuers]


def _year_order(item) -> tuple:
    year = item[0]
    return (year is None, year or 0)


def agency_network(agency: Agency) -> AgencyNetwork:
    """The agencies that co-issue with `agency`, per year, and its joint policies per year: one
    query (its co-issuers' links to its joint policies), counted here; with the facet index,
    intersections of its bitmaps and no query."""
    index = policies_index.get()
    if index is not None:
        return _from_index(agency, index)
    joint = PolicyAgency.objects.filter(agency=agency).values("policy_id")
    links = (PolicyAgency.objects.filter(policy_id__in=joint).exclude(agency=agency)
             .values_list("policy_id", "policy__year", "agency__abbreviation", "agency__name",
                          "agency__slug").order_by())
    co_issuers: dict[str, CoIssuer] = {}
    per_year: dict = defaultdict(set)
    for policy_id, year, abbreviation, name, slug in links:
        c = co_issuers.setdefault(abbreviation, CoIssuer(abbreviation, name, slug))
        c.by_year[year] = c.by_year.get(year, 0) + 1  # one link per policy and agency
        c.total += 1
        per_year[year].add(policy_id)
    joint_per_year = {year: len(ids) for year, ids in per_year.items()}
    return _network(agency, co_issuers, joint_per_year)


def _from_index(agency: Agency, index) -> AgencyNetwork:
    by_agency, joint_per_year = index.co_issuance(agency.pk)
    labels = index.labels["issued_by"]
    co_issuers = {}
    for pk, by_year in by_agency.items():
        abbreviation, _, name = labels[pk]
        co_issuers[abbreviation] = CoIssuer(abbreviation, name, index.agency_slugs[pk],
                                            total=sum(by_year.values()), by_year=by_year)
    return _network(agency, co_issuers, joint_per_year)


def _network(agency: Agency, co_issuers: dict, joint_per_year: dict) -> AgencyNetwork:
    years = sorted({y for c in co_issuers.values() for y in c.by_year}, key=lambda y: (
        y is None, y or 0))
    timeline = chart(
        year_buckets({y: n for y, n in joint_per_year.items() if y is not None}),
        title=f"Policies {agency.abbreviation} issued jointly, per year",
        noun=("joint policy", "joint policies"), empty="No dated joint policies yet.")
    ordered = sorted(co_issuers.values(), key=lambda c: (-c.total, c.abbreviation))
    return AgencyNetwork(agency, ordered, years, joint_per_year, timeline)


def archive_edges() -> list[Edge]:
    """Every pair of agencies that issued a policy together, per year: one grouped query.
    Each pair once, its abbreviations in alphabetical order."""
    rows = (PolicyAgency.objects
            .filter(policy__policy_agencies__agency__abbreviation__gt=F("agency__abbreviation"))
            .values(a=F("agency__abbreviation"),
                    b=F("policy__policy_agencies__agency__abbreviation"), year=F("policy__year"))
            .annotate(n=Count("policy_id", distinct=True)).order_by())
    return sorted((Edge(r["a"], r["b"], r["year"], r["n"]) for r in rows),
                  key=lambda e: (e.a, e.b, e.year is None, e.year or 0))


def archive_chart(edges: list[Edge]) -> Timeline:
    """Joint policies (issued by two agencies or more) per year: one grouped query."""
    per_year = dict(
        PolicyAgency.objects.filter(position=1).values("policy__year")
        .annotate(n=Count("policy_id", distinct=True)).order_by()
        .values_list("policy__year", "n"))
    return chart(year_buckets({y: n for y, n in per_year.items() if y is not None}),
                 title="Jointly issued policies per year",
                 noun=("joint policy", "joint policies"), empty="No dated joint policies yet.")


@dataclass
class Pair:
    a: str
    b: str
    total: int
    first_year: int | None
    last_year: int | None


def archive_pairs(edges: list[Edge]) -> list[Pair]:
    """The edges summed over the years, most joint policies first."""
    totals: dict[tuple[str, str], list] = defaultdict(list)
    for edge in edges:
        totals[(edge.a, edge.b)].append(edge)
    pairs = []
    for (a, b), found in totals.items():
        years = [e.year for e in found if e.year is not None]
        pairs.append(Pair(a, b, sum(e.policies for e in found), min(years, default=None),
                          max(years, default=None)))
    return sorted(pairs, key=lambda p: (-p.total, p.a, p.b))
