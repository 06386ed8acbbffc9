"""Items made of a headline and the paragraphs under it, and the policies they report on: the
part the newsletter, digest and China Essentials layouts share.

Each entry becomes one item: its headline, its paragraphs as the summary, and the first policy
its headline or paragraphs report on (`prose`). Every further policy becomes an item of its own
with no headline, so no policy is lost and no headline is made up. A headline's date ("... (26
August)") dates the entry's first policy when its own sentence states none; a year comes only
from a period the text states ("In July and August 2024") or a full date in the headline.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .cleaning import Line, ends_sentence, starts_lower
from .date_mentions import Period, date_mentions, periods_of_dates, resolve, stated_period
from .document_lines import document_line
from .issuers import issuer_line, issuers_in, without_order
from .numbering import enumerated
from .page import date_only, is_caption, is_chrome, is_dated_listing, names_an_issue
from .policy_titles import KEYWORDS, whole_title
from .prose import (
    HEREBY_RE,
    REASON_ETC,
    REASON_MISSING_DATE,
    REASON_NO_ISSUER,
    REASON_PROSE,
    Found,
    opening_report,
    policies_in,
    policies_in_paragraphs,
    sentences,
    sign,
    title_issuers,
)
from .structures import ParsedItem, ParsedPolicy
from .titles import REASON_NO_CHINESE, document_type, is_draft

REASON_NO_ENGLISH = "missing policy title"
# a headline's note after the title: "(26 August)", "(Caishui [2017] No. 79)", "(the Measures)";
# not a word of the title itself ("... Trial Regions (Cities)", "(Trial)")
_TRAILING_PAREN_RE = re.compile(r"\s*[(（](?![A-Z][a-z]+[)）])[^()（）]{1,40}[)）]\s*$")
# "... Directory (2017) (Joint Announcement No. 39 [2017] of MEP, MOC and GAC)": a document's
# number after its title, maybe with the bodies that issued it
NUMBER_IN_PARENS_RE = re.compile(r"(?<=[\w)])\s*[(（][^()（）]{0,80}"
                                 r"(?:No\.\s*\d|〔\d{4}〕|\[\d{4}\])[^()（）]{0,80}[)）]\s*$")
# "(MOFCOM Order [2017] No. 1)": a document's name and number, not "(No. 50, 2024)" alone
_NAMED_NUMBER_RE = re.compile(r"[(（][^()（）]{0,40}\b[A-Z][a-z]+\b[^()（）]{0,40}No\.\s*\d"
                              r"[^()（）]{0,40}[)）]\s*$")
_ISSUED_BY_RE = re.compile(r"\b(?:issued|released|promulgated|published|adopted|formulated)"
                           r"\s+(?:jointly\s+)?by\s+", re.IGNORECASE)
MAX_POLICIES = 300  # per item: more is no item but a list gone wrong (and merging is quadratic)
_STOP = frozenset({"the", "a", "an", "of", "for", "on", "to", "and", "in", "its"})
_INTRO_PERIOD_RE = re.compile(r"\b(?:In|in|During|during|For|for|Update|update)\s+(?P<p>.{4,60})")


# A newsletter's section label before a headline ("Top Story: Beijing ...", "In focus – ...")
_SECTION_LABEL_RE = re.compile(
    r"(?:top\s+stor(?:y|ies)|lead\s+story|main\s+story|in\s+focus|focus|spotlight|featured"
    r"|feature|analysis|explainer|deep\s+dive|breaking(?:\s+news)?|exclusive|editor['’]s\s+pick)"
    r"\s*(?::|[–—-]\s)\s*(?=\S)", re.IGNORECASE)


def without_section_label(headline: str) -> str:
    """The headline without a section label or a list's number before it, if what is left is
    still a headline, and without an author's name a listing puts after it ("... for 43
    compounds by Nikolaas Tilkin-Franssens")."""
    m = _SECTION_LABEL_RE.match(headline)
    if m and len(headline[m.end():].split()) >= 3:
        headline = headline[m.end():]
    number = enumerated(headline)  # "1. ", "(3) ", "IV. ", "一、"
    if number and len(number.text.split()) >= 3:
        headline = number.text
    author = _AUTHOR_TAIL_RE.search(headline)
    if author and not issuers_in(author.group("name"))[0] and not any(
            w.lower().endswith(_NOUN_ENDINGS) for w in author.group("name").split()):
        headline = headline[:author.start()]  # not "... Aircraft by Leasing Companies"
    return headline


