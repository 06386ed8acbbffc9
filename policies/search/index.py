"""The search documents: what each policy, brief and news item is indexed as, and the writes
that keep them fresh (the text analysis is `analysis`, shared with the query side).

Both databases get the same analysed text, so they find the same records. Keep the index fresh
with `reindex(policies=..., briefs=..., news=...)` (a brief brings its news and the policies its
items discuss) or `reindex_all()`; both run in a fixed number of queries per 500 records of each
kind (`reindex` writes the kinds together) and skip documents whose text did not change.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db import connection, transaction
from django.db.models import Model, Q, QuerySet

from ..models import Brief, BriefItem, NewsItem, Policy, PolicyAgency
from .analysis import agency_token, analyse, flatten
from .models import FTS_TABLE, SearchDocument

CHUNK = 500

DOCUMENT_FIELDS = ["title", "body", "title_cjk", "body_cjk", "tags"]

def document(title_texts, body_texts, agency_ids) -> tuple[str, str, str, str, str]:
    """The DOCUMENT_FIELDS values for a record's texts and linked agencies."""
    title, title_cjk = analyse(title_texts)
    body, body_cjk = analyse(body_texts)
    tags = " ".join(agency_token(pk) for pk in sorted(set(agency_ids)))
    return title, body, title_cjk, body_cjk, tags


# What each kind's document holds, read as plain values (no model instances: reindex_all reads
# every record). Each reader takes a chunk of primary keys and returns {pk: document values}.
ITEM_TEXT = ["headline", "summary", "key_points", "comment"]


def _grouped(rows) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for key, *values in rows:
        grouped.setdefault(key, []).append(values)
    return grouped


def _item_texts(headline, summary, key_points, comment, *extra) -> list[str]:
    return [headline, summary, *flatten(key_points), comment, *extra]


def policy_documents(ids) -> dict[int, tuple]:
    """Title: English and Chinese titles and the document number. Body: what every brief item
    on the policy says.
    Tags: its issuing agencies."""
    items = _grouped(BriefItem.objects.filter(policy_id__in=ids)
                     .order_by("brief_id", "position").values_list("policy_id", *ITEM_TEXT))
    # .order_by(): the model's default ordering would join and sort every policy per chunk
    agencies = _grouped(PolicyAgency.objects.filter(policy_id__in=ids).order_by()
                        .values_list("policy_id", "agency_id"))
    return {
        pk: document(
            [title, chinese_title, number],
            [text for item in items.get(pk, []) for text in _item_texts(*item)],
            [agency_id for (agency_id,) in agencies.get(pk, [])],
        )
        for pk, title, chinese_title, number in Policy.objects.filter(pk__in=ids)
        .values_list("pk", "title", "chinese_title", "document_number")
    }


def brief_documents(ids) -> dict[int, tuple]:
    """Title: the brief's title. Body: series, topics, article body and items (with their side
    boxes and the English and Chinese titles of the policies they discuss). Tags: the brief's
    agencies."""
    items = _grouped(BriefItem.objects.filter(brief_id__in=ids).order_by("position")
                     .values_list("brief_id", *ITEM_TEXT, "extra", "policy__title",
                                  "policy__chinese_title"))
    agencies = _grouped(Brief.agencies.through.objects.filter(brief_id__in=ids)
                        .values_list("brief_id", "agency_id"))
    return {
        pk: document(
            [title],
            [series, *flatten(topics), body,
             *(text for item in items.get(pk, []) for text in _item_texts(*item))],
            [agency_id for (agency_id,) in agencies.get(pk, [])],
        )
        for pk, title, series, topics, body in Brief.objects.filter(pk__in=ids)
        .values_list("pk", "title", "series", "topics", "body")
    }


def news_documents(ids) -> dict[int, tuple]:
    """News has no title: its text carries the title weight, its sources the body weight.
    Tags: the agencies linked to the item."""
    agencies = _grouped(NewsItem.agencies.through.objects.filter(newsitem_id__in=ids)
                        .values_list("newsitem_id", "agency_id"))
    return {
        pk: document([text], list(flatten(sources)),
                     [agency_id for (agency_id,) in agencies.get(pk, [])])
        for pk, text, sources in NewsItem.objects.filter(pk__in=ids)
        .values_list("pk", "text", "sources")
    }


# --------------------------------------------------------------------------- writes


@dataclass
class ReindexResult:
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


def _ids(values) -> set[int]:
    if isinstance(values, QuerySet):
        return set(values.values_list("pk", flat=True))
    return {value.pk if isinstance(value, Model) else int(value) for value in values or ()}


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    ids = sorted(ids)
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


KINDS = {
    # kind: (SearchDocument's link to the record, reader of a chunk's documents)
    "policy": ("policy_id", policy_documents),
    "brief": ("brief_id", brief_documents),
    "news": ("news_id", news_documents),
}


