"""Sectors of a policy from the keywords of its title, summary and key points: weighted keyword
scores, one trie regex per classifier (see `trie`), pure code.

`SectorClassifier(entries)` takes `(slug, keywords)` pairs, a keyword being a string (weight 1)
or `[keyword, weight]`; `classify(title, summary, key_points)` gives the sectors, best first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from policies.search.analysis import fold_width, has_cjk

from .trie import SEP_KEYWORD, Trie, cjk_atoms, latin_atoms, scan

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


_KEYWORD_SEP_RE = re.compile(SEP_KEYWORD)


def _keyword_key(text: str) -> str:
    text = fold_width(text).casefold()
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
        latin, cjk_trie = Trie(), Trie()
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
                        cjk_trie.add(cjk_atoms(variant))
                    else:
                        latin.add(
                            latin_atoms(variant, fold=True, sep=SEP_KEYWORD, dash_is_sep=True)
                        )
        self.patterns = (latin.compile(word_start=True), cjk_trie.compile())

    def hits(self, text: str) -> dict[str, int]:
        """Keyword (variant) -> number of occurrences in the text."""
        counts: dict[str, int] = {}
        keys: dict[str, str] = {}  # matched text -> keyword, worked out once per spelling
        for match in scan(self.patterns, text or ""):
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
