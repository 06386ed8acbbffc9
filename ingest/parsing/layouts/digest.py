"""Digests: a page of short items, each a headline line and a few paragraphs under it (gov.cn
"Policy moves", law-firm monthly updates without numbers, archive pages of blog posts).

A headline is a short capitalised line with no closing full stop that a paragraph of prose
follows (or, in a listing of such pairs, a short teaser in sentence case); the page's first
line is its title, not a headline, unless a "Continue reading “...”" link repeats it (an
archive page of posts) or, on a page of entries, the paragraph under it restates its many
words (the first story's headline). A heading that is itself a policy's title, a
document number alone ("Order No. 1 of 2019"; a title with its number in parentheses
after it heads its item) or a section word ("Regulatory Developments") heads no
item. A long article with a few section headings is no digest: a digest has few paragraphs per
headline; nor is one promulgated document or a notice issuing one (`promulgation`).

An issue's contents give headlines too, when the text of some items is cut from the excerpt:
a bulleted or numbered list whose lines head sections further down, the lines under an "In
this issue" label, titles in angle brackets under category headings ("< Notice on X >"). A
line listed without its text states no title of a document, unless it names one by its
number ("(MOFCOM Order [2017] No. 1)"; `Entry.listed`).
"""

from __future__ import annotations

import re

from ..cleaning import Line, count_cjk, split_bullet
from ..date_mentions import date_mentions
from ..entries import (
    NUMBER_IN_PARENS_RE,
    Entry,
    intro_period,
    issuer_line,
    items_from_entries,
    paragraphs,
    split_entries,
)
from ..issuers import issuers_in
from ..numbering import enumerated
from ..page import (
    date_only,
    is_breadcrumb,
    is_chrome,
    is_dated_listing,
    is_headline,
    is_prose,
    names_an_issue,
    page_date,
    page_title,
    words,
)
from ..policy_titles import whole_title
from ..promulgation import issuing_notice, promulgated_document
from ..prose import VERB_RE
from ..structures import ParsedBrief, ParseWarning

NAME = "digest"
SCORE = MAX_SCORE = 0.5
MAX_PARAGRAPHS_PER_HEADLINE = 4
# A page with one news story under a title of its own (`lone_story`): below every layout that
# sees its own marks, above the article.
LONE_STORY_SCORE = 0.2
MAX_LONE_STORY_PARAGRAPHS = 8
MAX_LABEL_WORDS = 3  # a listing's section label in capitals over a headline: "REGULATION"

REASON_UNDATED = "undated brief"
_RUN_IN_RE = re.compile(r"(?P<h>.+?)\s*[:：]")
MAX_RUN_IN_WORDS = 12
# a line that introduces a list or a quote, not an item: "The following ... take effect on ...:"
_INTRODUCES_RE = re.compile(r"\b(?:following|below|include|includes|including|as\s+follows"
                            r"|said|says|stated|states|noted)\b", re.IGNORECASE)
# "Zheng Bei, Deputy Director of the NDRC: This year ...": a quote's speaker, not a headline
_ATTRIBUTION_RE = re.compile(r"[A-Z][a-z]+(?:\s[A-Z][a-z]+){1,2},\s")
_GLUED_TEASER_RE = re.compile(r"(?<=[.!?”)])\s*Continue\s+Reading\s+(?P<h>[A-Z].{8,200})$")
_RUN_IN_ENTRY_RE = re.compile(r"(?P<h>[^:：.!?]{8,140}?)\s*[:：]\s+(?P<rest>\S.{40,})")
# "China issues guidelines to strengthen integrity -- China on May 30 issued ...": a wire
# digest's headline run into its text after a dash
_DASH_RUN_IN_RE = re.compile(r"(?P<h>[^.!?]{8,160}?)\s+(?:--|[–—])\s+(?P<rest>\S.{40,})")
_TEASER_END_RE = re.compile(r"\s*(?:\.{3}|…)\s*(?:More|Read\s+more)\s*(?:\.{3}|…|>>)?\s*$",
                            re.IGNORECASE)
# "Continue Reading Provisions on ... Goes Into Effect in China": a listing's link under a
# post's excerpt, naming the post
_TEASER_LINK_RE = re.compile(r"continue\s+reading\s+(?P<h>[^“\"‘\s].{8,200})", re.IGNORECASE)
_CONTINUE_RE = re.compile(r"continue\s+reading\s*[“\"‘](?P<h>[^”\"’]{3,200})[”\"’]", re.IGNORECASE)
_DOC_NUMBER_RE = re.compile(r"\bNo\.\s*[(（\[]?\d|〔\d{4}〕|\[\d{4}\]")


def is_digest_headline(text: str) -> bool:
    """A line that heads a digest item (before looking at what follows it)."""
    return is_headline(text) and len(words(text)) >= 3 and not _DOC_NUMBER_RE.search(
        NUMBER_IN_PARENS_RE.sub("", text))




_DECREE_RE = re.compile(r"\bDecree(?:\s+No\.\s*\d+)?$|\b(?:Order|Announcement)\s+No\.\s*\d+$|令$"
                        r"|^No\.\s*\d+$")


def meta_line(text: str, *, dates: bool = True) -> bool:
    """A line between a headline and its text that belongs to the document: its issuer
    ("Issuing Agency: MOFCOM"), its number ("GBH No. (2011)164", "No. 20") or its form
    ("Ministry of ... Decree"); a title with its number in parentheses after it ("NMPA
    Announcement on X (No. 52, 2024)") is a headline, no such line."""
    return len(words(text)) <= 14 and bool(
        issuer_line(text) or _DOC_NUMBER_RE.search(NUMBER_IN_PARENS_RE.sub("", text))
        or _DECREE_RE.search(text.strip())
        or (dates and date_only(text)))  # a listing's "2022-10-25" under the headline


