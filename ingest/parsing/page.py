"""What a web page around a brief carries that is no part of it (navigation, "N min read",
image captions, logo lines, bylines, link and subscription prompts), and what the top of a page
says about itself: its title and its own date.

The page's date is a date line above the first paragraph of prose ("8 March 2018",
"Updated: Aug 15,2016 2:09 PM", "Logo 17 Dec 2021"), or the month an issue's title names
("... Update in April 2023"); never a date in a caption, in a sentence or in a label, so a
law's promulgation date or a comment deadline is not the page's date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from policies.search.analysis import fold_traditional

from .cleaning import Line, count_cjk, ends_sentence, split_bullet
from .date_mentions import date_mentions, stated_period

_CHROME_RE = re.compile(
    r"(?:details|more|full\s+story)\s*>>.*|read\s+more\.?|continue\s+reading\b.*"
    r"|subscribe\b.*|already\s+a\s+subscriber\b.*|log\s*in\.?|sign\s+up\b.*|share\b.{0,30}"
    r"|print|follow\s+the\s+links?\s+below\b.*|if\s+you\s+(?:would\s+)?like\b.*"
    r"|(?:please\s+)?click\s+here\b.*|read\s+the\s+full\b.*|source\s*:.*|original\s+chinese\s*:?"
    r"|archived\s+copy\s*:.*|a\s+pdf\s+version\b.*|english\s*中文.*|article\s+banner\s+picture"
    r"|(?:image|photo|photograph|picture)\s*:.*|authored\s+by\b.*|written\s+by\b.*"
    r"|(?:article|commentary)\s+by\s+[A-Z][^.!?]{2,80}"  # "Article by Huang Jianwen"
    r"|home\s*>.*|top\s+stor(?:y|ies)|back\s+to\s+top|返回顶部|advertisement|related\s+(?:articles|posts)"
    r"|posted\s+(?:by|in|on)\s+[^.!?]{2,160}|(?:editor|translator|translated\s+by|author)\s*[:：]"
    r"\s*[^!?]{2,80}",
    re.IGNORECASE)
_BREADCRUMB_RE = re.compile(r"(?:home|首页)\s*[/>»›]\s*\S", re.IGNORECASE)
_LOGO_RE = re.compile(r"\blogo\b", re.IGNORECASE)
_BYLINE_RE = re.compile(r"(?:By|BY)\s+[A-Z][^.!?]{2,150}")
_NAME_RE = re.compile(r"[A-Z][a-z’'-]+(?:\s[A-Z][a-z’'-]+){1,2}")
# a word no person's name is: "China", or an English noun or adjective by its ending
# ("Regulatory", "Commercial", "Administration"), so "China Regulatory and Commercial Updates"
# is a headline, not the names of two authors
_NOT_NAME_WORD_RE = re.compile(r"Chin(?:a|ese)|[A-Z][a-z]{4,}(?:tion|sion|ment|ance|ence|ity"
                               r"|ics|ory|ial)s?")
_CAPTION_RE = re.compile(
    r"[A-Z][A-Z .'’-]{1,40},\s[A-Z][A-Z .'’-]{1,40}\s?[-–—]\s?[A-Z][A-Za-z]{2,8}\.?\s\d{1,2},?"
    r"\s\d{4}\s?[-–—].*")
_CREDIT_RE = re.compile(r"\((?:photo|xinhua|reuters|afp|ap|ic|vcg|getty|cfp|file)\b[^()]{0,60}\)"
                        r"\s*$|\bphoto\s*:|\bphoto\s+by\b|\bimage\s*:", re.IGNORECASE)
_SERIES_RE = re.compile(r"MERICS(?:\s+[A-Z][\w&-]*){1,4}")
_ISSUE_RE = re.compile(r"\b(?:update|newsletter|bulletin|digest|roundup|round-up|briefing|issue"
                       r"|monthly|bimonthly|weekly|review|recap)\b"
                       r"|月刊|周刊|简报|快报|通讯", re.IGNORECASE)  # monthly, weekly, bulletin
# what a document's event or status line says after its date ("20 Aug 2026 in force", "05 Jan
# 2026 in consultation"): the date of that event, not the page's
_NOT_PAGE_DATE = re.compile(r"deadline|effective|effect|comment|adopt|promulgat|implement|expir"
                            r"|issued|release|valid|until|held|meeting|session|[:：]\s*$"
                            r"|\bforce\b|consult|repeal|revok|abolish|enact|withdraw|lapse"
                            r"|通过|发布|公布|施行|实施|印发|颁布|会议", re.IGNORECASE)
MAX_TITLE_LINE = 200  # a longer first line is a paragraph, not a title above date lines
# the labels a page dates itself by (not a document's "Promulgation date:")
_DATES_RE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s*\d{4}\b"
                       r"|\d{4}\s*年\s*\d{1,2}\s*月", re.IGNORECASE)
_PAGE_DATE_LABEL_RE = re.compile(
    r"(?:(?:last\s+)?(?:updated|modified)(?:\s+on)?|posted(?:\s+on)?|published(?:\s+on)?"
    r"|publication\s+date|date\s+posted|发布时间|更新时间|发布日期)\s*[:：]?", re.IGNORECASE)
_STRUCTURE_RE = re.compile(r"(?:chapter|article|section|part)\s+[\dIVXLC一二三四五六七八九十]"
                           r"|第[一二三四五六七八九十百\d]+[章条节]", re.IGNORECASE)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z’'-]*")


def is_chrome(text: str) -> bool:
    """A line of page furniture around the content."""
    if _CHROME_RE.fullmatch(text) or (len(text) < 60 and text.count("|") >= 2):
        return True
    if len(text) < 100 and text.count(">") >= 2:
        return True
    if len(text) <= 40 and _LOGO_RE.search(text) and not date_mentions(text):
        return True
    return is_byline(text) or _notice_in_capitals(text)


_SENTENCE_BREAK_RE = re.compile(r"[.!?;]\s")


def _notice_in_capitals(text: str) -> bool:
    """A site's notice or disclaimer in capitals ("ALL TRANSLATIONS ON THIS SITE ARE
    UNOFFICIAL ..."): long, and sentences; a long headline in capitals (some listings print
    every headline so) is no sentence."""
    return len(text) > 80 and text.isupper() and count_cjk(text) == 0 and (
        ends_sentence(text) or bool(_SENTENCE_BREAK_RE.search(text)))


def is_breadcrumb(text: str) -> bool:
    """'Home / News / Details', 'Home > Metal News > ...': the trail to a site's page."""
    return bool(_BREADCRUMB_RE.match(text))


