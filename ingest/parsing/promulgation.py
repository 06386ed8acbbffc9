"""A page that is one official document as its issuer promulgated it: the order's head near
the top ("Order of the State Council No. 726", "Order No. 252 of the General Administration of
Customs", "GACC Decree No.233", "Order of the Ministry of ... (No. 24)"), then the sentence
that promulgates the document ("The Decision ..., which was adopted ..., is hereby
promulgated") or its articles ("Article 1 ..."). Such a page reports on one policy, the document
itself, issued by the body the order names; the laws and plans its articles cite are no news.

    promulgated_document(lines) -> Promulgated | None
    issuing_notice(lines) -> bool    # a notice that issues a document to those it addresses

A notice that issues a document ("Notice of the State Council on Issuing ...", its number
"Guo Fa [2020] No. 8", the bodies it addresses "People's Governments of all provinces, ...:",
then "We are now issuing to you the ...", "现将《...》印发给你们") is one page too: its parts
are the document's, no items of a digest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .cleaning import Line
from .date_mentions import first_full_date
from .issuers import issuers_in, without_order
from .page import date_only
from .policy_titles import title_parts

TOP_LINES = 12  # the order's head stands among the page's first text lines
TOP_CHARS = 600  # or near the start of a page that came as one long line
MAX_WORDS_BEFORE = 4
# "Order of the State Council of the People's Republic of China No.726", "Order No. 252 of the
# General Administration of Customs (order on ...)", "Decree No.2, 2017 of the Ministry of ...",
# "Order of the Ministry of Ecology and Environment (No. 24)", "GACC Decree No.233"
_ORDER_HEAD_RE = re.compile(
    r"(?:^|(?<=\s))(?:(?P<abbr>[A-Z]{2,8})\s+)?(?:Order|Decree)\s+"
    r"(?:of\s+(?:the\s+)?(?P<body>[A-Z][^()（）.;:!?]{3,120}?)\s*[(（]?\s*No\.\s?\d{1,4}\s*[)）]?"
    r"|No\.\s?\d{1,4}(?:,?\s*(?:of\s+)?(?:19|20)\d\d)?\s+of\s+(?:the\s+)?"
    r"(?P<body2>[A-Z][^()（）.;:!?]{3,120}?)(?=\s*[-–—(（]|\s*$)"
    r"|No\.\s?\d{1,4}\b)")
# "Order of the State Administration of ..." over a line "No. 45"
_ORDER_OF_RE = re.compile(r"(?:Order|Decree)\s+of\s+(?:the\s+)?"
                          r"(?P<body>[A-Z][^()（）.;:!?]{3,120})")
_NUMBER_LINE_RE = re.compile(r"No\.\s?\d{1,4}")
# a word before an order that cites it rather than heading the page with it
_CITING = {"by", "under", "in", "per", "see", "with", "via", "through", "pursuant", "to"}
# the promulgating sentence: "..., is hereby promulgated", "which is now announced and
# implemented", "now it is hereby announced"
_HEREBY_RE = re.compile(r"\b(?:is|are)\s+(?:hereby|now)\s+(?:promulgated|published|issued"
                        r"|announced|released)|\bhereby\s+(?:promulgated|published|issued"
                        r"|announced|released)|\bit\s+is\s+hereby\s+announced", re.IGNORECASE)
_ARTICLE_ONE_RE = re.compile(r"(?:^|\s)Article\s+1\b|第一条")
# the document the promulgating sentence names: "The Decision of ... on ..., which was
# adopted", "The Measures for ..., as deliberated", "《T》 has been approved"
_QUOTED_RE = re.compile(r"《(?P<t>[^《》]{8,300})》")
_SUBJECT_RE = re.compile(
    r"(?:^|[.。]\s+|\s)(?:The\s+|the\s+)?(?P<t>[A-Za-z][^,，;]{8,300}?)"
    r"(?:\s*,\s*(?:which|as|adopted|deliberated|having|after|upon)\b"
    r"|\s+(?:is|are|was|were|has\s+been|have\s+been)\s+(?:hereby|now|deliberated|adopted"
    r"|approved))")
_TITLE_NOTE_RE = re.compile(r"\s*[(（][^()（）]{0,120}[)）]\s*$")


@dataclass
class Promulgated:
    title: str
    chinese: str
    refs: list[str]
    line: int
    issued_on: date | None = None  # the order's date, on the line under its head


def promulgated_document(lines: list[Line]) -> Promulgated | None:
    """The document a page promulgates, its issuer and the line of its order, else None."""
    text_lines = [ln for ln in lines if ln.kind == "text"]
    top = text_lines[:TOP_LINES]
    for i, ln in enumerate(top):
        head = _order_head(ln.text[:TOP_CHARS], top[i + 1].text if i + 1 < len(top) else "")
        if head is None:
            continue
        refs, end = head
        after = ln.text[end:] if len(ln.text) > TOP_CHARS // 2 else ""
        rest = [after] + [t.text for t in text_lines[i + 1:i + 8]]
        clause = next((t for t in rest if _HEREBY_RE.search(t)), None)
        if clause is None and not any(_ARTICLE_ONE_RE.search(t.text)
                                      for t in text_lines[i:i + 8]):
            return None
        title, chinese = _named(clause) if clause else ("", "")
        if not title:
            title, chinese = _page_title(text_lines[0].text if i else "")
        if not title:
            return None
        return Promulgated(title, chinese, refs, ln.no, _order_date(text_lines[i + 1:i + 3]))
    return None


def _order_head(text: str, nxt: str) -> tuple[list[str], int] | None:
    """The bodies an order's head names and where the head ends in `text`, else None. The head
    opens its line, after at most a few words (the page's title run into it, a label such as
    "[File No.]:"), unless the page came as one long line."""
    m = _ORDER_HEAD_RE.search(text)
    before = text[:m.start()].split() if m is not None else []
    if m is not None and len(text) < TOP_CHARS and len(before) > MAX_WORDS_BEFORE:
        m = None  # "On May 3, MOFCOM issued Order No. 5 ...": a sentence that mentions an order
    if m is not None and before and before[-1].lower() in _CITING:
        m = None  # "Promulgated by SAMR Decree No. 71, ...": an entry's note citing its order
    if m is not None:
        body = m.group("body") or m.group("body2")
        if body:
            refs = issuers_in(without_order(m.group(0)))[0] or issuers_in(body)[0]
        else:
            refs = [m.group("abbr")] if m.group("abbr") else []
            if not refs:
                return None
        return (refs, m.end()) if refs else None
    m = _ORDER_OF_RE.fullmatch(text.strip())
    if m is not None and _NUMBER_LINE_RE.fullmatch(nxt.strip()):
        refs = issuers_in(m.group("body"))[0]
        return (refs, len(text)) if refs else None
    return None


def _order_date(under: list[Line]) -> date | None:
    """The date line right under an order's head (after its "No. 45" line, if any)."""
    for ln in under:
        if _NUMBER_LINE_RE.fullmatch(ln.text.strip()):
            continue
        return first_full_date(ln.text) if date_only(ln.text) else None
    return None