MAX_TAG_WORDS = 8


def date_and_tags(text: str) -> bool:
    """A listing's line between a headline and its excerpt that gives the entry's date and its
    category tags ("Mar-26-2024 FCM Food contact materials"): a full date first, then a few
    words that report nothing (no verb, no sentence)."""
    first = next(iter(date_mentions(text)), None)
    if first is None or first.start != 0 or not (first.year and first.day):
        return False
    tags = text[first.end:].strip()
    return 1 <= len(words(tags)) <= MAX_TAG_WORDS and not is_prose(tags) \
        and not VERB_RE.search(tags) and not tags.endswith((".", ":", "：", ";"))


def headline_at(paras: list[tuple[int, str]], i: int) -> str | None:
    """The headline paragraph i is, when prose (or a Chinese title, then prose) follows, maybe
    after a line or two of the document's issuer, number or form, or a listing's date and
    tags (`date_and_tags`). A run-in head ("Listed
    company M&A:") heads its item too, without its colon."""
    text = _lone_bullet(paras, i) or paras[i][1]
    run_in = _RUN_IN_RE.fullmatch(text)
    if (run_in and len(words(text)) <= MAX_RUN_IN_WORDS and not issuer_line(text)
            and not _INTRODUCES_RE.search(text) and not date_mentions(text)):
        text = run_in.group("h")
    if not is_digest_headline(text) or i + 1 >= len(paras) or meta_line(text):
        return None
    if i > 0 and date_and_tags(text) and is_digest_headline(paras[i - 1][1]):
        return None  # the date and tags of the entry whose headline is above
    j = i + 1
    while j < min(len(paras) - 1, i + 3) and (meta_line(paras[j][1])
                                               or date_and_tags(paras[j][1])):
        j += 1
    nxt = paras[j][1]
    if count_cjk(nxt) > len(nxt) // 2 and i + 2 < len(paras):
        nxt = paras[i + 2][1]
    return text if is_prose(nxt) or _teaser(nxt) or _in_teaser_run(paras, i) else None


MIN_SHORT_TEASER_WORDS = 6
_SMALL_WORDS = frozenset({"a", "an", "the", "of", "on", "for", "and", "or", "to", "in", "by",
                          "with", "at", "from", "into", "as", "vs"})


def _short_teaser(text: str) -> bool:
    """A listing's teaser too short to be prose ("Makers have until June to comment on the
    draft"): running text, most of its words in lower case, no heading."""
    ws = words(text)
    return len(ws) >= MIN_SHORT_TEASER_WORDS \
        and sum(1 for w in ws if w[:1].islower()) * 2 > len(ws) \
        and not text.rstrip().endswith((":", "："))


def _title_cased(text: str) -> bool:
    """A headline in title case: most of its words that are no small word capitalised, and no
    date (not "On March 15, 2031, the National People's Congress approved The", a sentence's
    first line)."""
    ws = [w for w in words(text) if w.lower() not in _SMALL_WORDS]
    return bool(ws) and sum(1 for w in ws if w[:1].isupper() or w[:1].isdigit()) * 4 >= 3 * len(
        ws) and not date_mentions(text)


def _in_teaser_run(paras: list[tuple[int, str]], i: int) -> bool:
    """Whether paragraph i is a headline in title case over a short teaser in sentence case,
    in a listing of such pairs: the pair before or after it has the same shape."""
    def pair(k: int) -> bool:
        return k >= 0 and k + 1 < len(paras) and is_digest_headline(paras[k][1]) \
            and _title_cased(paras[k][1]) and _short_teaser(paras[k + 1][1])
    return pair(i) and (pair(i - 2) or pair(i + 2))


def _lone_bullet(paras: list[tuple[int, str]], i: int) -> str | None:
    """The text of a bulleted paragraph that stands alone, no bullet above or under it
    ("• Blind Box Management" over its text): a headline marked so, while a run of bulleted
    lines is a list."""
    bulleted = split_bullet(paras[i][1])
    if bulleted is None or any(0 <= k < len(paras) and split_bullet(paras[k][1])
                               for k in (i - 1, i + 1)):
        return None
    return bulleted[1].strip()


_ELLIPSIS_END_RE = re.compile(r"(?:\.{3}|…)\s*$")
MIN_TEASER_WORDS = 8


def _teaser(text: str) -> bool:
    """A listing's excerpt cut short with an ellipsis under a headline ("On May 15, the head of
    the unit discussed the scope of …"): running text, most of its words in lower case."""
    ws = words(text)
    return bool(_ELLIPSIS_END_RE.search(text)) and len(ws) >= MIN_TEASER_WORDS and \
        sum(1 for w in ws if w[:1].islower()) * 2 >= len(ws)


def _teaser_links(lines: list[Line]) -> tuple[list[tuple[int, str]], dict[int, str]]:
    """The 'Continue Reading <headline>' links of a listing of excerpts, as (the line the
    headline's excerpt ends before, headline), and the lines a link is glued to, without it."""
    links: list[tuple[int, str]] = []
    cut: dict[int, str] = {}  # paragraph line -> its text without the glued link
    for ln in lines:
        if ln.kind != "text":
            continue
        m = _TEASER_LINK_RE.fullmatch(ln.text)
        if m:
            links.append((ln.no, m.group("h").strip()))
            continue
        m = _GLUED_TEASER_RE.search(ln.text)
        if m:
            links.append((ln.no + 1, m.group("h").strip()))  # after its own paragraph
            cut[ln.no] = ln.text[:m.start()].rstrip()
    return links, cut


