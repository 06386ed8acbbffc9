"""Matching names in brief texts against the curated registries: pure code, no Django.

Three matchers, each built from plain data so the caller can feed them from the JSON files in
`policies/data/` or from database rows:

* `AgencyMatcher(entries)` with entries `(key, [abbreviation, English name, Chinese name,
  *aliases])`: `resolve()` one token of an "Issuing bodies:" line, `find_mentions()` in prose,
  `unknown_abbreviations()` for the tokens that resolve to nothing (the caller warns).
* `CompanyMatcher(entries)` with entries `(key, [name, *aliases])`: `find_mentions()` of
  registered companies, and `find_candidates()` for unregistered names carrying a legal suffix
  ("Xyz Technology Co.", "Baz AG").
* `SectorClassifier(entries)` with entries `(slug, keywords)`, a keyword being a string
  (weight 1) or `[keyword, weight]`: `classify(title, summary, key_points)`.

Every matcher compiles its names into one regular expression: a character trie turned into
nested alternations whose top-level branches all start with a literal character, so a 1 MB text
is scanned in one pass without per-entry loops and the longest name wins at any position. The
only repetitions in those patterns are runs of whitespace followed by a fixed literal, so nothing
can backtrack catastrophically. Unregistered company names are found suffix first ("Co., Ltd.")
and then walked back word by word, at most eight words: linear time as well.
"""

from __future__ import annotations

import heapq
import json
import re
import unicodedata
from collections.abc import Hashable, Iterable, Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "AgencyMatcher",
    "CompanyMatcher",
    "SectorClassifier",
    "DEFAULT_SECTOR_THRESHOLD",
    "DEFAULT_SECTOR_RELATIVE",
    "AGENCY_RESOLVE_ONLY",
    "AGENCY_WORDLIKE",
    "GENERIC_COMPANY_WORDS",
    "agency_entries",
    "company_entries",
    "sector_entries",
    "load_registry_json",
    "normalise_name",
    "split_issuing_line",
    "has_cjk",
]

# --------------------------------------------------------------------------- text helpers

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{_CJK}]")
_APOSTROPHES = "'\u2019\u2018\u02bc`\u00b4"
_DASHES = "-\u2010\u2011\u2012\u2013\u2014"


def first_keys(mentions) -> list:
    """The keys of (key, start, end, text) mentions, in order of first appearance, no repeats."""
    return list(dict.fromkeys(key for key, *_ in mentions))


def has_cjk(text: str) -> bool:
    return bool(_CJK_RE.search(text or ""))


_THE_RE = re.compile(r"\bthe\b")
_NON_NAME_RE = re.compile(r"[^\w&'.,+]+")


def normalise_name(name: str) -> str:
    """The comparison key of a name: NFKC, case-folded, one kind of apostrophe, "&" as "and",
    hyphens as spaces, the word "the" dropped, whitespace collapsed, outer punctuation stripped.

    "The Ministry of Ecology and the Environment" and "Ministry of Ecology and Environment" give
    the same key; so do "MIIT" and "miit"."""
    text = unicodedata.normalize("NFKC", name or "")
    for ch in _APOSTROPHES:
        text = text.replace(ch, "'")
    for ch in _DASHES:
        text = text.replace(ch, " ")
    text = text.casefold().replace("&", " and ")
    text = _THE_RE.sub(" ", text)
    text = _NON_NAME_RE.sub(" ", text)
    text = " ".join(text.split())
    return text.strip(" .,;:")


# --------------------------------------------------------------------------- trie regexes

_END = ""  # marks the end of a name in the trie; never a real atom
_BOUNDARY = r"(?![A-Za-z0-9])"  # the atom closing every Latin-script name


