"""Which layout a text is in: every layout scores the lines, and the best scoring one that
recognises the text when it parses it wins; the brief records that layout's name.
"""

from __future__ import annotations

from .cleaning import Line
from .dates import precision_of
from .layouts import LAYOUTS, Layout
from .structures import ParsedBrief, ParseError, ParseWarning

NO_STRUCTURE = "no recognisable brief or article structure"


def ranked_layouts(lines: list[Line]) -> list[Layout]:
    """The layouts that score above 0, best first; ties keep the order of `LAYOUTS`."""
    scored = [(layout.detect(lines), i) for i, layout in enumerate(LAYOUTS)]
    return [LAYOUTS[i] for score, i in sorted(scored, key=lambda s: (-s[0], s[1])) if score > 0]


def parse_lines(lines: list[Line], filename: str) -> tuple[Layout, ParsedBrief]:
    """The first of the ranked layouts whose `parse` returns a brief, and that brief.

    Raises `ParseError(NO_STRUCTURE)` when none does."""
    for layout in ranked_layouts(lines):
        warnings: list[ParseWarning] = []
        brief = layout.parse(lines, filename, warnings)
        if brief is not None:
            brief.layout = layout.NAME
            if brief.published_on and not brief.published_precision:
                brief.published_precision = precision_of(brief.published_on)
            return layout, brief
    raise ParseError(NO_STRUCTURE)
