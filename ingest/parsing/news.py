"""The news sections ('NOTEWORTHY' / 'WORTH NOTING': 'Policy news', 'Corporate news')."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .cleaning import Line, collapse_ws, join_lines, split_bullet, starts_lower
from .dates import MONTH_RE, infer_news_date, make_date, parse_month_day
from .structures import ParsedNews, ParseWarning
from .titles import paren_groups

_HEADINGS = {
    "noteworthy": "", "worthnoting": "", "news": "",
    "policynews": "policy", "policy": "policy", "politicalnews": "policy",
    "corporatenews": "corporate", "companynews": "corporate", "businessnews": "corporate",
    "industrynews": "corporate",
}
_DATE_PREFIX_RE = re.compile(
    rf"(?P<md>\b{MONTH_RE}\.?\s+\d{{1,2}}(?!\d)(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_RE}\b\.?)"
    r"(?:,?\s+(?P<y>\d{4}))?\s*[:：–—-]\s*",
    re.IGNORECASE,
)
MAX_SOURCES_CHARS = 300


_KEY_RE = re.compile(r"[\s:]+")


def _heading_key(text: str) -> str | None:
    if len(text) > 40:
        return None
    low = text.lower()
    if "news" not in low and "note" not in low and "worth" not in low and "polic" not in low:
        return None
    return _KEY_RE.sub("", low)


def news_heading(text: str) -> str | None:
    """'' for a section heading (NOTEWORTHY), 'policy'/'corporate' for a kind heading, else None."""
    key = _heading_key(text)
    return None if key is None else _HEADINGS.get(key)


def is_news_start(text: str) -> bool:
    key = _heading_key(text)
    return key is not None and key != "news" and key in _HEADINGS


def split_sources(text: str) -> tuple[str, list[str], bool]:
    """'Text. (Xinhua article, SCMP article)' -> ('Text.', ['Xinhua article', 'SCMP article'], ok).

    The third value is False when the parentheses were unbalanced."""
    s = text.rstrip(" .;,")
    groups, _ = paren_groups(s)
    if not groups:
        return text.strip(), [], True
    start, end, closed = groups[-1]
    if closed and end != len(s):
        return text.strip(), [], True
    inner = s[start + 1:end - 1] if closed else s[start + 1:]
    if len(inner) > MAX_SOURCES_CHARS:
        return text.strip(), [], closed
    sources: list[str] = []
    depth = 0
    buf: list[str] = []
    for ch in inner + ",":
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        if ch in ",;，；" and depth == 0:
            src = collapse_ws("".join(buf)).strip(" .")
            if src and src not in sources:
                sources.append(src)
            buf = []
        else:
            buf.append(ch)
    return s[:start].strip(), sources, closed


def _year_for(md: tuple[int, int], year: str | None, period, published) -> date | None:
    if year:
        return make_date(int(year), *md)
    return infer_news_date(*md, period=period, published=published)


@dataclass
class _Entry:
    """One news item as read: its section, first line, month and day, year, and text lines."""

    kind: str
    line: int
    md: tuple[int, int] | None
    year: str | None
    parts: list[str]


def parse_news(lines: list[Line], *, period: tuple[date, date] | None,
               published: date | None, warnings: list[ParseWarning]) -> list[ParsedNews]:
    entries = _read_entries(lines, warnings)
    return [_news_item(e, period, published, warnings) for e in entries]


def _read_entries(lines: list[Line], warnings: list[ParseWarning]) -> list[_Entry]:
    """The items under the section headings: a dated line or a bullet starts one."""
    kind = ""
    entries: list[_Entry] = []
    cur: _Entry | None = None
    for ln in lines:
        if ln.kind != "text":
            continue
        heading = news_heading(ln.text)
        if heading is not None:
            if heading:
                kind = heading
            cur = None
            continue
        bullet = split_bullet(ln.text)
        body = bullet[1] if bullet else ln.text
        m = _DATE_PREFIX_RE.match(body)
        md = parse_month_day(m.group("md")) if m else None
        if m and md:
            cur = _Entry(kind, ln.no, md, m.group("y"), [body[m.end():]])
            entries.append(cur)
        elif bullet and not (cur and starts_lower(body)):
            warnings.append(ParseWarning(ln.no, "news item without date"))
            cur = _Entry(kind, ln.no, None, None, [body])
            entries.append(cur)
        elif cur is not None:
            cur.parts.append(ln.text)
        else:
            warnings.append(ParseWarning(ln.no, "text outside any news item skipped"))
    return entries


def _news_item(entry: _Entry, period: tuple[date, date] | None, published: date | None,
               warnings: list[ParseWarning]) -> ParsedNews:
    kind = entry.kind
    if not kind:
        kind = "policy"
        warnings.append(ParseWarning(entry.line, "news item outside a policy/corporate "
                                                 "section, taken as policy news"))
    text, sources, balanced = split_sources(join_lines(entry.parts))
    if not balanced:
        warnings.append(ParseWarning(entry.line, "unbalanced parentheses in news sources"))
    if not sources:
        warnings.append(ParseWarning(entry.line, "news item without sources"))
    d = _year_for(entry.md, entry.year, period, published) if entry.md else None
    if entry.md and d is None:
        warnings.append(ParseWarning(entry.line, "news date without a year to infer"))
    return ParsedNews(kind=kind, date=d, text=text, sources=sources, line=entry.line)
