"""The list selectors, one keyword-only function per list, shared by the HTML pages, the JSON
twin, the CSV exports and the feeds.

A page selector takes the query string (`params`, a QueryDict: filters, `page`, `page_size`)
and returns a `ListResults`; a
`filter_*` selector returns (filterset, rows) without facets or pagination, for exports and
feeds. Every list runs a fixed number of queries whatever its size.
"""

from __future__ import annotations

from django.db.models import CharField, Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.utils.functional import SimpleLazyObject

from ..models import Agency, Brief, BriefItem, Company, NewsItem, Policy, Sector
from ..search.analysis import flatten
from ..search.snippets import snippet
from .facets import compute_facets
from .filtersets import BriefFilterSet, ListFilterSet, NewsFilterSet, PolicyFilterSet
from .histogram import histogram
from .index import Unsupported, policies_index
from .params import PAGE_SIZE, parse_page_size
from .results import (
    HydratedRows,
    IndexedRows,
    ListResults,
    chips,
    hydrated_by,
    paginate,
    suggestions,
)
from .rows import policy_rows, with_companies
from .sentence import describe, filter_phrases

SEARCHED = {"policies": Policy, "briefs": Brief, "news": NewsItem}


def search_counts(filterset: ListFilterSet, *, skip: str, index=None) -> dict[str, int]:
    """{"briefs": n, "news": n} matching the list's search, less the list's own kind: one
    UNION of counts (the search is already prepared), remembered by the facet index for its
    data version."""
    if index is not None:
        search = filterset.search
        return index.remembered(("search_counts", skip, search.positive, search.negatives),
                                lambda: search_counts(filterset, skip=skip))
    parts = [
        model.objects.search(filterset.search).order_by()
        .annotate(record=Value(kind, output_field=CharField()))
        .values("record").annotate(n=Count("*")).values_list("record", "n")
        for kind, model in SEARCHED.items() if kind != skip
    ]
    counts = {kind: 0 for kind in SEARCHED if kind != skip}
    counts.update(dict(parts[0].union(*parts[1:], all=True)))
    return counts


def _snippets(rows, q: str | None, *fields: str) -> None:
    """Set `<field>_segments` on each row: the whole text as [(text, is_match)] segments when
    searching, else None."""
    for row in rows:
        for name in fields:
            text = getattr(row, name) or ""
            segments = snippet(text, q, length=len(text)) if q and text else None
            setattr(row, f"{name}_segments", segments or None)


def _match_snippets(rows, q: str | None, texts) -> None:
    """Set `match_segments` on each row: ~200 characters around the first match of q in the
    first of its texts (`texts(pks)` -> {pk: [text]}, one query) that shows one, else None: why
    a row whose title does not match was found."""
    for row in rows:
        row.match_segments = None
    if not q or not rows:
        return
    found = texts([row.pk for row in rows])
    for row in rows:
        for text in found.get(row.pk, ()):
            segments = snippet(text, q)
            if any(is_match for _, is_match in segments):
                row.match_segments = segments
                break


def _grouped_texts(rows) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = {}
    for pk, *texts in rows:
        grouped.setdefault(pk, []).extend(t for t in flatten(texts) if t)
    return grouped


def _policy_texts(pks) -> dict[int, list[str]]:
    """What the briefs say about each policy: summaries, key points, comments."""
    return _grouped_texts(BriefItem.objects.filter(policy_id__in=pks)
                          .order_by("brief__published_on", "position")
                          .values_list("policy_id", "summary", "key_points", "comment"))


def _brief_texts(pks) -> dict[int, list[str]]:
    """A brief's items (headline, summary, comment) and, for an article, its body."""
    return _grouped_texts(Brief.objects.filter(pk__in=pks).order_by("pk").values_list(
        "pk", "items__headline", "items__summary", "items__comment", "body"))


def _indexed_rows(filterset: ListFilterSet, index, hydrate) -> IndexedRows | None:
    """The rows by the facet index, or None when it cannot evaluate a filter (SQL then)."""
    if index is None:
        return None
    try:
        found = filterset.filter_positions(index)
        search = filterset.search
        hits = (index.search(search) if filterset.sort == "relevance" and search is not None
                and search.positive is not None else None)
    except Unsupported:
        return None
    return IndexedRows(index, found, sort=filterset.sort, hits=hits, hydrate=hydrate)