class _Trie:
    """Names as sequences of atoms (each a regex for one unit), compiled into one regex.

    Shared prefixes are factored out. At every node, continuing atoms are tried before the
    closing boundary, so the leftmost match is the longest name that fits. Every top-level
    branch starts with a literal character (no groups, no lookbehind), so the regex engine
    skips ahead to positions holding a possible first character and rejects most branches
    with one comparison. The leading word boundary of Latin names is checked by `_scan`."""

    def __init__(self) -> None:
        self.root: dict = {}

    def add(self, atoms: Sequence[str]) -> None:
        if not atoms:
            return
        node = self.root
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[_END] = {}

    def compile(self, *, word_start: bool = False) -> re.Pattern:
        """word_start: try only where no Latin letter or digit precedes (for case-folding
        tries, whose first characters are every letter, this rejects mid-word positions with
        one test instead of one per branch)."""
        if not self.root:
            return re.compile(r"(?!x)x")
        branches = []
        for atom, child in _ordered(self.root):
            rest = _emit(child)
            if _is_case_pair(atom):  # "[Mm]" -> "M..." | "m...": every branch starts literally
                branches += [re.escape(atom[1]) + rest, re.escape(atom[2]) + rest]
            else:
                branches.append(atom + rest)
        prefix = r"(?<![A-Za-z0-9])" if word_start else ""
        return re.compile(prefix + "(?:" + "|".join(branches) + ")")


def _is_case_pair(atom: str) -> bool:
    return len(atom) == 4 and atom[0] == "[" and atom[3] == "]" and atom[1] != atom[2]


def _ordered(node: dict) -> list[tuple[str, dict]]:
    """Children in trial order: case-folding classes first (the longer English names), then
    literals, zero-width assertions (boundaries) last."""
    items = [(atom, child) for atom, child in node.items() if atom != _END]
    return sorted(items, key=lambda kv: (kv[0].startswith("(?"), not kv[0].startswith("["), kv[0]))


def _emit(node: dict) -> str:
    alternatives = [atom + _emit(child) for atom, child in _ordered(node)]
    if not alternatives:
        return ""
    optional = _END in node
    if len(alternatives) == 1 and not optional:
        return alternatives[0]
    body = "(?:" + "|".join(alternatives) + ")"
    return body + "?" if optional else body


def _is_latin_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _scan(patterns: Sequence[re.Pattern], text: str):
    """Matches of `_Trie` patterns in text order (the patterns never overlap: one holds the
    Latin-script names, the other the Chinese ones)."""
    if len(patterns) == 1:
        return _scan_one(patterns[0], text)
    return heapq.merge(*(_scan_one(p, text) for p in patterns), key=lambda m: m.start())


def _scan_one(pattern: re.Pattern, text: str):
    """Matches of one `_Trie` pattern, skipping Latin matches that start inside a word."""
    pos, size = 0, len(text)
    while pos < size:
        match = pattern.search(text, pos)
        if match is None:
            return
        start = match.start()
        if start > 0 and _is_latin_alnum(text[start - 1]) and _is_latin_alnum(text[start]):
            pos = start + 1
            continue
        yield match
        pos = max(match.end(), start + 1)


_THE = r"(?:[Tt][Hh][Ee]\s+)?"
_SEP_NAME = r"[\s" + re.escape(_DASHES) + r"]+" + _THE  # words of an agency name
_SEP_KEYWORD = r"[\s" + re.escape(_DASHES) + r"]+"  # words of a sector keyword
_SEP_PLAIN = r"\s+"
_APOS_CLASS = "[" + re.escape(_APOSTROPHES) + "]"
_DASH_CLASS = "[" + re.escape(_DASHES) + "]"


def _latin_atoms(name: str, *, fold: bool, sep: str, dash_is_sep: bool) -> list[str]:
    """The atoms of a Latin-script name, closed by a word boundary.

    fold: letters match in either case. sep: the regex between words; dash_is_sep: hyphens are
    word separators too ("Urban-Rural" == "Urban Rural"), otherwise any dash variant matches a
    hyphen. Apostrophes match their typographic variants."""
    atoms: list[str] = []
    dash_chars = re.escape(_DASHES)
    for tok in re.findall(r"\s+|[" + dash_chars + r"]+|.", name):
        if tok.isspace() or (dash_is_sep and tok[0] in _DASHES):
            if atoms and atoms[-1] != sep:
                atoms.append(sep)
        elif tok[0] in _DASHES:
            atoms.append(_DASH_CLASS)
        elif tok in _APOSTROPHES:
            atoms.append(_APOS_CLASS)
        elif fold and tok.lower() != tok.upper():
            atoms.append("[" + re.escape(tok.upper()) + re.escape(tok.lower()) + "]")
        else:
            atoms.append(re.escape(tok))
    while atoms and atoms[-1] == sep:
        atoms.pop()
    return atoms + [_BOUNDARY] if atoms else []


