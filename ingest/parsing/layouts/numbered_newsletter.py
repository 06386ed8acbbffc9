"""Law-firm newsletters of numbered items: "1. MIIT and SAC issued guidelines to ... (26
August)" and a few paragraphs under each (Bird & Bird, CMS, King & Wood Mallesons updates).

A numbered line is a headline when it reads as one and stands alone: a run of numbered lines
is a list inside an item. The introduction's
"In July and August 2024" gives the year to the items' "(26 August)".
"""

from __future__ import annotations

import re

from ..cleaning import Line
from ..page import is_headline
from ..structures import ParsedBrief, ParseWarning
from . import digest

NAME = "numbered_newsletter"
MAX_SCORE = 0.6
_NUMBERED_RE = re.compile(r"(?P<n>\d{1,2})\s*[.)]\s+(?P<h>\S.*)")


def _numbered(text: str) -> str | None:
    m = _NUMBERED_RE.fullmatch(text)
    return m.group("h") if m else None


def headline_at(paras: list[tuple[int, str]], i: int) -> str | None:
    """The headline of a numbered paragraph that is no list entry."""
    head = _numbered(paras[i][1])
    if head is None or not is_headline(head):
        return None
    if i > 0 and _numbered(paras[i - 1][1]):
        return None
    if i + 1 < len(paras) and _numbered(paras[i + 1][1]):
        return None
    return head


def detect(lines: list[Line]) -> float:
    """0.6 with two numbered headlines or more, 0.35 with one, else 0. Only numbered lines
    count: the headlines of a bulleted contents list (`digest`) are no sign of this layout."""
    _, _, _, entries = digest.read(lines, headline=headline_at, heads_title=_numbered)
    text_of = {ln.no: ln.text for ln in lines}
    numbered = [e for e in entries if _numbered(text_of.get(e.line, ""))]
    return MAX_SCORE if len(numbered) >= 2 else 0.35 if numbered else 0.0


def parse(lines: list[Line], filename: str, warnings: list[ParseWarning]) -> ParsedBrief | None:
    parts = digest.read(lines, headline=headline_at, heads_title=_numbered)
    return digest.brief_from(parts, warnings)
