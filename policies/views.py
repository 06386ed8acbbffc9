"""Public pages: thin wiring from request to selector to template.

List pages answer 400 when a query parameter was rejected or adjusted and 404 for a page beyond
the last, and render the page either way (with what could be used, and the reasons near the
form); see `ListResults.status`.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from . import selectors
from .citations import bibtex_citation, plain_citation
from .models import Agency, Brief, Company, DocumentType, NewsKind, Policy, Sector
from .svg import timeline


def _list(request, template, results, **context):
    context.update(results=results, document_types=DocumentType.choices, kinds=NewsKind.choices)
    return render(request, template, context, status=results.status)


def home(request):
    summary = selectors.home_summary()
    summary["timeline"] = timeline(summary["per_year"])
    return render(request, "policies/home.html", summary)


def policy_list(request):
    return _list(request, "policies/policy_list.html",
                 selectors.search_policies_page(request.GET))


def policy_detail(request, pk, slug=None):
    try:
        policy = selectors.policy_for_detail(pk)
    except Policy.DoesNotExist:
        raise Http404("No such policy.") from None
    if slug != policy.slug:
        return redirect(policy, permanent=True)
    url = request.build_absolute_uri(policy.get_absolute_url())
    context = {
        "policy": policy,
        "canonical_url": url,
        "json_url": reverse("policies:api-policy-detail", kwargs={"pk": policy.pk}),
        "sources": selectors.web_links(policy.source_links),
        "related": selectors.related_policies(policy),
        "citation": plain_citation(policy, url),
        "bibtex": bibtex_citation(policy, url),
    }
    return render(request, "policies/policy_detail.html", context)


def agency_list(request):
    return render(request, "policies/agency_list.html",
                  {"groups": selectors.agency_directory()})


def agency_detail(request, slug):
    agency = get_object_or_404(Agency.objects.select_related("parent"), slug=slug)
    return _list(
        request, "policies/agency_detail.html",
        selectors.search_policies_page(request.GET, agency=agency),
        agency=agency,
        co_issuers=selectors.co_issuers(agency),
        news=selectors.latest_news(agency=agency),
    )


def sector_list(request):
    return render(request, "policies/sector_list.html",
                  {"sectors": selectors.sector_directory()})


def sector_detail(request, slug):
    sector = get_object_or_404(Sector, slug=slug)
    return _list(request, "policies/sector_detail.html",
                 selectors.search_policies_page(request.GET, sector=sector), sector=sector)


def company_list(request):
    return render(request, "policies/company_list.html",
                  {"companies": selectors.company_directory()})


def company_detail(request, slug):
    company = get_object_or_404(Company, slug=slug)
    return _list(
        request, "policies/company_detail.html",
        selectors.search_policies_page(request.GET, company=company),
        company=company,
        news=selectors.latest_news(company=company),
    )


def brief_list(request):
    return _list(request, "policies/brief_list.html", selectors.search_briefs_page(request.GET))


def brief_detail(request, slug):
    try:
        brief = selectors.brief_for_detail(slug)
    except Brief.DoesNotExist:
        raise Http404("No such brief.") from None
    return render(request, "policies/brief_detail.html", {"brief": brief})


def news_list(request):
    return _list(request, "policies/news_list.html", selectors.search_news_page(request.GET))


def api_index(request):
    return render(request, "policies/api_index.html")
