"""A line (or paragraph) that lists one document: its title first, then who issued it and when.

    "• Notice on Regulating X (MIIT, NDRC; 26 August 2024)"
    "Guidelines for Y – issued by the NDRC on 2024-08-26"
    "《关于...的通知》（工业和信息化部，2024年8月26日）"

The title must open the line (after a bullet or number); what follows it must start like an
annotation (a parenthesis, a dash, a comma, a colon, "issued by", "by", or a next sentence
"Issued by ...") and be short, so a
sentence that merely begins with a title ("The Measures for X will take effect ...") lists
nothing. Issuers and date come from that annotation only; an effective date or a deadline in it
is no issuing date.
"""

from __future__ import annotations

import re

from .date_mentions import Period, date_mentions, resolve
from .issuers import issuers_in
from .policy_titles import find_titles, titled_in_parentheses
from .prose import Found, title_issuers

_LEAD_RE = re.compile(r"\s*(?:\d{1,2}\s*[.)、]\s*|[-•·▪●■*]\s*)?")
_ANNOTATION_RE = re.compile(r"\s*(?:[(（\[,，;；:：|–—-]|(?:jointly\s+)?(?:issued|released"
                            r"|promulgated|published|adopted)\s+(?:jointly\s+)?by\b|by\b)",
                            re.IGNORECASE)
_ISSUED_BY_RE = re.compile(r"(?:jointly\s+)?(?:issued|released|promulgated|published|adopted)"
                           r"\s+(?:jointly\s+)?by\b", re.IGNORECASE)
_FIRST_SENTENCE_RE = re.compile(r"[^.。]{0,400}")
_NOT_ISSUING = re.compile(r"effect|effective|deadline|comment|until|expire|implement",
                          re.IGNORECASE)
_BRACKETS_RE = re.compile(r"[()（）\[\]]")
MAX_ANNOTATION_WORDS = 25


def document_line(text: str, periods: list[Period] = ()) -> Found | None:
    """The document a listing line names, with the issuers and date its annotation states."""
    lead = _LEAD_RE.match(text)
    body = text[lead.end():] if lead else text
    spans = [s for s in find_titles(body[:600]) if s.english or s.chinese]
    if not spans or spans[0].start > 1:
        return None
    span = spans[0]
    rest = body[span.end:span.end + 400]
    titled = titled_in_parentheses(span)
    if titled is not None and not rest.strip(" .;"):
        # "GACC Announcement No. 14 of 2023 (Announcement on X)": X, by the number's body
        refs = title_issuers(titled.carrier)
        return Found(titled.english, titled.chinese, refs) if refs else None
    if rest.startswith((". ", "。")):  # "Notice on X. Issued by MIIT on 26 August 2024. ..."
        rest = _FIRST_SENTENCE_RE.match(rest[1:].lstrip()).group(0)
        if not _ISSUED_BY_RE.match(rest):
            return None
    if not rest.strip() or not _ANNOTATION_RE.match(rest) or \
            len(rest.split()) > MAX_ANNOTATION_WORDS:
        return None
    refs, etc = issuers_in(_BRACKETS_RE.sub(" ", rest))
    for r in title_issuers(span.english, span.chinese):
        if r not in refs:
            refs.append(r)
    issued_on = None
    dated = False
    for d in date_mentions(rest):
        if _NOT_ISSUING.search(rest[max(0, d.start - 25):d.start]):
            continue
        dated = True
        issued_on = resolve(d, list(periods))
        break
    if not refs and not dated:
        return None
    return Found(span.english, span.chinese, refs, etc, issued_on, dated)
