"""From the boxes of a PDF's text lines to brief text (pure: no files, no processes).

- Running headers and footers are lines repeated (digits aside) among the top or bottom two
  lines of at least half the pages; they go, and so does a bare page number at a page's edge.
- Two columns are read left, then right, between the blocks that span both (a title, a box).
- A paragraph ends where the gap to the next line is clearly wider than the usual leading; at a
  page or column break it goes on only when the last line reached the column's right edge, sat
  as low as lines go and ended mid-sentence.
- A soft wrap is undone: where the next line of a paragraph begins with a word that would not
  have fitted after the line above (the writer had to wrap), the two are one line again (across
  a page or column break only mid-sentence) ("... (Link) Issuing" / "body: MIIT ..." is the line the
  author wrote). A word that would have fitted means the author broke the line there.
- A word hyphenated across lines is joined on the first line ("state-owned" keeps its hyphen
  unless the document spells the word without it elsewhere); "small- and medium-sized" keeps its
  suspended hyphen; a URL broken at the right edge is joined again.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

EDGE_LINES = 2  # how many lines at the top and at the bottom of a page can be furniture
_DIGITS_RE = re.compile(r"\d+")
# "3", "Page 3", "3 of 12", "- 3 -", "3 | MERICS", "MERICS | 3" (digits are # in the key)
_PAGE_NUMBER_RE = re.compile(
    r"(?:page\s*)?#(?:\s*(?:/|of)\s*#)?|[-–—]\s*#\s*[-–—]|#\s*\|.*|.*\|\s*#")
_URL_RE = re.compile(r"https?://\S+")
_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_HYPHENATED_END_RE = re.compile(r"(?<=[^\W\d_])[-\u00ad]$")
_SUSPENDED = {"and", "or", "to", "nor", "und", "bis"}
_SENTENCE_END = (".", "!", "?", ":", "”", '"', "。", "！", "？")
_ABBREVIATIONS = {"co.", "ltd.", "inc.", "corp.", "no.", "nos.", "mr.", "ms.", "dr.", "prof.",
                  "st.", "vs.", "e.g.", "i.e.", "cf.", "u.s.", "u.k.", "jan.", "feb.", "aug.",
                  "sept.", "oct.", "nov.", "dec."}
REACHES_EDGE = 0.75  # a line this full of its column's width did not end its paragraph


@dataclass
class Line:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    block: tuple[int, int] = (0, 0)

    @property
    def height(self) -> float:
        return max(self.y1 - self.y0, 1.0)


@dataclass
class Page:
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)


@dataclass
class _Placed:
    """A body line in reading order, with the right edge and width of its column."""

    line: Line
    page: int
    right: float = 0.0
    width: float = 1.0


def pages_to_text(pages: list[Page]) -> str:
    furniture = _furniture(pages)
    placed: list[_Placed] = []
    for number, page in enumerate(pages):
        body = [ln for i, ln in enumerate(page.lines) if (number, i) not in furniture]
        placed += _reading_order(body, number, page.width)
    # (text, reached the edge, wrapped onto from the line before); ("", False, False) is blank
    out: list[tuple[str, bool, bool]] = []
    usual = _usual_gap(placed)
    bottom = max((p.line.y1 for p in placed), default=0.0)
    for prev, cur in zip([None, *placed], placed, strict=False):
        wrapped = False
        if prev is not None:
            if _paragraph_ends(prev, cur, usual, bottom):
                out.append(("", False, False))
            else:
                wrapped = _soft_wrap(prev, cur)
        out.append((cur.line.text, _reaches_edge(cur, share=0.9), wrapped))
    return "\n".join(_unwrapped(_join_broken_words(out))) + "\n"


# --- running headers, footers, page numbers --------------------------------------------------


def _key(text: str) -> str:
    return _DIGITS_RE.sub("#", " ".join(text.lower().split()))


def _furniture(pages: list[Page]) -> set[tuple[int, int]]:
    edges: list[tuple[list[int], list[int]]] = []
    for page in pages:
        by_y = sorted(range(len(page.lines)), key=lambda i: page.lines[i].y0)
        edges.append((by_y[:EDGE_LINES], by_y[-EDGE_LINES:]))
    top = Counter(k for p, (t, _) in zip(pages, edges, strict=True)
                  for k in {_key(p.lines[i].text) for i in t})
    bottom = Counter(k for p, (_, b) in zip(pages, edges, strict=True)
                     for k in {_key(p.lines[i].text) for i in b})
    need = max(2, math.ceil(len(pages) / 2))
    found = set()
    for number, (page, (t, b)) in enumerate(zip(pages, edges, strict=True)):
        for i in set(t) | set(b):
            key = _key(page.lines[i].text)
            if (_PAGE_NUMBER_RE.fullmatch(key) or (i in t and top[key] >= need)
                    or (i in b and bottom[key] >= need)):
                found.add((number, i))
    return found


# --- reading order ---------------------------------------------------------------------------


@dataclass
class _Block:
    lines: list[Line]

    @property
    def x0(self) -> float:
        return min(ln.x0 for ln in self.lines)

    @property
    def x1(self) -> float:
        return max(ln.x1 for ln in self.lines)

    @property
    def y0(self) -> float:
        return min(ln.y0 for ln in self.lines)


def _reading_order(lines: list[Line], page: int, width: float) -> list[_Placed]:
    """Lines in poppler's order, or column by column when the page has a gutter."""
    blocks: dict[tuple[int, int], _Block] = {}
    for ln in lines:
        blocks.setdefault(ln.block, _Block([])).lines.append(ln)
    boxes = list(blocks.values())
    gutter = _gutter(boxes, width)
    if gutter is None:
        lines = [ln for b in boxes for ln in b.lines]
        # one column: its right edge mirrors the left margin, unless text reaches further
        margin = width - min((ln.x0 for ln in lines), default=0.0)
        return _placed(lines, page, margin)
    spanning = sorted((b for b in boxes if b.x0 < gutter < b.x1), key=lambda b: b.y0)
    rest = sorted((b for b in boxes if not b.x0 < gutter < b.x1), key=lambda b: b.y0)
    ordered: list[_Placed] = []
    for span in [*spanning, None]:
        limit = span.y0 if span else math.inf
        band, rest = [b for b in rest if b.y0 < limit], [b for b in rest if b.y0 >= limit]
        for side in ([b for b in band if b.x1 <= gutter], [b for b in band if b.x0 >= gutter]):
            ordered += _placed([ln for b in side for ln in b.lines], page)
        if span:
            ordered += _placed(span.lines, page)
    return ordered


def _gutter(boxes: list[_Block], width: float) -> float | None:
    """An x in the middle of the page that most blocks keep clear of, with at least three
    lines of text on each side; None for a page of one column."""
    best: tuple[int, float, float] | None = None
    for step in range(30, 71):
        x = width * step / 100
        left = sum(len(b.lines) for b in boxes if b.x1 <= x)
        right = sum(len(b.lines) for b in boxes if b.x0 >= x)
        crossing = sum(len(b.lines) for b in boxes if b.x0 < x < b.x1)
        if left >= 3 and right >= 3 and crossing < min(left, right):
            candidate = (crossing, abs(x - width / 2), x)
            best = min(best, candidate) if best else candidate
    return best[2] if best else None


def _placed(lines: list[Line], page: int, margin: float = 0.0) -> list[_Placed]:
    """The lines of one column (or of a spanning block), each told its column's extent (at
    least to `margin`)."""
    if not lines:
        return []
    left, right = min(ln.x0 for ln in lines), max(margin, *(ln.x1 for ln in lines))
    return [_Placed(ln, page, right, max(right - left, 1.0)) for ln in lines]


# --- paragraphs ------------------------------------------------------------------------------


def _flows_down(prev: _Placed, cur: _Placed) -> bool:
    """`cur` is the next line below `prev` in the same column (no page or column break)."""
    a, b = prev.line, cur.line
    return (prev.page == cur.page and b.y0 > a.y0 + 0.5 * a.height
            and b.x0 < a.x1 and a.x0 < b.x1)


def _usual_gap(placed: list[_Placed]) -> float:
    gaps = [cur.line.y0 - prev.line.y1 for prev, cur in zip(placed, placed[1:], strict=False)
            if _flows_down(prev, cur)]
    return statistics.median(gaps) if gaps else 0.0


