"""The active filters said in one sentence: "6 policies led by MIIT in Manufacturing since 2024".
Each filter says its own phrase and names its slot (`filters.py`); this puts the phrases in
reading order, slot by slot, and in the FilterSet's order within a slot."""

from __future__ import annotations

# What the records are, who issued them, where (sector), whom they name, what they say, when.
SLOTS = ("what", "who", "where", "about", "matching", "when")


def count_noun(count: int, singular: str, plural: str) -> str:
    return f"{count:,} {singular if count == 1 else plural}"


def filter_phrases(filterset) -> list[str]:
    """The phrases of the active filters, in reading order."""
    values = filterset.values
    filters = sorted((filterset.filters[name] for name in values),
                     key=lambda f: SLOTS.index(f.slot) if f.slot in SLOTS else len(SLOTS))
    phrases = (f.describe(values[f.param], values) for f in filters)
    return [phrase for phrase in phrases if phrase]


def describe(count: int, noun: tuple[str, str], filterset, *, scope: str = "") -> str:
    """'6 policies led by MIIT in Manufacturing since 2024' (plain text, escaped when shown)."""
    return " ".join([count_noun(count, *noun), *filter(None, [scope]),
                     *filter_phrases(filterset)])