_NOUN_ENDINGS = ("ies", "ing", "ion", "ions", "ment", "ments", "ants", "ents", "ity")
# " by Nikolaas Tilkin-Franssens": two or three capitalised names that are no body
_AUTHOR_TAIL_RE = re.compile(r"\s+by\s+(?P<name>[A-Z][a-z’'-]+(?:\s+[A-Z][a-zA-Z’'-]+){1,2})$")


@dataclass
class Entry:
    headline: str
    line: int | None
    paragraphs: list[str] = field(default_factory=list)
    # a line of an issue's contents whose text the excerpt lacks: its headline's words alone
    # ("China Revises Drug Inspection Regulation") state no title, only a document's name and
    # number do ("(MOFCOM Order [2017] No. 1)")
    listed: bool = False


def paragraphs(lines: list[Line], skip: set[int] = frozenset(),
               keep=None) -> list[tuple[int, str]]:
    """(line number, paragraph) of the content lines: a line wrapped mid-sentence joins the one
    before it; furniture, captions and `skip` lines are left out (but not a line `keep(text)`
    wants, such as a tracker's "Policy | Widgets | CAC | 12.2030")."""
    out: list[tuple[int, str]] = []
    joinable = False
    for ln in lines:
        if ln.kind != "text" or ln.no in skip or (
                (is_chrome(ln.text) or is_caption(ln.text)) and not (keep and keep(ln.text))):
            joinable = False
            continue
        if joinable and out and not ends_sentence(out[-1][1]) and (
                starts_lower(ln.text) or _wrapped_in_parentheses(out[-1][1], ln.text)
                or _ABBREVIATION_GOES_ON_RE.match(ln.text)):
            out[-1] = (out[-1][0], out[-1][1] + " " + ln.text)
        else:
            out.append((ln.no, ln.text))
        joinable = True
    return out


# a line that opens with the abbreviation of the name the line before ends with, and goes on
# in lower case: "... the Ministry of Widgets" / "(MOW) published the draft ...", one sentence
_ABBREVIATION_GOES_ON_RE = re.compile(
    r"[(（]\s*[“\"]?[A-Z][A-Za-z&]{1,11}[”\"]?\s*[)）]\s*,?\s*[a-z]")


def _wrapped_in_parentheses(text: str, nxt: str) -> bool:
    """A line wrapped inside parentheses ("... in Cosmetics (No.3," / "2024)"): the next line
    closes what it opened, whatever it starts with (not an excerpt cut inside them, "(the…")."""
    close, opening = nxt.find(")"), nxt.find("(")
    return text.count("(") > text.count(")") and close >= 0 and (opening < 0 or close < opening)


def split_entries(paras: list[tuple[int, str]],
                  headline_at: Callable[[list[tuple[int, str]], int], str | None]
                  ) -> tuple[list[str], list[Entry]]:
    """The paragraphs before the first entry, and the entries `headline_at` starts."""
    intro: list[str] = []
    entries: list[Entry] = []
    for i, (no, text) in enumerate(paras):
        headline = headline_at(paras, i)
        if headline is not None:
            entries.append(Entry(without_section_label(headline), no))
        elif entries:
            entries[-1].paragraphs.append(text)
        else:
            intro.append(text)
    return intro, entries


def under_date_lines(lines: list[Line], paras: list[str]) -> list[tuple[list[Period], list[str]]]:
    """The paragraphs of a listing whose entries stand under date lines of their own
    ("August 20th, 2021" / "On August 20, the NPC passed ..."), in runs under each date line,
    each run with that date as a one-day period: a yearless mention of that very day takes the
    entry's year, and no other day does. Any other page: its paragraphs as one run."""
    if not is_dated_listing(lines):
        return [([], paras)]
    runs: list[tuple[list[Period], list[str]]] = [([], [])]
    for text in paras:
        if len(text) <= MAX_DATE_LINE and date_only(text):
            days = periods_of_dates(text)
            if len(days) == 1:
                runs.append((days, []))
                continue
        runs[-1][1].append(text)
    return [run for run in runs if run[1]]


