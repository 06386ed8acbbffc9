"""Facet counts: one grouped aggregate per facet, over the list filtered by every filter except
the facet's own, so choosing MIIT leaves NDRC's count as it would be with NDRC added.

Counting rows (`Count("*")`) is exact: the filtered queryset has no joins (its filters are
`pk__in` subqueries) and each grouped relation is unique per (row, value), so a row is counted
once per value. Labels come from the same query; a selected value with no rows left keeps its
label from the FilterSet's registry lookup.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count
from django.http import QueryDict

from .filters import Entry, FacetedFilterSet
from .models import DocumentType, NewsItem, NewsKind, PolicyAgency, PolicySector

SHOWN_FIRST = 12  # values listed before "more"


@dataclass(frozen=True)
class FacetSpec:
    name: str  # the query parameter, and the facet's key in JSON
    title: str
    key: str  # the values() path grouped on
    label: str = ""  # a values() path for the label, fetched in the same query
    hint: str = ""  # a values() path for a longer name (agency: its English name)
    choices: tuple = ()  # labels of a choices field
    annotate: tuple = ()  # (name, expression) to group on a computed key
    newest_first: bool = False  # years: ordered by value, not by count
    # A many-to-many facet is counted on its link table (paths relative to it): grouping the
    # links of the filtered rows is far cheaper than joining every row to its links.
    through: type | None = None
    owner: str = ""  # the link table's foreign key to the listed model


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    hint: str = ""
    query: QueryDict = field(default_factory=QueryDict)  # the state with this value toggled

    def as_json(self) -> dict:
        return {"value": self.value, "label": self.label, "count": self.count,
                "selected": self.selected}


@dataclass
class Facet:
    name: str
    title: str
    values: list[FacetValue]

    @property
    def first(self) -> list[FacetValue]:
        return self.values[:SHOWN_FIRST]

    @property
    def more(self) -> list[FacetValue]:
        return self.values[SHOWN_FIRST:]

    @property
    def selected(self) -> list[FacetValue]:
        return [value for value in self.values if value.selected]


POLICY_FACETS = (
    FacetSpec("agency", "Agency", key="agency__abbreviation", hint="agency__name",
              through=PolicyAgency, owner="policy"),
    FacetSpec("sector", "Sector", key="sector__slug", label="sector__name",
              through=PolicySector, owner="policy"),
    FacetSpec("type", "Document type", key="document_type", choices=tuple(DocumentType.choices)),
    FacetSpec("year", "Year", key="year", newest_first=True),
)

NEWS_FACETS = (
    FacetSpec("kind", "Kind", key="kind", choices=tuple(NewsKind.choices)),
    FacetSpec("agency", "Agency", key="agency__abbreviation", hint="agency__name",
              through=NewsItem.agencies.through, owner="newsitem"),
    FacetSpec("company", "Company", key="company__slug", label="company__name",
              through=NewsItem.companies.through, owner="newsitem"),
    # a real, indexed year column, as for policies (not ExtractYear, a Python function on SQLite)
    FacetSpec("year", "Year", key="year", newest_first=True),
)


def count_by(queryset, spec: FacetSpec) -> list[tuple[str, str, str, int]]:
    """[(value, label, hint, count)]: one GROUP BY query."""
    queryset = queryset.order_by()
    if spec.through is not None:
        links = spec.through.objects.order_by()
        if queryset.query.where:  # only the links of the filtered rows
            links = links.filter(**{f"{spec.owner}_id__in": queryset.values("pk")})
        queryset = links
    if spec.annotate:
        queryset = queryset.annotate(**dict(spec.annotate))
    paths = [spec.key, *(path for path in (spec.label, spec.hint) if path)]
    rows = []
    for row in queryset.values(*paths).annotate(n=Count("*")):
        value = row[spec.key]
        if value is None:
            continue
        rows.append((str(value), str(row.get(spec.label, "") or value),
                     row.get(spec.hint, "") or "", row["n"]))
    return rows


def _selection(filterset: FacetedFilterSet, spec: FacetSpec) -> dict[str, tuple[str, str]]:
    """{value: (label, hint)} of the facet's selected values."""
    if spec.name == "year":
        year = filterset.year
        return {str(year): (str(year), "")} if year else {}
    selected = filterset.values.get(spec.name) or []
    choices = dict(spec.choices)
    return {
        (v.value if isinstance(v, Entry) else v): (
            (v.label, v.hint) if isinstance(v, Entry) else (choices.get(v, v), "")
        )
        for v in selected
    }


def _toggled(state: QueryDict, spec: FacetSpec, value: str, selected: list[str]) -> QueryDict:
    query = state.copy()
    query.pop("page", None)
    if spec.name == "year":
        if value in selected:
            query.pop("date_from", None)
            query.pop("date_to", None)
        else:
            query["date_from"] = query["date_to"] = value
        return query
    chosen = [v for v in selected if v != value] if value in selected else [*selected, value]
    query.setlist(spec.name, chosen)
    return query


def build_facet(spec: FacetSpec, rows, filterset: FacetedFilterSet, state: QueryDict) -> Facet:
    selection = _selection(filterset, spec)
    choices = dict(spec.choices)
    values = {}
    for value, label, hint, count in rows:
        values[value] = FacetValue(value, choices.get(value, label), count, value in selection,
                                   hint)
    for value, (label, hint) in selection.items():
        values.setdefault(value, FacetValue(value, label, 0, True, hint))
    for facet_value in values.values():
        facet_value.query = _toggled(state, spec, facet_value.value, list(selection))
    if spec.newest_first:
        ordered = sorted(values.values(), key=lambda v: int(v.value), reverse=True)
    else:
        ordered = sorted(values.values(), key=lambda v: (not v.selected, -v.count, v.label))
    return Facet(spec.name, spec.title, [v for v in ordered if v.count or v.selected])


def compute_facets(base, filterset: FacetedFilterSet, specs, state: QueryDict) -> list[Facet]:
    """Each facet counted over `base` filtered by every filter but its own selection."""
    facets = []
    for spec in specs:
        without = {"date_from", "date_to"} if spec.name == "year" else {spec.name}
        queryset = base.filter(*filterset.conditions(without=without))
        facets.append(build_facet(spec, count_by(queryset, spec), filterset, state))
    return facets
