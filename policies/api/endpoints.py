"""The API's operations, with django-ninja: each declares its path, its answer's shape per status
(`schemas.py`) and its query parameters (generated from the list's FilterSet, `parameters.py`),
and that is what /api/openapi.json describes. The work is the pages' own: same selectors, same
parameters, same refusals.

Lists: {"count", "next", "previous", "results", "facets"} with absolute next/previous URLs.
A rejected or adjusted parameter answers 400, a page beyond the last 404, both as
{"error": ..., "errors": {parameter: [messages]}}. A registry record asked for by another of
its names answers 301 to its own URL. Every operation answers HEAD as it answers GET. A list
asked with a search (`q`) counts towards the client's settings.RATELIMITS["search_api"]; one
over it answers 429 with Retry-After and the same problem shape.
"""

from __future__ import annotations

import json

from django.http import HttpResponse, QueryDict
from ninja import NinjaAPI, Router, Status
from ninja.decorators import decorate_view
from ninja.renderers import JSONRenderer

from .. import intelligence, network, page_meta, reads
from ..listing import pages
from ..listing.filtersets import BriefFilterSet, NewsFilterSet, PolicyFilterSet, directory_messages
from ..listing.params import PAGE_SIZE, parse_page_size
from ..listing.results import ListResults, paginate
from ..models import Agency, Brief, Company, NewsItem, Policy, Sector
from ..ratelimits import Limit, limited, retry_after
from . import schemas, serialise
from .docs import ArchiveDocs
from .parameters import TARGET_PARAMETERS, list_parameters

DESCRIPTION = """The archive's records as JSON: policies, the agencies that issue them, sectors,
companies, briefs and news. Every list takes the same parameters as its HTML page (an unknown
or bad one answers 400 naming it and the closest valid one) and gives facet counts for every
filter; every record links to its permalink. Read-only, no key, CORS open for GET. The whole
archive as JSON Lines: /dump/archive.jsonl."""


class Renderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}  # Chinese as is, not \\u escapes


class ArchiveAPI(NinjaAPI):
    def get_content_type(self) -> str:
        return "application/json"  # UTF-8 by definition (RFC 8259): no charset parameter

    def get_openapi_schema(self, **kwargs):
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema["paths"].values():
            operations.pop("head", None)  # HEAD is GET without the body: said once, above
        return schema


api = ArchiveAPI(
    title="Policy Briefs Archive API", version="1", description=DESCRIPTION,
    urls_namespace="policies:api", docs=ArchiveDocs(), docs_url="/docs/",
    openapi_url="/openapi.json", renderer=Renderer(),
)
router = Router()

LIST_ANSWERS = {400: schemas.Problem, 404: schemas.Problem}
MOVED = {"301": {"description": "Another name of the record: redirects to its own URL."}}
SEARCHES = Limit("search_api", "API searches")


def _too_many(limit: Limit, seconds: int) -> HttpResponse:
    body = json.dumps({"error": limit.message(seconds), "errors": {}}, ensure_ascii=False)
    return retry_after(HttpResponse(body, content_type="application/json"), seconds)


def _searching(request) -> bool:
    return bool(request.GET.get("q", "").strip())


def get(path: str, *, name: str, response, parameters=None, moved=False, searched=False,
        **kwargs):
    """A read-only operation (GET and HEAD) named `name` (its URL name and operationId);
    `searched`: it takes `q`, and a request with one counts towards the search limit."""
    extra = {}
    if parameters is not None:
        extra["parameters"] = parameters
    if moved:
        extra["responses"] = MOVED
    if searched:
        response = {**response, 429: schemas.Problem}
    operation = router.api_operation(["GET", "HEAD"], path, url_name=name, operation_id=name,
                                     response=response, openapi_extra=extra or None, **kwargs)
    if not searched:
        return operation
    guard = decorate_view(limited(SEARCHES, when=_searching, refusal=_too_many))
    return lambda view: operation(guard(view))


# --------------------------------------------------------------------------- answers


def _problem(error: str, errors: dict[str, list[str]], *, status: int) -> Status:
    return Status(status, {"error": error, "errors": errors})


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


def _refusal(messages: dict[str, list[str]], missing: str) -> Status | None:
    if messages:
        names = ", ".join(sorted(messages))
        return _problem(f"Invalid query parameters: {names}.", messages, status=400)
    if missing:
        return _problem("No such page.", {"page": [missing]}, status=404)
    return None