def _cjk_atoms(name: str, *, ministry_guard: bool = False) -> list[str]:
    atoms = [re.escape(c) for c in name]
    if ministry_guard and name.endswith("部"):
        atoms.append("(?!门)")  # 教育部门 is "education departments", not the ministry
    return atoms


def _strip_the(name: str) -> str:
    return re.sub(r"^(?:the\s+)+", "", name.strip(), flags=re.IGNORECASE)


def _is_abbreviation(name: str) -> bool:
    """Abbreviations ("MIIT", "PBoC", "MoF", "CCPCPD") are one token with at least two capitals,
    which are at least about half its letters; "Sinopec" or "MofCom" are names (any case)."""
    if not name or has_cjk(name) or re.search(r"\s", name) or len(name) > 12:
        return False
    letters = [c for c in name if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    return (
        upper >= 2
        and upper * 2 >= len(letters) - 1
        and re.fullmatch(r"[A-Za-z0-9&.\-]+", name) is not None
    )


# --------------------------------------------------------------------------- registries


def load_registry_json(path: str | Path) -> list[dict[str, Any]]:
    """A registry file: a JSON list of objects."""
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    if not isinstance(data, list) or not all(isinstance(rec, dict) for rec in data):
        raise ValueError(f"{path}: expected a JSON list of objects")
    return data


def agency_entries(data: Iterable[dict[str, Any]]) -> list[tuple[str, list[str]]]:
    """(abbreviation, [abbreviation, name, chinese_name, *aliases]) per agency record."""
    out = []
    for rec in data:
        names = [rec.get("abbreviation"), rec.get("name"), rec.get("chinese_name")]
        names += list(rec.get("aliases") or [])
        out.append((rec["abbreviation"], [n for n in names if n]))
    return out


def company_entries(data: Iterable[dict[str, Any]]) -> list[tuple[str, list[str]]]:
    """(slug, [name, *aliases]) per company record."""
    out = []
    for rec in data:
        names = [rec.get("name"), *(rec.get("aliases") or [])]
        out.append((rec["slug"], [n for n in names if n]))
    return out


def sector_entries(data: Iterable[dict[str, Any]]) -> list[tuple[str, list]]:
    """(slug, keywords) per sector record."""
    return [(rec["slug"], list(rec.get("keywords") or [])) for rec in data]


# --------------------------------------------------------------------------- agencies

# Names that are kept for resolving issuing-line tokens but never looked for in prose: too
# short or shared with other things ("SC"; "GAC" is also the carmaker; "MEP" a Member of the
# European Parliament; "SAT" a test).
AGENCY_RESOLVE_ONLY = frozenset({"SC", "GAC", "SAT", "MEP"})
# Abbreviations that are English words: in prose they count only outside ALL-CAPS runs
# ("THE MOST IMPORTANT" is no Ministry of Science and Technology).
AGENCY_WORDLIKE = frozenset({"MOST", "SAFE", "CAST"})

_ETC_RE = re.compile(r"(?:\s*,?\s*(?:etc\.?|and others|et al\.?|等))+\s*$", re.IGNORECASE)
_ISSUING_PREFIX_RE = re.compile(r"^\s*issuing\s+bod(?:y|ies)\s*:\s*", re.IGNORECASE)
_PAREN_RE = re.compile(r"^(?P<outer>.+?)\s*[(（](?P<inner>[^()（）]+)[)）]$")


def split_issuing_line(line: str) -> list[str]:
    """Raw tokens of an "Issuing bodies:" line: split at commas/semicolons/、, "etc." dropped.

    "Issuing bodies: MIIT, MOE, SAMR, NDA" -> ["MIIT", "MOE", "SAMR", "NDA"]. Tokens joined by
    "and" stay together here (an English name may contain "and"); `AgencyMatcher.resolve_all`
    splits them when the whole does not resolve."""
    text = _ISSUING_PREFIX_RE.sub("", line or "")
    text = _ETC_RE.sub("", text.strip())
    tokens = []
    for part in re.split(r"[,;，；、]", text):
        part = _ETC_RE.sub("", part).strip(" \t\n.:")
        if part:
            tokens.append(part)
    return tokens


class AgencyMatcher:
    """Agencies by abbreviation, English name, Chinese name or alias.

    `entries`: (key, names) pairs; names mix abbreviations (case-sensitive whole words in prose),
    English names (case-insensitive in prose, flexible whitespace, optional "the") and Chinese
    names (substrings). Every name resolves exactly, case- and "the"-insensitively."""

    def __init__(
        self,
        entries: Iterable[tuple[Hashable, Iterable[str]]],
        *,
        resolve_only: Iterable[str] = AGENCY_RESOLVE_ONLY,
        wordlike: Iterable[str] = AGENCY_WORDLIKE,
    ):
        resolve_only = set(resolve_only)
        self.wordlike = frozenset(wordlike)
        self._lookup: dict[str, Hashable] = {}
        self._abbr: dict[str, Hashable] = {}
        self._names: dict[str, Hashable] = {}
        self._cjk: dict[str, Hashable] = {}
        self.conflicts: list[tuple[str, Hashable, Hashable]] = []
        self.keys: list[Hashable] = []
        latin, cjk_trie = _Trie(), _Trie()
        for key, names in entries:
            self.keys.append(key)
            for raw in names:
                name = " ".join((raw or "").split())
                if not name:
                    continue
                self._remember(self._lookup, normalise_name(name), key)
                if has_cjk(name):
                    cjk = name.replace(" ", "")
                    self._remember(self._lookup, cjk, key)
                    if len(cjk) >= 2 and name not in resolve_only:
                        self._remember(self._cjk, cjk, key)
                        cjk_trie.add(_cjk_atoms(cjk, ministry_guard=True))
                    continue
                if name in resolve_only or len(name) <= 2:
                    continue
                if _is_abbreviation(name):
                    self._remember(self._abbr, name, key)
                    latin.add(_latin_atoms(name, fold=False, sep=_SEP_PLAIN, dash_is_sep=False))
                else:
                    bare = _strip_the(name)
                    self._remember(self._names, normalise_name(bare), key)
                    latin.add(_latin_atoms(bare, fold=True, sep=_SEP_NAME, dash_is_sep=True))
        self.patterns = (latin.compile(word_start=True), cjk_trie.compile())

    def _remember(self, table: dict, name: str, key: Hashable) -> None:
        if not name:
            return
        if name in table and table[name] != key:
            if table is self._lookup:
                self.conflicts.append((name, table[name], key))
            return  # first entry wins
        table[name] = key

    # ---- issuing lines

    def resolve(self, token: str) -> Hashable | None:
        """The key of one issuing-line token, or None.

        Case-, whitespace- and "the"-insensitive; trailing "etc." ignored; "Name (ABBR)" tries
        both parts."""
        text = _ETC_RE.sub("", " ".join((token or "").split())).strip(" .,;:")
        if not text:
            return None
        key = self._lookup.get(normalise_name(text))
        if key is None and has_cjk(text):
            key = self._lookup.get(text.replace(" ", ""))
        if key is None:
            match = _PAREN_RE.match(text)
            if match:
                key = self.resolve(match["outer"]) or self.resolve(match["inner"])
        return key

    def resolve_all(self, line_or_tokens: str | Iterable[str]) -> tuple[list, list[str]]:
        """(keys in order without repeats, tokens that resolve to nothing) for an issuing line
        or its tokens. A token like "NDRC and MOFCOM" is split at "and"/"&" when it does not
        resolve whole and all its parts do."""
        tokens = (
            split_issuing_line(line_or_tokens)
            if isinstance(line_or_tokens, str)
            else [t for t in line_or_tokens if t and t.strip()]
        )
        keys: list = []
        unknown: list[str] = []
        for token in tokens:
            token = token.strip()
            key = self.resolve(token)
            parts = [(token, key)]
            if key is None and re.search(r"\s(?:and|&)\s", token):
                pieces = [p.strip() for p in re.split(r"\s+(?:and|&)\s+", token) if p.strip()]
                resolved = [(p, self.resolve(p)) for p in pieces]
                if all(k is not None for _, k in resolved):
                    parts = resolved
            for text, k in parts:
                if k is None:
                    if text not in unknown:
                        unknown.append(text)
                elif k not in keys:
                    keys.append(k)
        return keys, unknown

    def unknown_abbreviations(self, line_or_tokens: str | Iterable[str]) -> list[str]:
        """The tokens of an issuing line (or the given tokens) that resolve to no agency."""
        return self.resolve_all(line_or_tokens)[1]

    # ---- prose

    def iter_mentions(self, text: str):
        """(key, start, end, matched text) for every mention, in text order."""
        text = text or ""
        for match in _scan(self.patterns, text):
            found = match.group()
            if has_cjk(found):
                key = self._cjk.get(found)
            elif found in self._abbr:
                key = self._abbr[found]
                if found in self.wordlike and _shouting(text, match, self._abbr):
                    continue
            else:
                key = self._names.get(normalise_name(found))
            if key is not None:
                yield key, match.start(), match.end(), found

    def find_mentions(self, text: str) -> list:
        """Keys of the agencies a text names, in order of first appearance, without repeats."""
        return first_keys(self.iter_mentions(text))


_LINE_WORDS_RE = re.compile(r"[A-Za-z][A-Za-z'’]*")


def _shouting(text: str, match: re.Match, known: dict) -> bool:
    """Is the match inside a run of ALL-CAPS words (a headline), ignoring known abbreviations?"""
    before = text[max(0, match.start() - 40) : match.start()].rsplit("\n", 1)[-1]
    after = text[match.end() : match.end() + 40].split("\n", 1)[0]
    words = _LINE_WORDS_RE.findall(before)[-1:] + _LINE_WORDS_RE.findall(after)[:1]
    return any(len(w) > 1 and w.isupper() and w not in known for w in words)


# --------------------------------------------------------------------------- companies

# Never company names on their own, whatever an alias list says.
GENERIC_COMPANY_WORDS = frozenset(
    w.casefold()
    for w in (
        "The", "A", "An", "Beijing", "Shanghai", "Shenzhen", "China", "Chinese", "PRC", "Group",
        "Company", "Companies", "Co", "Co.", "Corp", "Corp.", "Corporation", "Holdings", "Holding",
        "Inc", "Inc.", "Ltd", "Ltd.", "Limited", "Technology", "Technologies", "Industry",
        "Industries", "International", "National", "State", "Energy", "Motor", "Motors", "Auto",
        "Power", "New", "Global", "Bank", "Europe", "European", "Asia", "America", "American",
        "Germany", "German", "US", "U.S.", "EU", "AI", "IT", "Data", "Digital",
    )
)

_LEGAL_SUFFIX = (
    r"(?:Co\.,?\s+Ltd\b\.?|Co\.,?\s+Limited\b|Company\s+Limited\b|Corp\.,?\s+Ltd\b\.?"
    r"|Pte\.?\s+Ltd\b\.?|GmbH\s*&\s*Co\.\s*KG\b|S\.p\.A\.|S\.A\.|N\.V\.|Co\.|Corp\.|Ltd\b\.?"
    r"|Limited\b|Corporation\b|Incorporated\b|Inc\b\.?|GmbH\b|KGaA\b|AG\b|SE\b|plc\b|PLC\b"
    r"|LLC\b)"
)
_DESCRIPTIVE_SUFFIX = r"(?:Holdings?)"
_CAP_WORD = r"(?:[A-Z][A-Za-z0-9'’\-]*[A-Za-z0-9]|[A-Z]|[a-z][A-Z][A-Za-z0-9'’\-]*[A-Za-z0-9])"
_GAP = r"[ \t\u00a0]+(?:\n[ \t]*)?|[ \t]*\n[ \t]*"  # spaces, at most one line break
# A candidate is found from its suffix backwards: first the suffix, then at most
# `_MAX_CHAIN` words before it, one at a time (linear time, nothing to backtrack over).
_SUFFIX_RE = re.compile(
    r",?(?:" + _GAP + r")(?:(?P<desc>" + _DESCRIPTIVE_SUFFIX + r")(?:,?(?:" + _GAP + r")"
    + _LEGAL_SUFFIX + r")?|" + _LEGAL_SUFFIX + r")(?![A-Za-z0-9])"
)
_CHAIN_WORD_RE = re.compile(r"(?:" + _CAP_WORD + r"|&|of)")
_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'’-&")
_GAP_CHARS = frozenset(" \t\u00a0\n")
_MAX_CHAIN = 8
# Words dropped from the front of a candidate: articles, sentence openers, descriptions.
_LEADING_STOP = frozenset(
    w.casefold()
    for w in (
        "The", "A", "An", "And", "Of", "&", "Its", "Their", "His", "Her", "Our", "This", "That",
        "These", "Those", "Both", "Either", "Neither", "Meanwhile", "However", "Moreover", "Also",
        "In", "On", "At", "By", "For", "From", "With", "As", "After", "Before", "While", "When",
        "Since", "Under", "Via", "Chinese", "China's", "China’s", "Beijing's", "Beijing’s",
        "State-owned", "Privately-owned", "Publicly-listed", "Listed", "German", "European", "US",
        "U.S.", "American", "Japanese", "Korean", "South", "French", "Swiss", "Dutch", "British",
        "Taiwanese", "Swedish", "Finnish", "Spanish", "Italian", "Global", "Rival", "Rivals",
        "Leading", "Major", "Giant", "Domestic", "Foreign", "Local", "Western", "Reports",
        "Report", "Media", "Sources", "MERICS", "January", "February", "March", "April", "May",
        "June", "July", "August", "September", "October", "November", "December",
    )
)
_GENERIC_CANDIDATE_WORDS = GENERIC_COMPANY_WORDS | {
    w.casefold() for w in ("Science", "Development", "Investment", "Services", "Solutions",
                           "Systems", "Engineering", "Manufacturing", "Industrial", "Trading",
                           "Materials", "Resources", "Electronics", "Supply", "of", "&")
}


class CompanyMatcher:
    """Registered companies in prose, and unregistered names with a legal suffix.

    Precision first: names match case-sensitively on word boundaries (names longer than four
    characters also in ALL CAPS), generic words never match, Chinese names of two or more
    characters match as substrings."""

    def __init__(self, entries: Iterable[tuple[Hashable, Iterable[str]]]):
        self._exact: dict[str, Hashable] = {}
        self._full: dict[str, Hashable] = {}  # normalised name -> key
        self._lookup: dict[str, Hashable] = {}  # the same without legal forms ("Co., Ltd.")
        self.keys: list[Hashable] = []
        latin, cjk_trie = _Trie(), _Trie()
        for key, names in entries:
            self.keys.append(key)
            for raw in names:
                name = " ".join((raw or "").split())
                if not name or name.casefold() in GENERIC_COMPANY_WORDS:
                    continue
                self._full.setdefault(normalise_name(_surface(name)), key)
                self._lookup.setdefault(_company_key(name), key)
                if has_cjk(name):
                    if len(name) >= 2:
                        self._exact.setdefault(name, key)
                        cjk_trie.add(_cjk_atoms(name))
                    continue
                if len(name) < 2:
                    continue
                variants = {name}
                if len(name) > 4 and not name.isupper():
                    variants.add(name.upper())
                for variant in variants:
                    self._exact.setdefault(_surface(variant), key)
                    latin.add(_latin_atoms(variant, fold=False, sep=_SEP_PLAIN, dash_is_sep=False))
        # case-sensitive: the engine's first-character skip beats a word-start test here
        self.patterns = (latin.compile(), cjk_trie.compile())

    def resolve(self, name: str) -> Hashable | None:
        """The key of a company name, ignoring case, punctuation and (unless they tell two
        companies apart, as in "Merck KGaA") legal suffixes."""
        key = self._full.get(normalise_name(_surface(name or "")))
        return key if key is not None else self._lookup.get(_company_key(name or ""))

    def iter_mentions(self, text: str):
        for match in _scan(self.patterns, text or ""):
            found = match.group()
            key = self._exact.get(_surface(found))
            if key is not None:
                yield key, match.start(), match.end(), found

    def find_mentions(self, text: str) -> list:
        """Keys of the registered companies a text names, in order of first appearance."""
        return first_keys(self.iter_mentions(text))

    def find_candidates(self, text: str) -> list[str]:
        """Names of unregistered companies, found by their legal suffix, cleaned.

        1-5 capitalised words directly before "Co.", "Co., Ltd.", "Inc.", "Corp.", "AG",
        "GmbH", "SE", "plc", "Holdings" ...; leading articles, sentence openers and descriptions
        ("Chinese", "state-owned", "Shanghai-based") are dropped; a line break counts only
        inside a sentence (not after a heading line). Legal forms are removed from the result
        ("Xyz Technology Co., Ltd." -> "Xyz Technology"); "Holdings" stays. Registered
        companies are left out: `find_mentions` reports those."""
        found: dict[str, bool] = {}  # cleaned name -> unregistered?
        text = text or ""
        for match in _SUFFIX_RE.finditer(text):
            name = _clean_candidate(text, match.start(), match["desc"])
            if name and name not in found:
                found[name] = self.resolve(name) is None
        return [name for name, new in found.items() if new]


def _surface(text: str) -> str:
    """A matched company name in a comparable form: typographic variants unified, whitespace
    collapsed, case kept."""
    for ch in _APOSTROPHES:
        text = text.replace(ch, "'")
    for ch in _DASHES:
        text = text.replace(ch, "-")
    return " ".join(text.split())


_LEGAL_TAIL_RE = re.compile(
    r"(?:[\s,]+(?:co|company|corp|corporation|inc|incorporated|ltd|limited|llc|plc|ag|se|sa|"
    r"nv|gmbh|kgaa|pte|s\.?p\.?a|s\.?a|n\.?v)\b\.?)+\s*$",
    re.IGNORECASE,
)


def _company_key(name: str) -> str:
    text = _surface(name)
    text = _LEGAL_TAIL_RE.sub("", text)
    return normalise_name(text)


_ALNUM_RE = re.compile(r"[A-Za-z0-9]")
_DESCRIPTION_RE = re.compile(r"-(?:based|owned|listed|backed|led|funded)$", re.IGNORECASE)


def _chain_before(text: str, end: int) -> int | None:
    """Start of the run of capitalised words (and "&"/"of") ending at `end`; None when there
    is none or it is longer than `_MAX_CHAIN` words (a heading or a title, not a name)."""
    start, pos = None, end
    for _ in range(_MAX_CHAIN + 1):
        i = pos
        while i > 0 and text[i - 1] in _WORD_CHARS and pos - i <= 48:
            i -= 1
        if i == pos or (i > 0 and (text[i - 1].isalnum() or text[i - 1] in "_.")):
            return start  # no word here, or one glued to something else ("U.S.Foo")
        if not _CHAIN_WORD_RE.fullmatch(text, i, pos):
            return start
        start = j = i
        while j > 0 and text[j - 1] in _GAP_CHARS and i - j <= 16:
            j -= 1
        if j == i or text.count("\n", j, i) > 1:
            return start
        pos = j
    return None


def _clean_candidate(text: str, end: int, desc: str | None) -> str | None:
    if end == 0 or not _is_latin_alnum(text[end - 1]):
        return None
    start = _chain_before(text, end)
    if start is None:
        return None
    raw = text[start:end]
    window = max(0, start - 200)  # bounded: no rescanning the whole text for every candidate
    line_prefix = text[text.rfind("\n", window, start) + 1 or window : start]
    at_line_start = _ALNUM_RE.search(line_prefix) is None
    if "\n" in raw and at_line_start:
        # "Corporate news\nFoo Co.": the text before the break is a heading, not the name
        raw = raw.rsplit("\n", 1)[1]
    words = raw.split()
    if desc:
        words.append(desc)
    while words and (
        words[0].casefold() in _LEADING_STOP
        or _DESCRIPTION_RE.search(words[0])
    ):
        words.pop(0)
    while words and words[-1] in ("of", "&"):
        words.pop()
    if not 1 <= len(words) <= 5 + (1 if desc else 0):
        return None
    if all(w.casefold().strip("'’") in _GENERIC_CANDIDATE_WORDS for w in words):
        return None
    if words[0][0].islower() and not words[0][1:2].isupper():
        return None
    return " ".join(words)


# --------------------------------------------------------------------------- sectors

DEFAULT_SECTOR_THRESHOLD = 9.0
DEFAULT_SECTOR_RELATIVE = 0.35
FIELD_WEIGHTS = {"title": 3.0, "summary": 2.0, "key_points": 1.0}


def _plural_variants(word: str) -> list[str]:
    if not word.isalpha() or len(word) < 2:
        return [word]
    if re.search(r"[^aeiou]y$", word):
        return [word, word[:-1] + "ies"]
    if re.search(r"(?:s|x|z|ch|sh)$", word):
        return [word, word + "es"]
    return [word, word + "s"]


_KEYWORD_SEP_RE = re.compile(_SEP_KEYWORD)


def _keyword_key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_KEYWORD_SEP_RE.split(text)).strip()


