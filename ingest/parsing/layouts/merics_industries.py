"""The MERICS brief layout: preamble, topics/CONTENTS, numbered items, news, trailer, authors.

An item starts at an "At a glance:" line (with its numbered headline just before it, when
there is one) and runs to the next item, the news section or the end of the brief. Inside an
item: summary, key-point bullets, "MERICS comment:", then the policy block ("Article:" or
"Policy name:", "Issuing body:", "Date:", possibly run together on one line), then URL lists
(the policy's sources) and any box text (the item's `extra`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import PurePath

from .agencies import agencies_in_text, split_issuing
from .cleaning import (
    Line,
    Paragraphs,
    clean_inline,
    collapse_ws,
    ends_sentence,
    join_lines,
    split_bullet,
    starts_lower,
    tidy_heading,
)
from .dates import (
    MONTH_RE,
    format_date,
    parse_date,
    parse_month_day,
    stamp_date,
    year_for_end,
    year_for_start,
)
from .news import is_news_start, parse_news
from .structures import ParsedBrief, ParsedItem, ParsedPolicy, ParseWarning
from .titles import (
    LINK_RE,
    REASON_GARBAGE,
    REASON_NO_CHINESE,
    document_type,
    is_draft,
    split_policy_title,
    type_from_summary,
)

# Review reasons (stable wording: the review queue filters on them).
REASON_UNDATED = "undated brief"
REASON_NO_TITLE_LINE = "no policy title line"
REASON_MISSING_DATE = "missing date"
REASON_BAD_DATE = "unparseable date"
REASON_NO_ISSUER = "missing issuing body"
REASON_NO_ENGLISH = "missing policy title"
REASON_NEWS_UNDATED = "news item without date"
REASON_NO_HEADLINE = "item without headline"

GLANCE_RE = re.compile(r"A\s*t\s*a\s*glance\s*(?::\s*|$)", re.IGNORECASE)
COMMENT_RE = re.compile(r"MERICS\s*comments?\s*:\s*", re.IGNORECASE)
_LABELS = (r"Article|Policy\s*name|Policy\s*title|Issuing\s*(?:bod(?:y|ies)|authorit(?:y|ies)|"
           r"agenc(?:y|ies))|Issued\s+by|Date")
LABEL_START_RE = re.compile(rf"(?P<label>{_LABELS})\s*:\s*", re.IGNORECASE)
LABEL_ANY_RE = re.compile(rf"(?<!\S)(?P<label>{_LABELS})\s*:\s*", re.IGNORECASE)
NUMBERED_RE = re.compile(r"(?P<n>[0-9Зз]{1,2})\s*[.)]\s*(?P<rest>[^\d\s].*)")
CONTENTS_RE = re.compile(r"(?:table\s+of\s+)?contents?", re.IGNORECASE)
TOPICS_INTRO_RE = re.compile(r".{0,200}(?:following\s+topics|in\s+this\s+issue)\b.{0,200}",
                             re.IGNORECASE)
_ISSUE_SERIES_RE = re.compile(r"in\s+this\s+issue\s+of\s+(?:the\s+)?(?P<s>[A-Z][^,:;]{2,80}?)"
                              r"(?:\s+Briefs?)?\s*[,:;]", re.IGNORECASE)
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
END_RE = re.compile(r"(?:AUTHORS?|Author\(s\)|Authors?:.*|EDITORS?|Editor\(s\)|PUBLISHER)\s*:?",
                    )
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
_SERIES_LINE_RE = re.compile(r"MERICS(?:\s+[A-Z][\w&-]*){1,5}")


@dataclass
class _Start:
    idx: int  # first line of the item (headline, or the glance line)
    glance: int
    headline: str | None


@dataclass
class _Trailer:
    idx: int
    series: str
    published: date | None
    period: tuple[date, date] | None


@dataclass
class _ItemAcc:
    summary: Paragraphs = field(default_factory=Paragraphs)
    points: list[list[str]] = field(default_factory=list)
    comment: Paragraphs = field(default_factory=Paragraphs)
    extra: Paragraphs = field(default_factory=Paragraphs)
    urls: list[str] = field(default_factory=list)
    policy: list[tuple[int, str]] = field(default_factory=list)


# --- helpers -------------------------------------------------------------------------------


def _numbered(text: str) -> tuple[int, str] | None:
    m = NUMBERED_RE.fullmatch(text)
    if not m:
        return None
    n = m.group("n").replace("З", "3").replace("з", "3")
    return int(n), m.group("rest")


def _prev_text(lines: list[Line], i: int, floor: int) -> int | None:
    """Index of the nearest 'text' line before i (skipping blanks and furniture), or None if a
    URL line or `floor` comes first."""
    j = i - 1
    while j >= floor:
        k = lines[j].kind
        if k == "text":
            return j
        if k == "url":
            return None
        j -= 1
    return None


def _is_label(text: str) -> bool:
    return bool(LABEL_START_RE.match(text) or COMMENT_RE.match(text) or GLANCE_RE.match(text))


def _find_starts(lines: list[Line], glances: list[int]) -> list[_Start]:
    starts: list[_Start] = []
    floor = 0
    first_text = next((i for i, ln in enumerate(lines) if ln.kind == "text"), -1)
    for g in glances:
        j = _prev_text(lines, g, floor)
        headline = None
        idx = g
        if j is not None:
            t = lines[j].text
            num = _numbered(t)
            if num:
                headline, idx = tidy_heading(num[1]), j
            elif (j != first_text and len(t.split()) >= 3 and t[0].isupper()
                  and not _SERIES_LINE_RE.fullmatch(t) and not split_bullet(t)
                  and not _is_label(t) and len(t) <= 200
                  and not ends_sentence(t) and not is_news_start(t)
                  and (j == 0 or lines[j - 1].kind != "text")):
                # an unnumbered headline standing alone just before "At a glance"
                headline, idx = tidy_heading(t), j
        starts.append(_Start(idx, g, headline))
        floor = g + 1
    return starts


def _find_trailer(lines: list[Line], start: int) -> _Trailer | None:
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
        return _Trailer(i, series, published, period)
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


def _author_name(text: str) -> str | None:
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


def _authors(lines: list[Line], start: int) -> list[str]:
    for i in range(start, len(lines)):
        ln = lines[i]
        if ln.kind != "text":
            continue
        m = AUTHORS_RE.fullmatch(ln.text)
        if not m:
            continue
        names: list[str] = []
        rest = m.group("rest")
        candidates = [p for p in re.split(r",|\band\b|;", rest) if p.strip()] if rest else []
        for j in range(i + 1, len(lines)):
            lj = lines[j]
            if lj.kind != "text":
                continue
            if AUTHORS_STOP_RE.match(lj.text) or END_RE.fullmatch(lj.text):
                break
            candidates.append(lj.text)
        for c in candidates:
            n = _author_name(c)
            if n and n not in names:
                names.append(n)
        return names
    return []


# --- items ---------------------------------------------------------------------------------


def _real_bullet(marker: str, body: str, prev: str | None) -> bool:
    """'- such as AI - being ...' after an unfinished line is a dash in prose, not a bullet."""
    return not (marker in "-–" and prev is not None and not ends_sentence(prev)
                and starts_lower(body))


def _parse_item(lines: list[Line], start: _Start, end: int, position: int, topics: list[str],
                warnings: list[ParseWarning]) -> ParsedItem:
    acc = _ItemAcc()
    headline = start.headline
    if headline is None and position - 1 < len(topics):
        headline = topics[position - 1]
    if not headline:
        warnings.append(ParseWarning(lines[start.idx].no, "item without headline"))
        headline = ""
    for k in range(start.idx + 1, start.glance):
        if lines[k].kind == "text":
            warnings.append(ParseWarning(lines[k].no, "text between headline and 'At a glance' "
                                                      "skipped"))

    state = "summary"
    prev: str | None = None  # previous text line, None after a blank line
    last_text = ""  # previous text line, even across blank lines
    point_open = False
    title_open = issuing_open = date_pending = False
    for k in range(start.glance, end):
        ln = lines[k]
        if ln.kind == "url" and ln.text not in acc.urls:
            acc.urls.append(ln.text)
        if ln.kind != "text":
            if ln.kind != "furniture":  # blanks and URL lists end a paragraph / bullet
                prev = None
                point_open = False
                title_open = issuing_open = False
                for p in (acc.summary, acc.comment, acc.extra):
                    p.brk()
            continue
        t = ln.text
        if k == start.glance:
            t = t[GLANCE_RE.match(t).end():]
            if not t:
                continue

        if state == "policy":
            if (title_open or issuing_open or LABEL_START_RE.match(t)
                    or (date_pending and parse_date(t))):
                acc.policy.append((ln.no, t))
                title_open, issuing_open, date_pending = _policy_flags(acc.policy, title_open, t)
                prev = t
                continue
            state = "after"

        cm = COMMENT_RE.match(t)
        lab = LABEL_START_RE.match(t)
        if cm and state != "after":
            state = "comment"
            t = t[cm.end():]
            acc.comment.brk()
            if not t:
                prev = None
                continue
        elif lab and state != "after":
            state = "policy"
            acc.policy.append((ln.no, t))
            title_open, issuing_open, date_pending = _policy_flags(acc.policy, False, t)
            prev = t
            continue
        elif lab:
            warnings.append(ParseWarning(ln.no, "second policy block in one item ignored"))

        bullet = split_bullet(t)
        if bullet and not _real_bullet(bullet[0], bullet[1], prev):
            bullet = None
        if bullet is None and state in ("summary", "points"):
            num = _numbered(t)
            if num and (state == "points" or last_text.endswith(":")):
                bullet = ("1.", num[1])  # a numbered list of key points
        if state == "summary" and bullet:
            state = "points"
        if state == "summary":
            acc.summary.add(t)
        elif state == "points":
            if bullet:
                acc.points.append([bullet[1]])
                point_open = True
            elif point_open:
                acc.points[-1].append(t)
            elif acc.points and starts_lower(t) and not ends_sentence(acc.points[-1][-1]):
                acc.points[-1].append(t)  # a bullet split by a page break
                point_open = True
            else:
                warnings.append(ParseWarning(ln.no, "key point without bullet marker"))
                acc.points.append([t])
                point_open = True
        elif state == "comment":
            if bullet:
                acc.comment.add("- " + bullet[1], list_entry=True)
            else:
                acc.comment.add(t)
        else:  # after the policy block: box text belonging to the item
            acc.extra.add(t, list_entry=bool(bullet or _numbered(t)))
        prev = last_text = t

    summary = acc.summary.render()
    item = ParsedItem(
        position=position,
        headline=headline,
        summary=summary,
        key_points=[p for p in (join_lines(x) for x in acc.points) if p],
        comment=acc.comment.render(),
        extra=acc.extra.render(),
        line=lines[start.idx].no,
    )
    if acc.policy:
        item.policy = _policy_from_block(acc.policy, headline, warnings)
    else:
        item.policy = _partial_policy(headline, summary, lines[start.idx].no, warnings)
    item.policy.source_urls = acc.urls
    if not item.policy.agency_refs and REASON_NO_ISSUER not in item.policy.review_reasons:
        item.policy.review_reasons.append(REASON_NO_ISSUER)
    return item


def _policy_flags(parts: list[tuple[int, str]], title_open: bool,
                  t: str) -> tuple[bool, bool, bool]:
    """After adding line `t` to the policy block: does the title still wrap, does the issuing
    line still wrap, is a date value still to come?"""
    labels = list(LABEL_ANY_RE.finditer(t))
    start_lab = LABEL_START_RE.match(t)
    if start_lab and (not labels or labels[0].start() != 0):
        labels.insert(0, start_lab)
    if labels:
        last = labels[-1]
        name = last.group("label").lower()
        value = t[last.end():]
        is_title = name.startswith(("article", "policy"))
        title_open = is_title and not LINK_RE.search(value)
        issuing_open = name.startswith("issu") and value.rstrip().endswith((",", "、", ";"))
        date_pending = name == "date" and not value.strip()
        return title_open, issuing_open, date_pending
    if title_open and LINK_RE.search(t):
        title_open = False
    issuing_open = t.rstrip().endswith((",", "、")) and not title_open
    return title_open, issuing_open, False


def _split_fields(parts: list[tuple[int, str]],
                  warnings: list[ParseWarning]) -> dict[str, tuple[int, str]]:
    """Join the block's lines and cut it at each label ('Article:', 'Issuing body:', 'Date:')."""
    fields: dict[str, tuple[int, str]] = {}
    # where each line starts in the joined text, to report a field's line number
    starts: list[int] = []
    pos = 0
    for _, t in parts:
        starts.append(pos)
        pos += len(t) + 1
    text = " ".join(t for _, t in parts)

    def line_at(p: int) -> int:
        return parts[max(0, bisect_right(starts, p) - 1)][0]

    matches = list(LABEL_ANY_RE.finditer(text))
    first = LABEL_START_RE.match(text)
    if first and (not matches or matches[0].start() != 0):
        matches.insert(0, first)
    if matches and matches[0].start() > 0:
        warnings.append(ParseWarning(parts[0][0], "text before the first policy field skipped"))
    repeated: set[str] = set()
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        label = m.group("label").lower()
        key = ("title" if label.startswith(("article", "policy")) else
               "date" if label == "date" else "issuing")
        value = text[m.end():end].strip()
        if key in fields:
            if key not in repeated:
                repeated.add(key)
                warnings.append(ParseWarning(line_at(m.start()),
                                             f"repeated policy field {m.group('label')!r} "
                                             "ignored"))
            continue
        fields[key] = (line_at(m.start()), value)
    return fields


