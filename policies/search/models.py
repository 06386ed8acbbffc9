"""The full-text index: one search document per policy, brief and news item.

The rows are written only by `policies.search.index` (never by hand). What makes them searchable
is vendor-specific and lives outside the model, created by migration 0003:

- PostgreSQL: a stored generated `vector` tsvector column on this table, with the GIN index
  `search_document_vector_idx`.
- SQLite: the FTS5 table `policies_searchdocument_fts` (rowid = this table's id), mapped below as
  the unmanaged `SearchDocumentFTS` so the ORM can join it.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

__all__ = ["SearchDocument", "SearchDocumentFTS"]

FTS_TABLE = "policies_searchdocument_fts"


class SearchDocument(models.Model):
    """The analysed text of one record, ready for both databases' full-text engines.

    `title` and `body` hold lower-case words without stop words or CJK (weights A and C),
    `title_cjk` and `body_cjk` the CJK character bigrams of the same text (A and C), and `tags`
    one token per linked agency (weight B), which a query naming that agency matches.
    """

    policy = models.OneToOneField(
        "policies.Policy", null=True, blank=True, on_delete=models.CASCADE,
        related_name="search_document",
    )
    brief = models.OneToOneField(
        "policies.Brief", null=True, blank=True, on_delete=models.CASCADE,
        related_name="search_document",
    )
    news = models.OneToOneField(
        "policies.NewsItem", null=True, blank=True, on_delete=models.CASCADE,
        related_name="search_document",
    )
    title = models.TextField(blank=True)
    body = models.TextField(blank=True)
    title_cjk = models.TextField(blank=True)
    body_cjk = models.TextField(blank=True)
    tags = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(policy__isnull=False, brief__isnull=True, news__isnull=True)
                | Q(policy__isnull=True, brief__isnull=False, news__isnull=True)
                | Q(policy__isnull=True, brief__isnull=True, news__isnull=False),
                name="search_document_one_record",
            )
        ]

    def __str__(self) -> str:
        if self.policy_id:
            return f"search document of policy {self.policy_id}"
        if self.brief_id:
            return f"search document of brief {self.brief_id}"
        return f"search document of news item {self.news_id}"


class FTS5Column(models.TextField):
    """An FTS5 table's hidden column (named like the table): the left side of MATCH and the
    first argument of bm25()."""


class SearchDocumentFTS(models.Model):
    """SQLite only: the FTS5 table over SearchDocument, so queries can join it."""

    document = models.OneToOneField(
        SearchDocument, primary_key=True, db_column="rowid", on_delete=models.DO_NOTHING,
        db_constraint=False, related_name="fts",
    )
    table = FTS5Column(db_column=FTS_TABLE)

    class Meta:
        managed = False
        db_table = FTS_TABLE
        required_db_vendor = "sqlite"

    def __str__(self) -> str:
        return f"FTS5 row {self.pk}"
