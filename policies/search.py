"""Full-text search over policies, briefs and news, the same on PostgreSQL and SQLite.

    search_policies(queryset, q) -> queryset   # filtered to matches, annotated with float `rank`
    search_briefs(queryset, q) -> queryset     # (higher is better: `.order_by("-rank")`)
    search_news(queryset, q) -> queryset
    snippet(text, q, length=200) -> [(text, is_match), ...]   # plain text: templates escape it

Query syntax (web-search style): bare words must all match (English words are stemmed:
"batteries" finds "battery"); "quoted words" match as a phrase; `OR` (upper case) between two
words or phrases matches either; `-word` or `-"a phrase"` excludes. Chinese is searched by
character bigrams, so 汽车 or 物联网 match inside an unspaced title, and a single character
matches any text containing it. A word, quoted phrase or the whole query that names an agency
(abbreviation, English or Chinese name, or alias: MIIT, 工信部) also matches the records linked
to that agency.

Queries are cut to 500 characters (at a space); control characters count as spaces. Common
English words (the, of, and) are ignored. A blank query matches everything with rank 0.
`QueryError` (a ValueError whose message can be shown to the user) is raised when nothing
searchable is left: only punctuation or common words, or only exclusions. Any other input is
safe: every user term reaches the database as a bound parameter or a quoted FTS5 string.

Each search runs one query of its own (resolving agency names) and joins the index into the
main query. The index is kept fresh by `reindex(...)` / `reindex_all()` (from `search_index`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import reduce

from django.db import connection
from django.db.models import BooleanField, F, FloatField, Func, Lookup, Q, Value

from .models import Agency
from .search_index import (
    CJK_CHARS,
    agency_token,
    bigrams,
    index_brief,
    index_news,
    index_policy,
    normalise,
    reindex,
    reindex_all,
    reindex_on_commit,
    tokens,
)
from .search_models import FTS5Column

__all__ = [
    "MAX_QUERY_LENGTH",
    "QueryError",
    "index_brief",
    "index_news",
    "index_policy",
    "parse_query",
    "reindex",
    "reindex_all",
    "reindex_on_commit",
    "search_briefs",
    "search_news",
    "search_policies",
    "snippet",
]

MAX_QUERY_LENGTH = 500
MAX_AGENCY_CANDIDATES = 20
# Relative weights of title, body, title_cjk, body_cjk, tags: PostgreSQL's A, C, A, C, B.
BM25_WEIGHTS = (5.0, 1.0, 5.0, 1.0, 2.0)


class QueryError(ValueError):
    """A query with nothing searchable in it; the message is meant for the user."""


# --------------------------------------------------------------------------- query tree


@dataclass(frozen=True)
class Words:
    """Latin words that must appear in this order (stop words removed, as in the index)."""

    words: tuple[str, ...]


@dataclass(frozen=True)
class Han:
    """A run of CJK characters: a bigram phrase, or a prefix search for one character."""

    run: str


@dataclass(frozen=True)
class Tag:
    """A record linked to an agency."""

    token: str


@dataclass(frozen=True)
class AllOf:
    children: tuple


@dataclass(frozen=True)
class AnyOf:
    children: tuple


@dataclass
class Term:
    """One bare word or quoted phrase of the query, as typed."""

    raw: str
    node: object | None
    negated: bool = False


@dataclass
class ParsedQuery:
    """Groups of alternatives (AND of ORs) and exclusions, plus the texts that might name an
    agency (the whole query, each quoted phrase and each bare word)."""

    text: str
    groups: list[list[Term]] = field(default_factory=list)
    negatives: list[Term] = field(default_factory=list)

    @property
    def whole(self) -> str:
        """The query without its quotes: it may name an agency as a whole."""
        return " ".join(self.text.replace('"', " ").split())

    def agency_candidates(self) -> list[str]:
        names = [self.whole] + [t.raw for group in self.groups for t in group]
        seen, out = set(), []
        for name in names:
            name = " ".join(name.split())
            if name and len(name) <= 200 and name.casefold() not in seen:
                seen.add(name.casefold())
                out.append(name)
        return out[:MAX_AGENCY_CANDIDATES]

    def highlight_terms(self) -> tuple[set[str], set[str]]:
        """(Latin words, CJK runs) a snippet should mark."""
        words, runs = set(), set()

        def walk(node):
            if isinstance(node, Words):
                words.update(node.words)
            elif isinstance(node, Han):
                runs.add(node.run)
            elif isinstance(node, AllOf | AnyOf):
                for child in node.children:
                    walk(child)

        for group in self.groups:
            for term in group:
                walk(term.node)
        return words, runs


ITEM_RE = re.compile(r'(?P<neg>-*)"(?P<phrase>[^"]*)"?|(?P<bare>\S+)')


def _term_node(text: str):
    """AND of the units of one word or phrase: Latin stretches and CJK runs."""
    units, words = [], []
    for kind, value in tokens(text):
        if kind == "word":
            words.append(value)
            continue
        if words:
            units.append(Words(tuple(words)))
            words = []
        units.append(Han(value))
    if words:
        units.append(Words(tuple(words)))
    if not units:
        return None
    return units[0] if len(units) == 1 else AllOf(tuple(units))


def parse_query(q: str) -> ParsedQuery | None:
    """The query's structure, or None for a blank query; QueryError if nothing is searchable.
    Pure: no database access."""
    text = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in normalise(q)).strip()
    if len(text) > MAX_QUERY_LENGTH:
        cut = text[:MAX_QUERY_LENGTH]
        if not text[MAX_QUERY_LENGTH].isspace() and " " in cut:
            cut = cut.rsplit(" ", 1)[0]  # no half word at the end
        text = cut.strip()
    if not text:
        return None
    items: list[Term | str] = []
    for match in ITEM_RE.finditer(text):
        if match.group("bare") is not None:
            raw = match.group("bare")
            if raw == "OR":
                items.append("OR")
                continue
            negated = raw.startswith("-") and raw.strip("-") != ""
            raw = raw.lstrip("-") if negated else raw
        else:
            raw, negated = match.group("phrase"), bool(match.group("neg"))
        node = _term_node(raw)
        if node is not None:
            items.append(Term(raw=raw, node=node, negated=negated))

    parsed = ParsedQuery(text=text)
    joins_previous = False
    for item in items:
        if item == "OR":
            joins_previous = bool(parsed.groups)
            continue
        if item.negated:
            parsed.negatives.append(item)
        elif joins_previous and parsed.groups:
            parsed.groups[-1].append(item)
        else:
            parsed.groups.append([item])
        joins_previous = False
    # OR binds two words or phrases; next to an exclusion it is ignored ("a OR -b" = a -b).

    if not parsed.groups:
        if parsed.negatives:
            raise QueryError("Add a word to search for: a query cannot only exclude words.")
        raise QueryError(
            "Nothing to search for: use words, numbers or Chinese characters other than very "
            "common words such as “the” or “of”."
        )
    return parsed


def _agency_tokens(parsed: ParsedQuery) -> dict[str, list[str]]:
    """Candidate text (case-folded) -> tokens of the agencies it names. One query at most."""
    candidates = parsed.agency_candidates()
    if not candidates:
        return {}
    condition = reduce(
        Q.__or__,
        (
            Q(abbreviation__iexact=name) | Q(name__iexact=name) | Q(chinese_name=name)
            | Q(aliases__name__iexact=name)
            for name in candidates
        ),
    )
    rows = Agency.objects.filter(condition).values_list(
        "pk", "abbreviation", "name", "chinese_name", "aliases__name"
    )
    wanted = {name.casefold() for name in candidates}
    found: dict[str, set[int]] = {}
    for pk, *names in rows:
        for name in names:
            key = " ".join((name or "").split()).casefold()
            if key in wanted:
                found.setdefault(key, set()).add(pk)
    return {key: [agency_token(pk) for pk in sorted(pks)] for key, pks in found.items()}


def _alternatives(nodes: list) -> object:
    return nodes[0] if len(nodes) == 1 else AnyOf(tuple(nodes))


def _tree(parsed: ParsedQuery, agencies: dict[str, list[str]]):
    """(positive node, [negative nodes]) with the agency alternatives folded in."""

    def names_agency(text: str) -> list:
        return [Tag(token) for token in agencies.get(" ".join(text.split()).casefold(), [])]

    groups = [
        _alternatives([node for term in group for node in (term.node, *names_agency(term.raw))])
        for group in parsed.groups
    ]
    positive = groups[0] if len(groups) == 1 else AllOf(tuple(groups))
    single_term = len(parsed.groups) == 1 and len(parsed.groups[0]) == 1
    if not single_term and not parsed.negatives:
        whole = names_agency(parsed.whole)
        if whole:
            positive = AnyOf((positive, *whole))
    return positive, [term.node for term in parsed.negatives]


# --------------------------------------------------------------------------- SQLite: FTS5


def _fts5_phrase(columns: str, tokens_: list[str], prefix: bool = False) -> str:
    quoted = '"' + " ".join(tokens_).replace('"', '""') + '"'
    return f"{columns} : {quoted}{' *' if prefix else ''}"


def _fts5(node) -> str:
    if isinstance(node, Words):
        return _fts5_phrase("{title body}", list(node.words))
    if isinstance(node, Han):
        if len(node.run) == 1:
            return _fts5_phrase("{title_cjk body_cjk}", [node.run], prefix=True)
        return _fts5_phrase("{title_cjk body_cjk}", bigrams(node.run))
    if isinstance(node, Tag):
        return _fts5_phrase("{tags}", [node.token])
    joiner = " AND " if isinstance(node, AllOf) else " OR "
    return "(" + joiner.join(_fts5(child) for child in node.children) + ")"


def fts5_expression(positive, negatives) -> str:
    """Flat where it can be: FTS5's parser overflows at about 100 nested parentheses."""
    expression = _fts5(positive)
    if negatives:
        expression += f" NOT {_fts5(_alternatives(list(negatives)))}"
    return expression


