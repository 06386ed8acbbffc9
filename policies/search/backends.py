"""The search run by each database: FTS5 with bm25() on SQLite, a tsquery against the stored
tsvector on PostgreSQL; the same query tree (`query`) and the same analysed documents (`index`),
so both find the same records.

    search = Search.prepare(q, agencies=Agency.objects)   # parses; one query for agency names
    search.apply(queryset)   # the rows matching, annotated with a float `rank` (higher is better)

`Policy.objects.search(q)` (and the same on briefs and news) does both. A prepared `Search` can
be applied to many querysets without further queries: the list pages prepare it once and use it
for the rows, every facet and the counts. Every user term reaches the database as a bound
parameter or a quoted FTS5 string.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, F, FloatField, Func, Lookup, Value

from .analysis import agency_token, bigrams
from .models import FTS5Column
from .query import AllOf, Han, ParsedQuery, Tag, Words, alternatives, parse_query, tree

# Relative weights of title, body, title_cjk, body_cjk, tags: PostgreSQL's A, C, A, C, B.
BM25_WEIGHTS = (5.0, 1.0, 5.0, 1.0, 2.0)
DOCUMENT = "search_document"  # the searched models' relation to their SearchDocument


@dataclass(frozen=True)
class Search:
    """A query ready for the database: parsed, with the agencies it names resolved."""

    text: str
    positive: object | None  # None: a blank query, which matches everything with rank 0
    negatives: tuple = ()
    expansions: tuple[str, ...] = ()  # glossary terms also searched: ("new energy",)
    named: tuple[tuple[str, str], ...] = ()  # (text as typed, agency): (("工信部", "MIIT"),)

    @classmethod
    def prepare(cls, q: str, *, agencies) -> Search:
        """Parse `q` (QueryError if nothing is searchable) and look up, in one query on the
        `agencies` queryset (`Agency.objects`), the agencies its words or phrases name."""
        parsed = parse_query(q)
        if parsed is None:
            return cls(q, None)
        tokens, named = agency_tokens(parsed, agencies)
        positive, negatives = tree(parsed, tokens)
        return cls(parsed.text, positive, tuple(negatives), tuple(parsed.expansions()),
                   tuple(named))

    def apply(self, queryset, path: str = DOCUMENT):
        """`queryset` narrowed to the matches, annotated with `rank`: no query of its own."""
        if self.positive is None:
            return queryset.annotate(rank=Value(0.0, output_field=FloatField()))
        if connection.vendor == "postgresql":
            return _postgresql_search(queryset, path, self.positive, self.negatives)
        if connection.vendor == "sqlite":
            return _sqlite_search(queryset, path, self.positive, self.negatives)
        raise NotImplementedError(f"no full-text search for {connection.vendor}")


def agency_tokens(parsed: ParsedQuery, agencies) -> tuple[dict[str, list[str]], list]:
    """({candidate text case-folded: tokens of the agencies it names}, [(text as typed,
    abbreviation)]) for the query's words, phrases and whole. One query at most."""
    candidates = parsed.agency_candidates()
    if not candidates:
        return {}, []
    rows = agencies.named(*candidates).values_list(
        "pk", "abbreviation", "name", "chinese_name", "aliases__name"
    )
    typed = {name.casefold(): name for name in candidates}
    found: dict[str, set[int]] = {}
    named: dict[tuple[str, str], None] = {}
    for pk, abbreviation, *names in rows:
        for name in (abbreviation, *names):
            key = " ".join((name or "").split()).casefold()
            if key in typed:
                found.setdefault(key, set()).add(pk)
                if typed[key] != abbreviation:
                    named[(typed[key], abbreviation)] = None
    tokens = {key: [agency_token(pk) for pk in sorted(pks)] for key, pks in found.items()}
    return tokens, list(named)


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
        expression += f" NOT {_fts5(alternatives(list(negatives)))}"
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
        neg_sql, neg_params = _tsquery(alternatives(list(negatives)))
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