def _policy_from_block(parts: list[tuple[int, str]], headline: str,
                       warnings: list[ParseWarning]) -> ParsedPolicy:
    fields = _split_fields(parts, warnings)
    reasons: list[str] = []
    pol = ParsedPolicy(title="", line=parts[0][0])
    if "title" in fields:
        no, value = fields["title"]
        tp = split_policy_title(value)
        pol.title, pol.chinese_title = tp.english, tp.chinese
        if tp.status == "garbage":
            reasons.append(REASON_GARBAGE)
            warnings.append(ParseWarning(no, "chinese title dropped as OCR garbage"))
        elif tp.status == "none":
            reasons.append(REASON_NO_CHINESE)
        if not pol.title:
            reasons.append(REASON_NO_ENGLISH)
            warnings.append(ParseWarning(no, "policy title line without an English title"))
            pol.title = headline or pol.chinese_title or "Untitled policy"
    else:
        reasons.append(REASON_NO_TITLE_LINE)
        warnings.append(ParseWarning(parts[0][0], "policy block without a title line"))
        pol.title = headline or "Untitled policy"
    if "issuing" in fields:
        no, value = fields["issuing"]
        pol.agency_refs, pol.agencies_etc = split_issuing(value)
        if not pol.agency_refs:
            warnings.append(ParseWarning(no, f"issuing line could not be split: {value[:80]!r}"))
    else:
        warnings.append(ParseWarning(parts[0][0], "item without issuing body line"))
    if "date" in fields:
        no, value = fields["date"]
        pol.issued_on = parse_date(value)
        if pol.issued_on is None:
            reasons.append(REASON_BAD_DATE)
            warnings.append(ParseWarning(no, f"unparseable date: {value[:80]!r}"))
    else:
        reasons.append(REASON_MISSING_DATE)
        warnings.append(ParseWarning(parts[0][0], "item without date"))
    pol.document_type = document_type(pol.title, pol.chinese_title)
    pol.is_draft = is_draft(pol.title, pol.chinese_title)
    pol.review_reasons = reasons
    return pol


