"""Reads: one keyword-only selector per list, shared by the HTML pages, the JSON twin and (later)
the CSV export and the feeds; plus the few reads of the home and detail pages.

A list selector takes the query string (`params`, a QueryDict) and returns a `ListResults`: the
filtered, ordered queryset (all rows), the requested page, the facets, the sentence saying the
active filters, the chips that remove them, and the messages about anything in the query string
that was rejected or adjusted. Every list runs a fixed number of queries whatever its size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from django.core.paginator import Page, Paginator
from django.db.models import (
    CharField,
    Count,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.urls import reverse

from . import search
from .describe import count_noun, describe, filter_phrases
from .facets import NEWS_FACETS, POLICY_FACETS, Facet, compute_facets
from .filters import (
    CONTROL_CHARS,
    BriefFilterSet,
    Entry,
    FacetedFilterSet,
    NewsFilterSet,
    PolicyFilterSet,
    shown,
)
from .models import (
    Agency,
    AgencyKind,
    Brief,
    BriefItem,
    Company,
    DocumentType,
    NewsItem,
    NewsKind,
    Policy,
    PolicyAgency,
    PolicySector,
    Sector,
)

PAGE_SIZE = 25
MAX_PAGE_SIZE = 100

CHOICES = {"type": dict(DocumentType.choices), "kind": dict(NewsKind.choices)}
LABELS = {
    "q": "Search", "agency": "Agency", "sector": "Sector", "lead": "Lead agency",
    "company": "Company", "type": "Type", "kind": "Kind", "date_from": "From", "date_to": "To",
    "sort": "Sort", "page": "Page", "page_size": "Page size",
}


# --------------------------------------------------------------------------- results


@dataclass
class Chip:
    """One active filter value, with the query string that removes it."""

    label: str
    query: QueryDict


@dataclass
class Suggestion:
    """For an empty result: the count without one filter, and the query string without it."""

    name: str
    label: str
    count: int
    query: QueryDict


@dataclass
class ListResults:
    filterset: FacetedFilterSet
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
            {"label": count_noun(self.search_counts[kind], *SEARCH_NOUNS[kind]),
             "url": f"{reverse(SEARCH_PAGES[kind])}?{urlencode({'q': q})}"}
            for kind, _, _ in SEARCHED if kind in self.search_counts
        ]

    @property
    def message_list(self) -> list[tuple[str, str]]:
        return [(LABELS.get(name, name), message)
                for name, messages in self.messages.items() for message in messages]


# --------------------------------------------------------------------------- pagination


def parse_page_size(params: QueryDict) -> tuple[int, list[str]]:
    raw = CONTROL_CHARS.sub("", params.get("page_size", "")).strip()
    if not raw:
        return PAGE_SIZE, []
    if re.fullmatch(r"[0-9]{1,6}", raw) and 1 <= int(raw) <= MAX_PAGE_SIZE:
        return int(raw), []
    return PAGE_SIZE, [f"“{shown(raw)}” is not a page size: use 1 to {MAX_PAGE_SIZE}."]


def paginate(queryset, params: QueryDict, *, page_size: int,
             count: int | None = None) -> tuple[Page, list[str], str]:
    """(page, messages, missing): a page past the last gives the last page, and `missing` says
    so. `count`, when the caller knows it, spares the COUNT query."""
    raw = CONTROL_CHARS.sub("", params.get("page", "")).strip()
    messages, number = [], 1
    if raw:
        if re.fullmatch(r"[0-9]+", raw) and int(raw[:12]) >= 1:
            number = int(raw[:12])
        else:
            messages.append(f"“{shown(raw)}” is not a page number: pages are numbered from 1.")
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


# --------------------------------------------------------------------------- shared pieces


def _ordering(filterset: FacetedFilterSet, queryset, date_field: str):
    sort = filterset.sort
    if sort == "relevance" and "rank" in queryset.query.annotations:
        return queryset.order_by("-rank", F(date_field).desc(nulls_last=True), "-id")
    if sort == "date":
        return queryset.order_by(F(date_field).asc(nulls_last=True), "id")
    return queryset.order_by(F(date_field).desc(nulls_last=True), "-id")


def _rows(filterset: FacetedFilterSet, hydrate):
    """The filtered rows, hydrated: the search's own rows when there is a `q` (their `rank`
    orders by relevance), else the queryset under the conditions."""
    if filterset.values.get("q"):
        rows = filterset.matches.filter(*filterset.conditions(without={"q"}))
    else:
        rows = filterset.queryset.filter(*filterset.conditions())
    return hydrate(rows)


def _without(state: QueryDict, *names: str, **changes) -> QueryDict:
    query = state.copy()
    for name in (*names, "page"):
        query.pop(name, None)
    for name, value in changes.items():
        query.setlist(name, value)
    return query


def _chips(filterset: FacetedFilterSet, state: QueryDict) -> list[Chip]:
    values, chips = filterset.values, []
    for name, value in values.items():
        if name == "sort" or name in ("date_from", "date_to") and filterset.year:
            continue
        if name == "q":
            chips.append(Chip(f"Search: “{value}”", _without(state, "q", "sort")))
        elif isinstance(value, list):
            for item in value:
                key = item.value if isinstance(item, Entry) else item
                label = item.label if isinstance(item, Entry) else CHOICES[name].get(item, item)
                rest = [v for v in state.getlist(name) if v != key]
                chips.append(Chip(f"{LABELS[name]}: {label}", _without(state, **{name: rest})))
        else:
            chips.append(Chip(f"{LABELS[name]}: {value.humanise()}", _without(state, name)))
    if filterset.year:
        chips.append(Chip(f"Year: {filterset.year}", _without(state, "date_from", "date_to")))
    return chips


def _suggestions(filterset: FacetedFilterSet, base, state: QueryDict) -> list[Suggestion]:
    """For each active filter, how many rows there would be without it: one query."""
    active = [name for name in filterset.values if name != "sort"]
    if not active:
        return []
    aggregates = {}
    for name in active:
        others = filterset.conditions(without={name})
        aggregates[f"without_{name}"] = Count("pk", filter=Q(*others)) if others else Count("pk")
    counts = base.order_by().aggregate(**aggregates)
    suggestions = []
    for name in active:
        value = filterset.values[name]
        if isinstance(value, list):
            shown_value = ", ".join(
                v.label if isinstance(v, Entry) else CHOICES[name].get(v, v) for v in value
            )
        elif name == "q":
            shown_value = f"“{value}”"
        else:
            shown_value = value.humanise()
        suggestions.append(Suggestion(name, f"{LABELS[name].lower()} {shown_value}",
                                      counts[f"without_{name}"], _without(state, name)))
    return sorted(suggestions, key=lambda s: -s.count)


SEARCHED = (("policies", Policy, "search_policies"), ("briefs", Brief, "search_briefs"),
            ("news", NewsItem, "search_news"))
SEARCH_NOUNS = {"policies": ("policy", "policies"), "briefs": ("brief", "briefs"),
                "news": ("news item", "news items")}
SEARCH_PAGES = {"policies": "policies:policy-list", "briefs": "policies:brief-list",
                "news": "policies:news-list"}


def search_counts(q: str, *, skip: str = "") -> dict[str, int]:
    """{"policies": n, "briefs": n, "news": n} matching `q`, less the `skip` kind: one UNION
    of counts (plus the search function's own query per kind)."""
    parts = []
    for kind, model, function in SEARCHED:
        if kind == skip:
            continue
        try:
            matches = getattr(search, function)(model.objects.all(), q)
        except ValueError:
            continue
        parts.append(
            matches.order_by()
            .annotate(record=Value(kind, output_field=CharField()))
            .values("record").annotate(n=Count("*")).values_list("record", "n")
        )
    if not parts:
        return {}
    query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    counts = {kind: 0 for kind, _, _ in SEARCHED if kind != skip}
    counts.update(dict(query))
    return counts


def _segments(snippet, text: str, q: str):
    try:
        return snippet(text, q, length=len(text))
    except TypeError:  # a snippet() without `length`
        return snippet(text, q)


def _snippets(rows, q: str, *fields: str) -> None:
    """Set `<field>_segments` on each row: the whole text as [(text, is_match)] segments from
    search.snippet, when searching and the search module has it; else None."""
    snippet = getattr(search, "snippet", None)
    for row in rows:
        for name in fields:
            text = getattr(row, name) or ""
            segments = _segments(snippet, text, q) if snippet and q and text else None
            setattr(row, f"{name}_segments", segments or None)


def _list_results(filterset, rows, params, *, page_size, facet_specs=(), total_from="",
                  noun, scope_phrase="", kind="", date_field) -> ListResults:
    """Facets, page, sentence, chips, suggestions and other kinds' search counts for a list.

    `total_from`: a facet over a single-valued, non-null column (policies: type; news: kind)
    whose counts add up to the number of rows (all of them, or the selected ones when the facet
    has a selection), which saves the paginator's COUNT query. `kind`: the list's kind of
    record, to count the others matching `q` ("3 briefs, 5 news items match"); "" for lists
    inside an agency, sector or company, which leave that out.
    """
    state = filterset.state()
    facets = compute_facets(filterset.queryset, filterset, facet_specs, state)
    ordered = _ordering(filterset, rows, date_field)
    total = None
    for facet in facets:
        if facet.name == total_from:
            counted = facet.selected or facet.values
            total = sum(value.count for value in counted)
    page, page_messages, missing = paginate(ordered, params, page_size=page_size, count=total)
    messages = dict(filterset.messages)
    if page_messages:
        messages["page"] = page_messages
    results = ListResults(filterset=filterset, queryset=ordered, page=page, state=state,
                          messages=messages, page_missing=missing, facets=facets)
    results.sentence = describe(results.count, noun, filterset, scope=scope_phrase,
                                choices=CHOICES)
    results.chips = _chips(filterset, state)
    if results.count == 0:
        results.suggestions = _suggestions(filterset, filterset.queryset, state)
    q = filterset.values.get("q")
    if q and kind:
        results.search_counts = search_counts(q, skip=kind)
    return results


# --------------------------------------------------------------------------- policies


def _policy_scope(*, agency=None, sector=None, company=None) -> tuple[Q, list[str], str]:
    """(condition, disabled parameters, phrase) for a list inside an agency, sector or company."""
    if agency is not None:
        return (Q(pk__in=PolicyAgency.objects.filter(agency=agency).values("policy_id")),
                ["agency"], f"issued by {agency.abbreviation}")
    if sector is not None:
        return (Q(pk__in=PolicySector.objects.filter(sector=sector).values("policy_id")),
                ["sector"], f"in {sector.name}")
    if company is not None:
        return (Q(pk__in=Policy.companies.through.objects.filter(company=company)
                  .values("policy_id")), ["company"], f"naming {company.name}")
    return Q(), [], ""


def filter_policies(params: QueryDict, *, agency: Agency | None = None,
                    sector: Sector | None = None, company: Company | None = None,
                    prefetch: tuple = ()) -> tuple[PolicyFilterSet, object]:
    """(filterset, rows): the validated filters (`filterset.messages` says what was rejected)
    and the filtered, ordered, hydrated policies, without facets or pagination: what a CSV
    export or a feed needs. At most two queries before the rows (registry, search)."""
    scope, disabled, _ = _policy_scope(agency=agency, sector=sector, company=company)
    filterset = PolicyFilterSet(params, queryset=Policy.objects.filter(scope), disabled=disabled)
    rows = _rows(filterset, lambda rows: rows.for_list().prefetch_related(*prefetch))
    return filterset, _ordering(filterset, rows, "issued_on")


def search_policies_page(params: QueryDict, *, page_size: int = PAGE_SIZE,
                         agency: Agency | None = None, sector: Sector | None = None,
                         company: Company | None = None, prefetch: tuple = (),
                         count_other_kinds: bool = True) -> ListResults:
    """The faceted policy list: /policies/, and the policies of one agency, sector or company
    (that facet and parameter left out). `prefetch`: more relations for the rows (the JSON
    twin: companies). `count_other_kinds`: count the briefs and news matching `q` too.

    Queries, whatever the number of rows: registry lookup and search (when asked for), four
    facets (the type facet also gives the total), the page and its two prefetches, and with `q`
    the other kinds' counts (three): at most 12."""
    scope, disabled, phrase = _policy_scope(agency=agency, sector=sector, company=company)
    filterset = PolicyFilterSet(params, queryset=Policy.objects.filter(scope), disabled=disabled)
    rows = _rows(filterset, lambda rows: rows.for_list().prefetch_related(*prefetch))
    results = _list_results(
        filterset, rows, params, page_size=page_size,
        facet_specs=[spec for spec in POLICY_FACETS if spec.name not in disabled],
        total_from="type", noun=("policy", "policies"), scope_phrase=phrase,
        kind="policies" if count_other_kinds and not disabled else "", date_field="issued_on",
    )
    _snippets(results.rows, filterset.values.get("q"), "title", "chinese_title")
    return results


# --------------------------------------------------------------------------- news and briefs


def search_news_page(params: QueryDict, *, page_size: int = PAGE_SIZE,
                     count_other_kinds: bool = True) -> ListResults:
    """/news/: faceted by kind, agency, company and year."""
    filterset = NewsFilterSet(params, queryset=NewsItem.objects.all())
    rows = _rows(filterset, lambda rows: rows.select_related("brief")
                 .prefetch_related("agencies", "companies"))
    results = _list_results(
        filterset, rows, params, page_size=page_size, facet_specs=NEWS_FACETS,
        total_from="kind", noun=("news item", "news items"),
        kind="news" if count_other_kinds else "", date_field="date",
    )
    _snippets(results.rows, filterset.values.get("q"), "text")
    return results


def search_briefs_page(params: QueryDict, *, page_size: int = PAGE_SIZE,
                       count_other_kinds: bool = True) -> ListResults:
    """/briefs/: searchable, by publication date."""
    filterset = BriefFilterSet(params, queryset=Brief.objects.all())
    items = BriefItem.objects.filter(brief=OuterRef("pk")).order_by().values("brief")

    def hydrate(rows):
        return rows.defer("raw_text", "body").annotate(
            n_items=Coalesce(Subquery(items.annotate(n=Count("*")).values("n")), 0)
        )

    results = _list_results(
        filterset, _rows(filterset, hydrate), params, page_size=page_size,
        noun=("brief", "briefs"), kind="briefs" if count_other_kinds else "",
        date_field="published_on",
    )
    _snippets(results.rows, filterset.values.get("q"), "title")
    return results


# --------------------------------------------------------------------------- home


def home_summary() -> dict:
    """What the archive holds, the latest briefs, the busiest agencies and sectors, and policies
    per year: eight queries."""
    return {
        "counts": {
            "policies": Policy.objects.count(),
            "briefs": Brief.objects.count(),
            "agencies": PolicyAgency.objects.order_by().values("agency_id").distinct().count(),
            "news": NewsItem.objects.count(),
        },
        "latest_briefs": list(Brief.objects.defer("raw_text", "body")[:5]),
        "top_agencies": list(
            PolicyAgency.objects.values("agency__abbreviation", "agency__name", "agency__slug")
            .annotate(n=Count("*")).order_by("-n", "agency__abbreviation")[:10]
        ),
        "top_sectors": list(
            PolicySector.objects.values("sector__slug", "sector__name")
            .annotate(n=Count("*")).order_by("-n", "sector__name")[:10]
        ),
        "per_year": list(
            Policy.objects.filter(year__isnull=False).order_by("year").values("year")
            .annotate(n=Count("*")).values_list("year", "n")
        ),
    }


# --------------------------------------------------------------------------- registries


def agency_directory() -> list[tuple[str, list[Agency]]]:
    """[(kind label, agencies)] in the registry's order of kinds, each with `n` policies and
    `n_lead` led: one query."""
    agencies = Agency.objects.annotate(
        n=Count("policy_agencies"),
        n_lead=Count("policy_agencies", filter=Q(policy_agencies__position=0)),
    ).order_by("abbreviation")
    groups = {kind: [] for kind in AgencyKind.values}
    for agency in agencies:
        groups.setdefault(agency.kind, []).append(agency)
    labels = dict(AgencyKind.choices)
    return [(labels.get(kind, kind), members) for kind, members in groups.items() if members]


def sector_directory() -> list[Sector]:
    return list(Sector.objects.annotate(n=Count("policy_sectors")).order_by("name"))


def company_directory() -> list[Company]:
    policies = Policy.companies.through.objects.filter(company=OuterRef("pk")).order_by()
    news = NewsItem.companies.through.objects.filter(company=OuterRef("pk")).order_by()
    return list(Company.objects.annotate(
        n_policies=Coalesce(Subquery(policies.values("company").annotate(n=Count("*"))
                                     .values("n")), 0),
        n_news=Coalesce(Subquery(news.values("company").annotate(n=Count("*")).values("n")), 0),
    ).order_by("name"))


def co_issuers(agency: Agency, *, limit: int = 20) -> list[dict]:
    """The agencies that issued policies together with this one, and how often: one query."""
    together = PolicyAgency.objects.filter(agency=agency).values("policy_id")
    return list(
        PolicyAgency.objects.filter(policy_id__in=together).exclude(agency=agency)
        .values("agency__abbreviation", "agency__name", "agency__slug")
        .annotate(n=Count("*")).order_by("-n", "agency__abbreviation")[:limit]
    )


def latest_news(*, agency: Agency | None = None, company: Company | None = None,
                limit: int = 10) -> list[NewsItem]:
    news = NewsItem.objects.select_related("brief")
    if agency is not None:
        news = news.filter(pk__in=NewsItem.agencies.through.objects.filter(agency=agency)
                           .values("newsitem_id"))
    if company is not None:
        news = news.filter(pk__in=NewsItem.companies.through.objects.filter(company=company)
                           .values("newsitem_id"))
    return list(news[:limit])


# --------------------------------------------------------------------------- details


class DaysBetween(Func):
    """|a - b| in days for two dates, on SQLite and PostgreSQL."""

    output_field = FloatField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="ABS(julianday(%(expressions)s))",
                           arg_joiner=") - julianday(", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="ABS(%(expressions)s)",
                           arg_joiner=" - ", **extra)


