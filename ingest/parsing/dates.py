"""Dates as the briefs print them, and the year inference for dates printed without a year."""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
MONTH_RE = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
            r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")

# "December 30, 2025", "Dec. 4 2024", "23 Dec 2024", "2024-12-23"
_DAY = r"(?P<d>\d{1,2})(?!\d)(?:st|nd|rd|th)?"
_NO_YEAR = r"(?!,?\s*\d{4})"
_MDY_RE = re.compile(rf"\b(?P<m>{MONTH_RE})\.?\s+{_DAY},?\s+(?P<y>\d{{4}})\b", re.IGNORECASE)
_DMY_RE = re.compile(rf"(?<!\d){_DAY}\s+(?P<m>{MONTH_RE})\.?,?\s+(?P<y>\d{{4}})\b", re.IGNORECASE)
_ISO_RE = re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b")
_MD_RE = re.compile(rf"\b(?P<m>{MONTH_RE})\.?\s+{_DAY}\b{_NO_YEAR}", re.IGNORECASE)
_DM_RE = re.compile(rf"(?<!\d){_DAY}\s+(?P<m>{MONTH_RE})\b\.?{_NO_YEAR}", re.IGNORECASE)
# "..._211102" in a file name or first line (YYMMDD, also YYYYMMDD), not part of a longer token.
_STAMP_RE = re.compile(r"_(\d{6}|\d{8})(?![0-9A-Za-z])")


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


class MonthDate(date):
    """A date stated to the month only ("in March 2016"): the month's first day, which says
    so (`precision`), so that no day is ever made up. Prints as "2016-03"."""

    precision = "month"

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    __str__ = isoformat


def plain_date(day: date | None) -> date | None:
    """The same day as a plain date (for storing: a MonthDate's precision is stored apart)."""
    return date(day.year, day.month, day.day) if day else None


def precision_of(day: date | None) -> str:
    """"day", "month" (a MonthDate), or "" without a date."""
    return getattr(day, "precision", "day") if day else ""


def make_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _full(m) -> date | None:
    mo = m.group("m")
    month = int(mo) if mo.isdigit() else _month(mo)
    return make_date(int(m.group("y")), month, int(m.group("d")))


def parse_date(text: str) -> date | None:
    """A full date at the start of `text` (leading/trailing punctuation ignored)."""
    s = text.strip().lstrip("([").strip()
    for rx in (_MDY_RE, _DMY_RE, _ISO_RE):
        m = rx.match(s)
        if m:
            return _full(m)
    return None


def find_date(text: str) -> date | None:
    """The first full date anywhere in a (short) text."""
    best = None
    for rx in (_MDY_RE, _DMY_RE, _ISO_RE):
        m = rx.search(text)
        if m and (best is None or m.start() < best.start()):
            best = m
    return _full(best) if best else None


def format_date(d: date) -> str:
    return f"{MONTH_NAMES[d.month - 1]} {d.day}, {d.year}"


def parse_month_day(text: str) -> tuple[int, int] | None:
    """'November 07' / '7 Nov' at the start of `text` -> (11, 7)."""
    s = text.strip()
    for rx in (_MD_RE, _DM_RE):
        m = rx.match(s)
        if m:
            month, day = _month(m.group("m")), int(m.group("d"))
            if 1 <= day <= 31 and make_date(2000, month, day):  # 2000 is a leap year
                return month, day
    return None


def stamp_date(text: str) -> date | None:
    """'259167178_MERICS China Industries_211102' -> 2021-11-02."""
    for m in _STAMP_RE.finditer(text):
        s = m.group(1)
        if len(s) == 6:
            d = make_date(2000 + int(s[:2]), int(s[2:4]), int(s[4:]))
        else:
            d = make_date(int(s[:4]), int(s[4:6]), int(s[6:]))
        if d and 1990 <= d.year <= 2100:
            return d
    return None


def year_for_end(month: int, day: int, published: date) -> date | None:
    """A reporting period's end: in the publication year, or the year before if later."""
    year = published.year if (month, day) <= (published.month, published.day) else \
        published.year - 1
    return make_date(year, month, day)


def year_for_start(month: int, day: int, end: date) -> date | None:
    year = end.year if (month, day) <= (end.month, end.day) else end.year - 1
    return make_date(year, month, day)


def infer_news_date(month: int, day: int, *, period: tuple[date, date] | None = None,
                    published: date | None = None) -> date | None:
    """A 'Month D' news date: the year putting it nearest the reporting period, else the latest
    such date not after publication."""
    if period:
        start, end = period
        best = None
        for y in sorted({start.year - 1, start.year, end.year, end.year + 1}):
            d = make_date(y, month, day)
            if d is None:
                continue
            dist = (start - d).days if d < start else (d - end).days if d > end else 0
            if best is None or dist < best[0]:
                best = (dist, d)
        if best and best[0] <= 183:
            return best[1]
    if published:
        for y in (published.year, published.year - 1, published.year - 2, published.year - 3,
                  published.year - 4):
            d = make_date(y, month, day)
            if d and d <= published + timedelta(days=0):
                return d
    return None