def _partial_policy(headline: str, summary: str, line: int,
                    warnings: list[ParseWarning]) -> ParsedPolicy:
    warnings.append(ParseWarning(line, "item without policy title line or date: partial policy "
                                       "built from its headline and summary"))
    doc_type, draft = type_from_summary(summary)
    reasons = [REASON_NO_TITLE_LINE, REASON_MISSING_DATE]
    title = headline or _first_sentence(summary)
    if not title:
        title = "Untitled policy"
        reasons.append(REASON_NO_ENGLISH)
    return ParsedPolicy(
        title=title,
        document_type=doc_type,
        is_draft=draft,
        agency_refs=agencies_in_text(summary),
        review_reasons=reasons,
        line=line,
    )


def _first_sentence(text: str, limit: int = 200) -> str:
    text = collapse_ws(text)
    m = re.search(r"[.!?:](?:\s|$)", text[:limit + 1])
    cut = text[:m.start()] if m else text[:limit]
    return cut.strip()


# --- the brief -----------------------------------------------------------------------------


def _topic_list(lines: list[Line], start: int, stop: int) -> tuple[int | None, list[str]]:
    for i in range(start, stop):
        ln = lines[i]
        if ln.kind == "text" and TOPICS_INTRO_RE.fullmatch(ln.text) and \
                ln.text.rstrip().endswith(":"):
            topics = []
            for j in range(i + 1, stop):
                lj = lines[j]
                if lj.kind != "text":
                    continue
                b = split_bullet(lj.text) or (
                    ("1", _numbered(lj.text)[1]) if _numbered(lj.text) else None)
                if not b:
                    break
                topics.append(tidy_heading(b[1]))
            return i, topics
    return None, []


