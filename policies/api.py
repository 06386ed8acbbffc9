"""The JSON twin of the public pages: same selectors, same parameters.

Lists: {"count", "next", "previous", "results", "facets"} with absolute next/previous URLs.
A rejected or adjusted parameter answers 400, a page beyond the last 404, both as
{"error": ..., "errors": {parameter: [messages]}}.
"""

from __future__ import annotations

from django.http import JsonResponse, QueryDict

from . import page_meta, reads
from .listing import pages
from .listing.filtersets import directory_messages
from .listing.params import PAGE_SIZE, parse_page_size
from .listing.results import ListResults, paginate
from .models import Agency, Brief, Company, NewsItem, Policy, Sector


def _json(data, *, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _problem(error: str, errors: dict[str, list[str]], *, status: int) -> JsonResponse:
    return _json({"error": error, "errors": errors}, status=status)


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _page_url(request, state, page_size: int, number: int) -> str:
    query = state.copy()
    if page_size != PAGE_SIZE:
        query["page_size"] = str(page_size)
    if number > 1:
        query["page"] = str(number)
    encoded = query.urlencode()
    return request.build_absolute_uri(request.path + (f"?{encoded}" if encoded else ""))


def _listing(request, page, state, page_size, results: list, facets=()) -> dict:
    return {
        "count": page.paginator.count,
        "next": _page_url(request, state, page_size, page.next_page_number())
        if page.has_next() else None,
        "previous": _page_url(request, state, page_size, page.previous_page_number())
        if page.has_previous() else None,
        "results": results,
        "facets": {facet.name: [value.as_json() for value in facet.values] for facet in facets},
    }


def _refusal(messages: dict[str, list[str]], missing: str) -> JsonResponse | None:
    if messages:
        names = ", ".join(sorted(messages))
        return _problem(f"Invalid query parameters: {names}.", messages, status=400)
    if missing:
        return _problem("No such page.", {"page": [missing]}, status=404)
    return None


def _answer(request, results: ListResults, serialise, **extra):
    refusal = _refusal(results.messages, results.page_missing)
    if refusal:
        return refusal
    rows = [serialise(request, row) for row in results.rows]
    listing = _listing(request, results.page, results.state, results.page_size, rows,
                       results.facets)
    return _json({**extra, **listing})


def _static_list(request, items: list, serialise):
    """A registry list (agencies, sectors, companies): paginated the same way, no facets."""
    page_size, size_errors = parse_page_size(request.GET)
    page, page_errors, missing = paginate(items, request.GET, page_size=page_size)
    messages = {k: v for k, v in {"page": page_errors, "page_size": size_errors}.items() if v}
    messages.update(directory_messages(request.GET))
    refusal = _refusal(messages, missing)
    if refusal:
        return refusal
    rows = [serialise(request, item) for item in page.object_list]
    return _json(_listing(request, page, QueryDict(mutable=True), page_size, rows))


# --------------------------------------------------------------------------- serialisers


def agency_ref(agency) -> dict:
    return {"abbreviation": agency.abbreviation, "name": agency.name, "slug": agency.slug}


def policy_json(request, policy: Policy) -> dict:
    return {
        "id": policy.pk,
        "url": request.build_absolute_uri(policy.get_absolute_url()),
        "title": policy.title,
        "chinese_title": policy.chinese_title,
        "date": _date(policy.issued_on),
        "document_type": policy.document_type,
        "agencies": [agency_ref(pa.agency) for pa in policy.policy_agencies.all()],
        "sectors": [{"slug": ps.sector.slug, "name": ps.sector.name}
                    for ps in policy.policy_sectors.all()],
        "companies": [{"slug": c.slug, "name": c.name} for c in policy.companies.all()],
        "needs_review": policy.needs_review,
    }


def policy_detail_json(request, policy: Policy) -> dict:
    return {
        **policy_json(request, policy),
        "briefs": [
            {
                "title": item.brief.title,
                "date": _date(item.brief.published_on),
                "url": request.build_absolute_uri(item.get_absolute_url()),
                "headline": item.headline,
                "summary": item.summary,
                "key_points": item.key_points,
                "comment": item.comment,
            }
            for item in policy.brief_items.all()
        ],
        "source_urls": [link["url"] for link in reads.web_links(policy.source_links)],
    }


def agency_json(request, agency) -> dict:
    return {
        **agency_ref(agency),
        "chinese_name": agency.chinese_name,
        "kind": agency.kind,
        "url": request.build_absolute_uri(agency.get_absolute_url()),
        "policies": getattr(agency, "n", None),
        "policies_led": getattr(agency, "n_lead", None),
    }


def sector_json(request, sector) -> dict:
    return {"slug": sector.slug, "name": sector.name,
            "url": request.build_absolute_uri(sector.get_absolute_url()),
            "policies": getattr(sector, "n", None)}


def company_json(request, company) -> dict:
    return {"slug": company.slug, "name": company.name, "country": company.country,
            "url": request.build_absolute_uri(company.get_absolute_url()),
            "policies": getattr(company, "n_policies", None),
            "news_items": getattr(company, "n_news", None)}


def brief_json(request, brief) -> dict:
    return {"slug": brief.slug, "url": request.build_absolute_uri(brief.get_absolute_url()),
            "title": brief.title, "publisher": brief.publisher, "series": brief.series,
            "kind": brief.kind, "date": _date(brief.published_on),
            "items": getattr(brief, "n_items", None)}


def news_json(request, item) -> dict:
    return {
        "id": item.pk,
        "url": request.build_absolute_uri(item.get_absolute_url()),
        "date": _date(item.date),
        "kind": item.kind,
        "text": item.text,
        "sources": item.sources,
        "brief": {"title": item.brief.title,
                  "url": request.build_absolute_uri(item.brief.get_absolute_url())},
        "agencies": [agency_ref(a) for a in item.agencies.all()],
        "companies": [{"slug": c.slug, "name": c.name} for c in item.companies.all()],
    }


# --------------------------------------------------------------------------- views


def policy_list(request):
    results = pages.search_policies_page(request.GET, prefetch=("companies",),
                                         count_other_kinds=False, snippets=False)
    return _answer(request, results, policy_json)


def policy_detail(request, pk):
    try:
        policy = reads.policy_for_detail(pk)
    except Policy.DoesNotExist:
        return _problem("No such policy.", {}, status=404)
    return _json(policy_detail_json(request, policy))


def agency_list(request):
    agencies = [agency for _, members in reads.agency_directory() for agency in members]
    return _static_list(request, agencies, agency_json)


def agency_detail(request, slug):
    agency, answer = _registry_record(request, Agency, slug, "policies:api-agency-detail")
    if answer:
        return answer
    results = pages.search_policies_page(request.GET, agency=agency, prefetch=("companies",),
                                         snippets=False)
    co_issuers = [
        {"abbreviation": row["agency__abbreviation"], "name": row["agency__name"],
         "slug": row["agency__slug"], "count": row["n"]}
        for row in reads.co_issuers(agency)
    ]
    subordinates = [agency_ref(body) for body in reads.subordinates(agency)]
    return _answer(request, results, policy_json, agency=agency_json(request, agency),
                   subordinates=subordinates, co_issuers=co_issuers)


def _registry_record(request, model, slug, url_name):
    """(record, None), or (None, a 301 to its own URL or a 404), as the pages do."""
    record, own = reads.by_slug_or_name(model.objects.all(), slug)
    if record is None:
        return None, _problem(f"No such {model._meta.verbose_name}.", {}, status=404)
    if not own:
        return None, page_meta.moved_permanently(request, url_name, record.slug)
    return record, None


def sector_list(request):
    return _static_list(request, reads.sector_directory(), sector_json)


def sector_detail(request, slug):
    sector, answer = _registry_record(request, Sector, slug, "policies:api-sector-detail")
    if answer:
        return answer
    results = pages.search_policies_page(request.GET, sector=sector, prefetch=("companies",),
                                         snippets=False)
    return _answer(request, results, policy_json, sector=sector_json(request, sector))


def company_list(request):
    return _static_list(request, reads.company_directory(), company_json)


def company_detail(request, slug):
    company, answer = _registry_record(request, Company, slug, "policies:api-company-detail")
    if answer:
        return answer
    results = pages.search_policies_page(request.GET, company=company, prefetch=("companies",),
                                         snippets=False)
    news = [news_json(request, item) for item in reads.latest_news(company=company)]
    return _answer(request, results, policy_json, company=company_json(request, company),
                   latest_news=news)


def brief_list(request):
    results = pages.search_briefs_page(request.GET, count_other_kinds=False, snippets=False)
    return _answer(request, results, brief_json)


def brief_detail(request, slug):
    try:
        brief = reads.brief_for_detail(slug)
    except Brief.DoesNotExist:
        return _problem("No such brief.", {}, status=404)
    return _json({
        **brief_json(request, brief),
        "authors": brief.authors, "topics": brief.topics,
        "period": {"start": _date(brief.period_start), "end": _date(brief.period_end)},
        "agencies": [agency_ref(a) for a in brief.agencies.all()],
        "companies": [{"slug": c.slug, "name": c.name} for c in brief.companies.all()],
        "body": brief.body,
        "items": [{"position": item.position, "headline": item.headline,
                   "summary": item.summary, "key_points": item.key_points,
                   "comment": item.comment,
                   "policy": {"id": item.policy.pk, "title": item.policy.title,
                              "url": request.build_absolute_uri(item.policy.get_absolute_url())}
                   if item.policy else None}
                  for item in brief.items.all()],
        "news": [{**news_json(request, item), "brief": None} for item in brief.news_items.all()],
    })


def news_list(request):
    results = pages.search_news_page(request.GET, count_other_kinds=False)
    return _answer(request, results, news_json)


def news_detail(request, pk):
    item = (NewsItem.objects.select_related("brief").prefetch_related("agencies", "companies")
            .filter(pk=pk).first())
    if item is None:
        return _problem("No such news item.", {}, status=404)
    return _json(news_json(request, item))
