"""Texts that are no brief (no 'At a glance' items, no news sections): articles, the fallback.

An article needs a title line and some prose of real words; anything else is noise. Its title
is the first line that is no page furniture, caption or date; its date a date line above the
first paragraph (`page.page_date`), never a date inside the text. The policies it reports on
(`prose`) or that its headings name (`headings`) become items without headlines; an article
that reports on none has no items.
"""

from __future__ import annotations

import re

from ..cleaning import Line, Paragraphs, clean_inline, count_cjk
from ..entries import make_policy, merge, paragraphs, under_date_lines
from ..headings import heading_policies, order_date, signature_date
from ..page import is_prose, page_date, page_title, story_title
from ..promulgation import promulgated_document
from ..prose import Found, policies_in_paragraphs
from ..structures import ParsedBrief, ParsedItem, ParseWarning
from .label_blocks import issuing_note, labelled_issue_date

NAME = "article"
# Any text may be an article, so every other layout that sees its own marks outranks this one.
FALLBACK_SCORE = MAX_SCORE = 0.1

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
    title_line = story_title(lines) or page_title(lines) or text_lines[0]
    title = _title(title_line, warnings)
    if title is None:  # a bullet alone ("•") above the first excerpt: the next line
        title_line = next((ln for ln in text_lines if real_words(ln.text)), None)
        title = _title(title_line, warnings) if title_line else None
    if title is None:
        return None
    dated = page_date(lines, title_line)
    published = dated.value if dated else None
    start = text_lines.index(title_line)
    authors, used = _byline(text_lines[start + 1:start + 12])
    used |= {title_line.no} | ({dated.line} if dated else set())
    lowered = " ".join(ln.text.lower() for ln in text_lines[:400])
    publisher = next((name for key, name in _PUBLISHERS if key in lowered), "")
    reasons = []
    if published is None:
        reasons.append(REASON_UNDATED_ARTICLE)
        warnings.append(ParseWarning(None, "article has no date line near the top"))
    return ParsedBrief(kind="article", title=title, publisher=publisher,
                       published_on=published, authors=authors,
                       published_precision=dated.precision if dated else "",
                       body=_body(lines, used),
                       items=_items(lines, dated.line if dated else None),
                       warnings=warnings, review_reasons=reasons)


def _items(lines: list[Line], page_line: int | None = None) -> list[ParsedItem]:
    """One item (no headline) per policy the article reports on or its headings name. The line
    that dates the page (`page_line`: "发布时间:2024-11-01 21:09 来源: ...") dates no document."""
    paras = paragraphs(lines)
    heads = heading_policies(paras)
    found = merge([f for _, f in heads], [
        f for periods, run in under_date_lines(lines, [t for _, t in paras])
        for f in policies_in_paragraphs([t for t in run if is_prose(t)], periods)])
    document = promulgated_document(lines)
    if document is not None:
        # a page that is one promulgated document reports on that document alone
        found = [_promulgated(document, found)]
    signed = signature_date(paras) or order_date(paras) or labelled_issue_date(
        [ln for ln in lines if ln.no != page_line])
    note = issuing_note(lines)
    if note and len(found) == 1:
        # a law database's page on one document: its note names who issued it and when
        found[0].refs = found[0].refs or note.refs
        found[0].etc = found[0].etc or note.etc
        signed = signed or note.issued_on
    if signed and len(found) == 1 and found[0].issued_on is None:
        found[0].issued_on = signed
    line_of = {id(f): no for no, f in heads}
    return [ParsedItem(i, "", policy=make_policy(f, line_of.get(id(f))))
            for i, f in enumerate(found, start=1)]


def _promulgated(document, found: list[Found]) -> Found:
    """The policy a promulgated document's page reports on: the one the text found under its
    title (with what its sentence states), else the document as its order names it."""
    key = _key(document.title)
    same = next((f for f in found if key and _key(f.title) == key), None)
    if same is None:
        return Found(document.title, document.chinese, list(document.refs),
                     issued_on=document.issued_on, dated=document.issued_on is not None)
    if same.issued_on is None and document.issued_on is not None:
        same.issued_on, same.dated = document.issued_on, True
    same.refs = same.refs or list(document.refs)
    same.chinese = same.chinese or document.chinese
    return same


def _key(title: str) -> str:
    return re.sub(r"\W+", " ", title).strip().lower()


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


def _byline(top: list[Line]) -> tuple[list[str], set[int]]:
    """The authors of the first 'By ...' line under the title, and its number."""
    for ln in top:
        m = _BYLINE_RE.fullmatch(ln.text) if len(ln.text) <= 200 else None
        if m:
            return split_authors(m.group("names")), {ln.no}
    return [], set()


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