MAX_DATE_LINE = 60


def intro_period(title: str, intro: list[str]) -> list[Period]:
    """The period a brief's title or opening paragraphs say it covers."""
    found = stated_period(title) if title else None
    if found is None:
        for text in intro[:4]:
            for m in _INTRO_PERIOD_RE.finditer(text):
                found = found or stated_period(m.group("p"))
    return [found] if found else []


def items_from_entries(intro: list[str], entries: list[Entry], periods: list[Period],
                       ) -> list[ParsedItem]:
    """One item per entry (and per further policy), numbered from 1. A policy the
    introduction names ("In August 2025, the CSRC revised the Provisions on X; ...") that an
    entry reports on again is that entry's, with what the introduction adds (its date)."""
    own = _own_listing(entries)
    per_entry = [_entry_policies(entry, [*periods, *_entry_day(entries, i, intro)], own)
                 if not entry.listed or _NAMED_NUMBER_RE.search(entry.headline) else []
                 for i, entry in enumerate(entries)]
    for entry, found, nxt in zip(entries, per_entry, entries[1:], strict=False):
        if found and entry.paragraphs and HEREBY_RE.search(entry.paragraphs[-1]):
            # a notice's signature read as the next entry's headline ("Wang Wu, Minister of
            # Widgets" / "July 30, 2021"): who signed what it issues hereby, and when
            sign([f for f in found if not f.dated or not f.refs],
                 [nxt.headline, *nxt.paragraphs[:1]], periods)
    items: list[ParsedItem] = []
    in_intro = policies_in_paragraphs(intro, periods, document_line)
    if len(in_intro) == 1 and not in_intro[0].dated:
        # the introduction reports one document and closes with its field line ("Date of
        # issue: June 14, 2013. Effective date: July 1, 2013.")
        in_intro[0].issued_on = labelled_date(intro[-1:], periods)
        in_intro[0].dated = in_intro[0].issued_on is not None
    for found in in_intro:
        twin = next((f for fs in per_entry for f in fs if same_policy(found, f)), None)
        if twin is not None:
            _fill(twin, found)
            continue
        items.append(_item(len(items) + 1, "", "", found, None))
    for entry, found in zip(entries, per_entry, strict=True):
        summary = "\n\n".join(entry.paragraphs)
        items.append(_item(len(items) + 1, entry.headline, summary,
                           found[0] if found else None, entry.line))
        for extra in found[1:]:
            items.append(_item(len(items) + 1, "", "", extra, entry.line))
    return items


def _entry_policies(entry: Entry, periods: list[Period], own_listing: bool = False
                    ) -> list[Found]:
    """The policies one entry reports on, its headline's first."""
    head_periods = [*periods, *periods_of_dates(entry.headline)]
    head_date = headline_date(entry.headline, head_periods) or _labelled_date(entry, periods) \
        or (_own_document_date(entry) if own_listing else None)
    stated_by = issuer_line(entry.paragraphs[0]) if entry.paragraphs else []
    found = merge(policies_in(entry.headline, head_periods)
                  or _titled(entry, head_date, head_periods),
                  policies_in_paragraphs(entry.paragraphs, head_periods, document_line,
                                         entry.headline))
    if stated_by:  # a tracker's "Issuing Agency:" line under the headline: the document's
        if not found:
            found = [Found(entry.headline, "", [], False, None, False)]
        found[0].refs = [*stated_by, *(r for r in found[0].refs if r not in stated_by)]
        if not found[0].dated and not head_date and found[0].title in (
                entry.headline, _titled_name(entry)):
            # the entry's document is the one its headline names, issued by the line's body
            found[0].issued_on = _reported_on(entry, stated_by, head_periods)
            found[0].dated = found[0].issued_on is not None
    if found and not found[0].dated and head_date:
        found[0].issued_on = head_date
    return found


# the order a headline names in parentheses after its words: "New measures to deregulate auto
# sales (MOFCOM Order [2017] No. 1)"
_ORDER_IN_PARENS_RE = re.compile(r"\s*[(（](?P<order>(?P<body>[A-Z][\w&’' ]{1,80}?)\s+(?:Order"
                                 r"|Decree)\s*[\[〔(]\d{4}[\]〕)]\s*No\.\s*\d{1,4})[)）]\s*$")


