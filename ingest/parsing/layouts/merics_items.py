"""The numbered items of a MERICS brief: where each one starts, and its parts in reading order.

An item starts at an "At a glance:" line (with its numbered headline just before it, when
there is one) and runs to the next item, the news section or the end of the brief. Inside an
item: summary, key-point bullets, "MERICS comment:", then the policy block (`merics_policy`),
then URL lists (the policy's sources) and any box text (the item's `extra`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..cleaning import (
    Line,
    Paragraphs,
    ends_sentence,
    join_lines,
    split_bullet,
    starts_lower,
    tidy_heading,
)
from ..news import is_news_start
from ..structures import ParsedItem, ParseWarning
from .merics_policy import LABEL_START_RE, PolicyBlock, partial_policy

REASON_NO_ISSUER = "missing issuing body"  # stable wording: the review queue filters on it

GLANCE_RE = re.compile(r"A\s*t\s*a\s*glance\s*(?::\s*|$)", re.IGNORECASE)
COMMENT_RE = re.compile(r"MERICS\s*comments?\s*:\s*", re.IGNORECASE)
_NUMBERED_RE = re.compile(r"(?P<n>[0-9Зз]{1,2})\s*[.)]\s*(?P<rest>[^\d\s].*)")
# A line naming a series ("MERICS China Industries"): never a headline; inside a brief it is a
# running page header.
SERIES_LINE_RE = re.compile(r"MERICS(?:\s+[A-Z][\w&-]*){1,5}")


@dataclass
class ItemStart:
    idx: int  # first line of the item (headline, or the glance line)
    glance: int
    headline: str | None


def numbered(text: str) -> tuple[int, str] | None:
    """(3, 'Rest') for '3. Rest' (an OCR'd Cyrillic 'З' is a 3), else None."""
    m = _NUMBERED_RE.fullmatch(text)
    if not m:
        return None
    n = m.group("n").replace("З", "3").replace("з", "3")
    return int(n), m.group("rest")


def is_label(text: str) -> bool:
    """The line opens a part of an item: 'At a glance:', 'MERICS comment:' or a policy field."""
    return bool(LABEL_START_RE.match(text) or COMMENT_RE.match(text) or GLANCE_RE.match(text))


# --- where items start -----------------------------------------------------------------------


def find_item_starts(lines: list[Line]) -> list[ItemStart]:
    """One start per "At a glance" line, with the headline standing just before it, if any."""
    starts: list[ItemStart] = []
    floor = 0
    first_text = next((i for i, ln in enumerate(lines) if ln.kind == "text"), -1)
    for g, ln in enumerate(lines):
        if ln.kind != "text" or not GLANCE_RE.match(ln.text):
            continue
        j = _prev_text(lines, g, floor)
        headline = None if j is None else _headline_at(lines, j, first_text)
        starts.append(ItemStart(g if headline is None else j, g, headline))
        floor = g + 1
    return starts


def _prev_text(lines: list[Line], i: int, floor: int) -> int | None:
    """Index of the nearest 'text' line before i (skipping blanks and furniture), or None if a
    URL line or `floor` comes first."""
    j = i - 1
    while j >= floor:
        kind = lines[j].kind
        if kind == "text":
            return j
        if kind == "url":
            return None
        j -= 1
    return None


def _headline_at(lines: list[Line], j: int, first_text: int) -> str | None:
    """The headline on line j: numbered ('1. Title'), or an unnumbered title line standing
    alone just before "At a glance"."""
    t = lines[j].text
    num = numbered(t)
    if num:
        return tidy_heading(num[1])
    if (j != first_text and len(t.split()) >= 3 and t[0].isupper()
            and not SERIES_LINE_RE.fullmatch(t) and not split_bullet(t)
            and not is_label(t) and len(t) <= 200
            and not ends_sentence(t) and not is_news_start(t)
            and (j == 0 or lines[j - 1].kind != "text")):
        return tidy_heading(t)
    return None


# --- one item --------------------------------------------------------------------------------


def parse_item(lines: list[Line], start: ItemStart, end: int, position: int,
               topics: list[str], warnings: list[ParseWarning]) -> ParsedItem:
    """The item from `start` up to line index `end`; `topics` name items that have no headline."""
    line = lines[start.idx].no
    headline = _headline(start, position, topics, line, warnings)
    reader = _ItemReader(warnings)
    reader.read(lines, start.glance, end)
    return reader.item(position, headline, line)


def _headline(start: ItemStart, position: int, topics: list[str], line: int,
              warnings: list[ParseWarning]) -> str:
    """The item's own headline, else the brief's topic at the item's position."""
    headline = start.headline
    if headline is None and position - 1 < len(topics):
        headline = topics[position - 1]
    if not headline:
        warnings.append(ParseWarning(line, "item without headline"))
        return ""
    return headline


def _real_bullet(marker: str, body: str, prev: str | None) -> bool:
    """'- such as AI - being ...' after an unfinished line is a dash in prose, not a bullet."""
    return not (marker in "-–" and prev is not None and not ends_sentence(prev)
                and starts_lower(body))


class _ItemReader:
    """Reads an item's lines in order, from its "At a glance" line on.

    The item's parts come in this order, each ending where the next begins: "summary" (At a
    glance), "key_points" (from the first bullet), "comment" (MERICS comment), "policy" (the
    policy block) and "box" (text after the policy block: a side box belonging to the item).
    """

    def __init__(self, warnings: list[ParseWarning]) -> None:
        self.warnings = warnings
        self.part = "summary"
        self.summary = Paragraphs()
        self.key_points: list[list[str]] = []  # each point's lines
        self.comment = Paragraphs()
        self.policy = PolicyBlock()
        self.box = Paragraphs()
        self.urls: list[str] = []
        self.prev: str | None = None  # the previous text line, None after a blank line
        self.last_text = ""  # the previous text line, even across blank lines
        self.point_open = False  # the last key point may go on on the next line

    def read(self, lines: list[Line], glance: int, end: int) -> None:
        for k in range(glance, end):
            ln = lines[k]
            if ln.kind == "url" and ln.text not in self.urls:
                self.urls.append(ln.text)
            if ln.kind in ("blank", "url"):
                self._end_paragraph()
            elif ln.kind == "text":
                text = ln.text[GLANCE_RE.match(ln.text).end():] if k == glance else ln.text
                if text:
                    self._read_text(ln.no, text)

    def _end_paragraph(self) -> None:
        """A blank line or URL list ends a paragraph, a key point, a wrapped policy field."""
        self.prev = None
        self.point_open = False
        self.policy.line_break()
        for paragraphs in (self.summary, self.comment, self.box):
            paragraphs.brk()

    def _read_text(self, no: int, text: str) -> None:
        if self.part == "policy":
            if self.policy.continues(text):
                self.policy.add(no, text)
                self.prev = text
                return
            self.part = "box"
        if self.part == "box":
            if LABEL_START_RE.match(text):
                self.warnings.append(ParseWarning(no, "second policy block in one item ignored"))
        elif comment := COMMENT_RE.match(text):
            self.part = "comment"
            self.comment.brk()
            text = text[comment.end():]
            if not text:
                self.prev = None
                return
        elif LABEL_START_RE.match(text):
            self.part = "policy"
            self.policy.add(no, text)
            self.prev = text
            return
        self._read_prose(no, text)

    def _read_prose(self, no: int, text: str) -> None:
        bullet = self._bullet(text)
        if self.part == "summary" and bullet is not None:
            self.part = "key_points"
        if self.part == "summary":
            self.summary.add(text)
        elif self.part == "key_points":
            self._add_key_point(no, text, bullet)
        elif self.part == "comment":
            self._add_to_comment(text, bullet)
        else:
            self.box.add(text, list_entry=bullet is not None or numbered(text) is not None)
        self.prev = self.last_text = text

    def _bullet(self, text: str) -> str | None:
        """The text after the marker when the line is a list entry, else None."""
        marked = split_bullet(text)
        if marked and _real_bullet(marked[0], marked[1], self.prev):
            return marked[1]
        if self.part in ("summary", "key_points"):
            num = numbered(text)
            if num and (self.part == "key_points" or self.last_text.endswith(":")):
                return num[1]  # a numbered list of key points
        return None

    def _add_key_point(self, no: int, text: str, bullet: str | None) -> None:
        if bullet is not None:
            self.key_points.append([bullet])
        elif self.point_open:
            self.key_points[-1].append(text)
        elif (self.key_points and starts_lower(text)
              and not ends_sentence(self.key_points[-1][-1])):
            self.key_points[-1].append(text)  # a bullet split by a page break
        else:
            self.warnings.append(ParseWarning(no, "key point without bullet marker"))
            self.key_points.append([text])
        self.point_open = True

    def _add_to_comment(self, text: str, bullet: str | None) -> None:
        if bullet is None:
            self.comment.add(text)
        else:
            self.comment.add("- " + bullet, list_entry=True)

    def item(self, position: int, headline: str, line: int) -> ParsedItem:
        summary = self.summary.render()
        if self.policy:
            policy = self.policy.policy(headline, self.warnings)
        else:
            policy = partial_policy(headline, summary, line, self.warnings)
        policy.source_urls = self.urls
        if not policy.agency_refs and REASON_NO_ISSUER not in policy.review_reasons:
            policy.review_reasons.append(REASON_NO_ISSUER)
        return ParsedItem(
            position=position,
            headline=headline,
            summary=summary,
            key_points=[p for p in (join_lines(x) for x in self.key_points) if p],
            comment=self.comment.render(),
            policy=policy,
            extra=self.box.render(),
            line=line,
        )
