"""Public pages: thin wiring from request to selector to template."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from .models import Agency, Brief, BriefItem, Company, NewsItem, Policy, Sector

PAGE_SIZE = 25


def _page(request, queryset, per_page=PAGE_SIZE):
    paginator = Paginator(queryset, per_page)
    number = request.GET.get("page") or 1
    try:
        number = int(number)
    except (TypeError, ValueError):
        raise Http404("Page must be a whole number.") from None
    if number < 1 or number > paginator.num_pages:
        raise Http404("No such page.")
    return paginator.page(number)


def home(request):
    context = {
        "counts": {
            "policies": Policy.objects.count(),
            "briefs": Brief.objects.count(),
            "agencies": Agency.objects.filter(policy_agencies__isnull=False).distinct().count(),
            "news": NewsItem.objects.count(),
        },
        "latest_briefs": Brief.objects.all()[:5],
        "top_agencies": Agency.objects.annotate(n=Count("policy_agencies"))
        .filter(n__gt=0)
        .order_by("-n", "abbreviation")[:10],
        "top_sectors": Sector.objects.annotate(n=Count("policy_sectors"))
        .filter(n__gt=0)
        .order_by("-n", "name")[:10],
    }
    return render(request, "policies/home.html", context)


def policy_list(request):
    page = _page(request, Policy.objects.for_list())
    return render(request, "policies/policy_list.html", {"page": page})


def policy_detail(request, pk, slug=None):
    policy = get_object_or_404(Policy.objects.for_detail(), pk=pk)
    if slug != policy.slug:
        return redirect(policy, permanent=True)
    return render(request, "policies/policy_detail.html", {"policy": policy})


def agency_list(request):
    agencies = Agency.objects.annotate(n=Count("policy_agencies")).order_by("kind", "abbreviation")
    return render(request, "policies/agency_list.html", {"agencies": agencies})


def agency_detail(request, slug):
    agency = get_object_or_404(Agency, slug=slug)
    page = _page(request, Policy.objects.filter(agencies=agency).for_list())
    return render(request, "policies/agency_detail.html", {"agency": agency, "page": page})


def sector_list(request):
    sectors = Sector.objects.annotate(n=Count("policy_sectors")).order_by("name")
    return render(request, "policies/sector_list.html", {"sectors": sectors})


def sector_detail(request, slug):
    sector = get_object_or_404(Sector, slug=slug)
    page = _page(request, Policy.objects.filter(sectors=sector).for_list())
    return render(request, "policies/sector_detail.html", {"sector": sector, "page": page})


def company_list(request):
    companies = Company.objects.annotate(
        n_policies=Count("policies", distinct=True), n_news=Count("news_items", distinct=True)
    ).order_by("name")
    return render(request, "policies/company_list.html", {"companies": companies})


def company_detail(request, slug):
    company = get_object_or_404(Company, slug=slug)
    context = {
        "company": company,
        "policies": Policy.objects.filter(companies=company).for_list(),
        "news": company.news_items.select_related("brief"),
    }
    return render(request, "policies/company_detail.html", context)


def brief_list(request):
    page = _page(request, Brief.objects.annotate(n_items=Count("items")))
    return render(request, "policies/brief_list.html", {"page": page})


def brief_detail(request, slug):
    brief = get_object_or_404(Brief, slug=slug)
    items = BriefItem.objects.filter(brief=brief).select_related("policy").order_by("position")
    news = brief.news_items.order_by("position")
    return render(
        request, "policies/brief_detail.html", {"brief": brief, "items": items, "news": news}
    )


def news_list(request):
    page = _page(request, NewsItem.objects.select_related("brief"))
    return render(request, "policies/news_list.html", {"page": page})