def is_byline(text: str) -> bool:
    """'By Huang Jianwen ...', 'Simon Li, Susie Shi'."""
    if len(text) <= 160 and _BYLINE_RE.fullmatch(text) and not text.rstrip().endswith("."):
        return True
    parts = [p.strip() for p in re.split(r",|\band\b|&", text)]
    return 1 < len(parts) <= 5 and all(_NAME_RE.fullmatch(p) for p in parts) and not any(
        _NOT_NAME_WORD_RE.fullmatch(w) for w in words(text))


def is_caption(text: str) -> bool:
    """An image caption: 'CITY, COUNTRY - DATE - ...' or a line with a photo credit."""
    return bool(_CAPTION_RE.fullmatch(text) or _CREDIT_RE.search(text))


def is_structure(text: str) -> bool:
    """'Chapter I: General Provisions', 'Article 3', '第一章': a law's own headings."""
    return bool(_STRUCTURE_RE.match(text))


def words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def is_prose(text: str) -> bool:
    """A paragraph of sentences, not a heading."""
    n = len(words(text))
    cjk = count_cjk(text)
    text = text.rstrip()
    ends = text.endswith((".", "!", "?", "。", "！", "？", ":", "：", ";", "”", '"')) or bool(
        _CLOSING_CREDIT_RE.search(text) or _FOOTNOTE_END_RE.search(text))
    if (n >= 8 and ends) or n >= 30 or cjk >= 40 or (cjk >= 12 and text.endswith("。")):
        return True
    # a paragraph cut short (an excerpt, a teaser): running text is mostly lower-case words,
    # a headline mostly capitalised ones
    ws = words(text)
    return n >= 15 and sum(1 for w in ws if w[:1].islower()) >= 0.5 * n


# "... at the meeting. (Xinhua)": a sentence, then a credit in parentheses
_CLOSING_CREDIT_RE = re.compile(r"[.!?。]\s*[(（][^()（）]{1,80}[)）]$")


# "... (Solicitation Draft). 3", "... in 2031.[2]": a sentence, then its footnote's number
_FOOTNOTE_END_RE = re.compile(r"[.。”\"]\s*(?:\[\d{1,2}\]|\d{1,2})$")


_PAREN_NUMBER_RE = re.compile(r"[(（](?:\d{1,2}|[a-z]|[一二三四五六七八九十]{1,3})[)）]"
                              r"\s*[A-Z\d“《]")


def is_headline(text: str) -> bool:
    """A line that can head an item: a few words, capitalised, no closing full stop."""
    n = len(words(text))
    if not 3 <= n <= 30 or len(text) > 220 or split_bullet(text):
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "“‘\"《"
            or _PAREN_NUMBER_RE.match(text)):
        return False
    stripped = _DOTTED_END_RE.sub("", text.rstrip())  # "... of the P.R.C.": no full stop
    # a listing page cuts long headlines with an ellipsis: still a headline, not a sentence
    if stripped.endswith((".", ";", ",", ":", "：", "?", "!", "。")) and not (
            stripped.endswith(("...", "…")) and not stripped[:-3].rstrip().endswith(".")) \
            and not (stripped.endswith(".") and _title_case(stripped)) \
            and not (stripped.endswith("?") and stripped.count("?") == 1
                     and MIN_QUESTION_WORDS <= n <= MAX_QUESTION_WORDS):
        return False
    if is_chrome(text) or is_caption(text) or is_structure(text) or date_only(text) \
            or _FIELD_RE.match(text) or _lists_after_colon(text):
        return False
    return not _SERIES_RE.fullmatch(text)


MIN_LISTED_AFTER_COLON = 3
MAX_LISTED_ITEM = 60


def _lists_after_colon(text: str) -> bool:
    """A colon, then a list of three or more lower-case items: a sentence's run ("The first
    “Five” means five guidelines: innovation-driven, giving priority to quality, green
    development, ..."), not a headline ("MIIT: call for comments on widget standards")."""
    _, colon, rest = text.replace("：", ":").partition(": ")
    items = [i.strip() for i in rest.split(",")] if colon else []
    items = [i[4:] if i.startswith("and ") else i[3:] if i.startswith("or ") else i
             for i in items]
    return len(items) >= MIN_LISTED_AFTER_COLON and all(
        i[:1].islower() and len(i) <= MAX_LISTED_ITEM for i in items)


# a document's labelled field: "Effective Date: March 1, 2031", "Issuance Date: ...", "Source:
# Ministry of Widgets", not a headline with a colon ("MIIT: call for comments on ...")
_FIELD_RE = re.compile(r"(?:[A-Z][a-z]+\s+){0,2}(?:Date|Time|Source|Author|Authors|Category"
                       r"|Categories|Tags?)\s*[:：]")


_DOTTED_END_RE = re.compile(r"(?<=\b[A-Z]\.[A-Z])\.$")  # "P.R.C.", "U.S."


# "What do China’s data export rules mean for its trade?": a headline may ask; a longer
# question is a sentence of a Q&A, a shorter one a page's prompt ("Need a new search?")
MIN_QUESTION_WORDS, MAX_QUESTION_WORDS = 6, 16

_SMALL_WORDS = frozenset({"a", "an", "the", "of", "on", "for", "and", "or", "to", "in", "by",
                          "with", "at", "from", "into", "as", "vs"})


def _title_case(text: str) -> bool:
    """'Latest Measures for Optimising Epidemic Prevention and Control.': a headline in title
    case that a site ends with a full stop (a sentence is mostly lower-case words)."""
    ws = [w for w in words(text) if w.lower() not in _SMALL_WORDS]
    return 3 <= len(ws) <= 20 and all(w[0].isupper() for w in ws) and not date_mentions(text)


def names_an_issue(text: str) -> bool:
    """A line that names an issue of a series: "Monthly Recap: ... | October 2022", "China
    Update, April 2023"; the month in it is the one the issue covers."""
    return bool(_ISSUE_RE.search(text))


def date_only(text: str) -> bool:
    """A line that is a date and at most three other words ('Updated: Aug 15,2016 2:09 PM'),
    or a month and at most one ('Published: December 2021')."""
    if len(text) > 120:
        return False
    mentions = date_mentions(text)
    if not mentions:
        return False
    rest = text
    for d in reversed(mentions):
        rest = rest[:d.start] + " " + rest[d.end:]
    limit = 3 if any(d.day for d in mentions) else 1  # "Widget Update in May 2032" is a title
    if _PAGE_DATE_LABEL_RE.fullmatch(fold_traditional(rest.strip())):
        return True  # "Last Updated: 8 January 2017", "Posted on: ..."
    return len(words(rest)) <= limit and not _NOT_PAGE_DATE.search(rest)


def _leading_date(title: Line | None) -> PageDate | None:
    """A full date that opens the title line, before the title's words."""
    if title is None:
        return None
    first = next(iter(date_mentions(title.text[:40])), None)
    if first is None or first.start != 0 or not (first.year and first.day):
        return None
    rest = title.text[first.end:].strip(" -–—|:")
    return PageDate(first.as_date(), "day", title.no) if len(words(rest)) >= 3 else None


def is_dated_listing(lines: list[Line], skip: set[int] = frozenset()) -> bool:
    """A listing whose entries each stand under a date line of their own (`_listing_dates`)."""
    return _listing_dates(lines, skip) >= 2


def _listing_dates(lines: list[Line], skip: set[int]) -> int:
    """How many different days stand alone on date lines ("January 3, 2023", "2022-11-25 >
    All chapters") that each open an entry: prose or a headline follows (a byline aside), and
    prose stands between one and the next. A signature's date ("State Council" / "June 25,
    2018") or a page's date over a label block opens no entry."""
    text = [ln for ln in lines if ln.kind == "text" and ln.no not in skip]
    days: list[date] = []
    prose_since = True
    for i, ln in enumerate(text):
        if len(ln.text) <= 60 and (date_only(ln.text) or _ENTRY_DATE_RE.match(ln.text)):
            d = next((m for m in date_mentions(ln.text) if m.year and m.day), None)
            after = next((n.text for n in text[i + 1:] if not is_byline(n.text)), "")
            opens = is_prose(after) or is_headline(after)
            if d and prose_since and opens and d.as_date() not in days:
                days.append(d.as_date())
                prose_since = False
        elif is_prose(ln.text):
            prose_since = True
    return len(days)


# the line of a decree's or order's number: the date under it is the document's
_ORDER_LINE_RE = re.compile(r"\b(?:Order|Decree|Announcement|Circular|Notice)\b.{0,80}\bNo\.\s?"
                            r"\d{1,4}\b|令第?\s*\d{1,4}\s*号|〔(?:19|20)\d\d〕\s*\d{1,4}\s*号",
                            re.IGNORECASE)
# "2022-12-09 > All chapters": a listing's entry date with its breadcrumb
_ENTRY_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}\s*[>|]")


@dataclass(frozen=True)
class PageDate:
    value: date
    precision: str  # "day" | "month"
    line: int | None


def top_lines(lines: list[Line], limit: int = 12) -> list[Line]:
    """The text lines above the first paragraph of prose (at most `limit`)."""
    out = []
    for ln in lines:
        if ln.kind != "text":
            continue
        if is_prose(ln.text) or len(out) >= limit:
            break
        out.append(ln)
    return out


def captions_before_series(lines: list[Line]) -> set[int]:
    """Line numbers of the lines above a MERICS series line at the top: image captions."""
    tops = [ln for ln in lines if ln.kind == "text"][:6]
    series = next((i for i, ln in enumerate(tops) if _SERIES_RE.fullmatch(ln.text)), None)
    return {ln.no for ln in tops[:series]} if series else set()


def page_title(lines: list[Line], skip: set[int] = frozenset()) -> Line | None:
    """The first text line that is no furniture, caption, byline, series line or date."""
    for ln in lines:
        if ln.kind != "text" or ln.no in skip:
            continue
        t = ln.text
        if is_chrome(t) or is_caption(t) or date_only(t) or _SERIES_RE.fullmatch(t):
            continue
        return ln
    return None


def page_date(lines: list[Line], title: Line | None, skip: set[int] = frozenset()
              ) -> PageDate | None:
    """A date line above the first prose, else the one month an issue's title names. On a
    listing page, where several entries each stand under a date line of their own, the first
    of those dates is an entry's, not the page's."""
    if is_dated_listing(lines, skip):
        return None
    lead = _leading_date(title)
    if lead is not None:
        return lead  # "16/04/2018 MIIT Legislation Work Plan (2018) released"
    previous = ""
    # the title may read like prose ("CPC's recommendations for new five-year plan prioritize
    # ...: official"): the date lines under it are still above the first paragraph
    headed = title is not None and len(title.text) <= MAX_TITLE_LINE
    for ln in top_lines([ln for ln in lines if not headed or ln.no != title.no]):
        if ln.no in skip or is_caption(ln.text) or (title and ln.no == title.no):
            continue
        after_order, previous = bool(_ORDER_LINE_RE.search(previous)), ln.text
        if after_order:
            continue  # "Order of the State Council No.726" / "March 27, 2020": the order's date
        if date_only(ln.text):
            mentions = date_mentions(ln.text)
            if len(mentions) > 1:
                continue  # "19 February-4 March 2023": the period an issue covers, not its date
            d = next((m for m in mentions if m.year and m.day), None)
            if d:
                return PageDate(d.as_date(), "day", ln.no)
            month = next((m for m in mentions if m.year and m.month), None)
            if month and not words(_DATES_RE.sub(" ", ln.text)):
                # "July 2009" alone on a line: the month of the issue
                return PageDate(date(month.year, month.month, 1), "month", ln.no)
    # an issue's title ("China Update, April 2023"), not a first line of prose that says
    # "review" or "update" in passing
    if title and names_an_issue(title.text) and not is_prose(title.text) \
            and len(words(title.text)) <= 15:
        period = stated_period(title.text)
        if period and len(period.months) == 1:
            return PageDate(date(period.year, min(period.months), 1), "month", title.no)
        month = _one_month(title.text)
        if month is not None:
            return PageDate(month, "month", title.no)
    return None


def _one_month(text: str) -> date | None:
    """The one month a title states with its year and no day in another form than "July 2024"
    ("法规月刊 2024年7月", "Update 2024-07"), as its first day; None for none or several."""
    mentions = date_mentions(text)
    if len(mentions) != 1 or not (mentions[0].year and mentions[0].month) or mentions[0].day:
        return None
    return date(mentions[0].year, mentions[0].month, 1)
