"""The shapes the API answers in, as pydantic models: the OpenAPI description is generated from
them, and every answer is validated against them on the way out. `extra="forbid"`: a key that
a serialiser adds but no shape declares is an error in the tests, not an undocumented field.
Plain pydantic models, not ninja's Schema: the serialisers hand over dicts, and Schema's
validator, which wraps every nested value for attribute access to ORM objects, cost about a
third of a list's JSON time."""

from __future__ import annotations

from datetime import date as Day

from pydantic import BaseModel, ConfigDict, Field

from ..models import (
    AgencyKind,
    BriefKind,
    DatePrecision,
    DocumentType,
    NewsKind,
    RelationKind,
    TargetDirection,
)


class Shape(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Problem(Shape):
    """A refusal: 400 for rejected or adjusted parameters, 404 for a page or record that does
    not exist. `errors`: {parameter: [messages]}, each message naming the value given and,
    for an unknown parameter, the closest valid one."""

    error: str
    errors: dict[str, list[str]]


# --------------------------------------------------------------------------- references


class AgencyRef(Shape):
    abbreviation: str
    name: str
    slug: str


class SectorRef(Shape):
    slug: str
    name: str


class CompanyRef(Shape):
    slug: str
    name: str


class BriefRef(Shape):
    title: str
    url: str


class PolicyRef(Shape):
    id: int
    title: str
    url: str


# --------------------------------------------------------------------------- records


class PolicyOut(Shape):
    id: int
    url: str = Field(description="The policy's permalink (HTML).")
    title: str
    chinese_title: str
    date: Day | None = Field(description="Issued on; null when no source gives a date. Stated "
                             "to the month only (date_precision month): that month's first day.")
    date_precision: DatePrecision | None = Field(description="day, or month when the source "
                                                 "states only the month; null when undated.")
    document_type: DocumentType
    agencies: list[AgencyRef] = Field(description="Issuing agencies, the lead one first.")
    sectors: list[SectorRef]
    companies: list[CompanyRef]
    needs_review: bool = Field(description="The ingest was unsure; an editor has not checked.")


class PolicyBriefOut(Shape):
    title: str
    date: Day | None
    url: str
    headline: str
    summary: str
    key_points: list[str]
    comment: str


class TargetOut(Shape):
    id: int
    metric: str = Field(description="What is measured, in the text's words.")
    value: float
    value_text: str = Field(description="The value as written: '10 percent', 'more than five'.")
    unit: str = Field(description="'percent', 'GW', 'CNY', ...; empty for a count of the metric.")
    direction: TargetDirection
    target_year: int
    baseline_value: float | None
    baseline_year: int | None
    sentence: str = Field(description="The sentence the target was read from.")


class PolicyTargetOut(TargetOut):
    policy: PolicyRef


class RelationOut(Shape):
    kind: RelationKind = Field(description="final_version_of, interprets, implements, revises.")
    direction: str = Field(description="'out': this policy is the kind of the other; 'in': the "
                           "other is the kind of this one (a draft's final version is 'in').")
    label: str = Field(description="The relation as this policy's page reads it.")
    policy: PolicyRef | None = Field(description="The other policy; null when the archive does "
                                     "not hold it.")
    title: str = Field(description="The other policy as the text names it.")
    evidence: str


class PolicyDetailOut(PolicyOut):
    briefs: list[PolicyBriefOut] = Field(description="The briefs that discuss it, newest first.")
    source_urls: list[str]
    document_number: str = Field(description="文号 as a source states it; empty when none does.")
    effective_on: Day | None = Field(description="In force from, where a source states it.")
    targets: list[TargetOut] = Field(description="The quantitative goals it states.")
    relations: list[RelationOut] = Field(description="The policy chain, both directions.")


class AgencyOut(AgencyRef):
    chinese_name: str
    kind: AgencyKind
    url: str
    policies: int | None = Field(description="Policies it issued (in lists).")
    policies_led: int | None = Field(description="Policies it issued as lead agency (in lists).")


class CoIssuer(AgencyRef):
    count: int = Field(description="Policies issued jointly with this agency.")


class SectorOut(SectorRef):
    url: str
    policies: int | None


class CompanyOut(CompanyRef):
    country: str
    url: str
    policies: int | None
    news_items: int | None


class BriefOut(Shape):
    slug: str
    url: str
    title: str
    publisher: str
    series: str
    kind: BriefKind
    date: Day | None
    date_precision: DatePrecision | None
    items: int | None = Field(description="Policy items it discusses (in lists).")


class NewsOut(Shape):
    id: int
    url: str
    date: Day | None
    kind: NewsKind
    text: str
    sources: list[str]
    brief: BriefRef | None
    agencies: list[AgencyRef]
    companies: list[CompanyRef]


class Period(Shape):
    start: Day | None
    end: Day | None


class BriefItemOut(Shape):
    position: int
    headline: str
    summary: str
    key_points: list[str]
    comment: str
    policy: PolicyRef | None


class BriefDetailOut(BriefOut):
    authors: list[str]
    topics: list[str]
    period: Period
    agencies: list[AgencyRef]
    companies: list[CompanyRef]
    body: str
    items: list[BriefItemOut]  # the items themselves here, not their number
    news: list[NewsOut]


# --------------------------------------------------------------------------- lists


class FacetValue(Shape):
    value: str = Field(description="The value as the filter parameter takes it.")
    label: str
    count: int = Field(description="Rows under all the other filters with this value.")
    selected: bool


class Listing(Shape):
    count: int = Field(description="Rows in the whole list, all pages.")
    next: str | None = Field(description="The next page's absolute URL, or null.")
    previous: str | None
    facets: dict[str, list[FacetValue]] = Field(
        description="Per filter: its values with their counts (empty for registry lists).")


class PolicyList(Listing):
    results: list[PolicyOut]


class AgencyPolicies(PolicyList):
    agency: AgencyOut
    subordinates: list[AgencyRef] = Field(description="The bodies directly under it.")
    co_issuers: list[CoIssuer]


class SectorPolicies(PolicyList):
    sector: SectorOut


class CompanyPolicies(PolicyList):
    company: CompanyOut
    latest_news: list[NewsOut]


class AgencyList(Listing):
    results: list[AgencyOut]


class SectorList(Listing):
    results: list[SectorOut]


class CompanyList(Listing):
    results: list[CompanyOut]


class BriefList(Listing):
    results: list[BriefOut]


class NewsList(Listing):
    results: list[NewsOut]


class TargetList(Listing):
    results: list[PolicyTargetOut]


class EdgeOut(Shape):
    source: str = Field(description="An agency's abbreviation.")
    target: str = Field(description="The agency it issued policies with.")
    year: int | None = Field(description="The policies' year; null for undated ones.")
    policies: int = Field(description="Policies the two issued together that year.")


class NetworkOut(Shape):
    count: int = Field(description="Edges (agency pairs by year).")
    results: list[EdgeOut] = Field(description="Each pair once per year; in the archive's "
                                   "network each pair once, alphabetically.")


class AgencyNetworkOut(NetworkOut):
    agency: AgencyRef
