"""Texts that are no brief (no 'At a glance' items, no news sections): articles, the fallback.

An article needs a title line and some prose of real words; anything else is noise.
"""

from __future__ import annotations

import re
from datetime import date

from ..cleaning import Line, Paragraphs, clean_inline, count_cjk
from ..dates import find_date
from ..structures import ParsedBrief, ParseWarning

NAME = "article"
# Any text may be an article, so every other layout that sees its own marks outranks this one.
FALLBACK_SCORE = 0.1

REASON_UNDATED_ARTICLE = "undated article"

MAX_TITLE = 300
_REAL_WORD_RE = re.compile(r"[^\W\d_]*[aeiouyAEIOUYàáâäèéêëìíîïòóôöùúûüÀ-ÖØ-öø-ÿ\u0400-\u04ff]"
                           r"[^\W\d_]*")
_BYLINE_RE = re.compile(r"By\s+(?P<names>[A-Z].{1,200})")
# "ShuliWang": a name run into the next one; not "McDonald", "DeAndre", "LeBron".
_CAMEL_RE = re.compile(r"([A-Z][a-z]+)(?=[A-Z][a-z])")
_NAME_PREFIXES = {"Mc", "Mac", "De", "Di", "Da", "Du", "La", "Le", "Van", "Von", "Al", "El"}
_PUBLISHERS = (("caixin", "Caixin"), ("merics", "MERICS"), ("scmp.com", "South China Morning Post"),
               ("sixthtone", "Sixth Tone"), ("yicaiglobal", "Yicai Global"))


def real_words(text: str) -> int:
    """Latin/Cyrillic words of 2+ letters with a vowel, plus runs of Chinese characters."""
    n = sum(1 for w in _REAL_WORD_RE.findall(text) if 2 <= len(w) <= 30 and w.isalpha())
    return n + count_cjk(text) // 2


def looks_like_prose(lines: list[Line]) -> bool:
    """At least one sentence-like line (6+ real words) and 12+ real words making up most of the
    non-space characters."""
    total_words = 0
    prose_line = False
    word_chars = 0
    chars = 0
    for ln in lines:
        if ln.kind != "text":
            continue
        sample = ln.text[:20000]
        words = [w for w in _REAL_WORD_RE.findall(sample) if 2 <= len(w) <= 30 and w.isalpha()]
        cjk = count_cjk(sample)
        total_words += len(words) + cjk // 2
        word_chars += sum(len(w) for w in words) + cjk
        chars += sum(1 for ch in sample if not ch.isspace())
        if len(words) >= 6 or cjk >= 12:
            prose_line = True
    return prose_line and total_words >= 12 and chars > 0 and word_chars >= 0.5 * chars


def split_authors(names: str) -> list[str]:
    """'Hu ShuliWang Liwei and Qin Min' -> ['Hu Shuli', 'Wang Liwei', 'Qin Min']."""
    names = _CAMEL_RE.sub(lambda m: m.group(1) if m.group(1) in _NAME_PREFIXES
                          else m.group(1) + ", ", names)
    out = []
    for part in re.split(r",|;|\band\b|&|\s+with\s+", names):
        part = clean_inline(part).strip(" .")
        if part and part[0].isupper() and len(part.split()) <= 5 and part not in out:
            out.append(part)
    return out


def detect(lines: list[Line]) -> float:
    return FALLBACK_SCORE if any(ln.kind == "text" for ln in lines) else 0.0


def parse(lines: list[Line], filename: str, warnings: list[ParseWarning]) -> ParsedBrief | None:
    """The article, or None when there is no prose or no title line of real words."""
    text_lines = [ln for ln in lines if ln.kind == "text"]
    if not text_lines or not looks_like_prose(text_lines):
        return None
    title = _title(text_lines[0], warnings)
    if title is None:
        return None
    published, authors, used = _date_and_byline(text_lines[1:12])
    lowered = " ".join(ln.text.lower() for ln in text_lines[:400])
    publisher = next((name for key, name in _PUBLISHERS if key in lowered), "")
    reasons = []
    if published is None:
        reasons.append(REASON_UNDATED_ARTICLE)
        warnings.append(ParseWarning(None, "article has no date line near the top"))
    return ParsedBrief(kind="article", title=title, publisher=publisher,
                       published_on=published, authors=authors,
                       body=_body(lines, used | {text_lines[0].no}),
                       warnings=warnings, review_reasons=reasons)


def _title(line: Line, warnings: list[ParseWarning]) -> str | None:
    """The first text line, cut short when too long; None when it holds no real word."""
    title = clean_inline(line.text)
    if real_words(title) == 0:
        return None
    if len(title) > MAX_TITLE:
        cut = title.rfind(" ", 0, MAX_TITLE)
        title = title[:cut if cut > 50 else MAX_TITLE].rstrip() + "…"
        warnings.append(ParseWarning(line.no, "title line too long: truncated"))
    return title


def _date_and_byline(top: list[Line]) -> tuple[date | None, list[str], set[int]]:
    """The first date line and the first 'By ...' line under the title, and their numbers."""
    used: set[int] = set()
    published = None
    authors: list[str] = []
    for ln in top:
        if published is None and len(ln.text) <= 60:
            d = find_date(ln.text)
            if d:
                published = d
                used.add(ln.no)
                continue
        m = _BYLINE_RE.fullmatch(ln.text) if not authors and len(ln.text) <= 200 else None
        if m:
            authors = split_authors(m.group("names"))
            used.add(ln.no)
    return published, authors, used


def _body(lines: list[Line], used: set[int]) -> str:
    """The text in paragraphs, without the title, date and byline lines."""
    body = Paragraphs()
    for ln in lines:
        if ln.no in used or ln.kind in ("furniture", "url"):
            continue
        if ln.kind == "blank":
            body.brk()
        else:
            body.add(ln.text)
    return body.render()