def related_policies(policy: Policy, *, limit: int = 5) -> list[Policy]:
    """Policies sharing agencies or sectors with this one, most shared first, then nearest in
    time: one query (the policy's agencies and sectors must be prefetched)."""
    agency_ids = [pa.agency_id for pa in policy.policy_agencies.all()]
    sector_ids = [ps.sector_id for ps in policy.policy_sectors.all()]
    if not agency_ids and not sector_ids:
        return []

    def shared(model, field, ids):
        rows = model.objects.filter(policy=OuterRef("pk"), **{f"{field}__in": ids}).order_by()
        return Coalesce(Subquery(rows.values("policy").annotate(n=Count("*")).values("n")), 0,
                        output_field=IntegerField())

    related = (
        Policy.objects.exclude(pk=policy.pk)
        .filter(Q(pk__in=PolicyAgency.objects.filter(agency_id__in=agency_ids)
                  .values("policy_id"))
                | Q(pk__in=PolicySector.objects.filter(sector_id__in=sector_ids)
                    .values("policy_id")))
        .annotate(shared=shared(PolicyAgency, "agency_id", agency_ids)
                  + shared(PolicySector, "sector_id", sector_ids))
        .only("id", "title", "chinese_title", "slug", "issued_on", "document_type")
    )
    if policy.issued_on:
        related = related.annotate(
            distance=DaysBetween(F("issued_on"), Value(policy.issued_on))
        ).order_by("-shared", F("distance").asc(nulls_last=True), "-id")
    else:
        related = related.order_by("-shared", F("issued_on").desc(nulls_last=True), "-id")
    return list(related[:limit])


