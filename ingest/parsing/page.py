"""What a web page around a brief carries that is no part of it (navigation, "N min read",
image captions, logo lines, bylines, link and subscription prompts), and what the top of a page
says about itself: its title and its own date.

The page's date is a date line above the first paragraph of prose ("8 March 2018",
"Updated: Aug 15,2016 2:09 PM", "Logo 17 Dec 2021"), a field of the page's metadata line
("Source: MOFCOM View: 541 Date: 2011-05-16", "来源:… 日期:2017-01-12", "updated on 30 June 2021 |
reading time ..."), a posting stamp with its time ("... title2020-07-27 17:28:58", "Posted:
07/02/2019 By: ..."), or the month an issue's title names ("... Update in April 2023", "GC
Agenda China: February 2018"); never a date in a caption, in a sentence or in a document's
label (成文日期, "Date issued:", "Effective date:", with its value beside it or on the line
below), so a law's promulgation date or a comment deadline is not the page's date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from policies.search.analysis import fold_traditional

from .agencies import agencies_in_text
from .cleaning import Line, collapse_ws, count_cjk, ends_sentence, split_bullet
from .date_mentions import date_mentions, stated_period
from .policy_titles import whole_title

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
                            r"|issu(?:ing|ance)|date\s+of\s+issue|issue\s+date|\bsign"
                            r"|通过|发布|公布|施行|实施|印发|颁布|会议|生效|失效|有效|截止|成文|废止"
                            r"|征求意见|反馈", re.IGNORECASE)
MAX_TITLE_LINE = 200  # a longer first line is a paragraph, not a title above date lines
# the labels a page dates itself by (not a document's "Promulgation date:")
_DATES_RE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s*\d{4}\b"
                       r"|\d{4}\s*年\s*\d{1,2}\s*月", re.IGNORECASE)
_ISSUE_NUMBER_RE = re.compile(r"\b(?:Issue|Vol\.?|Volume|No\.?)\s*\d{1,4}\b", re.IGNORECASE)
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


# "date 2023-07-21 Xinhua News Agency, Beijing – ...": a page's date label before its first line
_INLINE_LABEL_RE = re.compile(r"([A-Za-z\u4e00-\u9fff][A-Za-z\u4e00-\u9fff .]{0,30})[:：]")
_LEADING_LABEL_RE = re.compile(r"\s*(?:date|published(?:\s+on)?|posted(?:\s+on)?)\s*[:：]?\s*",
                               re.IGNORECASE)


def _leading_date(title: Line | None) -> PageDate | None:
    """A full date that opens the title line (after a "date" label, maybe), before the title's
    words."""
    if title is None:
        return None
    label = _LEADING_LABEL_RE.match(title.text)
    opening = title.text[label.end():] if label else title.text
    first = next(iter(date_mentions(opening[:40])), None)
    if first is None or first.start != 0 or not (first.year and first.day):
        return None
    rest = opening[first.end:].strip(" -–—|:")
    if label and any(_DOCUMENT_FIELD_RE.search(m.group(1)) for m in _INLINE_LABEL_RE.finditer(
            fold_traditional(rest))):
        return None  # "Date: 2023-10-16 Title: ... Effective date: ...": a label block's line
    return PageDate(first.as_date(), "day", title.no) if len(words(rest)) >= 3 else None


# a date and a time of day ending a title line: "... High-quality Devel2020-07-27 17:28:58"
_STAMP_TIME_RE = re.compile(r"\s*(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?\s*$")


def _trailing_stamp(title: Line | None) -> PageDate | None:
    """The date and time a page's system stamps after its title: when it was posted (no
    document is dated to the minute)."""
    if title is None:
        return None
    last = next(iter(reversed(date_mentions(title.text))), None)
    if last is None or not (last.year and last.day) or last.start < 10 \
            or not _STAMP_TIME_RE.fullmatch(title.text[last.end:]) \
            or _NOT_PAGE_DATE.search(title.text[max(0, last.start - 30):last.start]):
        return None  # "Deadline for comments: 2031-05-01 17:00": the document's event
    return PageDate(last.as_date(), "day", title.no)


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
# "Order of the Ministry of Commerce" / "No. 45": an order's name, its number on the next line
_ORDER_NAME_RE = re.compile(r"\b(?:Order|Decree)\b|令$")
_ORDER_NUMBER_LINE_RE = re.compile(r"No\.\s?\d{1,4}|第\s*\d{1,4}\s*号")
# "2022-12-09 > All chapters": a listing's entry date with its breadcrumb
_ENTRY_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}\s*[>|]")


@dataclass(frozen=True)
class PageDate:
    value: date
    precision: str  # "day" | "month"
    line: int | None


def top_lines(lines: list[Line], limit: int = 12) -> list[Line]:
    """The text lines above the first paragraph of prose (at most `limit`; a label alone on
    its line and the value under it count as one)."""
    out = []
    labels = 0
    for ln in lines:
        if ln.kind != "text":
            continue
        if (is_prose(ln.text) and not _cjk_title(ln.text)) or len(out) - labels >= limit:
            break
        out.append(ln)
        labels += bool(_bare_label(ln.text))
    return out


MAX_CJK_TITLE = 100


def _cjk_title(text: str) -> bool:
    """A Chinese document's title line ("某市人民政府办公室印发《…》的通知(某办发〔2017〕2号)"):
    long enough in characters to read as prose, but no sentence ends it or stands in it."""
    return count_cjk(text) * 2 > len(text) and len(text) <= MAX_CJK_TITLE and not any(
        mark in text for mark in "。！？；.!?;")


def captions_before_series(lines: list[Line]) -> set[int]:
    """Line numbers of the lines above a MERICS series line at the top: image captions."""
    tops = [ln for ln in lines if ln.kind == "text"][:6]
    series = next((i for i, ln in enumerate(tops) if _SERIES_RE.fullmatch(ln.text)), None)
    return {ln.no for ln in tops[:series]} if series else set()


def page_title(lines: list[Line], skip: set[int] = frozenset()) -> Line | None:
    """The first text line that is no furniture, caption, byline, series line, date, or
    metadata line that opens with the page's date ("发布时间:2024-11-01 21:09 来源: ...")."""
    for ln in lines:
        if ln.kind != "text" or ln.no in skip:
            continue
        t = ln.text
        if is_chrome(t) or is_caption(t) or date_only(t) or _SERIES_RE.fullmatch(t) \
                or (_META_DATE_RE.match(t.strip()) and _metadata_date(t, [ln], ln)) \
                or _SITE_PART_RE.fullmatch(t.strip()) or _dated_field(t):
            continue
        return ln
    return None


