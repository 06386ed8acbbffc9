"""Trackers: lists of documents, one entry each, in one of three shapes.

- Dated lines: "2016-11-08 · The People's Republic of China Cyber Security Law" under
  category headings ("Administrative regulations"): each line is a document with its date.
- Entry cards: "Policy|Cybersecurity" (category), "CAC | 12.2020" (issuer | month; or one
  line "category | issuer | month"), an English headline, the Chinese title, a summary. The
  card's document is its Chinese title when that names a document (ends in 通知, 意见, 办法,
  ...; a meeting is no document), or its headline when that is a title; issued by the card's
  issuer, on the day the summary's issuing sentence states in the card's month.
- Listing lines: "Notice on X (MIIT, NDRC; 26 August 2024)", a title, then who and when
  (`document_lines`).
- Numbered rows: "535/2007 27.12.2007 The Mainland of China : Notice Concerning X", a table
  of circulars flattened to text ("Circular No. Date of Issue Subject"): the row's number and
  date, then its subject, which is the entry's headline. The subject names the document; a
  "Place : Title" subject is a circular on another body's document, which the circular's date
  does not date.
- Tables of documents (`tables`): a pipe table whose header names a title column and an
  issuer or date column; each row is a document, read by column.
- Issuer headings: "Ministry of X: Opinions on Y" (a monthly regulatory roundup's entry), the
  issuing body, a colon and the document's title on a line of their own, prose under it. The
  entry reports on that document; the others its text names are what it is based on.

An entry's issuers are only those it states: the card's issuer, or the body a title names
("Notice of the State Council on ...", "The Standing Committee of the NPC decided to ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..cleaning import Line, count_cjk, remove_cjk_spaces
from ..date_mentions import Period, date_mentions, periods_of_dates, resolve, stated_period
from ..dates import make_date
from ..document_lines import document_line
from ..entries import intro_period, make_policy, paragraphs, same_policy
from ..issuers import AGENCY_WORDS, ETC_RE, issuer_line, issuers_in
from ..page import date_only, is_prose, page_date, page_title, words
from ..policy_titles import KEYWORDS, whole_title
from ..prose import (
    VERB_RE,
    Found,
    list_entry_title,
    policies_in,
    policies_in_paragraphs,
    sentences,
    title_issuers,
)
from ..structures import ParsedBrief, ParsedItem, ParseWarning
from ..tables import Table, document_tables
from ..titles import LINK_RE
from .digest import headline_at

NAME = "tracker"
SCORE = MAX_SCORE = 0.7
MIN_DATED_LINES = 3

_SEPARATORS = "·•|:：–—-"
_MONTH_YEAR_RE = re.compile(r"(?P<m>\d{1,2})[./](?P<y>\d{4})|(?P<y2>\d{4})[-./](?P<m2>\d{1,2})")
_CATEGORY_RE = re.compile(r"[A-Z][\w &/,-]{1,40}\s*\|\s*[A-Z][\w &/,-]{1,40}")
_ZH_DOCUMENT_ENDS = ("通知", "意见", "办法", "规定", "条例", "决定", "方案", "规划", "计划", "纲要",
                     "指南", "指引", "公告", "通告", "细则", "标准", "目录", "清单", "法", "准则",
                     "规则", "批复", "函", "令", "稿", "草案")
# "535/2007 27.12.2007 Subject": a circular's number (its serial and year), its date, its subject
_NUMBERED_ROW_RE = re.compile(r"(?P<no>(?:[A-Z]{1,5}\s?)?\d{1,5}/(?:19|20)\d{2})\s+"
                              r"(?P<day>\d{1,2})[./](?P<month>\d{1,2})[./](?P<year>(?:19|20)\d{2})"
                              r"\s+(?P<subject>\S.{8,})")
# "The Mainland of China : Notice on X": the place or field a subject is filed under
_FILED_UNDER_RE = re.compile(r"(?P<label>[A-Z][^:：]{1,40}?)\s+[:：]\s+(?P<title>\S.+)")
_LEAD_WORDS = frozenset({"of", "the", "and", "for"})
# "Ministry of X: Opinions on Y": who, a colon, then what (no sentence: no full stop after it)
_ISSUER_HEADING_RE = re.compile(r"(?P<by>[^:：.!?]{3,150}?)\s*[:：]\s+(?P<title>[^:：]{8,250})"
                                r"(?<![.。!?])")
# "15 Departments including the ...", "Five ministries led by the ...": the lead of many bodies
_AMONG_RE = re.compile(r"\s*(?:\d+|[A-Za-z]+)\s+(?:departments|ministries|agencies|authorities"
                       r"|bodies|regulators)\s+(?:including|led\s+by)\s+", re.IGNORECASE)


def _dated_line(text: str) -> tuple[object, str] | None:
    """(date, title) of '2016-11-08 · Title', else None."""
    found = date_mentions(text[:40])
    if not found or found[0].start != 0 or not (found[0].year and found[0].day):
        return None
    rest = text[found[0].end:].lstrip()
    if not rest or rest[0] not in _SEPARATORS:
        return None
    # a "(Link)" marker is the listing's hyperlink, not part of the title
    title = " ".join(LINK_RE.sub(" ", rest.lstrip(_SEPARATORS + " ")).split())
    return (found[0].as_date(), title) if len(words(title)) >= 2 or count_cjk(title) >= 4 \
        else None


def _header(text: str) -> tuple[list[str], Period | None] | None:
    """A card's '[category |] issuer | month' line: the issuers and the month, else None."""
    parts = [p.strip() for p in text.split("|")] if len(text) <= 160 else []
    if not 2 <= len(parts) <= 5 or not all(parts):
        return None
    when = parts[-1]
    my = _MONTH_YEAR_RE.fullmatch(when)
    if my:
        year, month = int(my.group("y") or my.group("y2")), int(my.group("m") or my.group("m2"))
        period = Period(year, frozenset((month,))) if 1 <= month <= 12 else None
    else:
        full = [p for p in periods_of_dates(when)]
        period = full[0] if full and date_only(when) else stated_period(when)
        if period is None or len(words(when)) > 3:
            return None
    issuers = issuers_in(parts[-2])[0]
    # a card names its issuer before the month; "Legal Round-up | February 2021" is a page title
    return (issuers, period) if issuers else None


