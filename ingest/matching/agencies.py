"""Agencies named in briefs: one issuing-line token resolved to its agency, and the agencies a
prose text mentions.

`AgencyMatcher(entries)` takes `(key, [abbreviation, English name, Chinese name, *aliases])`
pairs, from the curated JSON or from database rows; the caller splits an issuing line into
tokens (the parser does) and warns about the tokens `resolve()` does not know.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable

from policies.search.analysis import fold_traditional, has_cjk

from .names import first_keys, normalise_name
from .trie import SEP_NAME, SEP_PLAIN, Trie, cjk_atoms, latin_atoms, scan

# Names that are kept for resolving issuing-line tokens but never looked for in prose: too
# short or shared with other things ("SC"; "GAC" is also the carmaker; "MEP" a Member of the
# European Parliament; "SAT" a test).
AGENCY_RESOLVE_ONLY = frozenset({"SC", "GAC", "SAT", "MEP"})
# Abbreviations that are English words: in prose they count only outside ALL-CAPS runs
# ("THE MOST IMPORTANT" is no Ministry of Science and Technology).
AGENCY_WORDLIKE = frozenset({"MOST", "SAFE", "CAST"})

_ETC_RE = re.compile(r"(?:\s*,?\s*(?:\betc\.?|\band others|\bet al\.?|等))+\s*$",
                     re.IGNORECASE)  # "MIIT etc.", not the "etc" of "SETC"
_IP_RE = re.compile(r"\bIP\b")
_ZH_GENERAL_OFFICE = "办公厅"
_OF_FOR_RE = re.compile(r"(?<=[a-z])\s+(of|for)\s+(?=[A-Z])")  # "Administration of Industry"
_PAREN_RE = re.compile(r"^(?P<outer>.+?)\s*[(（](?P<inner>[^()（）]+)[)）]$")
# "Ministry of Commerce of China", "China's Ministry of Commerce": the country said twice
_COUNTRY_RE = re.compile(r"\s+of\s+(?:the\s+)?(?:PRC|China|People['’]s\s+Republic\s+of\s+China)$"
                         r"|^(?:China['’]s|Chinese|PRC|China)\s+", re.IGNORECASE)


def named_part(token: str) -> str:
    """The name of "Name (ABBR)" ("Anti-Monopoly Bureau (AMB)" -> "Anti-Monopoly Bureau"), the
    form the parser keeps a body in; any other token as it is."""
    match = _PAREN_RE.match(token)
    return match["outer"] if match else token


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
        latin, cjk_trie = Trie(), Trie()
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
                        cjk_trie.add(cjk_atoms(cjk, ministry_guard=True))
                    continue
                if name in resolve_only or len(name) <= 2:
                    continue
                if _is_abbreviation(name):
                    self._remember(self._abbr, name, key)
                    latin.add(latin_atoms(name, fold=False, sep=SEP_PLAIN, dash_is_sep=False))
                else:
                    bare = _strip_the(name)
                    self._remember(self._names, normalise_name(bare), key)
                    latin.add(latin_atoms(bare, fold=True, sep=SEP_NAME, dash_is_sep=True))
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
        both parts; a name not known with the country ("Ministry of Commerce of China",
        "China's State Council") is tried without it, one known only with it ("Central
        Committee of the Communist Party") with it; "IP" is "Intellectual Property"."""
        text = _ETC_RE.sub("", " ".join((token or "").split())).strip(" .,;:")
        if not text:
            return None
        key = self._lookup.get(normalise_name(text))
        if key is None and has_cjk(text):
            key = self._chinese(text)
        if key is None:
            match = _PAREN_RE.match(text)
            if match:
                key = self.resolve(match["outer"]) or self.resolve(match["inner"])
        if key is None and text.endswith(("'s", "’s")):
            key = self.resolve(text[:-2])  # "MIIT's"
        if key is None:
            bare = _COUNTRY_RE.sub("", text)
            if bare != text and bare:
                key = self.resolve(bare)
            elif not has_cjk(text) and " of " in text:
                # "Central Committee of the Communist Party": known with its country only
                key = self._lookup.get(normalise_name(f"{text} of China"))
        if key is None and not has_cjk(text):
            key = self._with_other_preposition(text)
        if key is None and _IP_RE.search(text):
            key = self.resolve(_IP_RE.sub("Intellectual Property", text))  # "National IP ..."
        return key

    def _chinese(self, text: str) -> Hashable | None:
        """The key of a Chinese name, written in simplified or traditional characters
        (工業和信息化部 is 工业和信息化部); a body's general office (工业和信息化部办公厅) that the
        registry does not list on its own issues in its body's name, so it is that body."""
        name = fold_traditional(text).replace(" ", "")
        key = self._lookup.get(name)
        if key is None and name.endswith(_ZH_GENERAL_OFFICE) and len(name) > len(
                _ZH_GENERAL_OFFICE):
            key = self._lookup.get(name[:-len(_ZH_GENERAL_OFFICE)])
        return key

    def _with_other_preposition(self, text: str) -> Hashable | None:
        """The key of a name that English versions write with "of" where the registry has
        "for", or the other way round: "State Administration of Industry and Commerce" is the
        "... for Industry and Commerce", "Administration for Market Regulation" also goes as
        "Administration of ...". One word swapped at a time, looked up exactly."""
        for m in _OF_FOR_RE.finditer(text):
            other = "for" if m.group(1).lower() == "of" else "of"
            key = self._lookup.get(normalise_name(f"{text[:m.start(1)]}{other}{text[m.end(1):]}"))
            if key is not None:
                return key
        return None

    # ---- prose

    def iter_mentions(self, text: str):
        """(key, start, end, matched text) for every mention, in text order."""
        text = text or ""
        for match in scan(self.patterns, text):
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
