"""Public pages: thin wiring from request to selector to template.

List pages answer 400 when a query parameter was rejected or adjusted and 404 for a page beyond
the last, and render the page either way (with what could be used, and the reasons near the
form); see `ListResults.status`. Each page's head (canonical URL, description, OpenGraph,
JSON-LD, feed links) comes from `page_meta`; the lists link their CSV export and Atom feed.
"""

from __future__ import annotations

from itertools import chain

from django.contrib import messages
from django.http import (
    Http404,
    HttpResponse,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import dump, intelligence, network, page_meta, reads, response_cache
from .alerts import signup
from .alerts.tokens import LinkError
from .citations import SITE_NAME, bibtex_citation, plain_citation, ris_citation
from .editorial.problem_reports import REPORTABLE, ReportForm, save_report, throttled
from .listing import pages
from .models import Agency, Brief, Company, Policy, Sector
from .page_meta import Link, url_with_query
from .ratelimits import Limit, limited, retry_after
from .timeline import timeline


def _list(request, template, results, *, fragment: str, list_title: str, **context):
    """A list page; for htmx's in-place updates (an HX-Request that is not restoring a page
    missing from its history) only `fragment`, the filters and results it swaps, and the title.
    Both have the same queries and vary on the header, so no cache serves one for the other."""
    context.update(results=results, list_title=list_title, fragment=fragment)
    partial = (request.headers.get("HX-Request") == "true"
               and not request.headers.get("HX-History-Restore-Request"))
    response = render(request, "includes/_browse_partial.html" if partial else template,
                      context, status=results.status)
    patch_vary_headers(response, ["HX-Request", "HX-History-Restore-Request"])
    return response


def registry_names(request, kind: str):
    """The names of the registry's companies (or agencies, sectors) for a picker's
    autocomplete: the same for everyone, so cached by the browser and any shared cache."""
    names = reads.registry_names(kind)
    if names is None:
        raise Http404("No such list of names.")
    response = JsonResponse({"names": names})
    patch_cache_control(response, public=True, max_age=3600)
    return response


def _policy_links(results, *, feed: str, noun: str, **scope) -> dict:
    """The CSV export and Atom feed of a policy list, keeping its filters; `scope` is the page's
    own record (agency=abbreviation, sector=slug or company=slug), a filter of the export."""
    feed_url = url_with_query(feed, results.state, drop=("sort", "page_size"))
    return {
        "export_url": url_with_query(reverse("policies:policy-export"), results.state,
                                     drop=("page_size",), **scope),
        "feed_url": feed_url,
        "feeds": [Link(f"{noun} · {SITE_NAME}", feed_url)],
    }


@response_cache.exempt  # kept by the shared read cache
def home(request):
    summary = reads.home_summary()
    summary["timeline"] = timeline(summary["per_year"])
    summary["meta"] = page_meta.home(request)
    return render(request, "policies/home.html", summary)


def policy_list(request):
    results = pages.search_policies_page(request.GET, lean=True)
    links = _policy_links(results, feed=reverse("policies:policy-feed"),
                          noun="These policies (Atom)")
    meta = page_meta.listing(request, results, title="Policies", feeds=links["feeds"])
    return _list(request, "policies/policy_list.html", results,
                 fragment="includes/_policy_browse.html",
                 list_title="Policies", meta=meta, **links)


def policy_detail(request, pk, slug=None):
    try:
        policy = reads.policy_for_detail(pk)
    except Policy.DoesNotExist:
        raise Http404("No such policy.") from None
    if slug != policy.slug:
        return redirect(policy, permanent=True)
    url = request.build_absolute_uri(policy.get_absolute_url())
    accessed = timezone.localdate()
    context = {
        "policy": policy,
        "canonical_url": url,
        "meta": page_meta.policy(request, policy, url),
        "json_url": reverse("policies:api:policy-detail", kwargs={"pk": policy.pk}),
        "bib_url": reverse("policies:policy-cite-bib", kwargs={"pk": policy.pk}),
        "ris_url": reverse("policies:policy-cite-ris", kwargs={"pk": policy.pk}),
        "sources": reads.web_links(policy.source_links),
        "related": reads.related_policies(policy),
        "citation": plain_citation(policy, url, accessed=accessed),
        "bibtex": bibtex_citation(policy, url, accessed=accessed),
    }
    return render(request, "policies/policy_detail.html", context)


def policy_by_number(request, number):
    """/policies/by-number/国发〔2023〕11号/: the policy with that document number, however its
    brackets and spaces are written (a 302: an editor may correct a number)."""
    policy = Policy.objects.numbered(number).order_by("issued_on", "pk").first()
    if policy is None:
        raise Http404("No policy has that document number.")
    return redirect(policy)


def _citation_file(request, pk, cite, content_type: str, extension: str) -> HttpResponse:
    try:
        policy = reads.policy_for_detail(pk)
    except Policy.DoesNotExist:
        raise Http404("No such policy.") from None
    url = request.build_absolute_uri(policy.get_absolute_url())
    response = HttpResponse(cite(policy, url, accessed=timezone.localdate()),
                            content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="policy-{policy.pk}.{extension}"'
    return response


def policy_cite_bib(request, pk):
    return _citation_file(request, pk, bibtex_citation, "application/x-bibtex", "bib")


def policy_cite_ris(request, pk):
    return _citation_file(request, pk, ris_citation, "application/x-research-info-systems",
                          "ris")


@response_cache.exempt  # kept by the shared read cache
def agency_list(request):
    meta = page_meta.directory(
        request, title="Agencies",
        description="The party and state bodies that issue the archive's policies, by kind, "
                    "with how many each issued.")
    return render(request, "policies/agency_list.html",
                  {"groups": reads.agency_directory(), "meta": meta})


def registry_record(request, queryset, slug, url_name: str):
    """(record, None) for an agency's, sector's or company's page; (record, a 301 to its own
    URL with the same query) when the URL names it otherwise: /agencies/MIIT/ -> /agencies/miit/.
    Http404 when it names nothing."""
    record, own = reads.by_slug_or_name(queryset, slug)
    if record is None:
        raise Http404("No such page.")
    if own:
        return record, None
    return record, page_meta.moved_permanently(request, url_name, record.slug)


def agency_detail(request, slug):
    agency, moved = registry_record(request, Agency.objects.select_related("parent"), slug,
                                    "policies:agency-detail")
    if moved:
        return moved
    results = pages.search_policies_page(request.GET, agency=agency, lean=True)
    links = _policy_links(results, feed=reverse("policies:agency-feed", args=[agency.slug]),
                          noun=f"Policies issued by {agency.abbreviation} (Atom)",
                          agency=agency.abbreviation)
    joint = network.agency_network(agency)
    return _list(
        request, "policies/agency_detail.html", results,
                 fragment="includes/_policy_browse.html",
        list_title=agency.name, agency=agency, page_record=agency,
        subordinates=reads.subordinates(agency),
        co_issuers=joint.co_issuer_rows(),
        network=joint,
        news=reads.latest_news(agency=agency),
        meta=page_meta.agency(request, agency, results, feeds=links["feeds"]),
        **links,
    )


def sector_list(request):
    meta = page_meta.directory(request, title="Sectors",
                              description="The industrial sectors of the archive's policies, "
                                          "with how many policies each has.")
    return render(request, "policies/sector_list.html",
                  {"sectors": reads.sector_directory(), "meta": meta})


def sector_detail(request, slug):
    sector, moved = registry_record(request, Sector.objects.all(), slug, "policies:sector-detail")
    if moved:
        return moved
    results = pages.search_policies_page(request.GET, sector=sector, lean=True)
    links = _policy_links(results, feed=reverse("policies:sector-feed", args=[sector.slug]),
                          noun=f"Policies in {sector.name} (Atom)", sector=sector.slug)
    meta = page_meta.listing(
        request, results, title=sector.name, feeds=links["feeds"],
        description=f"Policies in {sector.name}: by agency, document type and year.",
        about={"@type": "Thing", "name": sector.name},
    )
    return _list(request, "policies/sector_detail.html", results,
                 fragment="includes/_policy_browse.html",
                 list_title=sector.name, sector=sector, page_record=sector, meta=meta, **links)


def company_list(request):
    meta = page_meta.directory(request, title="Companies",
                              description="The companies named in the archive's policies and "
                                          "news, with how often.")
    return render(request, "policies/company_list.html",
                  {"companies": reads.company_directory(), "meta": meta})


def company_detail(request, slug):
    company, moved = registry_record(request, Company.objects.all(), slug,
                                     "policies:company-detail")
    if moved:
        return moved
    results = pages.search_policies_page(request.GET, company=company, lean=True)
    links = _policy_links(results, feed=reverse("policies:company-feed", args=[company.slug]),
                          noun=f"Policies naming {company.name} (Atom)", company=company.slug)
    meta = page_meta.listing(
        request, results, title=company.name, feeds=links["feeds"],
        description=f"Policies and news naming {company.name}.",
        about={"@type": "Organization", "name": company.name},
    )
    return _list(
        request, "policies/company_detail.html", results,
                 fragment="includes/_policy_browse.html",
        list_title=company.name, company=company, page_record=company,
        news=reads.latest_news(company=company),
        meta=meta,
        **links,
    )


def brief_list(request):
    results = pages.search_briefs_page(request.GET)
    return _list(request, "policies/brief_list.html", results,
                 fragment="includes/_brief_browse.html", list_title="Briefs",
                 meta=page_meta.listing(request, results, title="Briefs"))


def brief_detail(request, slug):
    try:
        brief = reads.brief_for_detail(slug)
    except Brief.DoesNotExist:
        raise Http404("No such brief.") from None
    return render(request, "policies/brief_detail.html",
                  {"brief": brief, "meta": page_meta.brief(request, brief)})


def news_list(request):
    results = pages.search_news_page(request.GET)
    return _list(request, "policies/news_list.html", results,
                 fragment="includes/_news_browse.html", list_title="News",
                 export_url=url_with_query(reverse("policies:news-export"), results.state,
                                            drop=("page_size",)),
                 meta=page_meta.listing(request, results, title="News"))


@limited(Limit("dump", "downloads of the whole archive"))
def dump_download(request):
    """The whole archive as JSON Lines (see policies/dump.py), streamed. Its header (the row
    counts) is read here, in the view: a database that cannot answer gets its 503, not a 200
    that breaks off."""
    lines = dump.export_lines()
    header = next(lines)
    response = StreamingHttpResponse(chain([header], lines),
                                     content_type="application/x-ndjson; charset=utf-8")
    filename = f"policy-briefs-archive-{timezone.localdate().isoformat()}.jsonl"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def report_problem(request, kind: str, pk: int):
    """A reader's "Report a problem" on any public record: GET shows the form (the record
    pages link here, so they carry no form and stay the same for every reader), POST puts the
    report in the editors' review queue."""
    model = REPORTABLE.get(kind)
    if model is None:
        raise Http404("Nothing to report on here.")
    record = get_object_or_404(model, pk=pk)
    if request.method != "POST":
        return render(request, "policies/report_problem.html",
                      {"record": record, "kind": kind, "form": ReportForm()})
    context = {"record": record, "kind": kind, "form": ReportForm(request.POST)}
    if seconds := throttled(request):
        return retry_after(render(request, "policies/report_problem.html",
                                  {**context, "throttled": True}), seconds)
    if not context["form"].is_valid():
        return render(request, "policies/report_problem.html", context, status=400)
    save_report(request, record, context["form"])
    messages.success(request, "Thank you: your report is in the editors' review queue.")
    return redirect(record)


# --------------------------------------------------------------------------- e-mail alerts


@require_http_methods(["GET", "HEAD", "POST"])
def follow(request):
    """'E-mail me new matches' on a policy list: GET shows the form for the list its link names
    (?query=...&page=...: the list pages link here, so they carry no form, no CSRF cookie and
    stay the same for every reader); POST makes an unconfirmed subscription and mails its link."""
    if request.method != "POST":
        form = signup.FollowForm(initial={"query": request.GET.get("query", "")[:4000],
                                          "page": request.GET.get("page", "")[:200]})
        followed = signup.followed_list(form.initial["query"], form.initial["page"])
        return render(request, "policies/follow.html", {
            "form": form, "followed": followed, "token": signup.FollowForm.fresh_token()},
            status=200 if followed is not None else 400)
    form = signup.FollowForm(request.POST)
    context = {"form": form, "followed": None, "token": signup.FollowForm.fresh_token()}
    if seconds := signup.throttled(request):
        return retry_after(render(request, "policies/follow.html",
                                  {**context, "throttled": True}), seconds)
    if not form.is_valid():
        return render(request, "policies/follow.html", context, status=400)
    try:
        signup.sign_up(request, form)
    except signup.NotSent:
        return render(request, "policies/follow.html", {**context, "not_sent": True},
                      status=503)
    messages.success(request, "Almost done: we have sent a link to that address. Nothing will "
                              "be sent until you follow it.")
    return redirect(form.followed.path)


@never_cache
def follow_confirm(request, token):
    try:
        subscription, followed = signup.confirm(token)
    except LinkError as error:
        return render(request, "policies/follow_link.html", {"problem": error}, status=400)
    return render(request, "policies/follow_confirmed.html",
                  {"subscription": subscription, "followed": followed})


@csrf_exempt  # RFC 8058: mail programs POST "List-Unsubscribe=One-Click" with no cookie
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """GET: a button (a link prefetched by a mail scanner unsubscribes nobody); POST: done."""
    try:
        followed = signup.list_to_leave(token)
        if request.method == "POST":
            signup.unsubscribe(token)
    except LinkError as error:
        return render(request, "policies/follow_link.html", {"problem": error}, status=400)
    return render(request, "policies/unsubscribe.html",
                  {"done": request.method == "POST" or followed is None, "followed": followed})


def target_list(request):
    results = intelligence.search_targets_page(request.GET)
    return render(request, "policies/target_list.html", {
        "results": results,
        "json_url": url_with_query(reverse("policies:api:target-list"), results.state),
        "export_url": url_with_query(reverse("policies:target-export"), results.state,
                                     drop=("page_size",)),
    }, status=results.status)


def network_page(request):
    edges = network.archive_edges()
    return render(request, "policies/network.html", {
        "pairs": network.archive_pairs(edges), "timeline": network.archive_chart(edges),
        "edge_count": len(edges)})
