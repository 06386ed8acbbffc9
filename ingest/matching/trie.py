"""One regular expression per matcher: names compiled into a character trie, scanned once.

A matcher's names become sequences of atoms (each a regex for one unit: a letter in either case,
a run of whitespace, an apostrophe or dash of any kind, a closing word boundary) and the trie of
those atoms is emitted as nested alternations whose top-level branches all start with a literal
character. So a 1 MB text is scanned in one pass without per-entry loops, and the longest name
wins at any position. The only repetitions in those patterns are runs of whitespace followed by a
fixed literal, so nothing can backtrack catastrophically: the scan is linear in the text.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Sequence

from .names import APOSTROPHES, DASHES, is_latin_alnum

_END = ""  # marks the end of a name in the trie; never a real atom
_BOUNDARY = r"(?![A-Za-z0-9])"  # the atom closing every Latin-script name


class Trie:
    """Names as sequences of atoms (each a regex for one unit), compiled into one regex.

    Shared prefixes are factored out. At every node, continuing atoms are tried before the
    closing boundary, so the leftmost match is the longest name that fits. Without
    `word_start`, every top-level branch starts with a literal character (no groups, no
    lookbehind), so the regex engine skips ahead to positions holding a possible first
    character and rejects most branches with one comparison. The leading word boundary of
    Latin names is checked by `scan`."""

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
        one test instead of one per branch). The lookbehind in front leaves the engine no
        first characters to skip ahead to, so a case pair stays one branch ("[Mm]..."; the
        engine rejects it with one test as well) rather than two copies of its subtree: half
        the pattern, half the compile time, the same matches."""
        if not self.root:
            return re.compile(r"(?!x)x")
        branches = []
        for atom, child in _ordered(self.root):
            rest = _emit(child)
            if _is_case_pair(atom) and not word_start:
                # "[Mm]" -> "M..." | "m...": every branch starts literally
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


def scan(patterns: Sequence[re.Pattern], text: str):
    """Matches of `Trie` patterns in text order (the patterns never overlap: one holds the
    Latin-script names, the other the Chinese ones)."""
    if len(patterns) == 1:
        return _scan_one(patterns[0], text)
    return heapq.merge(*(_scan_one(p, text) for p in patterns), key=lambda m: m.start())


def _scan_one(pattern: re.Pattern, text: str):
    """Matches of one `Trie` pattern, skipping Latin matches that start inside a word."""
    pos, size = 0, len(text)
    while pos < size:
        match = pattern.search(text, pos)
        if match is None:
            return
        start = match.start()
        if start > 0 and is_latin_alnum(text[start - 1]) and is_latin_alnum(text[start]):
            pos = start + 1
            continue
        yield match
        pos = max(match.end(), start + 1)


_THE = r"(?:[Tt][Hh][Ee]\s+)?"
SEP_NAME = r"[\s" + re.escape(DASHES) + r"]+" + _THE  # words of an agency name
SEP_KEYWORD = r"[\s" + re.escape(DASHES) + r"]+"  # words of a sector keyword
SEP_PLAIN = r"\s+"
_APOS_CLASS = "[" + re.escape(APOSTROPHES) + "]"
_DASH_CLASS = "[" + re.escape(DASHES) + "]"


def latin_atoms(name: str, *, fold: bool, sep: str, dash_is_sep: bool) -> list[str]:
    """The atoms of a Latin-script name, closed by a word boundary.

    fold: letters match in either case. sep: the regex between words; dash_is_sep: hyphens are
    word separators too ("Urban-Rural" == "Urban Rural"), otherwise any dash variant matches a
    hyphen. Apostrophes match their typographic variants."""
    atoms: list[str] = []
    dash_chars = re.escape(DASHES)
    for tok in re.findall(r"\s+|[" + dash_chars + r"]+|.", name):
        if tok.isspace() or (dash_is_sep and tok[0] in DASHES):
            if atoms and atoms[-1] != sep:
                atoms.append(sep)
        elif tok[0] in DASHES:
            atoms.append(_DASH_CLASS)
        elif tok in APOSTROPHES:
            atoms.append(_APOS_CLASS)
        elif fold and tok.lower() != tok.upper():
            atoms.append("[" + re.escape(tok.upper()) + re.escape(tok.lower()) + "]")
        else:
            atoms.append(re.escape(tok))
    while atoms and atoms[-1] == sep:
        atoms.pop()
    return atoms + [_BOUNDARY] if atoms else []


def cjk_atoms(name: str, *, ministry_guard: bool = False) -> list[str]:
    atoms = [re.escape(c) for c in name]
    if ministry_guard and name.endswith("部"):
        atoms.append("(?!门)")  # 教育部门 is "education departments", not the ministry
    return atoms
