"""The QuerySet of every searchable record: `.search(q)` (see policies/search/)."""

from __future__ import annotations

from django.db import models

from ..search.backends import Search
from .registries import Agency


class SearchableQuerySet(models.QuerySet):
    def search(self, q: str | Search):
        """The rows matching `q`, annotated with a float `rank` (higher is better): the query
        syntax is policies/search/query.py's. `q` is a query string (QueryError when nothing in
        it is searchable; one query resolves the agencies it names) or a prepared `Search`."""
        if not isinstance(q, Search):
            q = Search.prepare(q, agencies=Agency.objects.all())
        return q.apply(self)
