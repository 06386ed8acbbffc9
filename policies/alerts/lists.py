"""A followed list: what a subscription names (a canonical query string, and the agency, sector
or company whose page it is) read back through the same selector as the page itself, so a
digest holds exactly what the page would show."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict
from django.urls import reverse

from ..listing import pages
from ..listing.filtersets import PolicyFilterSet
from ..models import Agency, Company, Sector, SentAlert, Subscription

PAGES = {"agency": Agency, "sector": Sector, "company": Company}
MAX_QUERY_CHARS = Subscription._meta.get_field("query").max_length


def page_key(record) -> str:
    """'agency:miit' for an agency's page (the sign-up form's hidden `page`); '' for none."""
    for kind, model in PAGES.items():
        if isinstance(record, model):
            return f"{kind}:{record.slug}"
    return ""


def page_record(key: str):
    """The agency, sector or company a `page_key` names; None for ''; LookupError if it names
    nothing (any more)."""
    if not key:
        return None
    kind, _, slug = key.partition(":")
    model = PAGES.get(kind)
    record = model.objects.filter(slug=slug).first() if model and slug else None
    if record is None:
        raise LookupError(key)
    return record


def _scope(page) -> dict:
    """{"agency": ..., "sector": ..., "company": ...}: the page's record under its kind."""
    return {kind: page if isinstance(page, model) else None for kind, model in PAGES.items()}


@dataclass(frozen=True)
class FollowedList:
    filterset: PolicyFilterSet
    rows: object  # the filtered, ordered, hydrated policies
    page: Agency | Sector | Company | None = None

    @classmethod
    def read(cls, query: str, page=None) -> FollowedList:
        """The list of this query string (filters only) on this page (None: /policies/)."""
        filterset, rows = pages.filter_policies(QueryDict(query), **_scope(page))
        return cls(filterset=filterset, rows=rows, page=page)

    @classmethod
    def of(cls, subscription: Subscription) -> FollowedList:
        return cls.read(subscription.query, subscription.page)

    @property
    def scope(self) -> dict:
        return _scope(self.page)

    @property
    def query(self) -> str:
        """The canonical query string: the valid filters, in their order."""
        return self.filterset.state().urlencode()

    @property
    def problems(self) -> list[str]:
        """Why parts of the query cannot be used (empty when all of it can)."""
        return [message for found in self.filterset.messages.values() for message in found]

    @property
    def description(self) -> str:
        return pages.describe_policies(self.filterset, **self.scope)

    @property
    def path(self) -> str:
        path = self.page.get_absolute_url() if self.page else reverse("policies:policy-list")
        return f"{path}?{self.query}" if self.query else path

    def new_for(self, subscription: Subscription):
        """The list's policies added to the archive since the subscription was confirmed that
        its address has not been sent yet (by this or another of its subscriptions)."""
        sent = SentAlert.objects.filter(subscription__email=subscription.email)
        rows = self.rows.filter(created_at__gte=subscription.confirmed_at)
        return rows.exclude(pk__in=sent.values("policy_id"))


def subscription_filter(followed: FollowedList) -> dict:
    """The Subscription fields naming this list (its natural key, with the address)."""
    return {"query": followed.query, **followed.scope}

