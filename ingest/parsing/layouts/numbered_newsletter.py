"""Law-firm newsletters of numbered items: "1. MIIT and SAC issued guidelines to ... (26
August)" and a few paragraphs under each (Bird & Bird, CMS, King & Wood Mallesons updates).

A numbered line is a headline when it reads as one and stands alone: a run of lines numbered
the same way ("1.", "2.", "3." with nothing between them) is a list inside an item (one that
starts again at "1." starts anew), while a list numbered another way ("(1)" under "1.") may
stand right under a headline. The number may be written any way `numbering` reads ("1.",
"(1)", "一、", "NO.1"), also on a line of its own above the headline. The introduction's "In
July and August 2024" gives the year to the items'
"(26 August)".
"""

from __future__ import annotations

from ..cleaning import Line
from ..numbering import enumerated
from ..page import is_headline
from ..promulgation import issuing_notice, promulgated_document
from ..structures import ParsedBrief, ParseWarning
from . import digest

NAME = "numbered_newsletter"
MAX_SCORE = 0.6


def _numbered(text: str) -> str | None:
    found = enumerated(text)
    return found.text if found and found.text else None


def _kind(paras: list[tuple[int, str]], i: int) -> str | None:
    found = enumerated(paras[i][1]) if 0 <= i < len(paras) else None
    return found.kind if found else None


def _lone_number(paras: list[tuple[int, str]], i: int) -> bool:
    """A line that is only a number ("NO.1", "01."): the headline is the line under it."""
    found = enumerated(paras[i][1]) if 0 <= i < len(paras) else None
    return found is not None and not found.text


def headline_at(paras: list[tuple[int, str]], i: int) -> str | None:
    """The headline of a numbered paragraph that is no list entry, or of the line under a
    number standing alone."""
    if i > 0 and _lone_number(paras, i - 1):
        head, kind, above = paras[i][1], _kind(paras, i - 1), i - 2
    else:
        found = enumerated(paras[i][1])
        if found is None or not found.text:
            return None
        head, kind, above = found.text, found.kind, i - 1
    if not is_headline(head):
        return None
    if (_kind(paras, above) == kind and not _numbering_restarts(paras, above, i)) \
            or _kind(paras, i + 1) == kind:
        return None
    return head


def _numbering_restarts(paras: list[tuple[int, str]], above: int, i: int) -> bool:
    """Line i is numbered 1 under a line numbered higher: the list above has ended (an issue's
    contents "1." to "8.", then "1." over its item's text)."""
    first, last = enumerated(paras[i][1]), enumerated(paras[above][1]) if above >= 0 else None
    return first is not None and last is not None and first.value == 1 < last.value


def _heads_item(text: str) -> str | None:
    """The first line is an item's headline when it is numbered and reads as a headline (not
    "1. On August 4, the State Council released the ...", a list's first summary sentence)."""
    head = _numbered(text)
    return head if head and is_headline(head) else None


def detect(lines: list[Line]) -> float:
    """0.6 with two numbered headlines or more, 0.35 with one, else 0. Only numbered lines
    count: the headlines of a bulleted contents list (`digest`) are no sign of this layout,
    nor the numbered parts of one promulgated document or of a notice issuing one
    (`promulgation`)."""
    if promulgated_document(lines) is not None or issuing_notice(lines):
        return 0.0
    _, _, _, entries = digest.read(lines, headline=headline_at, heads_title=_heads_item)
    text_of = {ln.no: ln.text for ln in lines}
    texts = [ln for ln in lines if ln.kind == "text"]
    under_number = {ln.no for above, ln in zip(texts, texts[1:], strict=False)
                    if (found := enumerated(above.text)) and not found.text}
    numbered = [e for e in entries if _numbered(text_of.get(e.line, ""))
                or e.line in under_number]
    return MAX_SCORE if len(numbered) >= 2 else 0.35 if numbered else 0.0


def parse(lines: list[Line], filename: str, warnings: list[ParseWarning]) -> ParsedBrief | None:
    parts = digest.read(lines, headline=headline_at, heads_title=_heads_item)
    return digest.brief_from(parts, warnings)
