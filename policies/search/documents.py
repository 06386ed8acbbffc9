"""What each policy, brief and news item is indexed as: its search document's fields, read
from the records as plain values (no model instances: a full reindex reads every record) and
analysed (`analysis`, shared with the query side). Each kind's reader is in two halves, the
reads of a chunk's texts (`*_texts`) and their analysis (`*_analysed`), so a bulk reindex can
analyse one chunk while the database writes the one before; `*_documents` is both.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from ..models import Brief, BriefItem, NewsItem, Policy, PolicyAgency
from .analysis import agency_token, analyse, flatten

DOCUMENT_FIELDS = ["title", "body", "title_cjk", "body_cjk", "tags"]


@dataclass(frozen=True)
class Span:
    """Every record whose primary key is in [first, last]: a bulk reindex's batch, read by range
    rather than by an IN list of thousands of ids (which the driver splits up parameter by
    parameter)."""

    first: int
    last: int


def _of(field: str, ids) -> Q:
    """The rows whose `field` is one of `ids` (primary keys, or a Span)."""
    if isinstance(ids, Span):
        return Q(**{f"{field}__gte": ids.first, f"{field}__lte": ids.last})
    return Q(**{f"{field}__in": ids})


def document(title_texts, body_texts, agency_ids) -> tuple[str, str, str, str, str]:
    """The DOCUMENT_FIELDS values for a record's texts and linked agencies."""
    title, title_cjk = analyse(title_texts)
    body, body_cjk = analyse(body_texts)
    tags = " ".join(agency_token(pk) for pk in sorted(set(agency_ids)))
    return title, body, title_cjk, body_cjk, tags


# What each kind's document holds, read as plain values (no model instances: reindex_all reads
# every record). Each reader takes a chunk of primary keys (or a Span) and returns
# {pk: document values}.
ITEM_TEXT = ["headline", "summary", "key_points", "comment"]


def _grouped(rows) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for key, *values in rows:
        grouped.setdefault(key, []).append(values)
    return grouped


def _item_texts(headline, summary, key_points, comment, *extra) -> list[str]:
    return [headline, summary, *flatten(key_points), comment, *extra]


def policy_texts(ids) -> tuple:
    """What `policy_documents` analyses, read in three queries."""
    items = _grouped(BriefItem.objects.filter(_of("policy_id", ids))
                     .order_by("brief_id", "position").values_list("policy_id", *ITEM_TEXT))
    # .order_by(): the model's default ordering would join and sort every policy per chunk
    agencies = _grouped(PolicyAgency.objects.filter(_of("policy_id", ids)).order_by()
                        .values_list("policy_id", "agency_id"))
    return items, agencies, list(Policy.objects.filter(_of("pk", ids)).order_by().values_list(
        "pk", "title", "chinese_title", "document_number"))


def policy_analysed(texts) -> dict[int, tuple]:
    items, agencies, policies = texts
    return {
        pk: document(
            [title, chinese_title, number],
            [text for item in items.get(pk, []) for text in _item_texts(*item)],
            [agency_id for (agency_id,) in agencies.get(pk, [])],
        )
        for pk, title, chinese_title, number in policies
    }


def policy_documents(ids) -> dict[int, tuple]:
    """Title: English and Chinese titles and the document number. Body: what every brief item
    on the policy says.
    Tags: its issuing agencies."""
    return policy_analysed(policy_texts(ids))


def brief_texts(ids) -> tuple:
    items = _grouped(BriefItem.objects.filter(_of("brief_id", ids)).order_by("position")
                     .values_list("brief_id", *ITEM_TEXT, "extra", "policy__title",
                                  "policy__chinese_title"))
    agencies = _grouped(Brief.agencies.through.objects.filter(_of("brief_id", ids))
                        .values_list("brief_id", "agency_id"))
    return items, agencies, list(Brief.objects.filter(_of("pk", ids)).order_by().values_list(
        "pk", "title", "series", "topics", "body"))


def brief_analysed(texts) -> dict[int, tuple]:
    items, agencies, briefs = texts
    return {
        pk: document(
            [title],
            [series, *flatten(topics), body,
             *(text for item in items.get(pk, []) for text in _item_texts(*item))],
            [agency_id for (agency_id,) in agencies.get(pk, [])],
        )
        for pk, title, series, topics, body in briefs
    }


def brief_documents(ids) -> dict[int, tuple]:
    """Title: the brief's title. Body: series, topics, article body and items (with their side
    boxes and the English and Chinese titles of the policies they discuss). Tags: the brief's
    agencies."""
    return brief_analysed(brief_texts(ids))


def news_texts(ids) -> tuple:
    agencies = _grouped(NewsItem.agencies.through.objects.filter(_of("newsitem_id", ids))
                        .values_list("newsitem_id", "agency_id"))
    return agencies, list(NewsItem.objects.filter(_of("pk", ids)).order_by().values_list(
        "pk", "text", "sources"))


def news_analysed(texts) -> dict[int, tuple]:
    agencies, news = texts
    return {
        pk: document([text], list(flatten(sources)),
                     [agency_id for (agency_id,) in agencies.get(pk, [])])
        for pk, text, sources in news
    }


def news_documents(ids) -> dict[int, tuple]:
    """News has no title: its text carries the title weight, its sources the body weight.
    Tags: the agencies linked to the item."""
    return news_analysed(news_texts(ids))


KINDS = {
    # kind: (SearchDocument's link to the record, reader of a chunk's documents)
    "policy": ("policy_id", policy_documents),
    "brief": ("brief_id", brief_documents),
    "news": ("news_id", news_documents),
}
# kind: (its model, the reads of a chunk's texts, their analysis)
PHASES = {
    "policy": (Policy, policy_texts, policy_analysed),
    "brief": (Brief, brief_texts, brief_analysed),
    "news": (NewsItem, news_texts, news_analysed),
}



@dataclass
class ReindexResult:
    """What a write of search documents did, in records."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __iadd__(self, other: ReindexResult) -> ReindexResult:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        return self

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged
