"""The MERICS China Industries brief: preamble, topics or CONTENTS, numbered items, news,
trailer ("MERICS China Industries <date> (Reporting period: ...)") and authors.

This module finds the parts and reads the preamble; `merics_items` reads the items (their
policy blocks in `merics_policy`), `merics_back_matter` the trailer and the authors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import PurePath

from ..cleaning import Line, clean_inline, collapse_ws, split_bullet, tidy_heading
from ..dates import format_date, parse_date, stamp_date
from ..news import is_news_start, news_heading, parse_news
from ..structures import ParsedBrief, ParsedItem, ParsedNews, ParseWarning
from .merics_back_matter import END_RE, TRAILER_RE, Trailer, find_authors, find_trailer
from .merics_items import (
    GLANCE_RE,
    SERIES_LINE_RE,
    ItemStart,
    find_item_starts,
    is_label,
    numbered,
    parse_item,
)

MAX_SCORE = 1.0
NAME = "merics_industries"

# Review reasons (stable wording: the review queue filters on them).
REASON_UNDATED = "undated brief"
REASON_NEWS_UNDATED = "news item without date"
REASON_NO_HEADLINE = "item without headline"
NO_TITLE_LINE = "no title line"  # the warning's first words when the title is made up

CONTENTS_RE = re.compile(r"(?:table\s+of\s+)?contents?", re.IGNORECASE)
TOPICS_INTRO_RE = re.compile(r".{0,200}(?:following\s+topics|in\s+this\s+issue)\b.{0,200}",
                             re.IGNORECASE)
_ISSUE_SERIES_RE = re.compile(r"in\s+this\s+issue\s+of\s+(?:the\s+)?(?P<s>[A-Z][^,:;]{2,80}?)"
                              r"(?:\s+Briefs?)?\s*[,:;]", re.IGNORECASE)


def detect(lines: list[Line]) -> float:
    """1 with an "At a glance" line, 0.5 with only a news section heading, else 0. A kind of
    news that heads more than one line ("POLICY" over every second entry of a news index) is
    the entries' category, not a brief's one news section of its kind."""
    texts = [ln.text for ln in lines if ln.kind == "text"]
    if any(GLANCE_RE.match(t) for t in texts):
        return 1.0
    kinds = [kind for t in texts if is_news_start(t) for kind in [news_heading(t)] if kind]
    if len(kinds) != len(set(kinds)):
        return 0.0
    return 0.5 if any(is_news_start(t) for t in texts) else 0.0


def parse(lines: list[Line], filename: str, warnings: list[ParseWarning]) -> ParsedBrief | None:
    """The brief, or None when the text has neither items nor news (then it is no brief)."""
    sections = _find_sections(lines)
    if sections is None:
        return None
    lines = _running_headers_as_furniture(lines, sections.first_content, sections.content_end)
    pre_end, topics = _preamble_and_topics(lines, sections)
    trailer = sections.trailer
    published = _published_on(lines, trailer, pre_end, filename)
    period = trailer.period if trailer else None
    items = _parse_items(lines, sections, topics, warnings)
    news = _parse_news(lines, sections, period, published, warnings)
    series = _series(lines, trailer, pre_end, sections.first_content)
    title = _title_line(lines, pre_end) or _made_up_title(series, published, items, warnings)
    reasons = _review_reasons(published, items, news, warnings)
    return ParsedBrief(
        kind="brief",
        title=title,
        publisher=_publisher(lines, series, sections.first_content),
        series=series,
        published_on=published,
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
        authors=find_authors(lines, sections.first_content),
        topics=topics or [it.headline for it in items if it.headline],
        items=items,
        news=news,
        warnings=warnings,
        review_reasons=reasons,
    )


# --- where the parts are ---------------------------------------------------------------------


@dataclass
class _Sections:
    """Line indexes of the brief's parts."""

    starts: list[ItemStart]  # the items, in order
    news_start: int | None  # the news section's heading
    toc: tuple[int, int] | None  # the CONTENTS list, [start, end)
    first_content: int  # the first item or news line
    content_end: int  # the authors block, the trailer or the end of the text
    trailer: Trailer | None


def _find_sections(lines: list[Line]) -> _Sections | None:
    starts = find_item_starts(lines)
    toc = _contents_span(lines, starts)
    news_start = next((i for i, ln in enumerate(lines) if ln.kind == "text"
                       and not (toc and toc[0] <= i < toc[1]) and is_news_start(ln.text)), None)
    if not starts and news_start is None:
        return None
    first_content = min([s.idx for s in starts] + ([news_start] if news_start is not None else []))
    trailer = find_trailer(lines, first_content)
    content_end = next((i for i in range(first_content, len(lines)) if lines[i].kind == "text"
                        and (END_RE.fullmatch(lines[i].text) or (trailer and i == trailer.idx))),
                       len(lines))
    starts = [s for s in starts if s.idx < content_end]
    if news_start is not None and news_start >= content_end:
        news_start = None
    if not starts and news_start is None:
        return None  # the authors block or the trailer comes before any item or news
    return _Sections(starts, news_start, toc, first_content, content_end, trailer)


def _contents_span(lines: list[Line], starts: list[ItemStart]) -> tuple[int, int] | None:
    """The CONTENTS list before the first item: up to that item, or (with no items) up to the
    first blank line after some text."""
    toc = next((i for i, ln in enumerate(lines)
                if ln.kind == "text" and CONTENTS_RE.fullmatch(ln.text)), None)
    if toc is None or (starts and starts[0].idx < toc):
        return None
    if starts:
        return toc, starts[0].idx
    end = toc + 1
    seen = False
    while end < len(lines) and not (seen and lines[end].kind == "blank"):
        seen = seen or lines[end].kind == "text"
        end += 1
    return toc, end


def _running_headers_as_furniture(lines: list[Line], start: int, end: int) -> list[Line]:
    """A copy of `lines` where a series line ("MERICS China Industries") between `start` and
    `end` is page furniture: a running page header inside the brief. The caller's lines stay
    as they were."""
    return [replace(ln, kind="furniture")
            if start <= i < end and ln.kind == "text" and SERIES_LINE_RE.fullmatch(ln.text)
            else ln for i, ln in enumerate(lines)]


# --- preamble: topics, date, series, title ---------------------------------------------------


def _preamble_and_topics(lines: list[Line], sections: _Sections) -> tuple[int, list[str]]:
    """Where the preamble ends, and the topics its topic list (else the CONTENTS) names."""
    pre_end = sections.first_content
    if sections.toc is not None:
        pre_end = min(pre_end, sections.toc[0])
    intro, topics = _topic_list(lines, 0, pre_end)
    if intro is not None:
        pre_end = min(pre_end, intro)
    if not topics and sections.toc is not None:
        topics = _toc_topics(lines, *sections.toc)
    return pre_end, topics


def _topic_list(lines: list[Line], start: int, stop: int) -> tuple[int | None, list[str]]:
    """'... we cover the following topics:' and the bullets after it."""
    for i in range(start, stop):
        ln = lines[i]
        if ln.kind == "text" and TOPICS_INTRO_RE.fullmatch(ln.text) and \
                ln.text.rstrip().endswith(":"):
            topics = []
            for j in range(i + 1, stop):
                lj = lines[j]
                if lj.kind != "text":
                    continue
                b = split_bullet(lj.text) or (
                    ("1", numbered(lj.text)[1]) if numbered(lj.text) else None)
                if not b:
                    break
                topics.append(tidy_heading(b[1]))
            return i, topics
    return None, []


def _toc_topics(lines: list[Line], start: int, stop: int) -> list[str]:
    topics = []
    for i in range(start + 1, stop):
        if lines[i].kind != "text":
            continue
        num = numbered(lines[i].text)
        if num:
            text = re.sub(r"(?:\s+|\.{2,}\s*)[0-9Зз]{1,3}$", "", num[1])  # the page number
            text = tidy_heading(text)
            if text:
                topics.append(text)
    return topics


def _published_on(lines: list[Line], trailer: Trailer | None, pre_end: int,
                  filename: str) -> date | None:
    """From the trailer, else the date stamp in the file name, else a date line at the top."""
    published = trailer.published if trailer else None
    if published is None and filename:
        published = stamp_date(PurePath(filename).stem)
    if published is None:
        for ln in lines[:min(pre_end, 10) or 5]:
            if ln.kind != "blank":
                published = stamp_date(ln.text) or (
                    parse_date(ln.text) if len(ln.text) < 40 else None)
                if published:
                    break
    return published


def _series(lines: list[Line], trailer: Trailer | None, pre_end: int,
            first_content: int) -> str:
    """From the trailer, else a series line in the preamble, else 'In this issue of <series>'."""
    if trailer and trailer.series:
        return trailer.series
    for ln in lines[:pre_end]:
        if ln.kind == "text" and SERIES_LINE_RE.fullmatch(ln.text):
            series = re.sub(r"\s+Briefs?$", "", ln.text)
            if series != "MERICS":
                return series
    for ln in lines[:first_content]:
        m = _ISSUE_SERIES_RE.search(ln.text) if ln.kind == "text" else None
        if m:
            return re.sub(r"\s+Briefs?$", "", collapse_ws(m.group("s")))
    return ""


def _title_line(lines: list[Line], pre_end: int) -> str:
    """The first preamble line that can be a title (no date stamp, series, label or trailer)."""
    for ln in lines[:pre_end]:
        title = clean_inline(ln.text) if ln.kind == "text" and _title_candidate(ln.text) else ""
        if title:
            return title
    return ""


def _title_candidate(text: str) -> bool:
    if stamp_date(text) or re.match(r"\d+_", text):
        return False
    if SERIES_LINE_RE.fullmatch(text) or CONTENTS_RE.fullmatch(text):
        return False
    if parse_date(text) and len(text) < 40:
        return False
    if is_label(text) or is_news_start(text) or TRAILER_RE.fullmatch(text):
        return False
    return len(text) <= 300


def _made_up_title(series: str, published: date | None, items: list[ParsedItem],
                   warnings: list[ParseWarning]) -> str:
    if series and published:
        title = f"{series} {format_date(published)}"
    elif series:
        title = series
    elif items and items[0].headline:
        title = items[0].headline
    else:
        title = "Untitled brief"
    warnings.append(ParseWarning(None, f"{NO_TITLE_LINE}: title made up as {title!r}"))
    return title


def _publisher(lines: list[Line], series: str, first_content: int) -> str:
    named = "MERICS" in series or any("MERICS" in ln.text for ln in lines[:first_content + 50])
    return "MERICS" if named else ""


# --- items and news --------------------------------------------------------------------------


def _parse_items(lines: list[Line], sections: _Sections, topics: list[str],
                 warnings: list[ParseWarning]) -> list[ParsedItem]:
    """Each item runs to the next one, the news section or the end of the content."""
    starts, news_start = sections.starts, sections.news_start
    items = []
    for k, start in enumerate(starts):
        end = starts[k + 1].idx if k + 1 < len(starts) else sections.content_end
        if news_start is not None and start.idx < news_start < end:
            end = news_start
        items.append(parse_item(lines, start, end, k + 1, topics, warnings))
    return items


def _parse_news(lines: list[Line], sections: _Sections, period: tuple[date, date] | None,
                published: date | None, warnings: list[ParseWarning]) -> list[ParsedNews]:
    """The news section runs to the next item or the end of the content."""
    start = sections.news_start
    if start is None:
        return []
    end = next((s.idx for s in sections.starts if s.idx > start), sections.content_end)
    return parse_news(lines[start:end], period=period, published=published, warnings=warnings)


# --- review reasons --------------------------------------------------------------------------


def _review_reasons(published: date | None, items: list[ParsedItem], news: list[ParsedNews],
                    warnings: list[ParseWarning]) -> list[str]:
    reasons: list[str] = []
    if published is None:
        reasons.append(REASON_UNDATED)
        warnings.append(ParseWarning(None, "brief has no date (no trailer, no date stamp)"))
    if any(nw.date is None for nw in news):
        reasons.append(REASON_NEWS_UNDATED)
    if any(not it.headline for it in items):
        reasons.append(REASON_NO_HEADLINE)
    return reasons