@FTS5Column.register_lookup
class FTS5Match(Lookup):
    lookup_name = "match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


class BM25(Func):
    """Negated bm25() of the joined FTS5 row: higher is better."""

    function = "bm25"
    template = "(-%(function)s(%(expressions)s))"
    output_field = FloatField()


def _sqlite_search(queryset, path: str, positive, negatives):
    fts = f"{path}__fts__table"
    weights = [Value(w, output_field=FloatField()) for w in BM25_WEIGHTS]
    return queryset.filter(**{f"{fts}__match": fts5_expression(positive, negatives)}).annotate(
        rank=BM25(F(fts), *weights)
    )


# --------------------------------------------------------------------------- PostgreSQL


def _tsquery(node) -> tuple[str, list]:
    if isinstance(node, Words):
        return "phraseto_tsquery('english'::regconfig, %s)", [" ".join(node.words)]
    if isinstance(node, Han):
        if len(node.run) == 1:
            return "to_tsquery('simple'::regconfig, %s)", [f"'{node.run}':*"]
        return "phraseto_tsquery('simple'::regconfig, %s)", [" ".join(bigrams(node.run))]
    if isinstance(node, Tag):
        return "plainto_tsquery('simple'::regconfig, %s)", [node.token]
    parts = [_tsquery(child) for child in node.children]
    joiner = " && " if isinstance(node, AllOf) else " || "
    return "(" + joiner.join(sql for sql, _ in parts) + ")", [p for _, ps in parts for p in ps]