def issuer_heading(text: str) -> Found | None:
    """The document a heading 'Issuer: Title' names, with its issuers, else None."""
    m = _ISSUER_HEADING_RE.fullmatch(text.strip())
    if m is None:
        return None
    by = m.group("by")
    among = _AMONG_RE.match(by)
    by = by[among.end():] if among else by
    refs = issuer_line(ETC_RE.sub(" ", by))
    span = whole_title(m.group("title")) if refs else None
    if span is None:
        return None
    return Found(span.english, span.chinese, refs, bool(among or ETC_RE.search(by)), None, False)


def _issuer_headings(paras: list[tuple[int, str]]) -> list[int]:
    """The positions of the issuer headings that prose follows, when they are at least half the
    page's headings: a digest whose headline names its issuer so now and then stays a digest."""
    headed = [i for i, (_, text) in enumerate(paras[:-1])
              if issuer_heading(text) and is_prose(paras[i + 1][1])]
    others = sum(1 for i in range(len(paras)) if i not in headed and headline_at(paras, i))
    return headed if headed and len(headed) >= others else []


def detect(lines: list[Line]) -> float:
    """SCORE with three dated document lines, an 'issuer | month' card header or issuer
    headings, else 0."""
    texts = [ln.text for ln in lines if ln.kind == "text"]
    if document_tables(lines):
        return SCORE
    if sum(1 for t in texts if _dated_line(t)) >= MIN_DATED_LINES:
        return SCORE
    if any(_header(t) for t in texts):
        return SCORE
    if sum(1 for t in texts if document_line(t)) >= MIN_DATED_LINES:
        return SCORE
    if sum(1 for t in texts if _numbered_row(t)) >= MIN_DATED_LINES:
        return SCORE
    return SCORE if _issuer_headings(paragraphs(lines, keep=_header)) else 0.0


