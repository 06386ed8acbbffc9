"""The writes that keep the search documents fresh (what each record is indexed as is
`documents`; the text analysis is `analysis`, shared with the query side).

Both databases get the same analysed text, so they find the same records. Keep the index fresh
with `reindex(policies=..., briefs=..., news=...)` (a brief brings its news and the policies its
items discuss) or `reindex_all()`; both run in a fixed number of queries per 500 records of each
kind (`reindex` writes the kinds together) and skip documents whose text did not change.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import reduce
from operator import or_

from django.db import connection, transaction
from django.db.models import Model, Q, QuerySet

from ..models import Brief, BriefItem, NewsItem, Policy
from . import bulk
from .documents import DOCUMENT_FIELDS, KINDS, ReindexResult
from .models import FTS_TABLE, SearchDocument

CHUNK = 500


def _ids(values) -> set[int]:
    if isinstance(values, QuerySet):
        return set(values.values_list("pk", flat=True))
    return {value.pk if isinstance(value, Model) else int(value) for value in values or ()}


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    ids = sorted(ids)
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


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
    which also drops rows of documents deleted since. On PostgreSQL the documents go through
    `bulk.merge_all` (COPY and set-based merges, the analysis beside the database's work)."""
    if connection.vendor == "postgresql":
        with transaction.atomic():
            return bulk.merge_all()
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
