"""The filters of each list, as django-filter FilterSets: one line per filter says everything
about it (see `filters.py`); adding a filter is adding a line here, plus its form control.

Declaration order is the order of the query string (and of the facets); the sentence puts the
phrases in its own reading order (`slot`, see `sentence.py`).

The FilterSet is the real path: `.qs` is the filtered, ordered rows (with `rank` when
searching) and `filter_queryset(queryset, without=...)` the same under all filters but some,
for the facets and the suggestions. Input is made safe before validation (`params`); each
adjustment, each rejected value and each unknown parameter (with the one probably meant) is
reported in `messages`, keyed by parameter. Validation
costs at most two queries: the registry lookup and the search's agency names.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from functools import cached_property

import django_filters
from django.http import QueryDict

from .. import data_version
from ..models import (
    Agency,
    Brief,
    Company,
    DocumentType,
    NewsItem,
    NewsKind,
    Policy,
    PolicyAgency,
    PolicySector,
    PolicyStatus,
    Sector,
)
from ..search.backends import Search
from ..search.query import QueryError
from .facets import FacetSpec, YearFacet
from .filters import (
    DateFilter,
    Entry,
    MatchFilter,
    RegistryFilter,
    SearchFilter,
    SortFilter,
    SubordinateFilter,
    UndatedFilter,
    ValuesFilter,
    resolve_entries,
    whole_year,
)
from .params import CONTROL_CHARS, MAX_QUERY_CHARS, MAX_VALUES, State, shown

# Parameters every list takes besides its filters (the CSV export and feeds ignore them), and
# the ones links from newsletters and ads carry, which are no filter and no mistake.
LIST_PARAMETERS = ("page", "page_size")
TRACKING_PREFIXES = ("utm_",)
TRACKING_PARAMETERS = ("fbclid", "gclid", "mc_cid", "mc_eid")
# A registry filter's value resolved, per (filter, value case-folded): its Entry, or None for an
# unknown name; kept for the data version, so a new combination of filters queries only for
# values never asked before (kept per whole combination, nearly every random one missed).
ENTRIES = data_version.KeptPerKey(limit=5_000)
# {(FilterSet class, its filters' names): form class} (ListFilterSet.get_form_class)
_FORM_CLASSES: dict[tuple, type] = {}


def ignored_parameter(name: str) -> bool:
    return (name in LIST_PARAMETERS or name in TRACKING_PARAMETERS
            or name.startswith(TRACKING_PREFIXES))


def unknown_parameter(name: str, value: str, filters) -> str:
    """Why `name` is refused, with the parameter the user probably meant."""
    if name.casefold() == "year" and "date_from" in filters:
        year = shown(value) if value.isdigit() else "2024"
        return (f"“year” is not a filter here: use date_from={year}&date_to={year} "
                "(the year facet's links do).")
    valid = [*filters, *LIST_PARAMETERS]
    close = difflib.get_close_matches(name.casefold(), valid, n=1, cutoff=0.6)
    hint = f"did you mean “{close[0]}”?" if close else f"use one of {', '.join(valid)}."
    return f"“{shown(name)}” is not a parameter of this list: {hint}"


def directory_messages(params) -> dict[str, list[str]]:
    """The refusals for a list without filters (the agency, sector and company directories):
    every parameter but the page, the page size and tracking ones."""
    return {name: [unknown_parameter(name, params.get(name, ""), {})] for name in params
            if not ignored_parameter(name)}


class ListFilterSet(django_filters.FilterSet):
    """A FilterSet that reads its values back: `values` ({name: cleaned value} for the valid,
    non-empty parameters; registry filters give lists of Entry), `messages` ({name: [message]}
    for everything rejected or adjusted), `search` (the prepared search of `q`), `sort`,
    `state()` (the canonical query string). `fixed`: {name: value} of filters this list
    applies whatever the query string says, and does not offer (an agency's page: its agency;
    no facet, chip or parameter for it; a modifier of it still applies where it makes sense:
    `include_subordinate`, not `agency_match`)."""

    def __init__(self, data=None, queryset=None, *, fixed=None, **kwargs):
        self.notices: dict[str, list[str]] = defaultdict(list)
        self.fixed = dict(fixed or {})
        refused = set(self.base_filters) - set(self.taken(self.fixed))
        super().__init__(self._normalise(data, refused), queryset, **kwargs)
        for name in refused - set(self.fixed):
            self.filters.pop(name, None)
        for name, filter_ in self.filters.items():
            filter_.param = name

    @classmethod
    def taken(cls, fixed=()) -> dict:
        """{name: filter} of the parameters this list takes when `fixed` are fixed: not those,
        nor a modifier of them unless it still applies (`applies_to_fixed`)."""
        return {name: f for name, f in cls.base_filters.items()
                if name not in fixed and not (getattr(f, "modifies", None) in fixed
                                              and not getattr(f, "applies_to_fixed", False))}

    def get_form_class(self):
        """django-filter's form class for these filters, made once per FilterSet class and set
        of filters (a list inside an agency has fewer): its fields come from the filters'
        declarations alone, never from the request, and building them and the class again
        was a third of a list's validation. Each form still copies the fields it is given."""
        key = (type(self), tuple(self.filters))
        form_class = _FORM_CLASSES.get(key)
        if form_class is None:
            form_class = _FORM_CLASSES.setdefault(key, super().get_form_class())
        return form_class

    def _normalise(self, data, disabled) -> QueryDict:
        if data is None:
            data = QueryDict()
        elif not hasattr(data, "getlist"):  # a plain mapping: {"agency": ["MIIT", "NDRC"]}
            plain, data = data, QueryDict(mutable=True)
            for name, value in plain.items():
                data.setlist(name, list(value) if isinstance(value, list | tuple) else [value])
        clean = QueryDict(mutable=True)
        for name, filter_ in self.base_filters.items():
            if name in disabled or name not in data:
                continue
            values = [CONTROL_CHARS.sub(" ", v).strip() for v in data.getlist(name)]
            values = [v for v in values if v]
            if not values:
                continue
            if filter_.multiple:
                if len(values) > MAX_VALUES:
                    self.notices[name].append(
                        f"Only the first {MAX_VALUES} of the {len(values)} values given for "
                        f"“{name}” were used."
                    )
                clean.setlist(name, list(dict.fromkeys(values[:MAX_VALUES])))
                continue
            if len(set(values)) > 1:
                self.notices[name].append(f"“{name}” takes one value; the first one was used.")
            value = values[0]
            if isinstance(filter_, SearchFilter) and len(value) > MAX_QUERY_CHARS:
                self.notices[name].append(
                    f"The search text was {len(value):,} characters long; only the first "
                    f"{MAX_QUERY_CHARS} were used."
                )
                value = value[:MAX_QUERY_CHARS].strip()
            clean[name] = value
        for name in data:
            if name not in self.base_filters and not ignored_parameter(name):
                self.notices[name].append(unknown_parameter(name, data.get(name, ""),
                                                            self.base_filters))
            elif name in disabled:
                self.notices[name].append(f"“{shown(name)}” is this page's own record: it "
                                          "cannot be filtered here.")
        return clean

    # -- validation

    @cached_property
    def _validated(self):
        form = self.form
        form.is_valid()
        values = {k: v for k, v in form.cleaned_data.items() if v not in ([], None, "")}
        messages = defaultdict(list, {k: list(v) for k, v in self.notices.items()})
        for name, errors in form.errors.items():
            messages[name].extend(errors)
        self._resolve_registries(values, messages)

        self._search = None
        if "q" in values:
            try:  # one search per request: the rows, the facets and the counts share it
                self._search = Search.prepare(values["q"], agencies=Agency.objects.all())
            except QueryError as error:
                messages["q"].append(str(error))
                values.pop("q")

        start, end = values.get("date_from"), values.get("date_to")
        if start and end and start.first > end.last:
            messages["date_to"].append(
                f"The end date {end.text} is before the start date {start.text}."
            )
            values.pop("date_to")
        if values.get("undated") and (start or end):
            messages["undated"].append("A record without a date is in no date range: the "
                                       "range was left out.")
            values.pop("date_from", None)
            values.pop("date_to", None)
        ordered = {name: values[name] for name in self.filters if name in values}
        return ordered, {name: found for name, found in messages.items() if found}

    def _resolve_registries(self, values: dict, messages: dict) -> None:
        """Replace the registry filters' values by their Entries: one query for all."""
        wanted = {f: values[name] for name, f in self.filters.items()
                  if isinstance(f, RegistryFilter) and name in values}
        asked = {(f.param, value.casefold()): (f, value)
                 for f, given in wanted.items() for value in given}

        def resolve(keys) -> dict:
            missing: dict[RegistryFilter, list[str]] = defaultdict(list)
            for key in keys:
                filter_, value = asked[key]
                missing[filter_].append(value)
            found = resolve_entries(missing)
            return {key: found.get(key) for key in keys}  # None: unknown, kept as well

        found = ENTRIES.get_many(list(asked), resolve) if asked else {}
        for filter_ in wanted:
            entries: list[Entry] = []
            for value in values.pop(filter_.param):
                entry = found.get((filter_.param, value.casefold()))
                if entry is None:
                    messages[filter_.param].append(f"Unknown {filter_.noun} “{shown(value)}”.")
                elif entry not in entries:
                    entries.append(entry)
            if entries:
                values[filter_.param] = entries

    @property
    def values(self) -> dict:
        return self._validated[0]

    @property
    def messages(self) -> dict[str, list[str]]:
        return self._validated[1]

    @property
    def search(self) -> Search | None:
        """The prepared search of `q`; None without a valid `q`."""
        self._validated  # noqa: B018 (prepares it once)
        return self._search

    # -- filtering: django-filter's own path

    def counted_without(self, filter_) -> set[str]:
        """The filters a facet is counted without: its own selection, so siblings keep their
        counts; none when its values are all required (each count is then what adding that
        value leaves)."""
        joint = any(isinstance(f, MatchFilter) and f.joins(filter_, self.values)
                    for f in self.filters.values())
        return set() if joint else filter_.facet.without(filter_.param)

    @property
    def offered(self) -> dict:
        """The filters a reader can set on this list (the fixed ones are the page's own)."""
        return {name: f for name, f in self.filters.items() if name not in self.fixed}

    def widened(self, name: str, value):
        """The value of filter `name` as its active modifiers widen it (include_subordinate:
        the agencies under the ones given), unless `filter_queryset` is leaving them out."""
        for filter_ in self.filters.values():
            if getattr(filter_, "modifies", None) == name and hasattr(filter_, "widen") \
                    and filter_.param in self.values and filter_.param not in self._left_out:
                value = filter_.widen(value)
        return value

    _left_out: frozenset = frozenset()  # what the running filter_queryset leaves out

    def filter_queryset(self, queryset, *, without=()):
        """`queryset` under the fixed filters and every active filter but those named in
        `without` (and the modifiers of those: `MatchFilter`); ordered by `sort` when no filter
        is left out (the list's rows)."""
        self._left_out = frozenset(without)
        try:
            for name, value in self.fixed.items():
                queryset = self.filters[name].filter(queryset, value)
            for name, value in self.values.items():
                filter_ = self.filters[name]
                if name in without or getattr(filter_, "modifies", None) in without:
                    continue
                if name != "sort":
                    queryset = filter_.filter(queryset, value)
        finally:
            self._left_out = frozenset()
        if not without and "sort" in self.filters:
            queryset = self.filters["sort"].filter(queryset, self.sort)
        return queryset

    def filter_positions(self, index, *, without=()):
        """The facet index's twin of `filter_queryset`: the positions of the rows under the
        fixed filters and every active filter but those in `without`, a BitMap (None: every
        row). Raises index.Unsupported for a filter the index cannot evaluate.

        A list asks for it once for its rows and once per facet, each time without another
        filter: each filter's own positions (a union of bitmaps, a date range) are made once per
        index and left-out modifiers, and each combination once (`_positions`). The BitMaps
        are shared: read-only."""
        without = frozenset(without)
        if self._positions is None or self._positions[0] is not index:
            self._positions = (index, {}, {})
        _, kept, parts = self._positions
        if without in kept:
            return kept[without]
        self._left_out = without
        try:
            found = None
            active = [*self.fixed.items(),
                      *((name, value) for name, value in self.values.items()
                        if name not in without
                        and getattr(self.filters[name], "modifies", None) not in without)]
            for name, value in active:
                # a filter's positions depend on its value and on which of its modifiers
                # are left out (`widened`)
                key = (name, without & self._modifiers(name))
                if key not in parts:
                    parts[key] = self.filters[name].positions(index, value)
                part = parts[key]
                if part is not None:
                    found = part if found is None else found & part
        finally:
            self._left_out = frozenset()
        kept[without] = found
        return found

    _positions: tuple | None = None  # (index, {without: found}, {(name, left out): part})

    def _modifiers(self, name: str) -> frozenset:
        return frozenset(param for param, f in self.filters.items()
                         if getattr(f, "modifies", None) == name)

    # -- reading back

    @property
    def sort(self) -> str:
        """The order in force: relevance by default when searching, else newest first."""
        sort = self.values.get("sort") or ("relevance" if self.values.get("q") else "-date")
        return "-date" if sort == "relevance" and not self.values.get("q") else sort

    @property
    def year(self) -> int | None:
        """The year selected by the year facet (date_from=Y&date_to=Y), if that is the range."""
        return whole_year(self.values)

    def state(self) -> QueryDict:
        """The valid parameters, canonical: what links on the page carry forward."""
        state = State()
        for name, value in self.values.items():
            state.setlist(name, self.filters[name].keys(value))
        return state


def _agency(**kwargs) -> RegistryFilter:
    return RegistryFilter(Agency, key="abbreviation", shown_as="abbreviation", **kwargs)


class PolicyFilterSet(ListFilterSet):
    q = SearchFilter(label="Search")
    agency = _agency(
        label="Agency", phrase="issued by {}", joint_phrase="issued jointly by {}", slot="who",
        condition="issued_by",
        facet=FacetSpec("Agency", key="agency__abbreviation", hint="agency__name",
                        through=PolicyAgency, owner="policy"))
    agency_match = MatchFilter(modifies="agency", label="Agencies", chip="Issued jointly")
    sector = RegistryFilter(
        Sector, key="slug", shown_as="name", label="Sector", phrase="in {}", slot="where",
        condition="in_sectors",
        facet=FacetSpec("Sector", key="sector__slug", label="sector__name",
                        through=PolicySector, owner="policy"))
    lead = _agency(
        label="Lead agency", phrase="led by {}", slot="who", condition="led_by",
        facet=FacetSpec("Lead agency", key="agency__abbreviation", hint="agency__name",
                        through=PolicyAgency, owner="policy", where=(("position", 0),)))
    company = RegistryFilter(Company, key="slug", shown_as="name", label="Company",
                             phrase="naming {}", slot="about", condition="mentioning")
    type = ValuesFilter(
        label="Document type", chip="Type", phrase="of type {}", slot="what",
        condition="of_type", choices=DocumentType.choices, noun="document type",
        facet=FacetSpec("Document type", key="document_type",
                        choices=tuple(DocumentType.choices)))
    status = ValuesFilter(label="Status", phrase="that are {}", slot="what",
                          condition="with_status", choices=PolicyStatus.choices, noun="status")
    date_from = DateFilter(end="from", field_name="issued_on", label="From", facet=YearFacet())
    date_to = DateFilter(end="to", field_name="issued_on", label="To")
    undated = UndatedFilter(field_name="issued_on", label="Undated")
    sort = SortFilter(field_name="issued_on", title_field="title", label="Sort")
    include_subordinate = SubordinateFilter(modifies="agency", label="Bodies under them",
                                            chip="With the bodies under them")

    class Meta:
        model = Policy
        fields = []


