"""What each page says about itself in its head: canonical URL, description, OpenGraph and
Twitter card tags, Atom feed links and schema.org JSON-LD (rendered by
templates/includes/_page_meta.html). Plain data: the template escapes it, the JSON-LD goes
through json_script's escaping (policies/templatetags/seo.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.text import Truncator

from .citations import SITE_NAME, lead_agency

DESCRIPTION_CHARS = 160
SITE_DESCRIPTION = ("A searchable archive of Chinese industrial policy briefs: policies, "
                    "agencies, sectors and news.")
CONTEXT = "https://schema.org"


@dataclass
class Link:
    title: str
    url: str


@dataclass
class PageMeta:
    title: str
    description: str
    url: str  # the canonical URL, absolute
    json_ld: dict
    og_type: str = "website"
    published: str = ""  # article:published_time, for records with a date
    feeds: list[Link] = field(default_factory=list)


def short(text: str) -> str:
    return Truncator(" ".join((text or "").split())).chars(DESCRIPTION_CHARS)


def public_domain(request) -> str:
    """The public host[:port] of links that leave the page (sitemap, feeds, robots.txt):
    settings.SITE_DOMAIN when set, else the host the request came to, with its port
    (request.get_host(), checked against ALLOWED_HOSTS: never a pattern such as "*")."""
    return settings.SITE_DOMAIN or request.get_host()


def public_url(request, path: str) -> str:
    """`path` (with its query) as an absolute URL on `public_domain`, in the request's scheme."""
    if settings.SITE_DOMAIN:
        return f"{request.scheme}://{settings.SITE_DOMAIN}{path}"
    return request.build_absolute_uri(path)


def _site(request) -> dict:
    return {"@type": "WebSite", "name": SITE_NAME, "url": request.build_absolute_uri("/")}


def url_with_query(url: str, state, *, drop=(), **preset) -> str:
    """`url` with a list's valid filters (less the names in `drop`) and preset filters added:
    the links from a page to its CSV export and Atom feed."""
    pairs = [(name, value) for name in state for value in state.getlist(name)
             if name not in drop]
    pairs += list(preset.items())
    return url + (f"?{urlencode(pairs)}" if pairs else "")


def moved_permanently(request, url_name: str, slug: str) -> HttpResponsePermanentRedirect:
    """A 301 to a record's own URL (`url_name` with its `slug`), keeping the query string: a
    record's page reached by another name or case (/agencies/MIIT/ -> /agencies/miit/)."""
    query = request.GET.urlencode()
    url = reverse(url_name, kwargs={"slug": slug})
    return HttpResponsePermanentRedirect(url + (f"?{query}" if query else ""))


def list_url(request, results) -> str:
    """The list's canonical URL: its path and the valid filters, sorted, with the sort only when
    it is not the default and the page only after the first (the page size is the reader's
    choice, not the list's)."""
    state, filterset = results.state, results.filterset
    default_sort = "relevance" if filterset.values.get("q") else "-date"
    pairs = [(name, value) for name in state for value in state.getlist(name)
             if name != "page_size"
             and (name != "sort" or (value == filterset.sort and value != default_sort))]
    if results.page.number > 1:
        pairs.append(("page", str(results.page.number)))
    query = urlencode(sorted(pairs))
    return request.build_absolute_uri(request.path) + (f"?{query}" if query else "")


def _collection(request, *, title: str, description: str, url: str, **extra) -> dict:
    return {"@context": CONTEXT, "@type": "CollectionPage", "name": title,
            "description": description, "url": url, "isPartOf": _site(request), **extra}


# --------------------------------------------------------------------------- pages


def home(request) -> PageMeta:
    search = request.build_absolute_uri(reverse("policies:policy-list"))
    data = {
        "@context": CONTEXT, **_site(request), "description": SITE_DESCRIPTION,
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }
    return PageMeta(SITE_NAME, SITE_DESCRIPTION, request.build_absolute_uri("/"), data,
                    feeds=[Link(f"Latest policies · {SITE_NAME}",
                                reverse("policies:policy-feed"))])


def listing(request, results, *, title: str, description: str = "",
            feeds: list[Link] = (), **extra) -> PageMeta:
    """A list page (policies, briefs, news, and an agency's, sector's or company's policies)."""
    description = short(description or results.sentence)
    url = list_url(request, results)
    data = _collection(request, title=title, description=description, url=url, **extra)
    return PageMeta(title, description, url, data, feeds=list(feeds))


