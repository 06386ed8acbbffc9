"""The query language of the search box, parsed into a tree: pure, no Django, no database.

Web-search style: bare words must all match (English words are stemmed by the backends:
"batteries" finds "battery"); "quoted words" match as a phrase; `OR` (upper case) between two
words or phrases matches either; `-word` or `-"a phrase"` excludes. Chinese is searched by
character bigrams, so 汽车 or 物联网 match inside an unspaced title, and a single character
matches any text containing it. A word, quoted phrase or the whole query that names an agency
(abbreviation, English or Chinese name, or alias: MIIT, 工信部) also matches the records linked
to that agency: `agency_candidates()` lists the texts to look up, `tree()` folds the agencies
found into the tree. A word, phrase or whole query that is a term of the bilingual glossary
(policies/data/glossary.json: 新能源 = new energy, 芯片 = chips) also matches the same term in
the other language: `expansions()` says which, for "also searched: new energy".

Queries are cut to 500 characters (at a space); control characters count as spaces. Common
English words (the, of, and) are ignored. A blank query gives None. `QueryError` (a ValueError
whose message can be shown to the user) is raised when nothing searchable is left: only
punctuation or common words, or only exclusions.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .analysis import fold_width, tokens

MAX_QUERY_LENGTH = 500
MAX_AGENCY_CANDIDATES = 20
GLOSSARY_FILE = Path(__file__).resolve().parents[1] / "data" / "glossary.json"


def _glossary_key(text: str) -> str:
    return " ".join(word for _, word in tokens(text.replace("-", " ")))


@cache
def glossary() -> dict[str, tuple[str, ...]]:
    """{term's key: the same term in the other language}: each English term leads to the
    entry's Chinese terms and each Chinese term to its English ones (not to its synonyms in the
    same language: a query keeps the user's own words)."""
    with open(GLOSSARY_FILE, encoding="utf-8") as handle:
        entries = json.load(handle)
    found: dict[str, tuple[str, ...]] = {}
    for entry in entries:
        for language, other in (("en", "zh"), ("zh", "en")):
            for term in entry[language]:
                key = _glossary_key(term)
                if key:
                    found[key] = tuple(dict.fromkeys((*found.get(key, ()), *entry[other])))
    return found


def translations(text: str) -> tuple[str, ...]:
    """The glossary's other-language terms for this word, phrase or query; () if none."""
    return glossary().get(_glossary_key(text), ())


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
    quoted: bool = False  # "a phrase": matched as typed, never translated


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

    def translated(self, term: Term) -> tuple[str, ...]:
        return () if term.quoted else translations(term.raw)

    def translated_whole(self) -> tuple[str, ...]:
        """The whole query's translations: an unquoted query of several words ("new energy")."""
        single = len(self.groups) == 1 and len(self.groups[0]) == 1
        if single or self.negatives or '"' in self.text:
            return ()
        return translations(self.whole)

    def expansions(self) -> list[str]:
        """The glossary terms searched besides the user's own: ["new energy"] for 新能源."""
        texts = [alt for group in self.groups for term in group for alt in self.translated(term)]
        return list(dict.fromkeys([*texts, *self.translated_whole()]))

    def highlight_terms(self) -> tuple[set[str], set[str]]:
        """(Latin words, CJK runs) a snippet should mark: the query's and its expansions'."""
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
        for text in self.expansions():
            walk(_term_node(text))
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
    text = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in fold_width(q)).strip()
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
            items.append(Term(raw=raw, node=node, negated=negated,
                              quoted=match.group("bare") is None))

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


def alternatives(nodes: list) -> object:
    return nodes[0] if len(nodes) == 1 else AnyOf(tuple(nodes))


def tree(parsed: ParsedQuery, agencies: dict[str, list[str]]):
    """(positive node, [negative nodes]) with the agency and glossary alternatives folded in."""

    def names_agency(text: str) -> list:
        return [Tag(token) for token in agencies.get(" ".join(text.split()).casefold(), [])]

    def nodes(texts) -> list:
        return [node for node in map(_term_node, texts) if node is not None]

    groups = [
        alternatives([node for term in group for node in (
            term.node, *names_agency(term.raw), *nodes(parsed.translated(term)))])
        for group in parsed.groups
    ]
    positive = groups[0] if len(groups) == 1 else AllOf(tuple(groups))
    single_term = len(parsed.groups) == 1 and len(parsed.groups[0]) == 1
    if not single_term and not parsed.negatives:
        whole = [*names_agency(parsed.whole), *nodes(parsed.translated_whole())]
        if whole:
            positive = AnyOf((positive, *whole))
    return positive, [term.node for term in parsed.negatives]