MAX_MASTHEAD_WORDS = 4  # "Caixin", "Global Chemical Compliance", "Distinction in travel journalism"
MIN_STORY_TITLE_WORDS = 5
MAX_MASTHEAD_LINES = 8


def story_title(lines: list[Line]) -> Line | None:
    """An article's title when its page opens with a masthead: the first line `page_title`
    finds is a site's or section's name of a few words ("Caixin", "Hydrogen", "World"), and a
    headline of five words or more stands under it before the story's first paragraph. None
    where the first line is the title (or no such headline follows)."""
    first = page_title(lines)
    if first is None or len(words(first.text)) > MAX_MASTHEAD_WORDS or date_mentions(first.text) \
            or whole_title(first.text) or count_cjk(first.text):
        return None
    text = [ln for ln in lines if ln.kind == "text"]
    start = text.index(first)
    for ln in text[start + 1:start + MAX_MASTHEAD_LINES]:
        t = ln.text.strip()
        if is_prose(t):
            return None
        if is_chrome(t) or is_caption(t) or date_only(t) or _dated_field(t) \
                or _SITE_PART_RE.fullmatch(t) or count_cjk(t):
            continue
        if len(words(t)) >= MIN_STORY_TITLE_WORDS and is_headline(t) and not date_mentions(t) \
                and not _META_SEPARATOR_RE.search(t):
            return ln  # not a metadata line ("Lee & Chen Practice  June 30, 2031 | Number 7")
    return None


# "【工信部政策】...": a site's column tag before the title
_COLUMN_TAG_RE = re.compile(r"^\s*【[^】]{1,12}】\s*")
# "... | Practical Law": the site after the title, a few capitalised words after a bar
_SITE_AFTER_RE = re.compile(r"\s+[|]\s+(?P<site>[A-Z][\w&.’']*(?:\s+[A-Z][\w&.’']*){0,3})\s*$")


def tidy_title(title: str) -> str:
    """A page's title without what its title line holds besides: a column tag ("【工信部政策】"),
    a leading date ("16/04/2018 MIIT Legislation Work Plan (2018) released", the page's date)
    and a site's name after a bar ("GC Agenda China: February 2018 | Practical Law")."""
    text = _COLUMN_TAG_RE.sub("", title)
    first = next(iter(date_mentions(text[:40])), None)
    if first is not None and first.start == 0 and first.year and first.day:
        rest = text[first.end:].strip(" -–—|:")
        if len(words(rest)) >= 3:
            text = rest
    site = _SITE_AFTER_RE.search(text)
    if site and len(words(text[:site.start()])) >= 3 and not date_mentions(site.group("site")):
        text = text[:site.start()]
    return text.strip() or title