def _list_results(filterset: ListFilterSet, rows, params, *, total_from="", noun,
                  scope_phrase="", kind="", indexed: IndexedRows | None = None,
                  page_rows=None) -> ListResults:
    """Facets, page, sentence, chips, suggestions and other kinds' search counts for a list.

    `total_from`: a facet over a single-valued, non-null column (policies: type; news: kind)
    whose counts add up to the number of rows (all of them, or the selected ones when the facet
    has a selection), which saves the paginator's COUNT query. `kind`: the list's kind of
    record, to count the others matching `q` ("3 briefs, 5 news items match"); "" for lists
    inside an agency, sector or company, which leave that out. `indexed`: the rows as the facet
    index selects them; the facets, counts, suggestions and histogram then come from it too.
    `page_rows`: what the page is cut from without the index (default: `rows`).
    """
    index = indexed.index if indexed is not None else None
    page_size, size_messages = parse_page_size(params)
    state = filterset.state()
    if page_size != PAGE_SIZE:  # every link of the list keeps it
        state["page_size"] = str(page_size)
    facets = compute_facets(filterset, state, index=index)
    total = None
    for facet in facets:
        if facet.name == total_from:
            total = sum(value.count for value in facet.selected or facet.values)
    if indexed is not None:
        total = indexed.count()
    if indexed is not None:
        page_rows = indexed
    page, page_messages, missing = paginate(rows if page_rows is None else page_rows, params,
                                            page_size=page_size, count=total)
    messages = dict(filterset.messages)
    for name, found in (("page", page_messages), ("page_size", size_messages)):
        if found:
            messages[name] = found
    results = ListResults(filterset=filterset, queryset=rows, page=page, state=state,
                          messages=messages, page_missing=missing, facets=facets,
                          page_size=page_size)
    results.sentence = describe(results.count, noun, filterset, scope=scope_phrase)
    results.chips = chips(filterset, state)
    results.histogram = histogram(filterset, facets, state, noun=noun, index=index)
    if results.count == 0:
        results.suggestions = suggestions(filterset, state, index=index)
    if filterset.search and filterset.values.get("q") and kind:
        results.search_counts = search_counts(filterset, skip=kind, index=index)
    return results


# --------------------------------------------------------------------------- policies


def _policy_scope(*, agency=None, sector=None, company=None) -> tuple[dict, str]:
    """(fixed filter values, phrase) for a list inside an agency, sector or company."""
    filters = PolicyFilterSet.base_filters
    if agency is not None:
        return {"agency": [filters["agency"].entry(agency)]}, f"issued by {agency.abbreviation}"
    if sector is not None:
        return {"sector": [filters["sector"].entry(sector)]}, f"in {sector.name}"
    if company is not None:
        return {"company": [filters["company"].entry(company)]}, f"naming {company.name}"
    return {}, ""


def filter_policies(params: QueryDict, *, agency: Agency | None = None,
                    sector: Sector | None = None, company: Company | None = None,
                    prefetch: tuple = (), hydrated: bool = True) -> tuple[PolicyFilterSet, object]:
    """(filterset, rows): the validated filters (`filterset.messages` says what was rejected)
    and the filtered, ordered, hydrated policies, without facets or pagination: what a CSV
    export or a feed needs (`hydrated=False`: without the prefetches, for a caller that reads
    tuples). At most two queries before the rows (registry, search)."""
    fixed, _ = _policy_scope(agency=agency, sector=sector, company=company)
    filterset = PolicyFilterSet(params, queryset=Policy.objects.all(), fixed=fixed)
    if not hydrated:
        return filterset, filterset.qs
    return filterset, filterset.qs.for_list().prefetch_related(*prefetch)


