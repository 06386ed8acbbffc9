"""PostgreSQL's full reindex (`index.reindex_all`): every record's document, in batches, written
by COPY into a temporary table and merged into the search documents by two set-based statements
per batch (an UPDATE of the documents whose text changed, an INSERT of the missing ones), with the
next batch analysed in Python while the database merges the last one.

Why: the row-by-row path (`index._sync_chunk`: the stored documents read back and compared in
Python, then bulk_create/bulk_update through the ORM) spent as long building statements as the
database spent on them, and the two never overlapped. Here the comparison is the database's (`IS
DISTINCT FROM`), the rows travel by COPY, and the merge, most of it the tsvector of the generated
column and the GIN index, runs on the database's core while this process analyses the next batch
on the other: the merge is sent from a second thread on the same connection and session (so
inside the caller's transaction; psycopg's connection lock keeps the two threads' statements
apart), and only the analysis runs beside it, never a query.

The counts are the row-by-row path's: created, updated, and unchanged (a document whose text is
the same).
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

from django.db import connection

from .documents import DOCUMENT_FIELDS, KINDS, PHASES, ReindexResult, Span
from .models import SearchDocument

BATCH = 5000  # records per COPY and merge
STAGING = "search_document_staging"
COLUMNS = ", ".join(DOCUMENT_FIELDS)


def _merge_sql(link: str) -> str:
    """The merge of a staged batch, its documents bounded by the batch's span of record ids
    (two parameters, first and last, each given twice). The bound is what keeps a batch's cost
    its own size: the planner knows neither the staging table (never analysed) nor a documents
    table a fresh reindex is filling, and without it chose to hash every document for every
    batch, which made a reindex quadratic (measured: 410 ms against 206 ms per batch of 5,000
    at 100k documents, and the gap grows with the table)."""
    table = SearchDocument._meta.db_table
    assigned = ", ".join(f"{field} = s.{field}" for field in DOCUMENT_FIELDS)
    theirs = ", ".join(f"d.{field}" for field in DOCUMENT_FIELDS)
    ours = ", ".join(f"s.{field}" for field in DOCUMENT_FIELDS)
    return (
        f"WITH changed AS (UPDATE {table} AS d SET {assigned} FROM {STAGING} AS s "
        f"WHERE d.{link} = s.record AND d.{link} BETWEEN %s AND %s "
        f"AND ({theirs}) IS DISTINCT FROM ({ours}) RETURNING 1), "
        f"added AS (INSERT INTO {table} ({link}, {COLUMNS}) SELECT s.record, {ours} "
        f"FROM {STAGING} AS s WHERE NOT EXISTS (SELECT 1 FROM {table} AS d "
        f"WHERE d.{link} = s.record AND d.{link} BETWEEN %s AND %s) RETURNING 1) "
        f"SELECT (SELECT count(*) FROM changed), (SELECT count(*) FROM added)"
    )


def _merge(raw, link: str, span: Span, written: int) -> ReindexResult:
    """Merge the staged batch (the records of `span`) into the documents and empty the staging
    table (the thread's work: runs while the caller analyses the next batch)."""
    with raw.cursor() as cursor:
        cursor.execute(_merge_sql(link), (span.first, span.last) * 2)
        updated, created = cursor.fetchone()
        cursor.execute(f"TRUNCATE {STAGING}")
    return ReindexResult(created=created, updated=updated,
                         unchanged=written - created - updated)


def _copy(raw, documents: dict[int, tuple]) -> None:
    with raw.cursor() as cursor, cursor.copy(
            f"COPY {STAGING} (record, {COLUMNS}) FROM STDIN") as copy:
        for pk, values in documents.items():
            copy.write_row((pk, *values))


def merge_all() -> ReindexResult:
    """Every policy's, brief's and news item's document brought up to date: call inside a
    transaction (the staging table lives until it ends)."""
    connection.ensure_connection()
    raw = connection.connection
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS {STAGING} (record integer "
                       f"PRIMARY KEY, {', '.join(f'{f} text' for f in DOCUMENT_FIELDS)}) "
                       f"ON COMMIT DROP")
        cursor.execute(f"TRUNCATE {STAGING}")
    result = ReindexResult()
    batches = [(kind, Span(ids[start], ids[min(start + BATCH, len(ids)) - 1]))
               for kind, (model, _, _) in PHASES.items()
               for ids in [list(model.objects.order_by("pk").values_list("pk", flat=True))]
               for start in range(0, len(ids), BATCH)]
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-merge") as merger:
        pending: Future | None = None
        texts = PHASES[batches[0][0]][1](batches[0][1]) if batches else None  # the first batch
        for number, (kind, span) in enumerate(batches):
            documents = PHASES[kind][2](texts)  # beside the previous batch's merge
            if pending is not None:
                result += pending.result()
            _copy(raw, documents)
            if number + 1 < len(batches):  # read before the merge takes the connection
                next_kind, next_ids = batches[number + 1]
                texts = PHASES[next_kind][1](next_ids)
            pending = merger.submit(_merge, raw, KINDS[kind][0], span, len(documents))
        if pending is not None:
            result += pending.result()
    return result