def _toc_topics(lines: list[Line], start: int, stop: int) -> list[str]:
    topics = []
    for i in range(start + 1, stop):
        if lines[i].kind != "text":
            continue
        num = _numbered(lines[i].text)
        if num:
            text = re.sub(r"(?:\s+|\.{2,}\s*)[0-9Зз]{1,3}$", "", num[1])
            text = tidy_heading(text)
            if text:
                topics.append(text)
    return topics


def _title_candidate(text: str) -> bool:
    if stamp_date(text) or re.match(r"\d+_", text):
        return False
    if _SERIES_LINE_RE.fullmatch(text) or CONTENTS_RE.fullmatch(text):
        return False
    if parse_date(text) and len(text) < 40:
        return False
    if _is_label(text) or is_news_start(text) or TRAILER_RE.fullmatch(text):
        return False
    return len(text) <= 300


def _running_headers_as_furniture(lines: list[Line], start: int, end: int) -> list[Line]:
    """A copy of `lines` where a series line ("MERICS China Industries") between `start` and
    `end` is page furniture: a running page header inside the brief. The caller's lines stay
    as they were."""
    return [replace(ln, kind="furniture")
            if start <= i < end and ln.kind == "text" and _SERIES_LINE_RE.fullmatch(ln.text)
            else ln for i, ln in enumerate(lines)]


