"""The back matter of a MERICS brief: the dated trailer line (publication date, series,
reporting period) and the authors block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..cleaning import Line, collapse_ws
from ..dates import MONTH_RE, parse_date, parse_month_day, year_for_end, year_for_start

TRAILER_RE = re.compile(
    rf"(?P<series>(?:(?:[A-Z][\w&’'.,-]*|[|–—-])\s+){{1,7}}?)"
    rf"(?P<date>{MONTH_RE}\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{MONTH_RE}\.?\s+\d{{4}})"
    r"\s*(?P<rest>\(.*)?"
)
_PERIOD_RE = re.compile(
    r"\(\s*Reporting\s+period\s*[;:,.]?\s*(?P<a>[^()–—-]{3,40}?)\s*(?:[-–—]+|\bto\b)\s*"
    r"(?P<b>[^()]{3,40}?)\s*\)?\s*$",
    re.IGNORECASE,
)
# Where the content ends: an authors, editors or publisher heading.
END_RE = re.compile(r"(?:AUTHORS?|Author\(s\)|Authors?:.*|EDITORS?|Editor\(s\)|PUBLISHER)\s*:?")
AUTHORS_RE = re.compile(r"(?:AUTHORS?|Author\(s\)|Authors?\s*:)\s*:?\s*(?P<rest>.*)")
AUTHORS_STOP_RE = re.compile(r"(?:EDITORS?|Editor\(s\)|Editors?:|PUBLISHER|IMPRINT|For\s+more\s+"
                             r"information|Contact|Copyright|©)", re.IGNORECASE)
_ROLE_WORDS = {
    "senior", "associate", "analyst", "director", "head", "researcher", "fellow", "program",
    "programme", "lead", "chief", "editor", "intern", "freelance", "visiting", "vice",
    "managing", "research", "manager", "expert", "economist", "advisor", "adviser",
    "consultant", "coordinator", "team", "former", "non-resident", "president", "professor",
    "junior", "deputy", "principal", "executive", "staff", "communications",
}


@dataclass
class Trailer:
    """The dated line closing a brief: 'MERICS China Industries December 04, 2024 (Reporting
    period: October 29 - November 25)'."""

    idx: int  # the line
    series: str
    published: date | None
    period: tuple[date, date] | None


def find_trailer(lines: list[Line], start: int) -> Trailer | None:
    """The first trailer line from line index `start` on."""
    for i in range(start, len(lines)):
        ln = lines[i]
        if ln.kind != "text" or len(ln.text) > 400 or not ln.text[0].isupper():
            continue
        m = TRAILER_RE.fullmatch(ln.text)
        if not m:
            continue
        rest = m.group("rest") or ""
        if rest and ")" not in rest and i + 1 < len(lines) and lines[i + 1].kind == "text":
            rest = rest + " " + lines[i + 1].text  # the period wrapped onto the next line
        if rest and not re.match(r"\(\s*Reporting", rest, re.IGNORECASE):
            continue
        if not rest and "MERICS" not in m.group("series"):
            continue  # "<Series> <date>" alone counts only for MERICS series
        published = parse_date(m.group("date"))
        period = None
        pm = _PERIOD_RE.search(rest) if len(rest) < 200 else None
        if published and pm:
            period = _period(pm.group("a"), pm.group("b"), published)
        series = re.sub(r"\s+Briefs?$", "", collapse_ws(m.group("series")).strip(" ,|–—-"))
        return Trailer(i, series, published, period)
    return None


def _period(a: str, b: str, published: date) -> tuple[date, date] | None:
    end = parse_date(b)
    if end is None:
        md = parse_month_day(b)
        end = year_for_end(*md, published) if md else None
    if end is None:
        return None
    start = parse_date(a)
    if start is None:
        md = parse_month_day(a)
        start = year_for_start(*md, end) if md else None
    if start is None or start > end:
        return None
    return start, end


def find_authors(lines: list[Line], start: int) -> list[str]:
    """The names in the first authors block ('AUTHORS' and the lines up to 'EDITORS')."""
    for i in range(start, len(lines)):
        m = AUTHORS_RE.fullmatch(lines[i].text) if lines[i].kind == "text" else None
        if not m:
            continue
        rest = m.group("rest")
        candidates = [p for p in re.split(r",|\band\b|;", rest) if p.strip()] if rest else []
        for ln in lines[i + 1:]:
            if ln.kind != "text":
                continue
            if AUTHORS_STOP_RE.match(ln.text) or END_RE.fullmatch(ln.text):
                break
            candidates.append(ln.text)
        names: list[str] = []
        for c in candidates:
            name = _author_name(c)
            if name and name not in names:
                names.append(name)
        return names
    return []


def _author_name(text: str) -> str | None:
    """'Jane Doe Senior Analyst, MERICS' -> 'Jane Doe'; None for a line that is no name."""
    name = text.split(",")[0].strip()
    words = name.split()
    if not words or words[0].lower() in _ROLE_WORDS:
        return None
    kept = []
    for w in words:
        if w.lower().strip(".,") in _ROLE_WORDS:
            break
        kept.append(w)
    if not 1 < len(kept) <= 5 or not all(w[0].isupper() for w in kept):
        return None
    if any(ch.isdigit() or ch == "@" for ch in "".join(kept)):
        return None
    return " ".join(kept)
