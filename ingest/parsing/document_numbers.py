"""Document numbers (文号) and effective dates, where a text states them.

    document_number("... 国发〔2023〕11号 ...")           -> "国发〔2023〕11号"
    document_number("... Guo Fa [2023] No. 11 ...")     -> "Guo Fa [2023] No. 11"
    effective_date("... effective as of April 20, 2025") -> date(2025, 4, 20)

A Chinese number is preferred to its romanisation, and the first stated wins; brackets are kept
as written (〔〕, [], 【】). A text that names no number gives "", and a text that dates no entry
into force gives None: an issuing or comment date is never taken for one.
"""

from __future__ import annotations

import re
from datetime import date

from .dates import MONTH_RE, MONTHS, find_date, make_date

_CJK = r"[\u4e00-\u9fff]"
_OPEN, _CLOSE = r"[〔\[［【（(]", r"[〕\]］】）)]"
_CHINESE_NUMBER_RE = re.compile(
    rf"(?<!{_CJK}){_CJK}{{1,14}}?(?:{_OPEN}\s*(?:19|20)\d\d\s*{_CLOSE}\s*第?\s*\d{{1,4}}\s*号"
    rf"|令第\s*\d{{1,4}}\s*号)"
)
_ROMAN_NUMBER_RE = re.compile(
    # pinyin syllables before the bracket ("Guo Fa", "Fa Gai Ji Chu"), not the title's words
    r"\b(?:(?!(?:The|And|For|On|Of|In|To|An?|By|No)\s)[A-Z][a-z]{0,5}\s){1,5}"
    r"[\[［(](?:19|20)\d\d[\]］)]\s*No\.\s?\d{1,4}\b"
    r"|\b[A-Z]{2,8}\s?No\.\s?\((?:19|20)\d\d\)\s?\d{1,4}\b"  # "GBH No. (2011)164"
)
_LABELLED_RE = re.compile(
    r"\b(?P<label>Document|Doc\.|Decree|Order|Circular)\s+No\.\s?"
    r"(?P<number>[A-Za-z0-9\-\[\]〔〕()]{1,40})",
)
_NUMBER_LINE_RE = re.compile(
    r"\bDocument\s+(?:number|No\.)\s*:\s*(?P<number>[^\n;]{1,60}?)\s*(?:\n|$)", re.IGNORECASE)
_EFFECTIVE_RE = re.compile(
    r"\b(?:effective\s+(?:as\s+of|from|on|since)?|takes?\s+effect\s+(?:on|from|as\s+of)?|"
    r"took\s+effect\s+(?:on|from)?|came\s+into\s+(?:effect|force)\s+(?:on|from|as\s+of)?|"
    r"comes?\s+into\s+(?:effect|force)\s+(?:on|from|as\s+of)?|"
    r"(?:will|shall)\s+(?:be\s+implemented|come\s+into\s+(?:effect|force)|take\s+effect)\s+"
    r"(?:on|from|as\s+of)?|in\s+force\s+(?:from|on|as\s+of)|"
    r"(?:implementation|effective)\s+date\s*:|Effective\s*:)\s*",
    re.IGNORECASE,
)
_CHINESE_EFFECTIVE_RE = re.compile(
    r"自\s*(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*起\s*(?:施行|实施|生效)"
)
_LEAD_DATE_RE = re.compile(
    rf"^(?:{MONTH_RE}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+"
    rf"{MONTH_RE}\.?,?\s+\d{{4}}|\d{{4}}-\d{{1,2}}-\d{{1,2}}|{MONTH_RE}\.?\s+\d{{1,2}}\s+\d{{4}})",
    re.IGNORECASE,
)


def document_number(text: str) -> str:
    """The first document number the text states, Chinese first; "" when none."""
    text = text or ""
    m = _CHINESE_NUMBER_RE.search(text)
    if m:
        return _tidy(m.group(0))
    m = _ROMAN_NUMBER_RE.search(text)
    if m:
        return _tidy(m.group(0))
    m = _NUMBER_LINE_RE.search(text)
    if m:
        return _tidy(m.group("number").rstrip("."))
    m = _LABELLED_RE.search(text)
    if m:
        return _tidy(f"{m.group('label')} No. {m.group('number').rstrip('.')}")
    return ""


def _tidy(number: str) -> str:
    return " ".join(number.split())[:100]


def effective_date(text: str) -> date | None:
    """The date the text says the document takes (or took) effect; None when it says none."""
    text = " ".join((text or "").split())
    for m in _EFFECTIVE_RE.finditer(text):
        head = text[m.end():m.end() + 40]
        stated = _LEAD_DATE_RE.match(head)
        if stated:
            day = find_date(stated.group(0)) or _loose_date(stated.group(0))
            if day:
                return day
    m = _CHINESE_EFFECTIVE_RE.search(text)
    if m:
        return make_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return None


def _loose_date(text: str) -> date | None:
    """"June 1 2010": a month, day and year without a comma."""
    m = re.match(rf"({MONTH_RE})\.?\s+(\d{{1,2}})\s+(\d{{4}})", text, re.IGNORECASE)
    if not m:
        return None
    return make_date(int(m.group(3)), MONTHS[m.group(1).lower().rstrip(".")], int(m.group(2)))