def parse_merics(lines: list[Line], filename: str,
                 warnings: list[ParseWarning]) -> ParsedBrief | None:
    """The brief, or None when the text has neither items nor news (then it is no brief)."""
    n = len(lines)
    glances = [i for i, ln in enumerate(lines) if ln.kind == "text" and GLANCE_RE.match(ln.text)]
    starts = _find_starts(lines, glances)

    toc = next((i for i, ln in enumerate(lines)
                if ln.kind == "text" and CONTENTS_RE.fullmatch(ln.text)), None)
    if toc is not None and starts and starts[0].idx < toc:
        toc = None
    toc_end = toc
    if toc is not None:
        if starts:
            toc_end = starts[0].idx
        else:
            toc_end = toc + 1
            seen = False
            while toc_end < n and not (seen and lines[toc_end].kind == "blank"):
                seen = seen or lines[toc_end].kind == "text"
                toc_end += 1

    def in_toc(i: int) -> bool:
        return toc is not None and toc <= i < toc_end

    news_start = next((i for i, ln in enumerate(lines)
                       if ln.kind == "text" and not in_toc(i) and is_news_start(ln.text)), None)
    if not starts and news_start is None:
        return None
    first_content = min([s.idx for s in starts] + ([news_start] if news_start is not None else []))
    trailer = _find_trailer(lines, first_content)
    content_end = n
    for i in range(first_content, n):
        if lines[i].kind == "text" and (END_RE.fullmatch(lines[i].text)
                                        or (trailer and i == trailer.idx)):
            content_end = i
            break
    lines = _running_headers_as_furniture(lines, first_content, content_end)
    starts = [s for s in starts if s.idx < content_end]
    if news_start is not None and news_start >= content_end:
        news_start = None
    if not starts and news_start is None:
        return None

    # preamble, topics
    pre_end = min([first_content] + ([toc] if toc is not None else []))
    intro, topics = _topic_list(lines, 0, pre_end)
    if intro is not None:
        pre_end = min(pre_end, intro)
    if not topics and toc is not None:
        topics = _toc_topics(lines, toc, toc_end)

    # dates
    published = trailer.published if trailer else None
    period = trailer.period if trailer else None
    if published is None:
        published = stamp_date(PurePath(filename).stem) if filename else None
    if published is None:
        for ln in lines[:min(pre_end, 10) or 5]:
            if ln.kind != "blank":
                published = stamp_date(ln.text) or (
                    parse_date(ln.text) if len(ln.text) < 40 else None)
                if published:
                    break

    # items
    items: list[ParsedItem] = []
    for k, s in enumerate(starts):
        end = starts[k + 1].idx if k + 1 < len(starts) else content_end
        if news_start is not None and s.idx < news_start < end:
            end = news_start
        items.append(_parse_item(lines, s, end, k + 1, topics, warnings))

    # news
    news = []
    if news_start is not None:
        end = next((s.idx for s in starts if s.idx > news_start), content_end)
        news = parse_news(lines[news_start:end], period=period, published=published,
                          warnings=warnings)

    # title, series, publisher
    series = trailer.series if trailer else ""
    title = ""
    for ln in lines[:pre_end]:
        if ln.kind != "text":
            continue
        if not series and _SERIES_LINE_RE.fullmatch(ln.text):
            series = re.sub(r"\s+Briefs?$", "", ln.text)
            if series == "MERICS":
                series = ""
        if not title and _title_candidate(ln.text):
            title = clean_inline(ln.text)
    if not series:
        for ln in lines[:first_content]:
            m = _ISSUE_SERIES_RE.search(ln.text) if ln.kind == "text" else None
            if m:
                series = collapse_ws(m.group("s"))
                series = re.sub(r"\s+Briefs?$", "", series)
                break
    if not title:
        if series and published:
            title = f"{series} {format_date(published)}"
        elif series:
            title = series
        elif items and items[0].headline:
            title = items[0].headline
        else:
            title = "Untitled brief"
        warnings.append(ParseWarning(None, f"no title line: title made up as {title!r}"))
    publisher = "MERICS" if ("MERICS" in series or any(
        "MERICS" in ln.text for ln in lines[:first_content + 50])) else ""

    if not topics:
        topics = [it.headline for it in items if it.headline]

    reasons: list[str] = []
    if published is None:
        reasons.append(REASON_UNDATED)
        warnings.append(ParseWarning(None, "brief has no date (no trailer, no date stamp)"))
    if any(nw.date is None for nw in news):
        reasons.append(REASON_NEWS_UNDATED)
    if any(not it.headline for it in items):
        reasons.append(REASON_NO_HEADLINE)

    return ParsedBrief(
        kind="brief",
        title=title,
        publisher=publisher,
        series=series,
        published_on=published,
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
        authors=_authors(lines, first_content),
        topics=topics,
        items=items,
        news=news,
        warnings=warnings,
        review_reasons=reasons,
    )