def web_links(links) -> list[dict]:
    """Source links safe to show as hrefs: http and https only."""
    safe = []
    for link in links or []:
        url = str(link.get("url", "")) if isinstance(link, dict) else str(link)
        try:
            scheme = urlsplit(url.strip()).scheme.lower()
        except ValueError:
            continue
        if scheme in ("http", "https"):
            safe.append({"url": url.strip(), "kind": link.get("kind", "")
                         if isinstance(link, dict) else ""})
    return safe


def policy_for_detail(pk: int) -> Policy:
    """The policy with everything its page shows; Policy.DoesNotExist if there is none."""
    return Policy.objects.for_detail().get(pk=pk)


def brief_for_detail(slug: str) -> Brief:
    """The whole brief: items (with their policies), news (with agencies and companies),
    the brief's agencies and companies. Brief.DoesNotExist if there is none."""
    return Brief.objects.prefetch_related(
        Prefetch("items", queryset=BriefItem.objects.select_related("policy")
                 .order_by("position")),
        Prefetch("news_items", queryset=NewsItem.objects.prefetch_related("agencies",
                                                                          "companies")
                 .order_by("position")),
        "agencies",
        "companies",
    ).get(slug=slug)



# --------------------------------------------------------------------------- exports and feeds


def filter_news(params: QueryDict, *, prefetch: tuple = ()) -> tuple[NewsFilterSet, object]:
    """(filterset, rows) for the news list, like `filter_policies`: the validated filters and
    every matching item, ordered, with its brief (less the brief's long texts), agencies and
    companies. For the CSV export."""
    filterset = NewsFilterSet(params, queryset=NewsItem.objects.all())
    rows = _rows(filterset, lambda rows: rows.select_related("brief")
                 .defer("brief__raw_text", "brief__body")
                 .prefetch_related("agencies", "companies", *prefetch))
    return filterset, _ordering(filterset, rows, "date")


def describe_policies(filterset: PolicyFilterSet, *, agency: Agency | None = None,
                      sector: Sector | None = None, company: Company | None = None) -> str:
    """'Policies issued by MIIT in Energy since 2024': the filters, without a count (feed
    titles)."""
    _, _, phrase = _policy_scope(agency=agency, sector=sector, company=company)
    return " ".join(["Policies", *filter(None, [phrase]),
                     *filter_phrases(filterset, CHOICES)])