def parse(lines: list[Line], filename: str, warnings: list[ParseWarning]) -> ParsedBrief | None:
    title = page_title(lines)
    paras = paragraphs(lines, keep=_header)
    title_text = title.text if title else ""
    periods = intro_period(title_text, [])
    items = (_table_items(document_tables(lines), periods) or _dated_items(paras)
             or _numbered_row_items(paras) or _card_items(paras) or _listed_items(paras)
             or _headed_items(paras, periods))
    if not items:
        return None
    if not title_text or _dated_line(title_text) or _header(title_text):
        title_text = items[0].headline or items[0].policy.title  # an item has one of them
        warnings.append(ParseWarning(None, f"no title line: title made up as {title_text!r}"))
    headings = [t for _, t in paras if not _dated_line(t) and len(words(t)) <= 4
                and not _header(t) and t != title_text]
    dated = page_date(lines, title)
    return ParsedBrief(kind="brief", title=title_text[:300], topics=headings, items=items,
                       published_on=dated.value if dated else None,
                       published_precision=dated.precision if dated else "",
                       warnings=warnings, review_reasons=[] if dated else ["undated brief"])


def _table_items(tables: list[Table], periods: list[Period]) -> list[ParsedItem]:
    """One item per row of a table of documents: its title, issuers and date from their
    columns."""
    items = []
    for table in tables:
        for no, row in table.rows:
            english, chinese = list_entry_title(table.cell(row, "title"))
            chinese = chinese or remove_cjk_spaces(table.cell(row, "chinese"))
            if not (english or chinese):
                continue
            refs, etc = issuers_in(table.cell(row, "issuer"))
            when = next(iter(date_mentions(table.cell(row, "date"))), None)
            issued_on = resolve(when, periods) if when else None
            found = Found(english, chinese, refs or title_issuers(english, chinese), etc,
                          issued_on, issued_on is not None)
            items.append(ParsedItem(len(items) + 1, "", policy=make_policy(
                found, no, from_prose=False), line=no))
    return items


def _dated_items(paras: list[tuple[int, str]]) -> list[ParsedItem]:
    items = []
    for no, text in paras:
        entry = _dated_line(text)
        if entry is None:
            continue
        issued_on, title = entry
        title, *cells = [c.strip() for c in title.split(" | ")]  # a table row: date | title | by
        english, chinese = list_entry_title(title)
        stated = [r for cell in cells for r in issuers_in(cell)[0]]
        refs = stated or _lead_body(english) or title_issuers(english, chinese)
        found = Found(english, chinese, refs, False, issued_on, True)
        items.append(ParsedItem(len(items) + 1, "", policy=make_policy(found, no,
                                                                        from_prose=False),
                                line=no))
    return items


def _numbered_row(text: str) -> tuple[str, Found] | None:
    """The subject of a numbered row ('535/2007 27.12.2007 Subject') and the document it names,
    dated by the row only when the subject is the document's title itself."""
    m = _NUMBERED_ROW_RE.fullmatch(text.strip())
    if m is None:
        return None
    subject = m.group("subject").strip()
    filed = _FILED_UNDER_RE.fullmatch(subject)
    english, chinese = list_entry_title(filed.group("title") if filed else subject)
    if len(words(english)) < 3 and count_cjk(chinese) < 4:
        return None
    issued_on = None if filed else make_date(int(m.group("year")), int(m.group("month")),
                                             int(m.group("day")))
    found = Found(english, chinese, title_issuers(english, chinese), False, issued_on,
                  issued_on is not None)
    return subject, found


def _numbered_row_items(paras: list[tuple[int, str]]) -> list[ParsedItem]:
    """One item per numbered row, when the page has at least MIN_DATED_LINES of them."""
    rows = [(no, row) for no, text in paras if (row := _numbered_row(text))]
    if len(rows) < MIN_DATED_LINES:
        return []
    return [ParsedItem(k, subject, policy=make_policy(found, no, from_prose=False), line=no)
            for k, (no, (subject, found)) in enumerate(rows, 1)]


def _listed_items(paras: list[tuple[int, str]]) -> list[ParsedItem]:
    """One item per line listing a document ('Notice on X (MIIT, 26 August 2024)')."""
    items = []
    for no, text in paras:
        found = document_line(text)
        if found:
            items.append(ParsedItem(len(items) + 1, "", policy=make_policy(
                found, no, from_prose=False), line=no))
    return items