def _paragraph_ends(prev: _Placed, cur: _Placed, usual: float, bottom: float) -> bool:
    """A wide gap ends a paragraph; so does a page or column break after a short line, after a
    line that left room for one more (the next paragraph's spacing pushed it over), or after a
    sentence's end (as plain-text exports of PDFs have it: the parser mends a split sentence)."""
    if _flows_down(prev, cur):
        return cur.line.y0 - prev.line.y1 > usual + 0.5 * prev.line.height
    room = bottom - prev.line.y1
    return (room >= 0.9 * (usual + prev.line.height) or not _reaches_edge(prev, share=REACHES_EDGE)
            or _ends_sentence(prev.line.text))


def _ends_sentence(text: str) -> bool:
    last = text.rstrip().rsplit(" ", 1)[-1]
    return last.endswith(_SENTENCE_END) and last.lower() not in _ABBREVIATIONS


def _reaches_edge(placed: _Placed, *, share: float) -> bool:
    return placed.line.x1 >= placed.right - (1 - share) * placed.width


_FIRST_WORD_RE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef《》]|\S+")
_CJK_RE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef《》]")


_LONGEST_WORD = 25  # a longer "word" (a URL, a path) decides nothing: it fits on no line
_WRAP_SLACK = 2.0  # characters


def _soft_wrap(prev: _Placed, cur: _Placed) -> bool:
    """The writer wrapped `prev` because `cur`'s first word (one character of Chinese) would
    not fit after it; across a page or column break only when `prev` did not end a sentence."""
    a, b = prev.line, cur.line
    first = _FIRST_WORD_RE.match(b.text)
    if (first is None or len(first.group()) > _LONGEST_WORD or not a.text
            or _URL_RE.match(first.group())
            or (not _flows_down(prev, cur) and _ends_sentence(a.text))):
        return False
    per_char = (b.x1 - b.x0) / max(len(b.text), 1)
    space = 0.0 if _CJK_RE.match(first.group()) else per_char
    slack = _WRAP_SLACK * per_char  # writers keep a cell margin; justified text fills it
    return a.x1 + space + per_char * len(first.group()) > prev.right - slack


def _unwrapped(lines: list[tuple[str, bool, bool]]) -> list[str]:
    """Each soft-wrapped line back on the line it was wrapped from; Chinese meets Chinese
    without a space."""
    out: list[str] = []
    for text, _, wrapped in lines:
        if wrapped and out and out[-1] and text:
            glue = "" if _CJK_RE.match(out[-1][-1]) and _CJK_RE.match(text) else " "
            out[-1] += glue + text
        else:
            out.append(text)
    return out


# --- words broken across lines ---------------------------------------------------------------


def _join_broken_words(lines: list[tuple[str, bool, bool]]) -> list[tuple[str, bool, bool]]:
    vocabulary = {w.lower() for text, _, _ in lines for w in _WORD_RE.findall(text)}
    out: list[tuple[str, bool, bool]] = []
    for text, at_edge, wrapped in lines:
        if out and text and out[-1][0]:
            prev, prev_edge, prev_wrapped = out[-1]
            joined = _join(prev, prev_edge, text, vocabulary)
            if joined is not None:
                head, rest = joined
                out[-1] = (head, at_edge if not rest else prev_edge, prev_wrapped)
                if not rest:
                    continue
                text = rest
        out.append((text, at_edge, wrapped))
    return out


def _join(prev: str, prev_edge: bool, text: str, vocabulary: set[str]) -> tuple[str, str] | None:
    """(the first line with the broken word whole, what is left of the second), or None."""
    first, _, rest = text.partition(" ")
    if _URL_RE.fullmatch(prev) and prev_edge and " " not in text and not _URL_RE.match(text):
        return prev + text, ""
    if not _HYPHENATED_END_RE.search(prev) or not first[:1].islower():
        return None
    if first.lower().strip(",;.") in _SUSPENDED:  # "small- and medium-sized"
        return f"{prev} {first}", rest
    stem = prev[:-1].rsplit(" ", 1)[-1]
    whole = stem + _word_start(first)
    if prev.endswith("\u00ad") or (whole.lower() in vocabulary
                                   and f"{stem}-{_word_start(first)}".lower() not in vocabulary):
        return prev[:-1] + first, rest
    return prev + first, rest


def _word_start(token: str) -> str:
    match = _WORD_RE.match(token)
    return match.group(0) if match else token