def _order_in_parens(numbered: re.Match | None, head_date) -> list[Found]:
    """The order a headline that is no title names in parentheses, issued by the body the
    order names: the document the item reports on, known by its number."""
    m = _ORDER_IN_PARENS_RE.fullmatch(numbered.group(0)) if numbered else None
    refs = issuers_in(m.group("body"))[0] if m else []
    if not refs:
        return []
    return [Found(m.group("order"), "", refs, False, head_date, head_date is not None)]


def _titled(entry: Entry, head_date, periods: list[Period]) -> list[Found]:
    """A headline that is a policy's title ("1. Guidelines for X (26 August)"; its number after
    it, "(Joint Announcement No. 40 [2017] of MOC and GAC)", is no part of it; a headline that
    is none, the body's order it names so, `_order_in_parens`): that policy,
    issued by the bodies its title or its first paragraphs name after "issued by", on the date
    that follows them ("Promulgated by Order No. 7 of the MOFCOM on 5 May 2031") when the
    headline states none."""
    numbered = NUMBER_IN_PARENS_RE.search(entry.headline)
    span = whole_title(entry.headline[:numbered.start()] if numbered
                       else _TRAILING_PAREN_RE.sub("", entry.headline))
    if span is None:
        return _order_in_parens(numbered, head_date)
    refs = title_issuers(span.english, span.chinese)
    refs += [r for r in title_issuers(span.carrier) if r not in refs]
    etc = False
    issued_on = head_date
    for text in entry.paragraphs[:2]:
        m = _ISSUED_BY_RE.search(text)
        if m:
            agent = without_order(text[m.end():])
            agent = sentences(agent)[0][1] if agent.strip() else ""
            mention = next(iter(date_mentions(agent)), None)
            if mention is not None and not _ON_RE.search(agent[:mention.start]):
                mention = None  # "..., effective as of 1 July": no issuing date
            more, etc = issuers_in(agent[:mention.start] if mention else agent)
            refs += [r for r in more if r not in refs]
            if issued_on is None and mention is not None:
                issued_on = resolve(mention, periods)
            break
    return [Found(span.english, span.chinese, refs, etc, issued_on, issued_on is not None)]


def _titled_name(entry: Entry) -> str | None:
    """The title of the document the entry's headline is, if it is one."""
    found = _titled(entry, None, [])
    return found[0].title if found else None


def _reported_on(entry: Entry, refs: list[str], periods: list[Period]):
    """The date the entry's first sentence opens with when it says the body that issued the
    headline's document did something it does not title ("New Extension of the Safeguard
    Investigation" / "MOFCOM" / "On 25 November 2025, MOFCOM announced a three-month
    extension ..."); the body must be the entry's own."""
    texts = [t for t in entry.paragraphs[:2] if not issuer_line(t)]
    if not texts:
        return None
    got = opening_report(sentences(texts[0])[0][1], periods)
    if got is None or not _same_bodies(got.refs, refs):
        return None
    return got.issued_on


def _same_bodies(said: list[str], stated: list[str]) -> bool:
    """Does a sentence's subject name a body the entry's issuer line states ("China's Ministry
    of Commerce (MOFCOM)" and "MOFCOM")?"""
    said_keys = [s.casefold() for s in said]
    return any(k.casefold() in s or s in k.casefold() for k in stated for s in said_keys)


# "... of the Ministry of Commerce on 5 May 2031, these Measures ...": the issuing's date;
# "Promulgated by SAMR Decree No. 71, issued on 16 March 2031": the decree's number, then it
_ON_RE = re.compile(r"^[^,;()]{0,160}(?:,\s*(?:issued|promulgated)\s+on|\son)\s*$")


_NOT_ISSUED_RE = re.compile(r"\b(?:effective|effect|force|from|until|by|deadline|before|due"
                            r"|comments?|as\s+of|as\s+at)\b[\s,(]*$", re.IGNORECASE)


def _labelled_date(entry: Entry, periods: list[Period]):
    """'Date: 5 May 2024' (or 'Issued:', 'Release date:') alone under an entry's headline, or
    'Date of issue: June 14, 2013. Effective date: ...' closing its text."""
    return labelled_date([*entry.paragraphs[:2], *entry.paragraphs[2:][-1:]], periods)