def _named(clause: str) -> tuple[str, str]:
    """The English and Chinese title of the document the promulgating sentence names."""
    m = _QUOTED_RE.search(clause)
    if m is not None:
        return title_parts(m.group("t"))
    m = _SUBJECT_RE.search(clause)
    if m is None:
        return "", ""
    return title_parts(m.group("t").strip(" “”\"'"))


def _page_title(text: str) -> tuple[str, str]:
    """The page's title line without a note after it ("(By the ... on December 8, 2017)")."""
    text = _TITLE_NOTE_RE.sub("", text).strip()
    return title_parts(text) if text else ("", "")


# the sentence that sends the document to the bodies addressed: "We are now issuing to you",
# "is hereby printed and distributed to you", "现将《T》印发给你们"
_TO_YOU_RE = re.compile(r"\b(?:issu(?:ing|ed)|distribut(?:ing|ed)|forward(?:ing|ed)|sen(?:ding|t)"
                        r"|transmitt(?:ing|ed))\s+to\s+you\b|印发给你|转发给你|发给你们",
                        re.IGNORECASE)
MAX_NUMBER_WORDS = 8  # a line that is a document's number and little more
# "Guo Fa [2020] No. 8", "National Development [2020] No. 8", "国发〔2020〕8号"
_NUMBER_RE = re.compile(r"[\[〔［(（]\s*(?:19|20)\d\d\s*[\]〕］)）]\s*(?:No\.\s?)?第?\d{1,4}\s*号?")
NOTICE_WINDOW = 3  # lines from the number to the addressees, and from them to the clause


def issuing_notice(lines: list[Line]) -> bool:
    """Whether the page opens as a notice that issues a document: a line that is its number,
    the line of the bodies it addresses (ending in a colon) just under it, and under that the
    sentence that issues the document to them."""
    top = [ln.text for ln in lines if ln.kind == "text"][:TOP_LINES + NOTICE_WINDOW * 2]
    for i, text in enumerate(top[:TOP_LINES]):
        if len(text.split()) > MAX_NUMBER_WORDS or not _NUMBER_RE.search(text):
            continue
        for j in range(i + 1, min(len(top), i + 1 + NOTICE_WINDOW)):
            if top[j].rstrip().endswith((":", "：")) and any(
                    _TO_YOU_RE.search(t) for t in top[j + 1:j + 1 + NOTICE_WINDOW]):
                return True
    return False
