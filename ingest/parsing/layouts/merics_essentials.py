"""MERICS China Essentials web briefs: an image caption, the series line, "N min read", a
title of topics joined by "+", then a "Top Story" and further stories, each a headline and
paragraphs of prose (no "At a glance", no policy block).

The lines above the series line are the image's caption, so a date there is never the
brief's. Policies come from the stories' prose, as in a digest.
"""

from __future__ import annotations

import re

from ..cleaning import Line
from ..page import captions_before_series
from ..structures import ParsedBrief, ParseWarning
from . import digest
from .merics_items import GLANCE_RE

NAME = "merics_essentials"
MAX_SCORE = 0.9
SERIES = "MERICS China Essentials"
_SERIES_RE = re.compile(r"(?:MERICS\s+)?China\s+Essentials", re.IGNORECASE)


def detect(lines: list[Line]) -> float:
    """0.9 with a China Essentials series line near the top and no 'At a glance', else 0."""
    texts = [ln.text for ln in lines if ln.kind == "text"]
    if any(GLANCE_RE.match(t) for t in texts):
        return 0.0
    return MAX_SCORE if any(_SERIES_RE.fullmatch(t) for t in texts[:8]) else 0.0


def parse(lines: list[Line], filename: str, warnings: list[ParseWarning]) -> ParsedBrief | None:
    captions = captions_before_series(lines)
    series = {ln.no for ln in lines if ln.kind == "text" and _SERIES_RE.fullmatch(ln.text)}
    parts = digest.read(lines, captions | series)
    return digest.brief_from(parts, warnings, publisher="MERICS", series=SERIES)