def labelled_date(paras: list[str], periods: list[Period]):
    """The date of the first of `paras` that is a date label and its date (maybe followed by
    another field: an implementation or expiry date, never the issuing one)."""
    for text in paras:
        m = _DATE_LABEL_RE.fullmatch(text.strip()) or _date_before_next_field(text.strip())
        if m:
            d = next(iter(date_mentions(m.group("d"))), None)
            return resolve(d, periods) if d else None
    return None


# a headline that is a body's own document: "NMPA Notice on Launching ...", "NMPA CDE
# Announcement on Issuing the ..."
_OWN_DOCUMENT_RE = re.compile(r"(?P<body>[A-Z][\w&’' -]{1,60}?)\s+(?:Announcement|Notice|Circular"
                              r"|Decree|Order|Decision)\s+(?:on|of|about|regarding|concerning)\s")


def _entry_day(entries: list[Entry], i: int, intro: list[str]) -> list[Period]:
    """The day of a listing's date line right above an entry's headline or right under it
    ("14 May 2020" / "Financial regulators release plan for the GBA" / "On May 14, ..."), as a
    one-day period: a yearless mention of that very day in the entry takes its year."""
    above = entries[i - 1].paragraphs[-1:] if i else intro[-1:]
    days = []
    for text in [*above, *entries[i].paragraphs[:1]]:
        if len(text) <= MAX_DATE_LINE and date_only(text):
            # "August 2024" over the entry: the month it covers, a year for its days
            month = stated_period(text) if len(date_mentions(text)) == 1 else None
            days += periods_of_dates(text)[:1] or ([month] if month else [])
    return days


def _own_listing(entries: list[Entry]) -> bool:
    """A body's own list of what it issued: two or more headlines name its own notices or
    announcements ("NMPA Notice on ...", "NMPA Announcement on ..."), and all the same body. On
    another's list (a site that lists many bodies' circulars) an entry's date is its posting."""
    bodies = [m.group("body") for e in entries if (m := _OWN_DOCUMENT_RE.match(e.headline))]
    return len(bodies) >= 2 and len(set(bodies)) == 1


def _own_document_date(entry: Entry):
    """A date line right under a headline of a body's own list that is its own notice or
    announcement ("NMPA Notice on Launching the X Platform" / "2021-12-30"): the day that
    body issued it. Under a headline that only names a law ("Provisions for X" / "2022-10-25")
    the date is the listing's, not the law's."""
    if not entry.paragraphs or len(entry.paragraphs[0]) > MAX_DATE_LINE \
            or not date_only(entry.paragraphs[0]):
        return None
    head = _OWN_DOCUMENT_RE.match(entry.headline)
    days = [d for d in date_mentions(entry.paragraphs[0]) if d.year and d.day]
    if head is None or len(days) != 1 or not issuers_in(head.group("body"))[0]:
        return None
    return days[0].as_date()


# "Release date: 2021-01-12 – Implementation date: 2021-05-01": the issuing date's field, then
# another one on the same line
_NEXT_FIELD_RE = re.compile(r"\s*[–—|;,.-]\s*[A-Z][A-Za-z ]{1,30}[:：]")


def _date_before_next_field(text: str) -> re.Match | None:
    """The date label's match on a line whose date is followed by another labelled field (an
    implementation or expiry date, never the issuing one), cut to the first field."""
    m = _DATE_LABEL_RE.match(text)
    if m is None:
        return None
    d = next(iter(date_mentions(text[m.start("d"):])), None)
    end = m.start("d") + d.end if d and d.start == 0 else None
    if end is None or not _NEXT_FIELD_RE.match(text, end):
        return None
    return _DATE_LABEL_RE.fullmatch(text[:end])


_DATE_LABEL_RE = re.compile(r"(?:Date|Issued(?:\s+on)?|Issu(?:e|ance)\s+date|Date\s+issued|Released"
                            r"|Release\s+date|Promulgated(?:\s+on)?|Promulgation\s+date"
                            r"|Date\s+of\s+(?:issue|issuance|promulgation))\s*[:：]"
                            r"\s*(?P<d>.{6,40})", re.IGNORECASE)


