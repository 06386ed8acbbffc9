"""Facet counts: one grouped aggregate per facet, over the list filtered by every filter except
the facet's own, so choosing MIIT leaves NDRC's count as it would be with NDRC added.

Counting rows (`Count("*")`) is exact: the filtered queryset has no joins (its filters are
`pk__in` subqueries) and each grouped relation is unique per (row, value), so a row is counted
once per value. Labels come from the same query; a selected value with no rows left keeps its
label from the FilterSet's registry lookup.

A facet is declared with its filter (`facet=` in `filtersets.py`); the year facet, which sets
both ends of the date range, with `date_from`.

With the facet index (index.py) the same counts are intersections of bitmaps instead of
queries: `compute_facets(..., index=...)`; the rows of each facet come out in the same shape,
so everything after the counting is shared.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import quote_plus

from django.db.models import Count
from django.http import QueryDict

from .filters import UNDATED, whole_year

SHOWN_FIRST = 12  # values listed before "more"


@dataclass(frozen=True)
class FacetSpec:
    """How a filter's values are counted: grouped on `key` (a values() path), with the label
    and a longer name (`hint`) from the same query or from `choices`."""

    title: str
    key: str  # the values() path grouped on
    label: str = ""  # a values() path for the label, fetched in the same query
    hint: str = ""  # a values() path for a longer name (agency: its English name)
    choices: tuple = ()  # labels of a choices field
    newest_first: bool = False  # years: ordered by value, not by count
    # A many-to-many facet is counted on its link table (paths relative to it): grouping the
    # links of the filtered rows is far cheaper than joining every row to its links.
    through: type | None = None
    owner: str = ""  # the link table's foreign key to the listed model
    where: tuple = ()  # (field, value) pairs narrowing the links (the lead: position 0)
    missing: str = ""  # the value rows without one are counted under ("" : not counted)

    def name(self, param: str) -> str:
        """The facet's key in JSON and its HTML id: its filter's parameter."""
        return param

    def without(self, param: str) -> set[str]:
        """The filters not applied when counting it: its own."""
        return {param}

    def selection(self, filter_, values: dict) -> dict[str, tuple[str, str]]:
        value = values.get(filter_.param)
        return filter_.selection(value) if value else {}

    def toggled(self, state: QueryDict, param: str, value: str, selected: list[str]):
        query = state.copy()
        query.pop("page", None)
        query.setlist(param, _chosen(value, selected))
        return query

    def links(self, state: QueryDict, param: str, selected: list[str]) -> Callable[[str], str]:
        """value -> `toggled(state, param, value, selected).urlencode()`, by joining strings
        encoded once per facet: a list page links a few hundred values, and a QueryDict copied
        and encoded per value was most of their cost. The parameter keeps its place in the
        state (a new one goes last), as QueryDict.setlist puts it."""
        before, after, seen = [], [], False
        for name, values in state.lists():
            if name == param:
                seen = True
            elif name != "page":
                (after if seen else before).extend(_pair(name, v) for v in values)
        own = {value: _pair(param, value) for value in selected}
        # a value not selected (most of them) goes after the selection: one join per facet
        head = "".join(f"{pair}&" for pair in [*before, *(own[v] for v in selected)])
        tail = "".join(f"&{pair}" for pair in after)

        def link(value: str) -> str:
            if value not in own:
                return f"{head}{_pair(param, value)}{tail}"
            chosen = [own.get(v) or _pair(param, v) for v in _chosen(value, selected)]
            return "&".join([*before, *chosen, *after])

        return link


@dataclass(frozen=True)
class YearFacet(FacetSpec):
    """Policies (or news) per year, on the indexed `year` column, and the undated ones under
    "undated"; choosing a year sets both ends of the date range to it (date_from=Y&date_to=Y),
    choosing "undated" sets undated=1. The ones it replaces go."""

    title: str = "Year"
    key: str = "year"
    newest_first: bool = True
    missing: str = UNDATED
    choices: tuple = ((UNDATED, "Undated"),)

    def name(self, param: str) -> str:
        return "year"

    def without(self, param: str) -> set[str]:
        return {"date_from", "date_to", "undated"}

    def selection(self, filter_, values: dict) -> dict[str, tuple[str, str]]:
        if values.get("undated"):
            return {UNDATED: ("Undated", "")}
        year = whole_year(values)
        return {str(year): (str(year), "")} if year else {}

    def toggled(self, state: QueryDict, param: str, value: str, selected: list[str]):
        query = state.copy()
        for name in ("page", "date_from", "date_to", "undated"):
            query.pop(name, None)
        if value in selected:
            return query
        if value == UNDATED:
            query["undated"] = "1"
        else:
            query["date_from"] = query["date_to"] = value
        return query

    def links(self, state: QueryDict, param: str, selected: list[str]) -> Callable[[str], str]:
        kept = "&".join(_pair(name, v) for name, values in state.lists()
                        if name not in ("page", "date_from", "date_to", "undated")
                        for v in values)

        def link(value: str) -> str:
            if value in selected:
                added = ""
            elif value == UNDATED:
                added = "undated=1"
            else:
                added = f"date_from={quote_plus(value)}&date_to={quote_plus(value)}"
            return f"{kept}&{added}" if kept and added else kept or added

        return link


def _chosen(value: str, selected: list[str]) -> list[str]:
    """The selection with `value` toggled: removed if it is in, added last if not."""
    return [v for v in selected if v != value] if value in selected else [*selected, value]


@functools.lru_cache(maxsize=4096)
def _pair(name: str, value: str) -> str:
    """`name=value` encoded as QueryDict.urlencode encodes it (a page's links repeat the same
    few pairs hundreds of times: each is encoded once)."""
    return f"{quote_plus(name)}={quote_plus(value)}"


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    hint: str = ""
    toggle: Callable[[], QueryDict] | None = field(default=None, repr=False, compare=False)
    link: Callable[[str], str] | None = field(default=None, repr=False, compare=False)

    @cached_property
    def query(self) -> QueryDict:
        """The state with this value toggled: made when a link asks for it (the JSON twin
        never does)."""
        return self.toggle() if self.toggle is not None else QueryDict()

    @cached_property
    def query_string(self) -> str:
        """`query.urlencode()`, without making the QueryDict when the facet has a `link`."""
        return self.link(self.value) if self.link is not None else self.query.urlencode()

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


def count_by(queryset, spec: FacetSpec) -> list[tuple[str, str, str, int]]:
    """[(value, label, hint, count)]: one GROUP BY query."""
    queryset = queryset.order_by()
    if spec.through is not None:
        links = spec.through.objects.order_by().filter(**dict(spec.where))
        if queryset.query.where:  # only the links of the filtered rows
            links = links.filter(**{f"{spec.owner}_id__in": queryset.values("pk")})
        queryset = links
    paths = [spec.key, *(path for path in (spec.label, spec.hint) if path)]
    rows = []
    for row in queryset.values(*paths).annotate(n=Count("*")):
        value = row[spec.key]
        if value is None:
            if not spec.missing:
                continue
            value = spec.missing
        rows.append((str(value), str(row.get(spec.label, "") or value),
                     row.get(spec.hint, "") or "", row["n"]))
    return rows


def build_facet(name: str, spec: FacetSpec, rows, selection: dict, toggle,
                link: Callable[[str], str] | None = None) -> Facet:
    choices = dict(spec.choices)
    values = {}
    for value, label, hint, count in rows:
        values[value] = FacetValue(value, choices.get(value, label), count, value in selection,
                                   hint)
    for value, (label, hint) in selection.items():
        values.setdefault(value, FacetValue(value, label, 0, True, hint))
    chosen = list(selection)
    for facet_value in values.values():
        facet_value.toggle = functools.partial(toggle, facet_value.value, chosen)
        facet_value.link = link
    if spec.newest_first:  # years, the undated last
        ordered = sorted(values.values(), key=lambda v: (v.value != spec.missing,
                                                         v.value if v.value != spec.missing
                                                         else ""), reverse=True)
    else:
        ordered = sorted(values.values(), key=lambda v: (not v.selected, -v.count, v.label))
    return Facet(name, spec.title, [v for v in ordered if v.count or v.selected])


def index_dimension(filter_) -> str:
    """The facet index's table a facet is counted on: the year, or its filter's condition."""
    return "year" if isinstance(filter_.facet, YearFacet) else filter_.condition


def compute_facets(filterset, state: QueryDict, *, index=None) -> list[Facet]:
    """Each facet of the FilterSet's filters, counted over its queryset under every filter but
    the facet's own: one query per facet, or none with the facet `index`."""
    facets = []
    for filter_ in filterset.filters.values():
        spec = filter_.facet
        if spec is None or filter_.param in filterset.fixed:
            continue
        param = filter_.param
        without = filterset.counted_without(filter_)
        if index is not None:
            counted = index.count(index_dimension(filter_),
                                  filterset.filter_positions(index, without=without))
        else:
            counted = count_by(filterset.filter_queryset(filterset.queryset, without=without),
                               spec)
        selection = spec.selection(filter_, filterset.values)
        facets.append(build_facet(
            spec.name(param), spec, counted, selection,
            lambda value, selected, spec=spec, param=param: spec.toggled(
                state, param, value, selected),
            link=spec.links(state, param, list(selection)),
        ))
    return facets
