"""The policy targets list (/targets/, its JSON twin and CSV export): one selector the three
share, filtered by target year, sector and agency, with a facet per filter.

Each facet is one grouped count on the targets filtered by the other facets' selections (so a
chosen year keeps its siblings' counts); the sector and agency facets count on the link tables,
distinct targets, as the policy lists do. A parameter that is unknown or bad is refused with a
message naming it (400), a page beyond the last is a 404.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Count
from django.http import QueryDict

from .listing.params import CONTROL_CHARS, MAX_VALUES, parse_page_size, shown
from .listing.results import paginate
from .models import Agency, PolicyAgency, PolicySector, PolicyTarget, Sector

TARGET_PARAMETERS = ("year", "sector", "agency", "page", "page_size")


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    query: QueryDict | None = None  # the list's query with this value chosen or left out

    def as_json(self) -> dict:
        return {"value": self.value, "label": self.label, "count": self.count,
                "selected": self.selected}


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]


@dataclass
class TargetResults:
    state: QueryDict
    messages: dict[str, list[str]] = field(default_factory=dict)
    rows: list = field(default_factory=list)
    page: object = None
    page_size: int = 25
    page_missing: str = ""
    facets: list[Facet] = field(default_factory=list)

    @property
    def status(self) -> int:
        return 400 if self.messages else 404 if self.page_missing else 200


def _values(params: QueryDict, name: str) -> list[str]:
    values = [CONTROL_CHARS.sub("", v).strip() for v in params.getlist(name)]
    return list(dict.fromkeys(v for v in values if v))[:MAX_VALUES]


def parse_target_filters(params: QueryDict):
    """(years, sectors, agencies, messages) of a target list's query string."""
    messages: dict[str, list[str]] = {}
    for name in params:
        if name not in TARGET_PARAMETERS:
            messages.setdefault(name, []).append(
                f"Unknown parameter “{shown(name)}”: use {', '.join(TARGET_PARAMETERS)}.")
    years = []
    for raw in _values(params, "year"):
        if re.fullmatch(r"\d{4}", raw):
            years.append(int(raw))
        else:
            messages.setdefault("year", []).append(f"“{shown(raw)}” is not a year: use YYYY.")
    sectors = []
    for raw in _values(params, "sector"):
        sector = Sector.objects.named(raw).first()
        if sector is None:
            messages.setdefault("sector", []).append(f"Unknown sector “{shown(raw)}”.")
        else:
            sectors.append(sector)
    agencies = []
    for raw in _values(params, "agency"):
        agency = Agency.objects.named(raw).first()
        if agency is None:
            messages.setdefault("agency", []).append(f"Unknown agency “{shown(raw)}”.")
        else:
            agencies.append(agency)
    return years, sectors, agencies, messages


def filter_targets(params: QueryDict, *, years=None, sectors=None, agencies=None):
    """The targets these filters select, in the list's order (target year, then policy)."""
    if years is None:
        years, sectors, agencies, _ = parse_target_filters(params)
    targets = PolicyTarget.objects.all()
    if years:
        targets = targets.for_years(years)
    if sectors:
        targets = targets.in_sectors(sectors)
    if agencies:
        targets = targets.issued_by(agencies)
    return targets.order_by("target_year", "policy__issued_on", "policy_id", "position", "id")


def search_targets_page(params: QueryDict) -> TargetResults:
    years, sectors, agencies, messages = parse_target_filters(params)
    page_size, size_messages = parse_page_size(params)
    if size_messages:
        messages["page_size"] = size_messages
    results = TargetResults(state=params.copy(), page_size=page_size)
    results.state.pop("page", None)
    chosen = {"years": years, "sectors": sectors, "agencies": agencies}
    targets = filter_targets(params, **chosen)
    page, page_messages, missing = paginate(targets.for_list(), params, page_size=page_size)
    if page_messages:
        messages["page"] = page_messages
    results.messages, results.page, results.page_missing = messages, page, missing
    results.rows = page.object_list
    results.facets = _facets(chosen)
    for facet in results.facets:
        for value in facet.values:
            value.query = _toggled(results.state, facet.name, value.value)
    return results


def _toggled(state: QueryDict, name: str, value: str) -> QueryDict:
    query = state.copy()
    query.pop("page", None)
    values = query.getlist(name)
    query.setlist(name, [v for v in values if v != value] if value in values
                  else [*values, value])
    return query


def _facets(chosen: dict) -> list[Facet]:
    def without(name):
        return filter_targets(QueryDict(), **{**chosen, name: []}).order_by()

    year_counts = without("years").values("target_year").annotate(n=Count("pk"))
    picked_years = set(chosen["years"])
    years = [FacetValue(str(row["target_year"]), str(row["target_year"]), row["n"],
                        row["target_year"] in picked_years)
             for row in sorted(year_counts, key=lambda row: row["target_year"])]

    sector_rows = (PolicySector.objects
                   .filter(policy__targets__in=without("sectors"))
                   .values("sector__slug", "sector__name")
                   .annotate(n=Count("policy__targets", distinct=True)).order_by("-n",
                                                                                 "sector__name"))
    picked = {s.slug for s in chosen["sectors"]}
    sectors = [FacetValue(row["sector__slug"], row["sector__name"], row["n"],
                          row["sector__slug"] in picked) for row in sector_rows]

    agency_rows = (PolicyAgency.objects
                   .filter(policy__targets__in=without("agencies"))
                   .values("agency__abbreviation", "agency__name")
                   .annotate(n=Count("policy__targets", distinct=True))
                   .order_by("-n", "agency__abbreviation"))
    picked = {a.abbreviation for a in chosen["agencies"]}
    agencies = [FacetValue(row["agency__abbreviation"], row["agency__name"], row["n"],
                           row["agency__abbreviation"] in picked) for row in agency_rows]
    return [Facet("year", "Target year", years), Facet("sector", "Sector", sectors),
            Facet("agency", "Agency", agencies)]
