"""Every date a text states, where it stands and how precise it is, for the layouts that read
dates out of prose and label blocks.

    date_mentions("On 26 August the MIIT ...")  -> [DateMention(3, 12, None, 8, 26)]

Read: "26 August", "August 26", "Aug. 26, 2024", "Aug 15,2016", "26 Aug 2024", "2024-08-26",
"16/04/2018" (day first, as the European publishers write it), "2020.07.27" and "2020/7/27"
(the year first), "2020 July 27", "27th of July 2020", "Tue Dec 31 11:45:00 CST 2019",
"Mar-26-2024", "06-25-2018" or
"25-06-2018" (only when the day is over 12: "05-06-2018" is not read), "2024年8月26日", "2024年8月",
"December 2016"; a span of months ("April and May 2015") is no mention, and a span of days
("June 24–27", "24-27 June 2025") is its month only. A mention without a
year keeps `year=None`: a year is never guessed here; `Period` (the months a text says it
covers) may supply one. Month names count only when
capitalised ("may 15" is a verb and a number). Every pattern is linear (no nested quantifiers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .dates import MONTHS, MonthDate, make_date

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
          r"|JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?"
          r"|SEP(?:T(?:EMBER)?)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)")
_DAY = r"(?P<d>\d{1,2})(?!\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:19|20)\d{2})(?!\d)"
_NOT_YEAR = r"(?!\.?,?\s*(?:19|20)\d{2}(?!\d))"

_FULL_RES = (
    re.compile(rf"\b(?P<m>{_MONTH})\b\.?\s{{0,3}}{_DAY}(?:,\s{{0,3}}|\s{{1,3}}){_YEAR}"),
    re.compile(rf"(?<!\d){_DAY}\s{{1,3}}(?P<m>{_MONTH})\b\.?,?\s{{1,3}}{_YEAR}"),
    re.compile(r"(?<![\d-])(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d-])"),
    # "Mar-26-2024": a listing's entry date, the month by name, so never ambiguous
    re.compile(rf"\b(?P<m>{_MONTH})-(?P<d>\d{{1,2}})-{_YEAR}"),
    re.compile(r"(?<![\d/.])(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>(?:19|20)\d{2})(?![\d/])"),
    # "06-25-2018" (a US database's month first) or "25-06-2018": only when the day is over 12
    re.compile(r"(?<![\d-])(?P<a>\d{1,2})-(?P<b>\d{1,2})-(?P<y>(?:19|20)\d{2})(?![\d-])"),
    re.compile(r"(?P<y>(?:19|20)\d{2})\s{0,2}年\s{0,2}(?P<m>\d{1,2})\s{0,2}月"
               r"(?:\s{0,2}(?P<d>\d{1,2})\s{0,2}[日号])?"),
    # "2020.07.27", "2020/7/27": the year first, so the month is second (no guess)
    re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})\.(?P<m>\d{1,2})\.(?P<d>\d{1,2})(?!\d|\.\d)"),
    re.compile(r"(?<![\d/])(?P<y>(?:19|20)\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?![\d/])"),
    # "2020 July 27", "27th of July 2020"
    re.compile(rf"(?<![\d.,])(?P<y>(?:19|20)\d{{2}})\s{{1,3}}(?P<m>{_MONTH})\b\.?\s{{1,3}}{_DAY}"
               rf"(?![\d,.:]\d)"),
    re.compile(rf"(?<!\d){_DAY}\s{{1,3}}of\s{{1,3}}(?P<m>{_MONTH})\b\.?,?\s{{1,3}}{_YEAR}"),
    # "Tue Dec 31 11:45:00 CST 2019": a web system's stamp, its time and zone before the year
    re.compile(rf"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s(?P<m>{_MONTH})\s{{1,2}}{_DAY}\s"
               rf"\d{{2}}:\d{{2}}:\d{{2}}\s[A-Z]{{2,5}}\s{_YEAR}"),
)
_PARTIAL_RES = (
    re.compile(rf"\b(?P<m>{_MONTH})\b\.?\s{{0,3}}{_DAY}{_NOT_YEAR}"),
    re.compile(rf"(?<!\d){_DAY}\s{{1,3}}(?P<m>{_MONTH})\b{_NOT_YEAR}"),
    re.compile(rf"\b(?P<m>{_MONTH})\b\.?(?:,\s{{0,3}}|\s{{1,3}}){_YEAR}"),  # "May,2024"
)
# "In July and August 2024", "in April 2023", "– December 2016": the months a text covers.
_MONTHS_BETWEEN = (r"(?:\s{0,3}/\s{0,3}|\s{0,3}[-–—]\s{0,3}"
                   r"|\s{1,3}(?:and|to|through)\s{1,3})")
_PERIOD_RE = re.compile(
    rf"\b(?P<a>{_MONTH})\b\.?(?:{_MONTHS_BETWEEN}(?P<b>{_MONTH})\b\.?)?(?:,\s{{0,3}}|\s{{1,3}}){_YEAR}")

@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    year: int | None
    month: int
    day: int | None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month"

    def as_date(self, year: int | None = None) -> date | None:
        """The date (a MonthDate when only the month is stated); `year` fills a missing year."""
        y = self.year or year
        if not y:
            return None
        return make_date(y, self.month, self.day) if self.day else MonthDate(y, self.month, 1)


def _month(text: str) -> int:
    return int(text) if text.isdigit() else MONTHS[text.lower().rstrip(".")]


def _mention(m: re.Match) -> DateMention | None:
    groups = m.groupdict()
    if groups.get("a"):  # "06-25-2018": which number is the month only a day over 12 tells
        a, b = int(groups["a"]), int(groups["b"])
        if (a > 12) == (b > 12):
            return None  # "05-06-2018" is May 6 or June 5: not guessed
        month, day = (b, a) if a > 12 else (a, b)
        if make_date(int(groups["y"]), month, day) is None:
            return None
        return DateMention(m.start(), m.end(), int(groups["y"]), month, day)
    month = _month(m.group("m"))
    day = int(groups["d"]) if groups.get("d") else None
    year = int(groups["y"]) if groups.get("y") else None
    if not 1 <= month <= 12 or make_date(year or 2000, month, day or 1) is None:
        return None  # 2000 is a leap year: "29 February" without a year stays possible
    return DateMention(m.start(), m.end(), year, month, day)


# "June 24–27", "24-27 June 2025", "June 24 to 27, 2025": a span of days (a session, a fair)
# dates its month, never one of its days
_DAY_SPAN = (r"\d{1,2}(?:st|nd|rd|th)?\s{0,2}(?:[-–—]|\s(?:to|through|and)\s)\s{0,2}"
             r"\d{1,2}(?!\d)(?:st|nd|rd|th)?")
_DAY_SPAN_RES = (
    re.compile(rf"\b(?P<m>{_MONTH})\b\.?\s{{1,3}}{_DAY_SPAN}(?:,?\s{{1,3}}{_YEAR})?"),
    re.compile(rf"(?<![\d-]){_DAY_SPAN}\s{{1,3}}(?P<m>{_MONTH})\b\.?(?:,?\s{{1,3}}{_YEAR})?"),
)


def date_mentions(text: str) -> list[DateMention]:
    """The dates in `text`, in order; a full date wins over the partial ones inside it."""
    found: list[DateMention] = []
    taken = bytearray(len(text))  # 1 where an earlier mention stands: linear in the text
    for rx in _DAY_SPAN_RES:
        for m in rx.finditer(text):
            if any(taken[m.start():m.end()]):
                continue
            year = int(m.group("y")) if m.group("y") else None
            found.append(DateMention(m.start(), m.end(), year, _month(m.group("m")), None))
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    # "April and May 2015", "June–August 2025": a span of months dates no one document or
    # page (the last month would be made the date of each), so it is read as none
    for m in _PERIOD_RE.finditer(text):
        if m.group("b"):
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    for rx in (*_FULL_RES, *_PARTIAL_RES):
        for m in rx.finditer(text):
            if any(taken[m.start():m.end()]):
                continue
            mention = _mention(m)
            if mention:
                found.append(mention)
                taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    return sorted(found, key=lambda d: d.start)


def first_full_date(text: str) -> date | None:
    """The first date in `text` stated with day, month and year."""
    return next((d.as_date() for d in date_mentions(text) if d.year and d.day), None)


@dataclass(frozen=True)
class Period:
    """The months a text says it covers ("In July and August 2024"), or one stated full date
    whose day and month a yearless mention may repeat ("December 29, 2017" ... "on December
    29")."""

    year: int
    months: frozenset[int]
    day: int | None = None

    def year_for(self, mention: DateMention) -> int | None:
        if mention.year:
            return mention.year
        if mention.month in self.months and (self.day is None or self.day == mention.day):
            return self.year
        return None


def stated_period(text: str) -> Period | None:
    """The first "Month (and Month) YYYY" in `text` as a period."""
    m = _PERIOD_RE.search(text)
    if not m:
        return None
    a = _month(m.group("a"))
    b = _month(m.group("b")) if m.group("b") else a
    months = frozenset(range(a, b + 1)) if a <= b else frozenset((a, b))
    return Period(int(m.group("y")), months)


def periods_of_dates(text: str) -> list[Period]:
    """Each full date `text` states, as a one-day period."""
    return [Period(d.year, frozenset((d.month,)), d.day)
            for d in date_mentions(text) if d.year and d.day]


def resolve(mention: DateMention, periods: list[Period]) -> date | None:
    """A mention as a date: its own year, else the year a stated period gives it, else None.
    A month stated with its year ("in March 2016") is a MonthDate; a month alone is none."""
    if not mention.day and not mention.year:
        return None
    for period in [None, *periods]:
        year = mention.year if period is None else period.year_for(mention)
        if year:
            return mention.as_date(year)
    return None