# a site's navigation or section name above its content, never a page's own title
_SITE_PART_RE = re.compile(
    r"(?:latest\s+)?news|publications?|support\s+cent(?:re|er)|description|skip\s+to\s+"
    r"(?:main\s+)?content|top\s+of\s+page|main\s+menu|menu|search|home|新闻中心|快速导航\W*"
    r"|home\b.{0,60}\bpage\s+\d{1,4}"  # "Home Blog Page 15": a listing's breadcrumb and page
    r"|[^\W\d]+(?:\s[^\W\d]+){0,2}(?:\s/\s[^\W\d]+(?:\s[^\W\d]+){0,2}){1,5}",  # "China / China"
    re.IGNORECASE)


def _dated_field(text: str) -> bool:
    """A field whose value is a full date ("归档时间:2018-11-21"): the page's or a
    document's metadata."""
    label = _FIELD_LABEL_RE.match(text.strip())
    value = text.strip()[label.end():].strip() if label else ""
    mentions = date_mentions(value)
    return bool(value) and date_only(value) and len(mentions) == 1 and bool(mentions[0].day)


def page_date(lines: list[Line], title: Line | None, skip: set[int] = frozenset()
              ) -> PageDate | None:
    """A date line above the first prose, else the one month an issue's title names. On a
    listing page, where several entries each stand under a date line of their own, the first
    of those dates is an entry's, not the page's."""
    if is_dated_listing(lines, skip):
        return None
    lead = _leading_date(title) or _trailing_stamp(title)
    if lead is not None:
        return lead  # "16/04/2018 MIIT Legislation Work Plan (2018) released"
    previous = above = ""
    # the title may read like prose ("CPC's recommendations for new five-year plan prioritize
    # ...: official"): the date lines under it are still above the first paragraph
    headed = title is not None and len(title.text) <= MAX_TITLE_LINE
    top = top_lines([ln for ln in lines if not headed or ln.no != title.no])
    headlined = False
    for ln in top:
        if ln.no in skip or is_caption(ln.text) or (title and ln.no == title.no):
            continue
        above2, above, previous = above, previous, ln.text
        if _document_label(above):
            continue  # "成文日期:" / "2031-05-07", "Date issued:" / "...": its document's date
        # a metadata line above any headline: under one, "Date: ..." is its entry's
        meta = _metadata_date(ln.text, top, ln, fields=not headlined)
        if meta is not None:
            return PageDate(meta, "day", ln.no)
        headlined = headlined or (is_headline(ln.text) and not is_chrome(ln.text))
        if _ORDER_LINE_RE.search(above) or (_ORDER_NUMBER_LINE_RE.fullmatch(above.strip())
                                            and _ORDER_NAME_RE.search(above2)):
            continue  # "Order of the State Council No.726" / "March 27, 2020": the order's date
        stamp = _trailing_stamp(ln)
        if stamp is not None:
            return stamp
        if date_only(ln.text):
            mentions = date_mentions(ln.text)
            if len(mentions) > 1:
                continue  # "19 February-4 March 2023": the period an issue covers, not its date
            if _done_by_a_body(ln.text[mentions[0].end:]):
                continue  # "13 Dec. 1993, by State Council": when a body issued a document
            d = next((m for m in mentions if m.year and m.day), None)
            if d:
                return PageDate(d.as_date(), "day", ln.no)
            month = next((m for m in mentions if m.year and m.month), None)
            if month and not words(_ISSUE_NUMBER_RE.sub(" ", _DATES_RE.sub(" ", ln.text))):
                # "July 2009" alone on a line, or with its issue's number ("Jul 2017, Issue
                # 25"): the month of the issue
                return PageDate(date(month.year, month.month, 1), "month", ln.no)
    posted = _posted_line([ln for ln in lines if ln.kind == "text" and ln.no not in skip])
    if posted is not None:
        return posted
    # an issue's title ("China Update, April 2023"), not a first line of prose that says
    # "review" or "update" in passing, nor the first of the issues a series' page lists
    if title and names_an_issue(title.text) and not is_prose(title.text) \
            and len(words(title.text)) <= 15 and not _issues_listed(lines, title):
        period = stated_period(title.text)
        if period and len(period.months) == 1:
            return PageDate(date(period.year, min(period.months), 1), "month", title.no)
        month = _one_month(title.text)
        if month is not None:
            return PageDate(month, "month", title.no)
    month = _series_month(title.text) if title and not is_prose(title.text) else None
    return PageDate(month, "month", title.no) if month else None