def _answer(request, results: ListResults, serialiser, **extra):
    refusal = _refusal(results.messages, results.page_missing)
    if refusal:
        return refusal
    rows = [serialiser(request, row) for row in results.rows]
    return {**extra, **_listing(request, results.page, results.state, results.page_size, rows,
                                results.facets)}


def _static_list(request, items: list, serialiser):
    """A registry list (agencies, sectors, companies): paginated the same way, no facets."""
    page_size, size_errors = parse_page_size(request.GET)
    page, page_errors, missing = paginate(items, request.GET, page_size=page_size)
    messages = {k: v for k, v in {"page": page_errors, "page_size": size_errors}.items() if v}
    messages.update(directory_messages(request.GET))
    refusal = _refusal(messages, missing)
    if refusal:
        return refusal
    rows = [serialiser(request, item) for item in page.object_list]
    return _listing(request, page, QueryDict(mutable=True), page_size, rows)


def _registry_record(request, model, slug, url_name):
    """(record, None), or (None, a 301 to its own URL or a 404), as the pages do."""
    record, own = reads.by_slug_or_name(model.objects.all(), slug)
    if record is None:
        return None, _problem(f"No such {model._meta.verbose_name}.", {}, status=404)
    if not own:
        return None, page_meta.moved_permanently(request, url_name, record.slug)
    return record, None


def _policies_of(request, **fixed):
    return pages.search_policies_page(request.GET, lean=True, companies=True, snippets=False,
                                      **fixed)


# --------------------------------------------------------------------------- operations


@get("/policies/", name="policy-list", response={200: schemas.PolicyList, **LIST_ANSWERS},
     parameters=list_parameters(PolicyFilterSet),
     searched=True, tags=["policies"])
def policy_list(request):
    """Policies: filtered, searched, sorted and paged as on /policies/, with facet counts."""
    results = pages.search_policies_page(request.GET, lean=True, companies=True,
                                         count_other_kinds=False, snippets=False)
    return _answer(request, results, serialise.policy_row_json)


@get("/policies/{int:pk}/", name="policy-detail",
     response={200: schemas.PolicyDetailOut, 404: schemas.Problem}, tags=["policies"])
def policy_detail(request, pk: int):
    """One policy, with the briefs that discuss it and its sources."""
    try:
        policy = reads.policy_for_detail(pk)
    except Policy.DoesNotExist:
        return _problem("No such policy.", {}, status=404)
    return serialise.policy_detail_json(request, policy)


@get("/agencies/", name="agency-list", response={200: schemas.AgencyList, **LIST_ANSWERS},
     parameters=list_parameters(), tags=["agencies"])
def agency_list(request):
    """Every agency, grouped as on /agencies/, with its policy counts."""
    agencies = [agency for _, members in reads.agency_directory() for agency in members]
    return _static_list(request, agencies, serialise.agency_json)


@get("/agencies/{slug:slug}/", name="agency-detail",
     response={200: schemas.AgencyPolicies, **LIST_ANSWERS}, moved=True,
     parameters=list_parameters(PolicyFilterSet, fixed=("agency",)),
     searched=True, tags=["agencies"])
def agency_detail(request, slug: str):
    """An agency (by slug, abbreviation or name), the bodies under it, its co-issuers and its
    policies, filtered as on its page."""
    agency, answer = _registry_record(request, Agency, slug, "policies:api:agency-detail")
    if answer:
        return answer
    results = _policies_of(request, agency=agency)
    return _answer(request, results, serialise.policy_row_json,
                   agency=serialise.agency_json(request, agency),
                   subordinates=[serialise.agency_ref(body) for body in reads.subordinates(agency)],
                   co_issuers=[serialise.co_issuer_json(row) for row in reads.co_issuers(agency)])


@get("/sectors/", name="sector-list", response={200: schemas.SectorList, **LIST_ANSWERS},
     parameters=list_parameters(), tags=["sectors"])
def sector_list(request):
    """Every sector with its policy count."""
    return _static_list(request, reads.sector_directory(), serialise.sector_json)


@get("/sectors/{slug:slug}/", name="sector-detail",
     response={200: schemas.SectorPolicies, **LIST_ANSWERS}, moved=True,
     parameters=list_parameters(PolicyFilterSet, fixed=("sector",)),
     searched=True, tags=["sectors"])
def sector_detail(request, slug: str):
    """A sector and its policies, filtered as on its page."""
    sector, answer = _registry_record(request, Sector, slug, "policies:api:sector-detail")
    if answer:
        return answer
    results = _policies_of(request, sector=sector)
    return _answer(request, results, serialise.policy_row_json,
                   sector=serialise.sector_json(request, sector))