def directory(request, *, title: str, description: str) -> PageMeta:
    """A page without filters: the agency, sector and company directories."""
    url = request.build_absolute_uri(request.path)
    return PageMeta(title, description, url,
                    _collection(request, title=title, description=description, url=url))


def _agency_ld(request, agency) -> dict:
    data = {"@type": "GovernmentOrganization", "name": agency.name,
            "alternateName": agency.abbreviation,
            "url": request.build_absolute_uri(agency.get_absolute_url())}
    if agency.chinese_name:
        data["alternateName"] = [agency.abbreviation, agency.chinese_name]
    return data


def policy_description(policy) -> str:
    """The first analyst's summary, else title, type, agencies and date; at most 160 characters."""
    summary = next((item.summary for item in policy.brief_items.all() if item.summary), "")
    if summary:
        return short(summary)
    agencies = [pa.agency.abbreviation for pa in policy.policy_agencies.all()]
    text = f"{policy.title}. {policy.get_document_type_display()}"
    if agencies:
        text += f" issued by {', '.join(agencies)}"
    if policy.issued_on:
        on = "in" if policy.issued.month_only else "on"
        text += f" {on} {policy.issued.text}"
    return short(text + ".")


def policy(request, policy, url: str) -> PageMeta:
    description = policy_description(policy)
    data = {
        "@context": CONTEXT, "@type": "Legislation", "name": policy.title,
        "legislationType": policy.get_document_type_display(),
        "legislationPassedBy": [_agency_ld(request, pa.agency)
                                for pa in policy.policy_agencies.all()],
        "url": url, "description": description, "isPartOf": _site(request),
        "dateModified": policy.updated_at.isoformat(),
    }
    if policy.chinese_title:
        data["alternateName"] = policy.chinese_title
    if policy.issued_on:
        data["legislationDate"] = policy.issued.iso
    lead = lead_agency(policy)
    if lead is not None:
        data["legislationResponsible"] = _agency_ld(request, lead)
    published = policy.issued.iso
    return PageMeta(policy.title, description, url, data, og_type="article",
                    published=published)


def brief(request, brief) -> PageMeta:
    url = request.build_absolute_uri(brief.get_absolute_url())
    description = brief.title + (f" by {brief.publisher}" if brief.publisher else "")
    if brief.published_on:
        description += f", {brief.published.text}"
    description = short(description + ".")
    publisher = {"@type": "Organization", "name": brief.publisher or SITE_NAME}
    authors = [{"@type": "Person", "name": str(name)} for name in brief.authors or [] if name]
    data = {
        "@context": CONTEXT, "@type": "Article", "headline": brief.title, "url": url,
        "description": description, "author": authors or publisher, "publisher": publisher,
        "dateModified": brief.updated_at.isoformat(), "isPartOf": _site(request),
    }
    if brief.published_on:
        data["datePublished"] = brief.published.iso
    return PageMeta(brief.title, description, url, data, og_type="article",
                    published=brief.published.iso)


def agency(request, agency, results, *, feeds: list[Link]) -> PageMeta:
    description = short(f"Policies issued by {agency.name} ({agency.abbreviation}), the "
                        "agencies it issues them with, and its news.")
    data = {"@context": CONTEXT, **_agency_ld(request, agency), "description": description}
    if agency.parent_id:
        data["parentOrganization"] = _agency_ld(request, agency.parent)
    return PageMeta(agency.name, description, list_url(request, results), data, feeds=feeds)


def api(request, *, dump_url: str) -> PageMeta:
    """The API page describes the archive as a data set, with the dump as its download."""
    title = "JSON API and data downloads"
    description = ("The archive as data: a JSON API with the pages' parameters, CSV exports, "
                   "Atom feeds and the whole archive as JSON Lines.")
    url = request.build_absolute_uri(request.path)
    data = {
        "@context": CONTEXT, "@type": "Dataset", "name": SITE_NAME, "description": description,
        "url": url, "isAccessibleForFree": True, "isPartOf": _site(request),
        "distribution": [{"@type": "DataDownload", "encodingFormat": "application/x-ndjson",
                          "contentUrl": request.build_absolute_uri(dump_url)}],
    }
    return PageMeta(title, description, url, data)
