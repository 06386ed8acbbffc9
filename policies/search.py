"""Full-text search over policies, briefs and news (STUB: replaced by the search work).

The public API, used by the list pages, the JSON twin, feeds and exports:

    search_policies(queryset, q) -> queryset   # filtered to matches, annotated with `rank`
    search_briefs(queryset, q) -> queryset
    search_news(queryset, q) -> queryset
"""

from __future__ import annotations

from django.db.models import FloatField, Q, Value


def search_policies(queryset, q: str):
    q = (q or "").strip()
    if not q:
        return queryset.annotate(rank=Value(0.0, output_field=FloatField()))
    return queryset.filter(
        Q(title__icontains=q) | Q(chinese_title__icontains=q) | Q(brief_items__summary__icontains=q)
    ).distinct().annotate(rank=Value(1.0, output_field=FloatField()))


def search_briefs(queryset, q: str):
    q = (q or "").strip()
    return queryset.filter(Q(title__icontains=q) | Q(raw_text__icontains=q)) if q else queryset


def search_news(queryset, q: str):
    q = (q or "").strip()
    return queryset.filter(text__icontains=q) if q else queryset