def _headed_items(paras: list[tuple[int, str]], periods: list[Period]) -> list[ParsedItem]:
    """One item per issuer heading, the paragraphs under it its summary. Its text may name
    the document again with all its issuers ("Ministry of X and Other Departments:" over "X, Y
    and Z jointly issued the Plan") and its date; the other documents it names are what the
    entry's document is based on or implements, no entries of the tracker."""
    starts = _issuer_headings(paras)
    items = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(paras)
        no, headline = paras[start]
        summary = [text for _, text in paras[start + 1:end]]
        found = issuer_heading(headline)
        twin = next((f for f in policies_in_paragraphs(summary, periods)
                     if same_policy(f, found)), None)
        if twin is not None:
            _complete(found, twin)
        items.append(ParsedItem(len(items) + 1, headline, summary="\n\n".join(summary),
                                policy=make_policy(found, no, from_prose=False), line=no))
    return items


def _complete(heading: Found, text: Found) -> None:
    """The heading's document with what its text adds: the full list of issuers where the
    heading names only the lead ('... and Other Departments'), the date."""
    if heading.etc and len(text.refs) > len(heading.refs):
        heading.refs, heading.etc = text.refs, text.etc
    if text.dated:
        heading.issued_on, heading.dated = text.issued_on, True


def _lead_body(title: str) -> list[str]:
    """'The Standing Committee of the NPC decided to ...' -> the body that opens the title."""
    run: list[str] = []
    for w in title.split():
        if w[0].isupper() or (run and w in _LEAD_WORDS):
            run.append(w)
            continue
        break
    else:
        return []
    if any(w.capitalize() in KEYWORDS for w in run):
        return []  # "Notice of the State Council": the title names its body (title_issuers)
    if run and run[-1].lower().removesuffix("’s").removesuffix("'s") in AGENCY_WORDS:
        return issuers_in(" ".join(run))[0]
    return []


@dataclass
class _Card:
    line: int
    issuers: list[str]
    period: Period | None
    headline: str = ""
    chinese: str = ""
    summary: list[str] = field(default_factory=list)


def _card_items(paras: list[tuple[int, str]]) -> list[ParsedItem]:
    cards: list[_Card] = []
    for no, text in paras:
        header = _header(text)
        if header:
            cards.append(_Card(no, *header))
        elif not cards or _CATEGORY_RE.fullmatch(text):
            continue
        elif not cards[-1].headline and count_cjk(text) * 2 < len(text):
            cards[-1].headline = text
        elif not cards[-1].chinese and not cards[-1].summary and count_cjk(text) * 2 >= len(text):
            cards[-1].chinese = remove_cjk_spaces(text)
        else:
            cards[-1].summary.append(text)
    items = []
    for card in cards:
        policy = _card_policy(card)
        if card.headline or policy:  # a header with nothing under it is no entry
            items.append(ParsedItem(len(items) + 1, card.headline, policy=policy,
                                    summary="\n\n".join(card.summary), line=card.line))
    return items


def _card_policy(card: _Card):
    chinese = card.chinese
    if chinese.startswith("《") and chinese.count("《") > chinese.count("》"):
        chinese = chinese[1:]
    chinese = chinese.strip("《》")
    periods = [card.period] if card.period else []
    if chinese and chinese.endswith(_ZH_DOCUMENT_ENDS):
        refs = card.issuers or title_issuers("", chinese)
        issued_on = _issuing_day(card.summary, periods)
        found = Found("", chinese, refs, False, issued_on, issued_on is not None)
        return make_policy(found, card.line, from_prose=False, fallback_title=card.headline)
    found = policies_in(card.headline, periods)
    if found:
        return make_policy(found[0], card.line)
    span = whole_title(card.headline)
    if span is None:
        return None
    issued_on = _issuing_day(card.summary, periods)
    return make_policy(Found(span.english, span.chinese or chinese, card.issuers, False,
                             issued_on, issued_on is not None), card.line, from_prose=False)


def _issuing_day(summary: list[str], periods: list[Period]):
    """The date the summary's first issuing sentence states, in the card's month."""
    for para in summary:
        for _, sentence in sentences(para):
            if VERB_RE.search(sentence):
                for d in date_mentions(sentence):
                    got = resolve(d, periods)
                    if got:
                        return got
                return None
    return None