def _sync_chunk(chunks: dict[str, list[int]], *, write_fts: bool = True) -> ReindexResult:
    """Bring the documents of one chunk of primary keys per kind up to date: one query for the
    stored documents, the readers' queries, one insert and one update for all kinds together."""
    links = {kind: KINDS[kind][0] for kind in chunks}
    stored = SearchDocument.objects.filter(
        reduce(or_, (Q(**{f"{links[kind]}__in": ids}) for kind, ids in chunks.items()))
    ).values_list("pk", *links.values(), *DOCUMENT_FIELDS)
    existing: dict[tuple[str, int], tuple[int, tuple]] = {}
    for doc_pk, *record_pks_and_values in stored:
        record_pks, values = record_pks_and_values[:len(links)], record_pks_and_values[len(links):]
        for kind, record_pk in zip(links, record_pks, strict=True):
            if record_pk is not None:
                existing[kind, record_pk] = (doc_pk, tuple(values))
    new, changed, result = [], [], ReindexResult()
    for kind, ids in chunks.items():
        key, read = KINDS[kind]
        for record_pk, values in read(ids).items():
            fields = dict(zip(DOCUMENT_FIELDS, values, strict=True))
            if (kind, record_pk) not in existing:
                new.append(SearchDocument(**{key: record_pk}, **fields))
            elif existing[kind, record_pk][1] != values:
                changed.append(SearchDocument(pk=existing[kind, record_pk][0],
                                              **{key: record_pk}, **fields))
            else:
                result.unchanged += 1
    if new:
        SearchDocument.objects.bulk_create(new, batch_size=CHUNK)
        if any(doc.pk is None for doc in new):  # backends that return no primary keys
            for kind, ids in chunks.items():
                key = links[kind]
                pks = dict(SearchDocument.objects.filter(**{f"{key}__in": ids})
                           .values_list(key, "pk"))
                for doc in new:
                    if getattr(doc, key) is not None:
                        doc.pk = pks[getattr(doc, key)]
    if changed:
        SearchDocument.objects.bulk_update(changed, DOCUMENT_FIELDS, batch_size=CHUNK)
    if write_fts and connection.vendor == "sqlite":
        _write_fts(new + changed)
    result.created, result.updated = len(new), len(changed)
    return result


def _write_fts(docs: list[SearchDocument]) -> None:
    """SQLite: the FTS5 rows mirror the documents (PostgreSQL's vector is a generated column)."""
    if not docs:
        return
    with connection.cursor() as cursor:
        for chunk in _chunks(doc.pk for doc in docs):
            cursor.execute(
                f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({', '.join(['%s'] * len(chunk))})",
                chunk,
            )
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, {', '.join(DOCUMENT_FIELDS)}) "
            f"VALUES (%s, {', '.join(['%s'] * len(DOCUMENT_FIELDS))})",
            [(doc.pk, *(getattr(doc, f) for f in DOCUMENT_FIELDS)) for doc in docs],
        )


def reindex(*, policies=(), briefs=(), news=(), related: bool = True) -> ReindexResult:
    """Bring the search documents of these records (instances, primary keys or querysets) up to
    date, in one transaction. With `related`, a brief also brings its news items and the policies
    its items discuss. Safe to call from `transaction.on_commit`."""
    policy_ids, brief_ids, news_ids = _ids(policies), _ids(briefs), _ids(news)
    if related and brief_ids:
        news_ids |= set(NewsItem.objects.filter(brief_id__in=brief_ids)
                        .values_list("pk", flat=True))
        policy_ids |= set(BriefItem.objects.filter(brief_id__in=brief_ids, policy__isnull=False)
                          .values_list("policy_id", flat=True))
    result = ReindexResult()
    chunked = {kind: list(_chunks(ids)) for kind, ids in
               (("policy", policy_ids), ("brief", brief_ids), ("news", news_ids)) if ids}
    with transaction.atomic(savepoint=False):  # inside an ingest's transaction, no savepoint
        for round_ in range(max(map(len, chunked.values()), default=0)):
            result += _sync_chunk({kind: chunks[round_] for kind, chunks in chunked.items()
                                   if round_ < len(chunks)})
    return result


def reindex_all() -> ReindexResult:
    """Every policy, brief and news item; on SQLite the FTS5 table is rebuilt from the documents,
    which also drops rows of documents deleted since."""
    result = ReindexResult()
    with transaction.atomic():
        for kind, model in (("policy", Policy), ("brief", Brief), ("news", NewsItem)):
            for chunk in _chunks(model.objects.values_list("pk", flat=True)):
                result += _sync_chunk({kind: chunk}, write_fts=False)
        if connection.vendor == "sqlite":
            columns = ", ".join(DOCUMENT_FIELDS)
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {FTS_TABLE}")
                cursor.execute(
                    f"INSERT INTO {FTS_TABLE} (rowid, {columns}) "
                    f"SELECT id, {columns} FROM {SearchDocument._meta.db_table}"
                )
    return result


def reindex_on_commit(*, policies=(), briefs=(), news=()) -> None:
    """Schedule `reindex` for when the current transaction commits (now, outside one)."""
    ids = {"policies": _ids(policies), "briefs": _ids(briefs), "news": _ids(news)}
    transaction.on_commit(lambda: reindex(**ids))