class NewsFilterSet(ListFilterSet):
    q = SearchFilter(label="Search")
    kind = ValuesFilter(
        label="Kind", phrase="of kind {}", slot="what", condition="of_kind",
        choices=NewsKind.choices, noun="kind of news",
        facet=FacetSpec("Kind", key="kind", choices=tuple(NewsKind.choices)))
    agency = _agency(
        label="Agency", phrase="issued by {}", slot="who", condition="mentioning_agencies",
        facet=FacetSpec("Agency", key="agency__abbreviation", hint="agency__name",
                        through=NewsItem.agencies.through, owner="newsitem"))
    company = RegistryFilter(
        Company, key="slug", shown_as="name", label="Company", phrase="naming {}",
        slot="about", condition="mentioning",
        facet=FacetSpec("Company", key="company__slug", label="company__name",
                        through=NewsItem.companies.through, owner="newsitem"))
    # a real, indexed year column, as for policies (not ExtractYear, a Python function on SQLite)
    date_from = DateFilter(end="from", field_name="date", label="From", facet=YearFacet())
    date_to = DateFilter(end="to", field_name="date", label="To")
    undated = UndatedFilter(field_name="date", label="Undated")
    sort = SortFilter(field_name="date", label="Sort")

    class Meta:
        model = NewsItem
        fields = []


class BriefFilterSet(ListFilterSet):
    q = SearchFilter(label="Search")
    date_from = DateFilter(end="from", field_name="published_on", label="From")
    date_to = DateFilter(end="to", field_name="published_on", label="To")
    sort = SortFilter(field_name="published_on", title_field="title", label="Sort")

    class Meta:
        model = Brief
        fields = []