def _with_teaser_headlines(lines: list[Line], paras: list[tuple[int, str]]
                           ) -> list[tuple[int, str]]:
    """A listing of excerpts, each followed by 'Continue Reading <headline>' (on a line of its
    own or glued to the excerpt's last sentence): each headline put before its excerpt. One
    link is enough: a page links so to the rest of a post only on a listing of posts."""
    links, cut = _teaser_links(lines)
    if not links:
        return paras
    paras = [(no, cut.get(no, text)) for no, text in paras]
    out: list[tuple[int, str]] = []
    start = 0
    for no, headline in links:
        block = [p for p in paras[start:] if p[0] < no]
        start += len(block)
        # the excerpt's own headings ("Stricter Blacklist Regime") are no entries of the list
        text = [p for p in block if is_prose(p[1])] or block
        out += [(block[0][0] if block else no, headline), *text]
    return out + paras[start:]


def _with_run_in_headlines(paras: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A listing whose entries open with their headline and a colon ("GM & SAIC Strengthen
    Partnership: Shanghai Automotive Industry Corp. has ... More...") or a dash ("China issues
    guidelines to strengthen integrity -- China on May 30 issued ..."; a news headline, not a
    dateline): each headline a paragraph of its own (two or more such entries, or the
    paragraphs stay as they are)."""
    split = []
    for no, text in paras:
        m = _RUN_IN_ENTRY_RE.fullmatch(text)
        head = m.group("h") if m else ""
        listing = m and (_TEASER_END_RE.search(text) or _mostly_capitalised(head))
        if not listing:
            m = _DASH_RUN_IN_RE.fullmatch(text)
            head = m.group("h") if m else ""
            listing = m and (_tells_news(head) or VERB_RE.search(head)) \
                and not date_mentions(head)
        if listing and is_digest_headline(head) and is_prose(m.group("rest")) \
                and not _ATTRIBUTION_RE.match(head) and "/" not in head:
            split.append((no, head, m.group("rest")))
    if len(split) < 2:
        return paras
    heads = {no: (head, rest) for no, head, rest in split}
    out: list[tuple[int, str]] = []
    for no, text in paras:
        if no in heads:
            out += [(no, heads[no][0]), (no, _TEASER_END_RE.sub("", heads[no][1]).rstrip())]
        else:
            out.append((no, text))
    return out


# a listing's row that opens with its entry's date: "2020-10-22 China Released 5 Standards"
_DATED_ROW_RE = re.compile(r"(?:(?:19|20)\d\d-\d\d-\d\d|\d\d[-/.]\d\d[-/.](?:19|20)\d\d)\s+"
                           r"(?P<h>\S.*)")


def _with_dated_rows(paras: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A listing whose rows open with their date and a headline, a line of text under each
    ("2020-10-22 China Released ..." / "“Ambient air ...” and etc."): each headline without
    its date (two or more such rows, or the paragraphs stay as they are); a paragraph of
    prose that opens with its date ("25-06-2019 To implement ...") is no row."""
    rows = [i for i, (_, text) in enumerate(paras[:-1])
            for m in [_DATED_ROW_RE.fullmatch(text)]
            if m and is_headline(m.group("h")) and not _DATED_ROW_RE.fullmatch(paras[i + 1][1])]
    if len(rows) < MIN_ROWS:
        return paras
    return [(no, _DATED_ROW_RE.fullmatch(text).group("h") if i in rows else text)
            for i, (no, text) in enumerate(paras)]


MIN_ROWS = 2


def _mostly_capitalised(text: str) -> bool:
    ws = [w for w in words(text) if len(w) > 3]
    return len(ws) >= 2 and sum(w[0].isupper() for w in ws) >= 0.7 * len(ws)


def teased(lines: list[Line]) -> set[str]:
    """The headlines 'Continue Reading <headline>' links name."""
    return {headline for _, headline in _teaser_links(lines)[0]}


def continued(lines: list[Line]) -> set[str]:
    """The headlines 'Continue reading “...”' links repeat."""
    return {m.group("h").strip() for ln in lines if ln.kind == "text"
            for m in [_CONTINUE_RE.search(ln.text)] if m}


def _heads_an_item(lines: list[Line], title: Line) -> bool:
    """Whether the first line is the first item's headline rather than the page's title: a
    document's title or a headline with its number or issuer under it (an archive page of
    documents, a tracker), or a news headline whose subject is a body ("SAIC Publishes ...")
    that prose follows: a page's own title names no body issuing something."""
    after = [ln.text for ln in lines if ln.kind == "text" and ln.no > title.no
             and not is_chrome(ln.text)][:1]  # not "Posted on Categories ..."
    if not after or not is_digest_headline(title.text):
        return False
    if meta_line(after[0], dates=False):  # a date under the first line is the page's
        return True
    if NUMBER_IN_PARENS_RE.search(title.text) and is_prose(after[0]):
        return True  # a document's title with its number after it, as the entries below
    # a body as the subject: not "China releases guideline"
    verb = VERB_RE.search(title.text) or _PLURAL_VERB_RE.search(title.text)
    return bool(verb and issuers_in(title.text[:verb.start()])[0]) and is_prose(after[0])


MIN_RESTATED_WORDS = 6  # a page's own title is shorter, or names its series
MIN_RESTATED_SHARE = 0.35
MIN_RESTATED_ENTRIES = 2  # on a page of entries: a lone story's title stays its title
_STEM = 5  # "Standards" and "standard", "payment" and "paying": one word
_TITLE_STOP = frozenset({"the", "a", "an", "of", "on", "for", "and", "in", "to", "by", "with",
                         "from", "its", "their", "new", "china", "china's", "china’s",
                         "chinese"})


def _restated_under(lines: list[Line], title: Line) -> bool:
    """Whether the first line is a story's headline that the prose under it restates ("Good
    News for Employees in Shanghai: Adjustment to the Standards of Certain ... Treatment" over
    "Shanghai has raised a series of livelihood-related security and treatment standards ..."):
    a long line most of whose words the paragraph under it uses again. A page's own title is
    short ("AHK Policy Barometer") or names its issue, and the introduction under it speaks of
    the page, not in its words."""
    after = [ln.text for ln in lines if ln.kind == "text" and ln.no > title.no
             and not is_chrome(ln.text)][:1]
    if not after or not is_prose(after[0]) or not is_digest_headline(title.text) \
            or names_an_issue(title.text):
        return False
    head = _stems(title.text)
    if len(head) < MIN_RESTATED_WORDS:
        return False
    return len(head & _stems(after[0][:300])) >= MIN_RESTATED_SHARE * len(head)


def _stems(text: str) -> set[str]:
    return {w[:_STEM] for w in re.findall(r"[a-z][a-z’'-]+", text.lower())
            if len(w) > 2 and w not in _TITLE_STOP}


def _under_entry_date(lines: list[Line], title: Line, skip: set[int]) -> bool:
    """Whether the first line stands under the first of a listing's entry dates ("15 May 2020"
    / "High-level policy developments" / excerpt / "15 May 2020" / ...): then it is the first
    entry's headline, as the lines under the next dates are the next entries'."""
    above = [ln for ln in lines if ln.kind == "text" and ln.no < title.no and ln.no not in skip]
    return len(above) == 1 and date_only(above[0].text) and is_dated_listing(lines, skip)


# "SPC and SPP Issue Interpretation on ...": a headline's verb after two bodies
_PLURAL_VERB_RE = re.compile(r"(?<=\s)(?:Jointly\s+)?(?:Issue|Release|Publish|Unveil|Adopt|Approve"
                             r"|Introduce|Revise|Amend|Finali[sz]e|Launch|Propose)(?=\s)")


# The last pages read: a layout's `detect` and its `parse` read the same lines the same way, one
# after the other; the second gets the first's result (which nobody changes) at no cost.
_RECENT: list[tuple[list[Line], tuple, tuple]] = []


def read(lines: list[Line], skip: set[int] = frozenset(), headline=None, heads_title=None):
    """(title line, page date, intro paragraphs, entries) of a page of headline items;
    `headline(paras, i)` says which paragraphs head an item (`headline_at` by default), and
    `heads_title(text)` whether the first line is an item's headline rather than the title."""
    key = (frozenset(skip), headline, heads_title)
    for seen, seen_key, parts in _RECENT:
        if seen is lines and seen_key == key:
            return parts
    parts = _read(lines, skip, headline, heads_title)
    _RECENT[:] = [(lines, key, parts), *_RECENT[:3]]
    return parts


def _read(lines, skip, headline, heads_title):
    headline = headline or headline_at
    title = page_title(lines, skip)
    confirmed = continued(lines)
    keep_title = title is not None and (title.text in confirmed or bool(
        heads_title and heads_title(title.text)) or _heads_an_item(lines, title)
        or _under_entry_date(lines, title, skip))
    drop = set(skip)
    if title is not None and not keep_title and not is_prose(title.text):
        drop.add(title.no)
    dated = page_date(lines, title, skip)
    if dated and dated.line is not None and (title is None or dated.line != title.no):
        drop.add(dated.line)
    drop |= _running_heads(lines)
    paras = _with_dated_rows(
        _with_run_in_headlines(_with_teaser_headlines(lines, paragraphs(lines, drop))))

    def at(ps: list[tuple[int, str]], i: int) -> str | None:
        if keep_title and ps[i][0] == title.no:
            return headline(ps, i) or ps[i][1]
        return headline(ps, i)

    at = _with_labelled_runs(paras, _with_item_runs(paras, at))
    intro, entries = split_entries(paras, at)
    if not keep_title and title is not None and (
            (_news_listing(title.text, entries) and not is_prose(title.text)
             and _prose_under(lines, title, drop - {title.no}))
            or (len(entries) >= MIN_RESTATED_ENTRIES and _restated_under(lines, title)
                and all(e.headline != title.text for e in entries))):
        # an excerpt of a listing that starts with its first post: the first line is a news
        # headline like the entries' ("China Issues New National Drafts Standards for the
        # Dairy Industry" over "China Proposes to Expand ...", "China Releases ..."), or a
        # long one that the paragraph under it restates
        keep_title = True
        drop.discard(title.no)
        paras = _with_dated_rows(
            _with_run_in_headlines(_with_teaser_headlines(lines, paragraphs(lines, drop))))
        intro, entries = split_entries(paras, at)
    intro, entries = _without_stacked_headings(intro, entries)
    entries = _with_cut_last_entry(paras, _with_bullet_headlines(
        paras, _with_sections_joined(entries)))
    # the contents' lines are the entries' headlines now, no introduction
    listed = {e.line for e in entries if e.listed}
    contents = {text for no, text in paras if no in listed}
    return title, dated, [p for p in intro if p not in contents], entries


MAX_RUNNING_HEAD_WORDS = 3


def _running_heads(lines: list[Line]) -> set[int]:
    """The lines of a page's running head: a few words printed again and again ("Policy
    digest" over the page and again between a headline and its text) that could head no item
    (`is_digest_headline`: a short section heading named in the contents and again over its
    section stays), no contents label."""
    seen: dict[str, list[int]] = {}
    for ln in lines:
        text = ln.text.strip()
        if ln.kind == "text" and 1 <= len(words(text)) <= MAX_RUNNING_HEAD_WORDS \
                and not any(ch.isdigit() for ch in text) and not is_prose(text) \
                and not is_digest_headline(text) and not _CONTENTS_LABEL_RE.fullmatch(text):
            seen.setdefault(_folded(text), []).append(ln.no)
    return {no for nos in seen.values() if len(nos) >= 2 for no in nos}


def _with_cut_last_entry(paras: list[tuple[int, str]], entries: list[Entry]) -> list[Entry]:
    """The entries, and the last one of a listing whose every entry has a date line under its
    headline split in two where the excerpt cut the page after a headline and its date line
    (".. its text", "-", "NMPA Announcement on X (No. 50, 2024)", "2024-04-22", the end): that
    headline heads an entry of its own, without text (`listed`)."""
    if len(entries) < MIN_RUN or not all(e.paragraphs and date_only(e.paragraphs[0])
                                         for e in entries):
        return entries
    last = entries[-1]
    *body, head, day = last.paragraphs if len(last.paragraphs) >= 3 else ("", "", "")
    if not body or not date_only(day) or date_only(head) or not is_digest_headline(head):
        return entries
    no = next((n for n, t in reversed(paras) if t == head), None)
    if no is None:
        return entries
    return [*entries[:-1], Entry(last.headline, last.line, body),
            Entry(head, no, [day], listed=True)]


MIN_RUN = 2  # items of one shape that make the page's item structure
MAX_SENTENCE_HEAD_WORDS = 20
BODY_TO_HEAD = 2  # the text under a headline is at least this many times as long as it


def item_shape(paras: list[tuple[int, str]], i: int) -> str | None:
    """The shape of a paragraph that could head an item though it is no headline by its
    words alone, else None: a short line that opens with a bracket ("[Widgets] MOFT issues
    ...", "【Policy】...") or ends with a full stop as a sentence would, with prose under it
    much longer than itself (after the document's issuer, number or date lines)."""
    text = paras[i][1].strip()
    if i + 1 >= len(paras) or not text:
        return None
    j = i + 1
    while j < min(len(paras) - 1, i + 3) and meta_line(paras[j][1]):
        j += 1
    body = paras[j][1]
    if not is_prose(body) or len(body) < BODY_TO_HEAD * len(text) or meta_line(text):
        return None
    bracket = text[0] in "[【"
    core = text.lstrip("[【").replace("]", " ", 1).replace("】", " ", 1).strip() if bracket \
        else text
    sentence = core.endswith(".") and not core.endswith("...")
    if sentence:
        core = core[:-1].rstrip()
        if len(words(core)) > MAX_SENTENCE_HEAD_WORDS or re.search(r"[.!?;]\s", core):
            return None  # two sentences are a paragraph
    if not (bracket or sentence) or not is_digest_headline(core) or _INTRODUCES_RE.search(core):
        return None
    return ("bracket" if bracket else "") + ("sentence" if sentence else "")


def _short_sentence(text: str) -> bool:
    core = text.strip()
    return core.endswith(".") and len(words(core)) <= MAX_SENTENCE_HEAD_WORDS and not \
        re.search(r"[.!?;]\s", core[:-1])


def _with_item_runs(paras: list[tuple[int, str]], at):
    """`at` (which paragraphs head an item), and also the paragraphs of one `item_shape` when
    at least MIN_RUN of them stand on the page, more than the headlines `at` finds: a run of
    items alike is the page's item structure, while one such line is a sentence or a label,
    and under headlines of their own such lines are their items' leads."""
    shapes: dict[int, str] = {}
    heads = 0
    for i in range(len(paras)):
        if at(paras, i) is not None:
            heads += 1
            continue
        shape = item_shape(paras, i)
        if shape:
            shapes[i] = shape
    # one item structure per page: the shape's run must outnumber the headlines found by
    # their words, or its lines are leads and topic sentences inside those items
    runs = {shape for shape in shapes.values()
            if sum(1 for s in shapes.values() if s == shape) >= max(MIN_RUN, heads + 1)}
    if "sentence" in runs:
        # short sentences head items only where they stand out: the page's other short
        # one-sentence paragraphs are few, or they are its text's own topic sentences
        others = sum(1 for i, (_, text) in enumerate(paras)
                     if i not in shapes and _short_sentence(text))
        if others * 2 >= sum(1 for s in shapes.values() if s == "sentence"):
            runs.discard("sentence")
    if not runs:
        return at
    return _also_heading(at, paras, {i for i, shape in shapes.items() if shape in runs})


# a paragraph's run-in label: "Status Quo: Cross-border data transfer has been ..."
_LEAD_LABEL_RE = re.compile(r"(?P<label>[A-Z][\w’'-]*(?:\s+[\w’'-]+){0,2})\s*[:：]\s+\S")
MAX_LABELLED_HEAD_WORDS = 8


def _with_labelled_runs(paras: list[tuple[int, str]], at):
    """`at`, and also the short lines each of which a paragraph opening with the same run-in
    label follows ("Two Sessions" / "Status Quo: ..." as "Cross-border Data Transfer" /
    "Status Quo: ..."): two or more items alike make the page's item structure, however few
    words a headline has."""
    heads: dict[int, str] = {}
    for i in range(len(paras) - 1):
        text = paras[i][1].strip()
        lead = _LEAD_LABEL_RE.match(paras[i + 1][1])
        if lead and is_prose(paras[i + 1][1]) and 1 <= len(words(text)) <= \
                MAX_LABELLED_HEAD_WORDS and text[:1].isupper() and not is_prose(text) \
                and not text.endswith((".", ":", "：", ";", ",", "?", "!")) \
                and not split_bullet(text) and not date_mentions(text) and not meta_line(text):
            heads[i] = lead.group("label")
    labels = list(heads.values())
    runs = {label for label in labels if labels.count(label) >= MIN_RUN}
    if not runs:
        return at
    return _also_heading(at, paras, {i for i, label in heads.items() if label in runs})


def _also_heading(at, paras: list[tuple[int, str]], chosen: set[int]):
    """`at`, and also paragraph `i` of `paras` for every `i` in `chosen` (a run of items alike)
    that `at` does not find a headline in."""

    def with_runs(ps: list[tuple[int, str]], i: int) -> str | None:
        found = at(ps, i)
        if found is not None or ps is not paras or i not in chosen:
            return found
        return ps[i][1].strip()

    return with_runs


def _without_stacked_headings(intro: list[str], entries: list[Entry]
                              ) -> tuple[list[str], list[Entry]]:
    """The intro and entries, without an entry that has no text of its own because another
    heading stands right under it: a kicker, a section's label, a speaker's name above the
    heading that prose follows ("Wang Wei, Vice Minister of Widgets" / "The Law Sets Multiple
    Firsts" / text). Its line stays as text of what comes before it."""
    out: list[Entry] = []
    for i, entry in enumerate(entries):
        if not entry.paragraphs and i + 1 < len(entries):
            (out[-1].paragraphs if out else intro).append(entry.headline)
        else:
            out.append(entry)
    return intro, out


# "According to the Rules, it applies to ...", "The Plan proposes ...": a short name for the
# document the item above reports on (not a title: "the Rules on X")
_BACK_REFERENCE_RE = re.compile(
    r"(?:(?:According\s+to|Under|In)\s+)?[Tt]he\s+(?:Rules|Plan|Measures|Provisions|Guidelines"
    r"|Opinions|Notice|Circular|Regulations|Law|Catalogue|Catalog|Decision|Announcement"
    r"|Interpretation|Standards?|Outline|Programme|Program)\b(?!\s+(?:of|on|for|to|in|and)\b)")


def _with_sections_joined(entries: list[Entry]) -> list[Entry]:
    """The entries, a section of one article joined to the entry it belongs to: a heading that
    issues nothing and whose first paragraph opens with the short name of the document the
    entry above reports on ("Major responsibilities of regulatory authorities" /
    "According to the Rules, it applies to ...")."""
    out: list[Entry] = []
    for entry in entries:
        first = entry.paragraphs[0] if entry.paragraphs else ""
        issues = VERB_RE.search(entry.headline) or _PLURAL_VERB_RE.search(entry.headline)
        if out and not issues and _BACK_REFERENCE_RE.match(first):
            out[-1].paragraphs += [entry.headline, *entry.paragraphs]
        else:
            out.append(entry)
    return out


def _with_bullet_headlines(paras: list[tuple[int, str]], entries: list[Entry]) -> list[Entry]:
    """The entries, and a bulleted list of three or more news headlines ("• MEP issues list
    of targeted chemicals ...", "• NPC Standing Committee adopted a new Tourism Law ...") as
    entries of their own: an issue's contents, each item a headline without its text. The
    contents may be grouped under section headings ("2. Data Privacy & Cybersecurity"), which
    head no item; under one, a headline may end with a full stop, as a sentence list is no
    contents with sections."""
    run: list[tuple[int, str]] = []
    labels: list[int] = []  # the lines of the section headings inside the run
    found: list[Entry] = []
    sections: set[int] = set()
    for no, text in [*paras, (-1, "")]:
        bulleted = split_bullet(text)
        head = bulleted[1].strip() if bulleted else ""
        if 10 <= len(head) <= 250 and head[:1].isupper() and _NEWS_HEADLINE_RE.match(head) \
                and (not head.endswith(".") or labels):
            run.append((no, head))
            continue
        if run and not bulleted and _contents_section(text):
            labels.append(no)
            continue
        if len(run) >= 3:
            found += [Entry(h, n) for n, h in run]
            sections.update(labels)
        run, labels = [], []
    found += _repeated_contents(paras) + _labelled_contents(paras) + _bracketed_titles(paras)
    if not found:
        return entries
    heads = {e.headline for e in entries}
    found = [e for e in found if e.headline not in heads]
    entries = [e for e in entries if e.line not in sections]
    return sorted([*entries, *found], key=lambda e: e.line or 0)


MIN_CONTENTS = 3
# "< Notice on Expanding X >": a document's title in angle brackets, alone on its line
_BRACKETED_TITLE_RE = re.compile(r"[<＜〈]\s*(?P<title>[^<>＜＞〈〉]{8,250}?)\s*[>＞〉]")
MIN_BRACKETED_TITLES = 2


def _bracketed_titles(paras: list[tuple[int, str]]) -> list[Entry]:
    """Lines that are a document's title in angle brackets, each under its category heading
    ("Labour" / "< Notice on X >"), two or more: a digest's items, each headed by the title of
    the document it reports on, their summaries listed elsewhere on the page (which name the
    documents as they report them: the items are `listed`, without text of their own)."""
    found = [Entry(m.group("title"), no, listed=True) for no, text in paras
             if (m := _BRACKETED_TITLE_RE.fullmatch(text.strip()))
             and whole_title(m.group("title")) is not None]
    return found if len(found) >= MIN_BRACKETED_TITLES else []


def _repeated_contents(paras: list[tuple[int, str]]) -> list[Entry]:
    """A bulleted (or numbered) list of three or more headlines, one of which heads a
    paragraph of prose further down, the line alone ("• China VAT simplification and CIT
    reduction plans" ... "China VAT simplification and CIT reduction plans" / text): an
    issue's contents, each entry an item's headline, though the excerpt keeps the text of some
    only. The section may repeat its headline with its number ("1. X" in the contents, "1. X"
    over its text): a line the run already lists ends the run."""
    found: list[Entry] = []
    run: list[tuple[int, str]] = []
    run_kind = ""
    for k, (no, text) in enumerate([*paras, (-1, "")]):
        kind, head = _contents_entry(text)
        listed = bool(head) and is_digest_headline(head.removesuffix("."))
        # the contents' first headline again, numbered as in the contents: its section starts
        again = any(_folded(h) == _folded(head) for _, h in run)
        if listed and kind == (run_kind or kind) and not again:
            run.append((no, head))
            run_kind = kind
            continue
        found += _contents_run(run, paras[k:])
        run, run_kind = ([(no, head)], kind) if listed else ([], "")
    return found


def _contents_run(run: list[tuple[int, str]], later: list[tuple[int, str]]) -> list[Entry]:
    """The entries of one run of listed headlines when it is an issue's contents, else none."""
    if len(run) < MIN_CONTENTS:
        return []
    listed = {_folded(h) for _, h in run}
    heading = {_listed_as(t, listed) for j, (_, t) in enumerate(later)
               if _listed_as(t, listed) and j + 1 < len(later) and is_prose(later[j + 1][1])}
    # a list of sentences ("1. New agencies are established.") is contents only when its
    # first heads its text further down, alone on its line (an excerpt keeps the text of the
    # first items only)
    sentences = any(h.endswith(".") for _, h in run)
    if _folded(run[0][1]) in heading if sentences else heading:
        return [Entry(h, n, listed=True) for n, h in run]
    return []


# "In this issue": the label over an issue's contents (a bare "Contents" may list a law's
# chapters, which are no items)
_CONTENTS_LABEL_RE = re.compile(r"(?:in\s+this\s+(?:issue|edition)|inside\s+this\s+issue"
                                r"|本期(?:要目|目录))\s*[:：]?", re.IGNORECASE)
MAX_CONTENTS_LINE = 250
# '... for "L'OIE DES LANDES"': a headline that ends by quoting a name, no sentence
_QUOTED_NAME_END_RE = re.compile(r"[^.!?。\s][\"”]$")


def _labelled_contents(paras: list[tuple[int, str]]) -> list[Entry]:
    """The lines under an "In this issue" label, without bullets or numbers, up to the label
    again, a line it already lists, or prose: an issue's contents when there are three or
    more and the first heads a paragraph further down. A short line among them ("Cases in
    Spotlight") heads a section of the contents, no item."""
    found: list[Entry] = []
    for k, (_, label) in enumerate(paras):
        if not _CONTENTS_LABEL_RE.fullmatch(label.strip()):
            continue
        run: list[tuple[int, str]] = []
        seen: set[str] = set()
        end = len(paras)
        for j in range(k + 1, len(paras)):
            no, text = paras[j]
            if _CONTENTS_LABEL_RE.fullmatch(text.strip()) or _folded(text) in seen \
                    or (is_prose(text) and not _QUOTED_NAME_END_RE.search(text.rstrip())) \
                    or len(text) > MAX_CONTENTS_LINE:
                end = j
                break
            if not _contents_section(text) and text[:1].isupper():
                run.append((no, text.strip()))
                seen.add(_folded(text))
        later = {_folded(t) for _, t in paras[end:]}
        if len(run) >= MIN_CONTENTS and _folded(run[0][1]) in later:
            found += [Entry(h, n, listed=True) for n, h in run]
    return found


def _listed_as(text: str, listed: set[str]) -> str:
    """The listed headline a line repeats, alone or with its bullet or number, else ""."""
    for candidate in (_folded(text), _folded(_contents_entry(text)[1])):
        if candidate and candidate in listed:
            return candidate
    return ""


def _contents_entry(text: str) -> tuple[str, str]:
    """How a line of contents lists its headline ("bullet": "• X", "number": "1. X") and the
    headline, or ("", ""); one list is all bullets or all numbers (numbered section headings
    may group bulleted headlines)."""
    bulleted = split_bullet(text)
    if bulleted:
        return "bullet", bulleted[1].strip()
    numbered = enumerated(text)
    return ("number", numbered.text.strip()) if numbered and numbered.text else ("", "")


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


MAX_SECTION_WORDS = 6


def _contents_section(text: str) -> bool:
    """A section's heading in an issue's contents: a few words, maybe numbered, no sentence
    ("2. Data Privacy & Cybersecurity", "3. Dispute Resolution")."""
    return 1 <= len(words(text)) <= MAX_SECTION_WORDS and not is_prose(text) \
        and not text.rstrip().endswith((".", ":", "：", ";", "?", "!"))




def _prose_under(lines: list[Line], title: Line, drop: set[int]) -> bool:
    """Does prose follow the first line, as it follows a post's headline (not a listing's
    column names, "Related Reports" / "Uploaded Report Title")?"""
    after = [text for no, text in paragraphs(lines, drop) if no > title.no]
    return bool(after) and (is_prose(after[0]) or _teaser(after[0]) or headline_at(
        [(title.no, title.text), *[(0, t) for t in after[:3]]], 0) is not None)


def _news_listing(first: str, entries: list[Entry]) -> bool:
    """The first line and at least two of the entries' headlines read as news: a body or
    'China' doing something ('SAFE Releases ...', 'China To Introduce ...')."""
    news = [e for e in entries if _NEWS_HEADLINE_RE.match(e.headline)]
    return bool(_NEWS_HEADLINE_RE.match(first)) and len(news) >= 2 and \
        len(news) * 2 >= len(entries) and not _ISSUE_WORDS_RE.search(first)


# "China Issues ...", "SAFE Releases ...", "Government unveils ...", "New Pesticide Residue
# Limits established ...", "MIIT, NDRC issue ...": a subject and a verb of news
_NEWS_HEADLINE_RE = re.compile(
    r"(?:[A-Z][\w&’'.-]*(?:,?\s+(?:and\s+|&\s+)?[A-Z][\w&’'.-]*){0,5}|New\s[\w\s-]{3,60}?)"
    r"(?<!’s)(?<!'s)\s+(?:[Tt]o\s+)?(?:[a-z]+(?:s|ed)|[A-Z][a-z]+(?:s|ed))\b"
    r"(?<!ss)(?<!ws)(?<!us)")
_ISSUE_WORDS_RE = re.compile(r"\b(?:newsletter|blog|updates?|news|insights|digest|issue|archive"
                             r"|category|tag|bulletin|briefing|weekly|monthly|roundup|alert"
                             r"|contributors|author)\b", re.IGNORECASE)


def lone_story(lines: list[Line], title: Line | None, entries: list[Entry]) -> bool:
    """Whether the page carries one news story under a title of its own: a newsletter's issue
    or a bulletin with a single item ("The Bridge Newsletter (Nov.)" over "SAFE Releases the
    Measures ..."). The story's headline must read as news and the page's title must not:
    under a news headline, a second one is that article's own section heading; and a page
    whose first line is the story's headline, or that a breadcrumb leads to, is that story's
    article. A listing of posts whose one excerpt a 'Continue Reading <headline>' link names
    (`teased`) carries that post whatever its title."""
    if len(entries) != 1 or not entries[0].paragraphs \
            or len(entries[0].paragraphs) > MAX_LONE_STORY_PARAGRAPHS:
        return False
    entry = entries[0]
    if entry.headline in teased(lines):
        return True  # a listing's one excerpt, 'Continue Reading <headline>' under it
    if any(ln.kind == "text" and ln.no < (entry.line or 0) and is_breadcrumb(ln.text)
           for ln in lines):
        return False  # "Home / News / Details" above it: a site's page of that one article
    if title is not None and (entry.line == title.no or (
            _NEWS_HEADLINE_RE.match(title.text) and not is_prose(title.text))):
        return False
    return _tells_news(entry.headline)


def _tells_news(headline: str) -> bool:
    """A news headline with a verb of its own: 'SAFE Releases the Measures ...', 'China changes
    patent law ...'; not a section heading of capitalised nouns ('Import Trade Statistics')."""
    return bool(_NEWS_HEADLINE_RE.match(headline)) and bool(
        VERB_RE.search(headline) or _PLURAL_VERB_RE.search(headline)
        or any(len(w) > 3 and w.islower() for w in words(headline)))


def detect(lines: list[Line]) -> float:
    """SCORE with two or more headline items and few paragraphs each, LONE_STORY_SCORE for a
    page of one news story (`lone_story`), else 0; a page that is one promulgated document
    or a notice issuing one (`promulgation`) is no digest, whatever its headings."""
    if promulgated_document(lines) is not None or issuing_notice(lines):
        return 0.0
    title, _, _, entries = read(lines)
    if len(entries) < 2:
        return LONE_STORY_SCORE if lone_story(lines, title, entries) else 0.0
    body = sum(1 for e in entries for p in e.paragraphs if not _entry_furniture(p))
    return SCORE if body <= MAX_PARAGRAPHS_PER_HEADLINE * len(entries) else 0.0


def _entry_furniture(text: str) -> bool:
    """A listing's line around an entry that is no paragraph of its text: its date ("Oct 31,
    2022") or its section label in capitals ("REGULATION") above the next headline."""
    return date_only(text) or (text.isupper() and 1 <= len(words(text)) <= MAX_LABEL_WORDS)


def parse(lines: list[Line], filename: str, warnings: list[ParseWarning]) -> ParsedBrief | None:
    title, dated, intro, entries = read(lines)
    if lone_story(lines, title, entries):
        # the lines above a page's one story are its title and kicker, which repeat the story
        # in other words ("Government Unveils Five-Year Plan ..."): only its prose is news
        intro = [p for p in intro if is_prose(p)]
    return brief_from((title, dated, intro, entries), warnings)


def brief_from(parts, warnings: list[ParseWarning], *, publisher: str = "",
               series: str = "") -> ParsedBrief | None:
    """The brief of a page read by `read`, or None without entries."""
    title, dated, intro, entries = parts
    if not entries:
        return None
    title_text = title.text if title is not None else ""
    items = items_from_entries(intro, entries, intro_period(title_text, intro))
    if not title_text or is_prose(title_text) or title_text == entries[0].headline or (
            entries[0].line == title.no):
        title_text = entries[0].headline
        warnings.append(ParseWarning(None, f"no title line: title made up as {title_text!r}"))
    reasons = []
    if dated is None:
        reasons.append(REASON_UNDATED)
        warnings.append(ParseWarning(None, "brief has no date line near the top"))
    return ParsedBrief(
        kind="brief",
        title=title_text[:300],
        publisher=publisher,
        series=series,
        published_on=dated.value if dated else None,
        published_precision=dated.precision if dated else "",
        topics=[e.headline for e in entries],
        items=items,
        warnings=warnings,
        review_reasons=reasons,
    )