def headline_date(headline: str, periods: list[Period]):
    """The day a headline dates its news by: '(26 August)', '... on 5 May 2024'; not an
    effective date or a deadline ('..., effective June 1, 2024'), nor the month an issue's
    headline covers ('Monthly Recap: ... | October 2022')."""
    issue = names_an_issue(headline)
    for d in date_mentions(headline):
        if _NOT_ISSUED_RE.search(headline[max(0, d.start - 30):d.start]) or (issue and not d.day):
            continue
        got = resolve(d, periods)
        if got:
            return got
    return None


_DOCUMENT_WORDS = frozenset(w.lower() for w in KEYWORDS)


def _key(title: str) -> set[str]:
    return {w for w in re.findall(r"\w+", title.lower()) if w not in _STOP}


def same_policy(a: Found, b: Found) -> bool:
    """One title written twice: 'Interim Measures for Management of X' and 'Interim Measures
    for the Management of X' (one's words within the other's, with the same document words:
    the 'Implementing Regulations of the Foreign Investment Law' are not that Law)."""
    if a.chinese and a.chinese == b.chinese:
        return True
    ka, kb = _key(a.title), _key(b.title)
    if not (ka and kb) or not (ka <= kb or kb <= ka):
        return False
    return ka & _DOCUMENT_WORDS == kb & _DOCUMENT_WORDS


def merge(head: list[Found], body: list[Found]) -> list[Found]:
    """The body's policies (each once), after the headline's that the body does not repeat;
    a repeated one keeps the body's fuller title and the headline's issuers if it has none."""
    out: list[Found] = []
    for f in body[:MAX_POLICIES]:
        twin = next((g for g in out if same_policy(f, g)), None)
        if twin is None:
            out.append(f)
        else:
            _fill(twin, f)
    for h in reversed(head):
        twin = next((f for f in out if same_policy(h, f)), None)
        if twin is None and not h.chinese:
            # a headline's short name for what the text titles in full ("NDRC Releases
            # Measures for Concession Projects" / "the Measures for the Administration of
            # Infrastructure and Public Utility Concessions"; "CAC Finalizes Rules on ..." over
            # the one document its text reports on): one document, the text's title
            twin = next((f for f in out if _document_words(f.title) == _document_words(h.title)
                         and _document_words(h.title)), None) or (
                out[0] if len(body) == 1 and len(head) == 1 else None)
        if twin is None:
            out.insert(0, h)
        else:
            _fill(twin, h)
    return out


def _document_words(title: str) -> frozenset[str]:
    return frozenset(_key(title) & _DOCUMENT_WORDS)


def _fill(kept: Found, other: Found) -> None:
    """What the kept copy of a policy lacks (issuers, date), from its other copy."""
    if not kept.refs:
        kept.refs, kept.etc = other.refs, other.etc
    if not kept.dated and other.dated:
        kept.issued_on, kept.dated = other.issued_on, True


def make_policy(found: Found, line: int | None, *, from_prose: bool = True,
                fallback_title: str = "") -> ParsedPolicy:
    """A `ParsedPolicy` from what the text states, with the reasons an editor should look."""
    reasons = [REASON_PROSE] if from_prose else []
    title = found.title
    if not title:
        reasons.append(REASON_NO_ENGLISH)
        title = fallback_title or found.chinese or "Untitled policy"
    if not found.chinese:
        reasons.append(REASON_NO_CHINESE)
    if not found.refs:
        reasons.append(REASON_NO_ISSUER)
    if found.etc:
        reasons.append(REASON_ETC)
    if found.issued_on is None:
        reasons.append(REASON_MISSING_DATE)
    return ParsedPolicy(
        title=title,
        chinese_title=found.chinese,
        document_type=document_type(found.title, found.chinese),
        is_draft=is_draft(found.title, found.chinese),
        issued_on=found.issued_on,
        agency_refs=list(found.refs),
        agencies_etc=found.etc,
        review_reasons=reasons,
        line=line,
    )


def _item(position: int, headline: str, summary: str, found: Found | None,
          line: int | None) -> ParsedItem:
    policy = make_policy(found, line, fallback_title=headline) if found else None
    return ParsedItem(position=position, headline=headline, summary=summary, policy=policy,
                      line=line)