class SectorClassifier:
    """Keyword scoring: each keyword hit scores its weight times the field's weight (title 3,
    summary 2, key points 1), a keyword counting at most `occurrence_cap` times per field.

    English keywords match case-insensitively on word boundaries, hyphens and spaces alike, the
    last word also in its plural; Chinese keywords match as substrings. At one position only the
    longest keyword counts ("new energy vehicle" is automotive, not also energy)."""

    def __init__(
        self,
        entries: Iterable[tuple[str, Iterable[Any]]],
        threshold: float = DEFAULT_SECTOR_THRESHOLD,
        *,
        relative: float = DEFAULT_SECTOR_RELATIVE,
        max_sectors: int | None = 3,
        occurrence_cap: int = 3,
    ):
        self.threshold = threshold
        self.relative = relative
        self.max_sectors = max_sectors
        self.occurrence_cap = occurrence_cap
        self.slugs: list[str] = []
        self._keywords: dict[str, dict[str, float]] = {}  # variant key -> {slug: weight}
        latin, cjk_trie = _Trie(), _Trie()
        for slug, keywords in entries:
            self.slugs.append(slug)
            for item in keywords:
                keyword, weight = _parse_keyword(item)
                if not keyword:
                    continue
                if has_cjk(keyword):
                    variants = [keyword.replace(" ", "")]
                else:
                    words = _keyword_key(keyword).split()
                    stem, last = words[:-1], words[-1]
                    variants = [" ".join([*stem, form]) for form in _plural_variants(last)]
                for variant in variants:
                    table = self._keywords.setdefault(variant, {})
                    table[slug] = max(weight, table.get(slug, 0.0))
                    if has_cjk(variant):
                        cjk_trie.add(_cjk_atoms(variant))
                    else:
                        latin.add(
                            _latin_atoms(variant, fold=True, sep=_SEP_KEYWORD, dash_is_sep=True)
                        )
        self.patterns = (latin.compile(word_start=True), cjk_trie.compile())

    def hits(self, text: str) -> dict[str, int]:
        """Keyword (variant) -> number of occurrences in the text."""
        counts: dict[str, int] = {}
        keys: dict[str, str] = {}  # matched text -> keyword, worked out once per spelling
        for match in _scan(self.patterns, text or ""):
            found = match.group()
            key = keys.get(found)
            if key is None:
                key = keys[found] = found if has_cjk(found) else _keyword_key(found)
            if key in self._keywords:
                counts[key] = counts.get(key, 0) + 1
        return counts

    def scores(
        self, title: str, summary: str = "", key_points: Iterable[str] = ()
    ) -> dict[str, float]:
        """Every sector's raw score (sectors without hits left out)."""
        fields = {
            "title": title or "",
            "summary": summary or "",
            "key_points": "\n".join(p for p in key_points if p),
        }
        totals: dict[str, float] = {}
        for field, text in fields.items():
            for keyword, count in self.hits(text).items():
                for slug, weight in self._keywords[keyword].items():
                    gain = FIELD_WEIGHTS[field] * weight * min(count, self.occurrence_cap)
                    totals[slug] = totals.get(slug, 0.0) + gain
        return totals

    def classify(
        self,
        title: str,
        summary: str = "",
        key_points: Iterable[str] = (),
        threshold: float | None = None,
    ) -> list[tuple[str, float]]:
        """(slug, score) pairs, best first: sectors scoring at least `threshold` and at least
        `relative` times the best score, at most `max_sectors` of them."""
        limit = self.threshold if threshold is None else threshold
        totals = self.scores(title, summary, key_points)
        if not totals:
            return []
        best = max(totals.values())
        ranked = sorted(
            ((slug, score) for slug, score in totals.items()
             if score >= limit and score >= self.relative * best),
            key=lambda pair: (-pair[1], self.slugs.index(pair[0])),
        )
        return ranked[: self.max_sectors] if self.max_sectors else ranked


def _parse_keyword(item: Any) -> tuple[str, float]:
    if isinstance(item, str):
        return item.strip(), 1.0
    if isinstance(item, (list, tuple)) and len(item) == 2 and isinstance(item[0], str):
        weight = float(item[1])
        if not 1 <= weight <= 3:
            raise ValueError(f"keyword weight out of range 1-3: {item!r}")
        return item[0].strip(), weight
    raise ValueError(f"keyword must be a string or [keyword, weight]: {item!r}")