_BY_RE = re.compile(r"[\s,]*by\s+(?P<name>.+)", re.IGNORECASE)


def _done_by_a_body(rest: str) -> bool:
    """Whether what follows a date names a body as the one that acted ("..., by State
    Council", "by the Ministry of Finance"): a document's date, not a page's. A person's
    byline ("March 3, 2021 by Jane Li") dates a post."""
    m = _BY_RE.match(rest)
    return m is not None and bool(agencies_in_text(m.group("name").strip(" |")))


def _without_dates(text: str) -> str:
    for d in reversed(date_mentions(text)):
        text = text[:d.start] + text[d.end:]
    return collapse_ws(text).casefold()


def _issues_listed(lines: list[Line], title: Line) -> bool:
    """Whether the title is one of several issues' titles on the page, the same but for their
    months ("China Laws and Regulations Update in October 2019", "... in September 2019"): a
    series' page that lists its issues, whose first issue's month is not the page's."""
    series = _without_dates(title.text)
    return any(ln.kind == "text" and ln.no != title.no and len(ln.text) <= MAX_TITLE_LINE
               and date_mentions(ln.text) and _without_dates(ln.text) == series
               for ln in lines)


# "GC Agenda China: February 2018 | Practical Law": a series' name, then the month of the issue
_SERIES_MONTH_RE = re.compile(r"(?P<series>[A-Z][^:|–—]{2,60}?)\s*[:–—]\s*(?P<month>[A-Z][a-z]{2,8}"
                              r"\.?,?\s+(?:19|20)\d\d)(?:\s*\|\s*[^|]{2,40})?")


def _series_month(text: str) -> date | None:
    """The month a title gives as all that follows its series' name and a colon or a dash
    ("GC Agenda China: February 2018", maybe with its site after a bar), never a document's
    title ("Measures for X: June 2017" names a document, not a series)."""
    m = _SERIES_MONTH_RE.fullmatch(text.strip())
    if m is None or whole_title(m.group("series")) or _NOT_PAGE_DATE.search(m.group("series")):
        return None
    return _one_month(m.group("month"))


# a page's date among the other fields of its metadata line: "Source: MOFCOM View: 541 Date:
# 2011-05-16", "来源:某市政府门户网 日期:2017-01-12 17:08", "Time:2021-08-02" (the label a
# field of its own: at the line's start or after a space, never "Effective Date:" or 成文日期)
_META_DATE_RE = re.compile(r"(?:^|(?<=\s)|(?<=[|•·]))(?:date|time|日期|时间|发布时间|发布日期"
                           r"|更新时间|updated|published|posted)\s*[:：]\s*", re.IGNORECASE)
# "updated on 30 June 2021 | reading time approx. 3 minutes", "Commentary by X • October 31,
# 2023": the parts of a metadata line
_META_SEPARATOR_RE = re.compile(r"\s+[|•·]\s+|\s{3,}")  # or a PDF's gap between columns
# a document's field, or a word of one: a date beside it is the document's
_DOCUMENT_FIELD_RE = re.compile(
    r"effective|implement|issu|promulgat|expir|valid|enforce|adopt|status|title|document\s+no|release"
    r"|发文|成文|文号|实施|施行|生效|失效|印发|标\s*题|索引号|有效性", re.IGNORECASE)
MAX_METADATA_LINE = 120
_FIELD_LABEL_RE = re.compile(r"[^:：]{1,40}[:：]")


def _metadata_date(text: str, top: list[Line], line: Line, *, fields: bool = True
                   ) -> date | None:
    """The page's own date on a metadata line near its top: a part of a line split by " | "
    or " • " that is a date line (`date_only`); or (with `fields`) a "Date:"/"日期:"/"Time:"
    field with a full date, on a line (and between lines) that carry no document's fields."""
    if len(collapse_ws(text)) > MAX_METADATA_LINE \
            or _DOCUMENT_FIELD_RE.search(fold_traditional(text)):
        return None
    parts = _META_SEPARATOR_RE.split(text.strip())
    if len(parts) > 1 and not any(p.rstrip().endswith((":", "：")) or whole_title(p)
                                  for p in parts):
        # a part that is a label ("Release Date:    2020.07.27") makes the line a field, one
        # that titles a document ("Measures for X | 2020-07-27 | MIIT") a tracker's row
        for part in parts:
            if date_only(part) and len(date_mentions(part)) == 1:
                d = date_mentions(part)[0]
                if d.year and d.day:
                    return d.as_date()
    if not fields:
        return None
    at = next((i for i, ln in enumerate(top) if ln.no == line.no), None)
    near = [] if at is None else [top[i].text for i in (at - 1, at + 1) if 0 <= i < len(top)]
    if any(_DOCUMENT_FIELD_RE.search(fold_traditional(_FIELD_LABEL_RE.match(t).group(0)))
           for t in near if _FIELD_LABEL_RE.match(t)):
        return None  # a field of a label block ("Issuing authority: ..." above "Date: ...")
    for m in _META_DATE_RE.finditer(text):
        before = text[:m.start()].split()[-1:]
        if before and re.fullmatch(r"[A-Za-z]*[a-z][A-Za-z]*", before[0]) \
                and before[0].lower() != "last":
            continue  # "Publish Date:", "Release Date:": a word of the label, not a field
        d = next(iter(date_mentions(text[m.end():m.end() + 40])), None)
        if d and d.start == 0 and d.year and d.day:
            return d.as_date()
    return None


# a label alone on its line, its value on the line below: "• 成文日期:", "Effective date:"
_BARE_LABEL_RE = re.compile(r"[^:：]{1,40}[:：]")


def _bare_label(text: str) -> str:
    """The label of a line that is a label alone ("• 成文日期:"), else ""."""
    bulleted = split_bullet(text)
    label = (bulleted[1] if bulleted else text).strip()
    return label if _BARE_LABEL_RE.fullmatch(label) and not date_mentions(label) else ""


def _document_label(text: str) -> bool:
    """A label alone on its line that is not one a page dates itself by: the date under it is
    the field's (a document's issuing, effective or expiry date), not the page's."""
    label = _bare_label(text)
    return bool(label) and not _PAGE_DATE_LABEL_RE.fullmatch(fold_traditional(label))


# "Posted: 07/02/2019 By: Professor Paul Bardos": a post's own line, under its first paragraph
_POSTED_RE = re.compile(r"(?:posted|published|(?:last\s+)?updated|发布时间|更新时间)\s*[:：]\s*",
                        re.IGNORECASE)
_BY_FIELD_RE = re.compile(r"\s*(?:(?:by|author|authors|作者|发布人|编辑)\s*[:：]?\s*"
                          r"[^:：]{2,60})?\s*", re.IGNORECASE)
# "Tue Dec 31 11:45:00 CST 2019 发布人:Editor": a stamp with its time opening the line
_OPENING_STAMP_RE = re.compile(r"\s*(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?")
MAX_POSTED_LINES = 8
# "iconMay 8, 2025 13:26": an icon's name glued to the stamp by a page's text
_GLUED_ICON_RE = re.compile(r"^[a-z]{2,10}(?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
                            r"[a-z]*\.?\s+\d)")


def _posted_line(lines: list[Line]) -> PageDate | None:
    """A line among a page's first few that opens with its posting label and a full date,
    maybe followed by its author ("By: ..."), even below the first paragraph."""
    for ln in lines[:MAX_POSTED_LINES]:
        text = _GLUED_ICON_RE.sub("", ln.text.strip())
        m = _POSTED_RE.match(text) if len(text) <= MAX_METADATA_LINE else None
        rest = text[m.end():] if m else text
        d = next(iter(date_mentions(rest)), None)
        if not (d and d.start == 0 and d.year and d.day) or len(text) > MAX_METADATA_LINE:
            continue
        after = rest[d.end:]
        if m is None:  # no label: a stamp with its time of day ("2019-12-31 11:45 By ...")
            stamp = _OPENING_STAMP_RE.match(after)
            if stamp is None and ":" not in rest[d.start:d.end]:
                continue
            after = after[stamp.end():] if stamp else after
        if _BY_FIELD_RE.fullmatch(after):
            return PageDate(d.as_date(), "day", ln.no)
    return None


def _one_month(text: str) -> date | None:
    """The one month a title states with its year and no day in another form than "July 2024"
    ("法规月刊 2024年7月", "Update 2024-07"), as its first day; None for none or several."""
    mentions = date_mentions(text)
    if len(mentions) != 1 or not (mentions[0].year and mentions[0].month) or mentions[0].day:
        return None
    return date(mentions[0].year, mentions[0].month, 1)