@get("/companies/", name="company-list", response={200: schemas.CompanyList, **LIST_ANSWERS},
     parameters=list_parameters(), tags=["companies"])
def company_list(request):
    """Every company named in a policy or news item, with its counts."""
    return _static_list(request, reads.company_directory(), serialise.company_json)


@get("/companies/{slug:slug}/", name="company-detail",
     response={200: schemas.CompanyPolicies, **LIST_ANSWERS}, moved=True,
     parameters=list_parameters(PolicyFilterSet, fixed=("company",)),
     searched=True, tags=["companies"])
def company_detail(request, slug: str):
    """A company, its latest news and the policies naming it, filtered as on its page."""
    company, answer = _registry_record(request, Company, slug, "policies:api:company-detail")
    if answer:
        return answer
    results = _policies_of(request, company=company)
    news = [serialise.news_json(request, item) for item in reads.latest_news(company=company)]
    return _answer(request, results, serialise.policy_row_json,
                   company=serialise.company_json(request, company), latest_news=news)


@get("/briefs/", name="brief-list", response={200: schemas.BriefList, **LIST_ANSWERS},
     parameters=list_parameters(BriefFilterSet),
     searched=True, tags=["briefs"])
def brief_list(request):
    """Briefs: searched (their text and the titles of the policies they discuss), dated, paged."""
    results = pages.search_briefs_page(request.GET, count_other_kinds=False, snippets=False)
    return _answer(request, results, serialise.brief_json)


@get("/briefs/{slug:slug}/", name="brief-detail",
     response={200: schemas.BriefDetailOut, 404: schemas.Problem}, tags=["briefs"])
def brief_detail(request, slug: str):
    """One brief: its items (each linked to its policy), its news and, for articles, the text."""
    try:
        brief = reads.brief_for_detail(slug)
    except Brief.DoesNotExist:
        return _problem("No such brief.", {}, status=404)
    return serialise.brief_detail_json(request, brief)


@get("/news/", name="news-list", response={200: schemas.NewsList, **LIST_ANSWERS},
     parameters=list_parameters(NewsFilterSet),
     searched=True, tags=["news"])
def news_list(request):
    """Short policy and corporate news from the briefs, filtered as on /news/."""
    results = pages.search_news_page(request.GET, count_other_kinds=False)
    return _answer(request, results, serialise.news_json)


@get("/news/{int:pk}/", name="news-detail",
     response={200: schemas.NewsOut, 404: schemas.Problem}, tags=["news"])
def news_detail(request, pk: int):
    """One news item."""
    item = (NewsItem.objects.select_related("brief").prefetch_related("agencies", "companies")
            .filter(pk=pk).first())
    if item is None:
        return _problem("No such news item.", {}, status=404)
    return serialise.news_json(request, item)


@get("/network/", name="network", response={200: schemas.NetworkOut, 400: schemas.Problem},
     parameters=[], tags=["agencies"])
def network_edges(request):
    """The co-issuance network: every pair of agencies that issued policies together, per
    year, with how many."""
    messages = directory_messages(request.GET)
    if messages:
        return _problem(f"Invalid query parameters: {', '.join(sorted(messages))}.", messages,
                        status=400)
    edges = [edge.as_json() for edge in network.archive_edges()]
    return {"count": len(edges), "results": edges}


@get("/agencies/{slug:slug}/network/", name="agency-network",
     response={200: schemas.AgencyNetworkOut, 400: schemas.Problem, 404: schemas.Problem},
     moved=True, parameters=[], tags=["agencies"])
def agency_network(request, slug: str):
    """An agency's co-issuers per year, with how many policies each issued with it."""
    agency, answer = _registry_record(request, Agency, slug, "policies:api:agency-network")
    if answer:
        return answer
    messages = directory_messages(request.GET)
    if messages:
        return _problem(f"Invalid query parameters: {', '.join(sorted(messages))}.", messages,
                        status=400)
    edges = [edge.as_json() for edge in network.agency_network(agency).edges]
    return {"count": len(edges), "results": edges, "agency": serialise.agency_ref(agency)}


@get("/targets/", name="target-list", response={200: schemas.TargetList, **LIST_ANSWERS},
     parameters=TARGET_PARAMETERS, tags=["targets"])
def target_list(request):
    """The quantitative targets policies state, filtered by target year (`year`), sector
    (`sector`, slug) and agency (`agency`, abbreviation) as on /targets/, with facet counts."""
    results = intelligence.search_targets_page(request.GET)
    return _answer(request, results, serialise.policy_target_json)


api.add_router("/", router)
