"""What a list selector returns: `ListResults` (the rows, the page, the facets, the sentence,
chips and suggestions, the messages about the query string) and the pieces that build it:
pagination, the chips that remove each filter, the "without this filter" suggestions."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q
from django.http import QueryDict
from django.urls import reverse

from .facets import Facet
from .filters import Chip, without
from .params import PAGE_SIZE, parse_page_number
from .sentence import count_noun

# The kinds of record a search also counts ("3 briefs, 5 news items also match"): their nouns
# and list pages.
SEARCH_NOUNS = {"policies": ("policy", "policies"), "briefs": ("brief", "briefs"),
                "news": ("news item", "news items")}
SEARCH_PAGES = {"policies": "policies:policy-list", "briefs": "policies:brief-list",
                "news": "policies:news-list"}
EXTRA_LABELS = {"page": "Page", "page_size": "Page size"}


@dataclass
class Suggestion:
    """For an empty result: the count without one filter, and the query string without it."""

    name: str
    label: str
    count: int
    query: QueryDict


@dataclass
class ListResults:
    filterset: object  # the list's ListFilterSet
    queryset: object  # the filtered, ordered rows: all of them, for exports and feeds
    page: Page
    state: QueryDict  # the valid parameters, canonical, without `page`
    messages: dict[str, list[str]]
    page_missing: str = ""  # the page asked for is beyond the last (`page` is the last): why
    facets: list[Facet] = field(default_factory=list)
    sentence: str = ""
    chips: list[Chip] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    search_counts: dict[str, int] = field(default_factory=dict)
    page_size: int = PAGE_SIZE
    histogram: object = None  # a timeline.Timeline of the view, for lists with a year facet

    @property
    def count(self) -> int:
        return self.page.paginator.count

    @property
    def rows(self) -> list:
        return self.page.object_list

    @property
    def facet_map(self) -> dict[str, Facet]:
        return {facet.name: facet for facet in self.facets}

    @property
    def values(self) -> dict:
        return self.filterset.values

    @property
    def sort(self) -> str:
        return self.filterset.sort

    @property
    def status(self) -> int:
        """400 when a parameter was rejected or adjusted, 404 for a page beyond the last."""
        if self.messages:
            return 400
        return 404 if self.page_missing else 200

    @property
    def other_matches(self) -> list[dict]:
        """The other kinds of record matching `q`, as links: [{"label": "3 briefs", "url"}]."""
        q = self.filterset.values.get("q")
        return [
            {"label": count_noun(count, *SEARCH_NOUNS[kind]),
             "url": f"{reverse(SEARCH_PAGES[kind])}?{urlencode({'q': q})}"}
            for kind, count in self.search_counts.items()
        ]

    @property
    def message_list(self) -> list[tuple[str, str]]:
        filters = self.filterset.filters
        return [(filters[name].chip if name in filters else EXTRA_LABELS.get(name, name),
                 message)
                for name, messages in self.messages.items() for message in messages]


def paginate(queryset, params: QueryDict, *, page_size: int,
             count: int | None = None) -> tuple[Page, list[str], str]:
    """(page, messages, missing): a page past the last gives the last page, and `missing` says
    so. `count`, when the caller knows it, spares the COUNT query."""
    number, messages = parse_page_number(params)
    paginator = Paginator(queryset, page_size)
    if count is not None:
        paginator.count = count  # a cached_property: set, it is not queried
    missing = ""
    if number > paginator.num_pages:
        last = paginator.num_pages
        missing = f"There is no page {number}: the last page is {last}, shown here."
    page = paginator.page(min(number, paginator.num_pages))
    page.object_list = list(page.object_list)
    return page, messages, missing


def chips(filterset, state: QueryDict) -> list[Chip]:
    """One chip per active filter value (dates spanning one year: one "Year" chip)."""
    values = filterset.values
    return [chip for name, value in values.items()
            for chip in filterset.filters[name].chips(value, values, state)]


def hydrated_by(queryset):
    """ids -> the rows of `queryset` (unfiltered; prefetches kept) with those ids, in that
    order: one query and the queryset's prefetches."""

    def hydrate(ids: list[int]) -> list:
        by_pk = {row.pk: row for row in queryset.filter(pk__in=ids).order_by()} if ids else {}
        return [by_pk[pk] for pk in ids if pk in by_pk]

    return hydrate


class HydratedRows:
    """A filtered, ordered queryset for the Paginator whose page is read as ids and made rows
    by `hydrate` (ids -> rows in that order): the SQL path's twin of IndexedRows."""

    def __init__(self, queryset, hydrate):
        self.queryset, self.hydrate = queryset, hydrate

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice) -> list:
        return self.hydrate(list(self.queryset.values_list("pk", flat=True)[item]))


class IndexedRows:
    """A list's rows as the facet index selects them, for the Paginator: `count()` without a
    query, a slice reads only its own rows (`hydrate`: ids -> rows in that order), in the order
    `sort`."""

    def __init__(self, index, found, *, sort: str, hits, hydrate):
        self.index, self.found, self.sort, self.hits = index, found, sort, hits
        self.hydrate = hydrate

    def count(self) -> int:
        return self.index.size if self.found is None else len(self.found)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice) -> list:
        return self.hydrate(self.index.page(
            self.found, sort=self.sort, start=item.start or 0,
            stop=item.stop if item.stop is not None else self.count(), hits=self.hits))


def suggestions(filterset, state: QueryDict, *, index=None) -> list[Suggestion]:
    """For each active filter, how many rows there would be without it: one query (none with
    the facet index)."""
    active = [name for name in filterset.values if name != "sort"]
    if not active:
        return []
    if index is not None:
        found = []
        for name in active:
            rest = filterset.filter_positions(index, without={name})
            filter_ = filterset.filters[name]
            label = f"{filter_.chip.lower()} {filter_.shown(filterset.values[name])}"
            found.append(Suggestion(name, label, index.size if rest is None else len(rest),
                                    without(state, name)))
        return sorted(found, key=lambda s: -s.count)
    base = filterset.queryset.order_by()
    aggregates = {}
    for name in active:
        rest = filterset.filter_queryset(base, without={name})
        aggregates[f"without_{name}"] = (
            Count("pk", filter=Q(pk__in=rest.values("pk"))) if rest.query.where else Count("pk")
        )
    counts = base.aggregate(**aggregates)
    found = []
    for name in active:
        filter_ = filterset.filters[name]
        label = f"{filter_.chip.lower()} {filter_.shown(filterset.values[name])}"
        found.append(Suggestion(name, label, counts[f"without_{name}"], without(state, name)))
    return sorted(found, key=lambda s: -s.count)
