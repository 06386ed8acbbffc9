"""Full-text search over policies, briefs and news, the same on PostgreSQL and SQLite.

`analysis` (how text becomes tokens, pure), `query` (the query language, pure), `backends`
(FTS5 on SQLite, tsquery on PostgreSQL; `Policy.objects.search(q)` calls it), `index` (the
search documents and their reindexing), `models` (SearchDocument), `snippets` (highlights).
This file imports nothing, so the pure modules stay importable without Django.
"""
