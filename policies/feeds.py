"""Atom feeds of the policy lists: /policies/feed/ takes the list page's parameters, and an
agency's, sector's or company's feed is its page's list (/agencies/<slug>/feed/, ...).

The latest FEED_SIZE policies by date whatever `sort` says; entry ids are the permalinks (stable
across edits of the record), `updated` the record's last change. Links are absolute on the
public host (page_meta.public_url: SITE_DOMAIN, else the request's host and port), never the
sites table's. A rejected parameter answers 400 with the reasons as plain text, like the CSV
export; each client may fetch settings.RATELIMITS["feeds"] feeds in a period (then 429).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from .citations import SITE_NAME
from .exports import refusal
from .listing import pages
from .models import Agency, Company, Policy, Sector
from .page_meta import public_url, url_with_query
from .ratelimits import Limit, limited

FEED_SIZE = 50
LIMIT = Limit("feeds", "feed requests")


class BadParameters(Exception):
    def __init__(self, messages: dict[str, list[str]]):
        super().__init__("invalid query parameters")
        self.messages = messages


@dataclass
class FeedScope:
    title: str
    link: str  # the HTML page with the same filters
    feed_url: str
    policies: list[Policy]  # each with its absolute permalink as `feed_link`


class PolicyFeed(Feed):
    """/policies/feed/: the policy list's filters."""

    feed_type = Atom1Feed
    author_name = SITE_NAME
    scope: str | None = None  # "agency", "sector" or "company": the page's own record
    model = None

    @method_decorator(limited(LIMIT))
    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except BadParameters as error:
            return refusal(error.messages)

    def get_object(self, request, slug=None):
        record = get_object_or_404(self.model, slug=slug) if self.scope else None
        scope = {self.scope: record} if self.scope else {}
        filterset, rows = pages.filter_policies(request.GET, **scope)
        if filterset.messages:
            raise BadParameters(filterset.messages)
        latest = rows.order_by(F("issued_on").desc(nulls_last=True), "-id")[:FEED_SIZE]
        page = record.get_absolute_url() if record else reverse("policies:policy-list")
        state = filterset.state()
        policies = list(latest)
        for policy in policies:
            policy.feed_link = public_url(request, policy.get_absolute_url())
        return FeedScope(
            title=f"{pages.describe_policies(filterset, **scope)} · {SITE_NAME}",
            link=public_url(request, url_with_query(page, state, drop=("sort",))),
            feed_url=public_url(request, url_with_query(request.path, state, drop=("sort",))),
            policies=policies,
        )

    def title(self, obj: FeedScope) -> str:
        return obj.title

    def link(self, obj: FeedScope) -> str:
        return obj.link

    def feed_url(self, obj: FeedScope) -> str:
        return obj.feed_url

    def subtitle(self, obj: FeedScope) -> str:
        return f"The latest {FEED_SIZE} by date."

    def items(self, obj: FeedScope) -> list[Policy]:
        return obj.policies

    def item_title(self, policy: Policy) -> str:
        return policy.title  # an Atom text construct: escaped once, as text

    def item_description(self, policy: Policy) -> str:
        parts = [policy.get_document_type_display()]
        agencies = [pa.agency.abbreviation for pa in policy.policy_agencies.all()]
        if agencies:
            parts.append(f"issued by {', '.join(agencies)}")
        parts.append(f"on {policy.issued.iso}" if policy.issued_on else "undated")
        text = " ".join(parts) + "."
        text = f"{text} {policy.chinese_title}" if policy.chinese_title else text
        return escape(text)  # Django writes it as <summary type="html">: text must be escaped

    def item_link(self, policy: Policy) -> str:
        return policy.feed_link  # the entry's id too

    def item_pubdate(self, policy: Policy) -> datetime | None:
        return datetime.combine(policy.issued_on, time(), tzinfo=UTC) if policy.issued_on else None

    def item_updateddate(self, policy: Policy) -> datetime:
        return policy.updated_at

    def item_categories(self, policy: Policy) -> list[str]:
        return [ps.sector.name for ps in policy.policy_sectors.all()]


class AgencyFeed(PolicyFeed):
    scope, model = "agency", Agency


class SectorFeed(PolicyFeed):
    scope, model = "sector", Sector


class CompanyFeed(PolicyFeed):
    scope, model = "company", Company
