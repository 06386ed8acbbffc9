"""Which layout a text is in: every layout scores the lines, and the best scoring one that
recognises the text when it parses it wins; the brief records that layout's name.
"""

from __future__ import annotations

from collections.abc import Iterator

from .cleaning import Line
from .dates import precision_of
from .layouts import LAYOUTS, Layout
from .page import tidy_title
from .structures import ParsedBrief, ParseError, ParseWarning

NO_STRUCTURE = "no recognisable brief or article structure"


def ranked_layouts(lines: list[Line]) -> Iterator[Layout]:
    """The layouts that score above 0, best first; ties keep the order of `LAYOUTS`. Lazily:
    a layout comes as soon as no layout not yet scored could outrank it (`MAX_SCORE`), so a
    MERICS brief is parsed without scoring it as a tracker, a digest and the rest."""
    pending = sorted(range(len(LAYOUTS)), key=lambda i: (-LAYOUTS[i].MAX_SCORE, i))
    scored: list[tuple[float, int]] = []  # (-score, position in LAYOUTS)
    while pending or scored:
        if scored:
            best = min(scored)
            if not pending or _outranks(best, pending[0]):
                scored.remove(best)
                if best[0] < 0:
                    yield LAYOUTS[best[1]]
                continue
        i = pending.pop(0)
        scored.append((-LAYOUTS[i].detect(lines), i))


def _outranks(best: tuple[float, int], unscored: int) -> bool:
    """Whether a scored layout comes before one not scored yet, whatever that one scores."""
    ceiling = LAYOUTS[unscored].MAX_SCORE
    return -best[0] > ceiling or (-best[0] == ceiling and best[1] < unscored)


def parse_lines(lines: list[Line], filename: str) -> tuple[Layout, ParsedBrief]:
    """The first of the ranked layouts whose `parse` returns a brief, and that brief.

    Raises `ParseError(NO_STRUCTURE)` when none does."""
    for layout in ranked_layouts(lines):
        warnings: list[ParseWarning] = []
        brief = layout.parse(lines, filename, warnings)
        if brief is not None:
            brief.layout = layout.NAME
            brief.title = tidy_title(brief.title) if brief.title else brief.title
            if brief.published_on and not brief.published_precision:
                brief.published_precision = precision_of(brief.published_on)
            return layout, brief
    raise ParseError(NO_STRUCTURE)
