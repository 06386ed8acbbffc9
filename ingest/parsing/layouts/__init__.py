"""The publisher layouts the parser knows, one module each; `detect` picks one per text.

Every layout module exposes the same three names:

    NAME: str                                                  # "merics_industries"
    detect(lines) -> float                                     # 0 (not mine) .. 1 (surely mine)
    parse(lines, filename, warnings) -> ParsedBrief | None     # None: not mine after all

`parse` leaves `lines` as they are and adds to `warnings` only when it returns a brief.
`merics_items`, `merics_policy` and `merics_back_matter` are parts of `merics_industries`,
not layouts of their own; `numbered_newsletter` and `merics_essentials` reuse `digest`'s
reading of headline items.
"""

from __future__ import annotations

from typing import Protocol

from ..cleaning import Line
from ..structures import ParsedBrief, ParseWarning
from . import (
    article,
    digest,
    label_blocks,
    merics_essentials,
    merics_industries,
    numbered_newsletter,
    tracker,
)


class Layout(Protocol):
    NAME: str
    MAX_SCORE: float  # the most `detect` ever answers: later layouts need not be scored above it

    def detect(self, lines: list[Line]) -> float: ...

    def parse(self, lines: list[Line], filename: str,
              warnings: list[ParseWarning]) -> ParsedBrief | None: ...


# Between layouts with the same score, the one listed first is tried first.
LAYOUTS: tuple[Layout, ...] = (merics_industries, merics_essentials, label_blocks, tracker,
                               numbered_newsletter, digest, article)
