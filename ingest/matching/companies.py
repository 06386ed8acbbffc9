"""Companies named in briefs: registered companies (names and aliases) in prose, and names of
unregistered companies recognised by their legal suffix ("Xyz Technology Co., Ltd.", "Baz AG").

Registered names go through one trie regex (see `trie`). Unregistered names are found suffix
first ("Co., Ltd.") and then walked back word by word, at most eight words: linear time as
well, with nothing to backtrack over.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable

from policies.search.analysis import has_cjk

from .names import APOSTROPHES, DASHES, first_keys, is_latin_alnum, normalise_name
from .trie import SEP_PLAIN, Trie, cjk_atoms, latin_atoms, scan

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
        latin, cjk_trie = Trie(), Trie()
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
                        cjk_trie.add(cjk_atoms(name))
                    continue
                if len(name) < 2:
                    continue
                variants = {name}
                if len(name) > 4 and not name.isupper():
                    variants.add(name.upper())
                for variant in variants:
                    self._exact.setdefault(_surface(variant), key)
                    latin.add(latin_atoms(variant, fold=False, sep=SEP_PLAIN, dash_is_sep=False))
        # case-sensitive: the engine's first-character skip beats a word-start test here
        self.patterns = (latin.compile(), cjk_trie.compile())

    def resolve(self, name: str) -> Hashable | None:
        """The key of a company name, ignoring case, punctuation and (unless they tell two
        companies apart, as in "Merck KGaA") legal suffixes."""
        key = self._full.get(normalise_name(_surface(name or "")))
        return key if key is not None else self._lookup.get(_company_key(name or ""))

    def iter_mentions(self, text: str):
        for match in scan(self.patterns, text or ""):
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
    for ch in APOSTROPHES:
        text = text.replace(ch, "'")
    for ch in DASHES:
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
    if end == 0 or not is_latin_alnum(text[end - 1]):
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
