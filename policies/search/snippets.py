"""Snippets: a stretch of a record's text around the first match of the query, as (text,
is_match) segments. Plain text: the template escapes it and wraps matches in <mark>. Pure."""

from __future__ import annotations

import functools

from .analysis import WORD_RE
from .query import QueryError, parse_query

SUFFIXES = ("ational", "ization", "ations", "ation", "ments", "ment", "ness", "ings", "ing",
            "ies", "ied", "ers", "er", "es", "ed", "ly", "s", "e", "y")
ELLIPSIS = "…"


def _root(word: str) -> str:
    """A crude stem, for highlighting only (the index does the real stemming)."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@functools.lru_cache(maxsize=256)
def _terms(q: str) -> tuple[frozenset, frozenset, frozenset]:
    """(words, CJK runs, roots of the words) a query highlights: parsed once per query, not
    once per text (a search's list page asks for about 75 snippets)."""
    try:
        parsed = parse_query(q)
    except QueryError:
        parsed = None
    if parsed is None:  # a bad query, or one with nothing to search: no highlights
        return frozenset(), frozenset(), frozenset()
    words, runs = parsed.highlight_terms()
    return frozenset(words), frozenset(runs), frozenset(_root(w) for w in words)


def _match_spans(text: str, runs, roots) -> list[tuple[int, int]]:
    spans = []
    for match in WORD_RE.finditer(text):
        word = match.group().lower()
        if _root(word) in roots or any(
            len(r) >= 4 and word.startswith(r) and len(word) - len(r) <= 3 for r in roots
        ):
            spans.append(match.span())
    for run in runs:
        start = text.find(run)
        while start != -1:
            spans.append((start, start + len(run)))
            start = text.find(run, start + len(run))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _window(text: str, spans, length: int) -> tuple[int, int]:
    if len(text) <= length:
        return 0, len(text)
    if spans:
        first_start, first_end = spans[0]
        start = max(0, first_start - max(0, length - (first_end - first_start)) // 3)
    else:
        start = 0
    start = min(start, len(text) - length)
    end = start + length
    if start > 0:  # do not begin inside a word
        space = text.find(" ", start, start + 20)
        if space != -1 and (not spans or space < spans[0][0]):
            start = space + 1
    if end < len(text):
        space = text.rfind(" ", end - 20, end)
        if space > start:
            end = space
    return start, end


def snippet(text: str, q: str, length: int = 200) -> list[tuple[str, bool]]:
    """Up to `length` characters of text around the first match of q, as (text, is_match)
    segments; "…" marks a cut. Plain text: the template escapes it and wraps matches in
    <mark>. Never raises on a bad query (no highlights then)."""
    text = " ".join((text or "").split())
    if not text:
        return []
    words, runs, roots = _terms(q or "")
    spans = _match_spans(text, runs, roots) if words or runs else []
    start, end = _window(text, spans, max(length, 1))
    segments: list[tuple[str, bool]] = []

    def add(part: str, is_match: bool):
        if not part:
            return
        if segments and segments[-1][1] == is_match:
            segments[-1] = (segments[-1][0] + part, is_match)
        else:
            segments.append((part, is_match))

    if start > 0:
        add(ELLIPSIS, False)
    cursor = start
    for span_start, span_end in spans:
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start >= span_end:
            continue
        add(text[cursor:span_start], False)
        add(text[span_start:span_end], True)
        cursor = span_end
    add(text[cursor:end], False)
    if end < len(text):
        add(ELLIPSIS, False)
    return segments