def search_policies_page(params: QueryDict, *,
                         agency: Agency | None = None, sector: Sector | None = None,
                         company: Company | None = None,
                         count_other_kinds: bool = True, snippets: bool = True,
                         lean: bool = False, companies: bool = False) -> ListResults:
    """The faceted policy list: /policies/, and the policies of one agency, sector or company
    (that facet and parameter left out). `count_other_kinds`: count the briefs and news
    matching `q` too.
    `snippets`: with `q`, the stretch of each row's brief texts that matched (one query).
    `lean`: the page's rows as `rows.PolicyRow`s (what the HTML lists show, read as tuples)
    instead of model instances with their prefetches, and `companies` reads the rows'
    companies too (one query: the JSON twin shows them).

    Queries, whatever the number of rows: registry lookup and search (when asked for), four
    facets (the type facet also gives the total), the page and its two prefetches, and with `q`
    the other kinds' counts: at most 10. With the facet index (index.py): the data version, the
    registry lookup, the search's hits (once per search and data version), the page and its
    prefetches; no facet query."""
    fixed, phrase = _policy_scope(agency=agency, sector=sector, company=company)
    filterset = PolicyFilterSet(params, queryset=Policy.objects.all(), fixed=fixed)

    def lean_rows(ids):
        return with_companies(policy_rows(ids)) if companies else policy_rows(ids)

    hydrate = (lean_rows if lean
               else hydrated_by(Policy.objects.for_list()))
    indexed = _indexed_rows(filterset, policies_index.get(), hydrate)

    def filtered():
        return filterset.qs.for_list()

    # results.queryset, built only if read: the index cuts its page without it
    rows = SimpleLazyObject(filtered)
    page_rows = None
    if indexed is None:
        page_rows = HydratedRows(filterset.qs, lean_rows) if lean else filtered()
    results = _list_results(
        filterset, rows, params, total_from="type",
        noun=("policy", "policies"), scope_phrase=phrase,
        kind="policies" if count_other_kinds and not fixed else "", indexed=indexed,
        page_rows=page_rows,
    )
    _snippets(results.rows, filterset.values.get("q"), "title", "chinese_title")
    if snippets:
        _match_snippets(results.rows, filterset.values.get("q"), _policy_texts)
    return results


def describe_policies(filterset: PolicyFilterSet, *, agency: Agency | None = None,
                      sector: Sector | None = None, company: Company | None = None) -> str:
    """'Policies issued by MIIT in Energy since 2024': the filters, without a count (feed
    titles)."""
    _, phrase = _policy_scope(agency=agency, sector=sector, company=company)
    return " ".join(["Policies", *filter(None, [phrase]), *filter_phrases(filterset)])


# --------------------------------------------------------------------------- news and briefs


def filter_news(params: QueryDict, *, prefetch: tuple = ()) -> tuple[NewsFilterSet, object]:
    """(filterset, rows) for the news list, like `filter_policies`: every matching item,
    ordered, with its brief (less the brief's long texts), agencies and companies."""
    filterset = NewsFilterSet(params, queryset=NewsItem.objects.all())
    rows = (filterset.qs.select_related("brief").defer("brief__raw_text", "brief__body")
            .prefetch_related("agencies", "companies", *prefetch))
    return filterset, rows


def search_news_page(params: QueryDict, *,
                     count_other_kinds: bool = True) -> ListResults:
    """/news/: faceted by kind, agency, company and year."""
    filterset = NewsFilterSet(params, queryset=NewsItem.objects.all())
    rows = filterset.qs.select_related("brief").prefetch_related("agencies", "companies")
    results = _list_results(
        filterset, rows, params, total_from="kind",
        noun=("news item", "news items"), kind="news" if count_other_kinds else "",
    )
    _snippets(results.rows, filterset.values.get("q"), "text")
    return results


def filter_briefs(params: QueryDict) -> tuple[BriefFilterSet, object]:
    """(filterset, rows) for the brief list, like `filter_policies`: every matching brief,
    ordered, less its long texts, with its number of items."""
    filterset = BriefFilterSet(params, queryset=Brief.objects.all())
    items = BriefItem.objects.filter(brief=OuterRef("pk")).order_by().values("brief")
    rows = filterset.qs.defer("raw_text", "body").annotate(
        n_items=Coalesce(Subquery(items.annotate(n=Count("*")).values("n")), 0))
    return filterset, rows


def search_briefs_page(params: QueryDict, *, count_other_kinds: bool = True,
                       snippets: bool = True) -> ListResults:
    """/briefs/: searchable, by publication date."""
    filterset, rows = filter_briefs(params)
    results = _list_results(
        filterset, rows, params, noun=("brief", "briefs"),
        kind="briefs" if count_other_kinds else "",
    )
    _snippets(results.rows, filterset.values.get("q"), "title")
    if snippets:
        _match_snippets(results.rows, filterset.values.get("q"), _brief_texts)
    return results