def tsquery_sql(positive, negatives) -> tuple[str, list]:
    sql, params = _tsquery(positive)
    if negatives:
        neg_sql, neg_params = _tsquery(_alternatives(list(negatives)))
        sql, params = f"({sql} && !!{neg_sql})", [*params, *neg_params]
    return sql, params


class _DocumentVector(Func):
    """Base for SQL over the `vector` column of the search document joined at `path` (the
    column is not on the model: it exists on PostgreSQL only)."""

    def __init__(self, path: str, tsquery: tuple[str, list]):
        super().__init__(F(f"{path}__title"))
        self.tsquery = tsquery

    def vector_sql(self, compiler, connection) -> str:
        (column,) = self.get_source_expressions()
        table = compiler.quote_name_unless_alias(column.alias)
        return f"{table}.{connection.ops.quote_name('vector')}"


class VectorMatch(_DocumentVector):
    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = self.tsquery
        return f"{self.vector_sql(compiler, connection)} @@ {sql}", list(params)


class VectorRank(_DocumentVector):
    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = self.tsquery
        return f"ts_rank({self.vector_sql(compiler, connection)}, {sql})", list(params)


def _postgresql_search(queryset, path: str, positive, negatives):
    tsquery = tsquery_sql(positive, negatives)
    # The document is a LEFT JOIN here; PostgreSQL makes it an inner join (@@ is strict).
    return queryset.filter(VectorMatch(path, tsquery)).annotate(rank=VectorRank(path, tsquery))


# --------------------------------------------------------------------------- public API


def _search(queryset, q: str, path: str = "search_document"):
    parsed = parse_query(q)
    if parsed is None:
        return queryset.annotate(rank=Value(0.0, output_field=FloatField()))
    positive, negatives = _tree(parsed, _agency_tokens(parsed))
    if connection.vendor == "postgresql":
        return _postgresql_search(queryset, path, positive, negatives)
    if connection.vendor == "sqlite":
        return _sqlite_search(queryset, path, positive, negatives)
    raise NotImplementedError(f"no full-text search for {connection.vendor}")


def search_policies(queryset, q: str):
    """Policies matching q (titles, what briefs say about them, issuing agencies), with `rank`."""
    return _search(queryset, q)


def search_briefs(queryset, q: str):
    """Briefs matching q (title, topics, body, items, linked agencies), with `rank`."""
    return _search(queryset, q)


def search_news(queryset, q: str):
    """News items matching q (text, sources, linked agencies), with `rank`."""
    return _search(queryset, q)


# --------------------------------------------------------------------------- snippets

WORD_RE = re.compile(rf"[^\W_{CJK_CHARS}]+")
SUFFIXES = ("ational", "ization", "ations", "ation", "ments", "ment", "ness", "ings", "ing",
            "ies", "ied", "ers", "er", "es", "ed", "ly", "s", "e", "y")
ELLIPSIS = "…"


def _root(word: str) -> str:
    """A crude stem, for highlighting only (the index does the real stemming)."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _match_spans(text: str, words: set[str], runs: set[str]) -> list[tuple[int, int]]:
    roots = {_root(w) for w in words}
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
    try:
        parsed = parse_query(q or "")
    except QueryError:
        parsed = None
    words, runs = parsed.highlight_terms() if parsed else (set(), set())
    spans = _match_spans(text, words, runs) if words or runs else []
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
