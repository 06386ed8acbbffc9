"""Policies from prose: a title (`policy_titles`) that its sentence reports as issued, with the
issuers and the date that same sentence states.

    "On 13 July, the CAC released the Interim Measures for ... (the “AI Measures”), in
     conjunction with the NDRC and the MIIT."
        -> Found("Interim Measures for ...", refs=["CAC", "NDRC", "MIIT"], issued_on=None)

A title counts only as the object of an issuing verb ("X issued the T", "X jointly released
T", "promulgated the long awaited “T”"), as the subject of a passive one ("T was adopted",
"T, issued by X") or after an event's noun ("the passage of the T", undated); a law merely
cited ("on the basis of the Cybersecurity Law", "Since the promulgation of the T") is no
policy. Issuers: the subject before the verb (clauses that open with a preposition, such as
"According to X" or "At a meeting of X", a clause describing the subject, "X, an agency under
Y,", and a speaker before "said" are left out), "by X" after a passive verb (not who supported
or asked for it), "in conjunction with X, Y" after the title, and a body the title itself names
("Opinions of the Supreme People's Court on ..."). A venue ("held at X") is never an issuer.
The date: one the sentence states
before the verb or just after the title, never an effective date, a deadline or a meeting's
date; a day and month without a year get one only from a `Period` the text states.
A paragraph ending in "X released the following drafts:" makes each list entry after it a
policy of X; so does a sentence that lists, as titles, the documents the sentence before it
reports ("X published five draft standards on <date>. The five draft standards include: the
A, ..., and the E."), and a run of lines each a title, then a dash or colon and what it does
("Revised Regulations on X—The amendments aim to ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .cleaning import CJK_CHAR_RE, collapse_ws, remove_cjk_spaces
from .date_mentions import DateMention, Period, date_mentions, resolve
from .issuers import (
    AGENCY_WORDS,
    CONNECTORS,
    clauses,
    issuer_line,
    issuers_in,
    without_dates,
    without_order,
)
from .policy_titles import KEYWORDS, TitleSpan, find_titles, title_parts, whole_title

VERB_RE = re.compile(
    r"\b(?:issued|issues|released|releases|published|publishes|promulgated|promulgates"
    r"|unveiled|unveils|announced|announces|adopted|adopts|passed|passes|approved|approves"
    # a headline's verb after a plural subject: "Two Departments Revise the Catalog of ..."
    r"|(?-i:(?:Jointly\s+)?(?:Issue|Release|Publish|Unveil|Adopt|Pass|Approve|Revise|Amend"
    r"|Promulgate))"
    r"|introduced|introduces|rolled\s+out|printed\s+and\s+distributed|revised|revises"
    r"|finali[sz]ed|finali[sz]es|formulated|formulates|made\s+public|circulated"
    r"|amended|amends|drafted"
    r"|(?-i:(?:called|calls|asked|asks|sought|seeks|seeking|solicited|solicits|invited"
    # "started to collect comments on": 征求意见 in other words
    r"|invites|collect|collects|collected|collecting)\s+"
    r"(?:for\s+)?(?:public\s+)?(?:comments?|opinions|feedback|views)\s+"
    r"(?:on|regarding|about|for)|consult(?:s|ed)?\s+on|(?:submitted|submits|filed)\s+"
    r"(?:its\s+|their\s+)?comments\s+on|commented\s+on))\b"
    r"|印发|发布|出台|颁布|公布|制定了", re.IGNORECASE)
_FILLER_STOP = frozenset({"to", "by", "which", "that", "but", "or", "when", "while", "after",
                          "before", "because", "if", "said", "says", "who", "where",
                          # "formulated on the basis of the Anti-Monopoly Law": a cited basis
                          "basis", "accordance", "pursuant", "according", "line", "compliance",
                          "light", "view"})
_PASSIVE_GAP = frozenset({"has", "have", "had", "was", "were", "is", "are", "been", "being",
                          "be", "jointly", "officially", "formally", "deliberated", "and",
                          "recently", "finally", "now", "just", "also", "first", "hereby"})
_WHICH_RE = re.compile(r"^\s*,\s*(?:which|that)\b", re.IGNORECASE)
_AS_REVISED_RE = re.compile(r"\bas\s+(?:revised|amended)\b", re.IGNORECASE)
_PREPOSITIONS = frozenset({"on", "in", "at", "according", "after", "before", "following",
                           "under", "pursuant", "as", "with", "during", "since", "by", "from",
                           "for", "to", "per", "via", "through", "upon", "when", "while"})
_BAD_DATE_WORDS = ("by", "until", "till", "before", "deadline", "effect", "effective", "force",
                   "from", "starting", "since", "through", "held", "comment", "comments",
                   "expire", "expires", "valid", "implemented", "implementation", "later",
                   "ending", "of", "meeting", "session", "date")
# "T took effect", "T will come into force": a passive report without an issuer or a date
_EFFECT_RE = re.compile(
    r"[\s,]*(?:(?:has|have|had|was|were|is|are|will|shall|formally|officially|finally|now)\s+)*"
    r"(?:took|take|takes|taken|come|comes|came|went|go|goes|gone|entered|enters|enter)\s+"
    r"(?:into\s+)?(?:effect|force)\b", re.IGNORECASE)
_SUBORDINATE = frozenset({"since", "after", "before", "when", "once", "until", "as", "because",
                          "following", "if", "unless", "while", "under", "which",
                          "that"})
# a Chinese passive after a title: "已由X于DATE通过", "由X印发"
_ZH_PASSIVE_RE = re.compile(
    r"(?:\s*[（(][^()（）]{0,40}[)）])?\s*[，,]?\s*(?:已|业经|经)?由(?P<by>[^，。；,;]{2,60}?)"
    r"(?:于(?P<d>[^，。；,;]{4,24}?))?(?:审议)?(?:通过|发布|印发|公布|批准|制定)"
    # "已经2024年8月30日国务院第40次常务会议通过"
    r"|(?:\s*[（(][^()（）]{0,40}[)）])?\s*[，,]?\s*已?经(?P<d2>\d{4}年\d{1,2}月\d{1,2}日)?"
    r"(?P<by2>[^，。；,;\d]{2,30}?)第[\d一二三四五六七八九十百]+次(?:常务|全体)?会议(?:审议)?通过")
# "第十四届全国人民代表大会常务委员会第十五次会议": the session of the body that adopted it
_ZH_SESSION_RE = re.compile(r"^第[一二三四五六七八九十百\d]+届"
                            r"|第[一二三四五六七八九十百\d]+次(?:全体)?会议$|(?:全体)?会议$")
# "the State Administration for Industry and Commerce’s", "the CFDA's draft amendments to the"
_OWNER_RE = re.compile(
    r"(?:^|\bthe\s+|\s)(?P<body>[A-Z][\w&\- ]{1,100}?(?:\s*\([A-Z][A-Za-z&]{1,10}\))?)[’']s\s+"
    r"(?:(?:draft|revised|new|proposed|amended|latest|final|finalised|finalized)\s+|"
    r"(?:draft\s+)?(?:amendments?|revisions?)\s+to\s+(?:the\s+)?)*$")
# an opening clause about another event: its date is not the issuing date
_OTHER_EVENT = frozenset({"following", "after", "before", "since", "prior", "compared", "unlike",
                          "like", "as"})
_WITH_RE = re.compile(r"\b(?:in\s+conjunction\s+with|together\s+with|jointly\s+with|along\s+with"
                      r"|in\s+cooperation\s+with)\b", re.IGNORECASE)
# "issued by X", "promulgated as Order of X No. 31": the agent after a passive verb
_BY_RE = re.compile(r"^\s*(?:jointly\s+)?(?:by\b|as\s+(?:an?\s+)?(?=(?:Order|Decree)\b))",
                    re.IGNORECASE)
_DOC_NO_RE = re.compile(r"\s+No\.?\s*\d")
_OF_BODY_RE = re.compile(r"\s+of\s+(?P<rest>.{3,200})")
_OF_END_RE = re.compile(r"\s(?:on|for|to|regarding|concerning|about|in|with|into)\s")
# the bodies before 关于 (not "[^关]": 海关总署 holds a 关)
_ZH_PREFIX_RE = re.compile(r"^(?P<body>[^《》]{2,40}?)关于")
_SENTENCE_END_RE = re.compile(r"[.!?。！？；;]\s*")
_DECIMAL_RE = re.compile(r"\d\.\d")
_ABBREVIATED = frozenset({"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                          "nov", "dec", "no", "co", "ltd", "inc", "mr", "mrs", "ms", "dr", "st",
                          "art", "vol", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "govt", "gov"})
_LIST_ENTRY_RE = re.compile(r"\s*(?:\d{1,2}\s*[.)、]|[-•·▪●■*])\s*(?P<rest>\S.*)")
_LINK_TAIL_RE = re.compile(r"\s*[(（\[](?:english|chinese|中文|英文|link|pdf|原文)[)）\]]\s*$",
                           re.IGNORECASE)

_ZH_PAREN_TAIL_RE = re.compile(r"[(（][^()（）a-zA-Z]{2,200}[)）]$")

MAX_SENTENCE = 3000  # a longer "sentence" is no sentence; its tail is not read

REASON_PROSE = "policy read from prose"
REASON_NO_ISSUER = "missing issuing body"
REASON_ETC = "other issuing bodies not named"
REASON_MISSING_DATE = "missing date"


@dataclass
class Found:
    """One policy a text reports on, as that text states it."""

    title: str
    chinese: str
    refs: list[str] = field(default_factory=list)
    etc: bool = False
    issued_on: date | None = None
    dated: bool = False  # the sentence states a date for it (with or without a year)
    start: int = 0  # where the title stands in the text it was found in
    # an issuing verb with no subject ("The newly released set ... includes the T"): whoever
    # an earlier sentence said issued the documents issued it
    subjectless: bool = False
    # the subject is a pronoun ("First, it revised the T"; "it", "they", "the ministry"): the
    # body (or bodies, for "they") an earlier sentence made its subject issued it
    pronoun: str = ""


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence): split after . ! ? ; and their Chinese forms, not after "Dec." or
    "No."."""
    out: list[tuple[int, str]] = []
    start = 0
    for m in _SENTENCE_END_RE.finditer(text):
        end = m.end()
        if m.group(0)[0] == "." and end < len(text):
            if _DECIMAL_RE.match(text, m.start() - 1):
                continue  # "HJ 860.2-2018", "3.5 percent": a number's point, no sentence end
            before = text[max(0, m.start() - 30):m.start()].split()
            word = before[-1].lower() if before else ""
            nxt = text[end:end + 1]
            if word.strip("(“\"") in _ABBREVIATED or len(word) == 1 or not (
                    nxt.isupper() or nxt.isdigit() or nxt in "“\"(《"):
                continue
        out.append((start, text[start:end]))
        start = end
    if start < len(text):
        out.append((start, text[start:]))
    return [(o, s) for o, s in out if s.strip()]


def policies_in(text: str, periods: list[Period] = ()) -> list[Found]:
    """The policies one paragraph (or headline) reports on, in order. A date that opens a
    sentence of clauses joined by ';' ("In August 2025, the CSRC revised X; the PBOC issued
    Y; ...") dates each clause's policy that states none of its own."""
    found: list[Found] = []
    opening: DateMention | None = None
    subject: Found | None = None  # the last report of a clause that ended in ';'
    if "[" in text:  # "T,[1] issued by X": a footnote's mark, as wide in spaces
        text = _FOOTNOTE_MARK_RE.sub(lambda m: " " * len(m.group(0)), text)
    for offset, sentence in sentences(text):
        here = _in_sentence(sentence[:MAX_SENTENCE], list(periods))
        for f in here:
            f.start += offset
            if opening is not None and not f.dated:
                f.issued_on = resolve(opening, list(periods))
                f.dated = True
            if subject is not None and f.subjectless and not f.refs:
                # "the SAMR released X; published Y ...": the clauses share their subject
                f.refs, f.etc = list(subject.refs), subject.etc
            found.append(f)
        if sentence.rstrip().endswith((";", "；")):
            opening = opening or _opening_date(sentence)
            subject = next((f for f in reversed(here) if f.refs), None) if here else subject
        else:
            opening = subject = None
    return found


_FOOTNOTE_MARK_RE = re.compile(r"(?<=[\w,.)”\"’])\[\d{1,2}\]")


def _opening_date(sentence: str) -> DateMention | None:
    """'In August 2025, ...', 'On 13 July, ...': the date a sentence opens with."""
    for d in good_mentions(sentence):
        before = sentence[:d.start].split()
        return d if all(w.lower() in ("in", "on", "during") for w in before) else None
    return None


def policies_in_paragraphs(paragraphs: list[str], periods: list[Period] = (),
                           listing=None, headline: str = "") -> list[Found]:
    """The policies of consecutive paragraphs, with the list entries an issuing paragraph
    ending in ':' introduces; `listing(paragraph, periods)`, when given, reads a paragraph
    whose sentences report no policy (a line listing a document). A headline over them that
    says who issued what it does not name ("MIIT Issues New Rules on Widgets") names the
    issuer of a report in them that has no subject."""
    out: list[Found] = []
    intro: Found | None = None
    lead = _lead(headline, list(periods)) if headline else None
    previous_bodies: list[str] = []  # the last subject body of the paragraph before
    paragraphs = [part for para in paragraphs for part in _run_in_list(para)]
    glossed = _glossed_entries(paragraphs)
    for i, para in enumerate(paragraphs):
        if i in glossed:
            out.append(glossed[i])
            continue
        entry = _LIST_ENTRY_RE.fullmatch(para)
        if intro is not None and entry:
            english, chinese = list_entry_title(entry.group("rest"))
            if english or chinese:
                out.append(Found(english, chinese, list(intro.refs), intro.etc,
                                 intro.issued_on, intro.dated))
            continue
        intro = None
        found = _with_inline_lists(policies_in(para, periods), para, list(periods))
        bodies = subject_bodies(para) if any(f.pronoun and not f.refs for f in found) else []
        for f in found:
            if f.pronoun and not f.refs:
                # "the NPCSC reviewed twelve bills ... First, it revised the T"
                before = [refs for offset, refs in bodies if offset < f.start]
                pointed = before[-1] if before else previous_bodies
                if pointed and (len(pointed) == 1 or f.pronoun == "they"):
                    f.refs = list(pointed)
        lead = _credit_leads(para, found, lead, list(periods))
        listed = listing(para, periods) if listing and not found else None
        if found and HEREBY_RE.search(para):
            sign(found, paragraphs[i + 1:i + 3], list(periods))
            # the decree's heading may be the headline over these paragraphs
            above = [headline, *paragraphs[:i]] if headline else paragraphs[:i]
            _decree_head(found, above[-3:], list(periods))
        if listed is not None and not listed.dated:
            _labelled_issue_date(listed, paragraphs[i + 1:i + 3], list(periods))
        out.extend(found or ([listed] if listed else []))
        said = subject_bodies(para[-2 * MAX_SENTENCE:])
        previous_bodies = said[-1][1] if said else []
        core = _TRAILING_NOTE_RE.sub("", para.rstrip())
        if core.endswith((":", "：")):
            intro = _intro_of(core, list(periods))
    return out


# an editor's note or a link in brackets after a list's introduction: "... open to public
# comments: [Note to the editor: please add a hotlink here. https://...]"
_TRAILING_NOTE_RE = re.compile(r"\s*\[[^\[\]]{1,300}\]$")


# a list entry that is a document's title, then what it does: "Revised Regulations on X—The
# amendments aim to ...", "• Lithium-ion Battery Industry Regulations (2024): These guidelines"
_GLOSSED_RE = re.compile(r"(?:[-•·▪●■*]\s*)?(?P<title>[^:：—–]{8,200}?)\s*(?:—|–|:|：|\s-\s)\s*"
                         r"(?P<gloss>[A-Z“\"].{20,})")
MIN_GLOSSED = 2  # one such line may be a heading run into its text; a run of them is a list
GLOSS_LEAD_BACK = 3  # paragraphs back to the sentence that reports the listed documents


def _glossed_entries(paragraphs: list[str]) -> dict[int, Found]:
    """The paragraphs of a run (two or more) of glossed titles, each a policy, issued by the
    body of the sentence before the run that reports documents it does not name ("CBIRC
    published various draft and final rules ...", "The MIIT has unveiled two new draft
    guidelines ..."); no date is read, as the sentence's date may be a period's."""
    titled: dict[int, tuple[str, str]] = {}
    for i, para in enumerate(paragraphs):
        m = _GLOSSED_RE.fullmatch(para.strip())
        if m and whole_title(m.group("title")) is not None and not find_titles(m.group("gloss")):
            english, chinese = title_parts(m.group("title").strip())
            if english or chinese:
                titled[i] = (english, chinese)
    out: dict[int, Found] = {}
    for i in sorted(titled):
        run = [i]
        while run[-1] + 1 in titled:
            run.append(run[-1] + 1)
        if i - 1 in titled or len(run) < MIN_GLOSSED:
            continue
        lead = next((f for para in reversed(paragraphs[max(0, i - GLOSS_LEAD_BACK):i])
                     for _, sentence in reversed(sentences(para))
                     if (f := _reported_documents(sentence[-MAX_SENTENCE:], [])) and f.refs),
                    None)
        for k in run:
            english, chinese = titled[k]
            out[k] = Found(english, chinese, list(lead.refs) if lead else [],
                           lead.etc if lead else False)
    return out


# a sentence that lists what the sentence before it reports: "The five draft standards include:
# the A, the B, and the C."
_INLINE_LIST_RE = re.compile(
    r"\s*(?:the|these|those)\s+(?:(?P<count>\w+)\s+)?(?:[a-z][\w-]*\s+){0,2}(?:include|includes"
    r"|are|comprise)\s*[:：]\s*(?P<list>the\s+[A-Z].*?)\s*[.;]?\s*$", re.IGNORECASE)
_LIST_SPLIT_RE = re.compile(r"\s*,\s*(?:and\s+)?")
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10}
MIN_TITLE_WORDS = 3


def _with_inline_lists(found: list[Found], para: str, periods: list[Period]) -> list[Found]:
    """`found`, and the documents a sentence lists after a sentence that reports them without
    naming them ("The Ministry of Commerce published five draft standards on 21 November." /
    "The five draft standards include: the Monitoring Indicators of Online Retail, the ...,
    and the ..."): each a policy issued by that sentence's subject on its date. Every entry
    must read as a title (capitalised words), and as many as the count says, if it says one."""
    said = sentences(para)
    out = list(found)
    for (_, before), (_, sentence) in zip(said, said[1:], strict=False):
        m = _INLINE_LIST_RE.match(sentence)
        if m is None:
            continue
        entries = [re.sub(r"^the\s+", "", e.strip(), flags=re.IGNORECASE)
                   for e in _LIST_SPLIT_RE.split(m.group("list"))]
        count = _COUNTS.get((m.group("count") or "").lower())
        if len(entries) < 2 or (count and count != len(entries)) or not all(
                _title_like(e) for e in entries):
            continue
        before = before[-MAX_SENTENCE:]
        reported = _reported_documents(before, periods)
        if reported is None or not reported.refs:
            continue
        if not reported.dated:
            on = _date_after_documents(before)
            if on is not None:
                reported.issued_on, reported.dated = resolve(on, periods), True
        keys = {e.casefold() for e in entries}
        out = [f for f in out if f.title.casefold() not in keys and not any(
            f.title and f.title.casefold() in k for k in keys)]
        out += [Found(e, "", list(reported.refs), reported.etc, reported.issued_on,
                      reported.dated) for e in entries]
    return out


def _date_after_documents(sentence: str) -> DateMention | None:
    """The date right after the documents a sentence reports: 'published five draft standards
    on 21 November 2017 to solicit ...'."""
    nouns = _PLURAL_DOCUMENTS_RE.search(sentence)
    if nouns is None:
        return None
    return next((d for d in good_mentions(sentence) if d.start > nouns.end() and re.fullmatch(
        r"\s+on\s+", sentence[nouns.end():d.start])), None)


def _title_like(text: str) -> bool:
    """'Fake Transactions on Online Retail Platform Management Specifications': capitalised
    words but for the small ones, no sentence."""
    ws = text.split()
    return len(ws) >= MIN_TITLE_WORDS and ws[0][:1].isupper() and all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in TITLE_SMALL_WORDS for w in ws)


TITLE_SMALL_WORDS = frozenset({"of", "on", "for", "and", "the", "in", "to", "with", "by", "a",
                               "an", "or", "at", "from", "into"})


# a numbered list run into its intro's line: "These guidelines include: 1. A 2. B"
_RUN_IN_LIST_RE = re.compile(r"[:：]\s+1\s*[.)、]\s+(?=\S)")
MAX_RUN_IN_ENTRY = 200


def _run_in_list(para: str) -> list[str]:
    """A paragraph whose numbered list lost its line breaks ("... include: 1. A 2. B 3. C In
    addition, ...", as flattened web and PDF text reads) as its intro, one paragraph per entry
    and the text after the last entry's title; any other paragraph as it is."""
    m = _RUN_IN_LIST_RE.search(para)
    if m is None:
        return [para]
    entries, pos = [], m.end()
    while (nxt := re.compile(rf"\s+{len(entries) + 2}\s*[.)、]\s+(?=\S)").search(
            para, pos)) is not None:
        entries.append(para[pos:nxt.start()])
        pos = nxt.end()
    last = next(iter(find_titles(para[pos:pos + MAX_RUN_IN_ENTRY])), None)
    if not entries or last is None or last.start != 0 or any(
            len(e) > MAX_RUN_IN_ENTRY or _SENTENCE_END_RE.search(e) for e in entries):
        return [para]
    entries.append(para[pos:pos + last.end])
    rest = para[pos + last.end:].strip()
    return [para[:m.start() + 1], *(f"{n}. {e}" for n, e in enumerate(entries, 1)),
            *([rest] if rest else [])]


# a list's intro that points back at what the sentence before it reports: "These guidelines
# include:", "They include, non-exhaustively:"
_POINTS_BACK_RE = re.compile(
    r"\s*(?:these|they|those)(?:\s+[a-z][\w-]*){0,2}\s+(?:include|includes|are|comprise|cover)"
    r"\b[^:：.;]{0,40}[:：]\s*", re.IGNORECASE)
# the documents such a sentence reports in common nouns: "released four technical guidelines",
# "regulations and guidelines ... were issued"
_PLURAL_DOCUMENTS_RE = re.compile(
    r"\b(?:documents|rules|regulations|measures|guidelines|notices|circulars|opinions"
    r"|provisions|policies|plans|standards|laws|drafts|specifications)\b")


def _intro_of(para: str, periods: list[Period]) -> Found | None:
    """The policy the list entries after a paragraph ending in ':' share: its last sentence's
    (`_list_intro`), or, when that sentence only points back ("These guidelines include:"),
    the sentence before it, which says who issued the documents listed."""
    said = sentences(para)
    last = said[-1][1][-MAX_SENTENCE:]
    if len(said) >= 2 and _POINTS_BACK_RE.fullmatch(last):
        return _reported_documents(said[-2][1][-MAX_SENTENCE:], periods)
    return _list_intro(last, periods)


def _reported_documents(sentence: str, periods: list[Period]) -> Found | None:
    """'On 8 July, the NIFDC released four technical guidelines ...' as the issuers and date
    of the documents it reports without naming them; None unless it has an issuing verb and
    names them in a plural common noun. Its subject may name no body: "regulations ... were
    issued" still reports documents, whoever issued them."""
    verb = next(iter(VERB_RE.finditer(sentence)), None)
    if verb is None or not _PLURAL_DOCUMENTS_RE.search(sentence):
        return None
    refs, etc = issuers_in(_subject(sentence[:verb.start()]))
    mention = _date_before(sentence, verb.start())
    return Found("", "", refs, etc, resolve(mention, periods) if mention else None,
                 mention is not None)


def _lead(sentence: str, periods: list[Period]) -> Found | None:
    """A sentence that says who issued documents it does not name ("On 17 February 2023, the
    CSRC published new regulations on ..."), as their issuers and date."""
    verb = next(iter(VERB_RE.finditer(sentence)), None)
    if verb is None or not _GENERIC_OBJECT_RE.match(sentence, verb.end()) \
            or find_titles(sentence):
        return None
    refs, etc = issuers_in(_subject(sentence[:verb.start()]))
    if not refs:
        return None
    mention = _date_before(sentence, verb.start())
    return Found("", "", refs, etc, resolve(mention, periods) if mention else None,
                 mention is not None)


# what an issuing verb's object may not be for the sentence to report its entry's document: a
# clause ("announced that ..."), a plan ("announced plans to ..."), a title (its own report)
_NOT_A_REPORT_RE = re.compile(r"\s+(?:that|plans?|to|it|its\s+intention)\b", re.IGNORECASE)


def opening_report(sentence: str, periods: list[Period]) -> Found | None:
    """A sentence that opens with its date and says a body issued or announced something it
    does not title ("On 25 November 2025, China's Ministry of Commerce (MOFCOM) announced a
    three-month extension of ..."): the body and that date, for the document an entry's
    headline titles; None for any other sentence."""
    d = next(iter(good_mentions(sentence)), None)
    if d is None or not re.fullmatch(r"\s*(?:On|In)\s+", sentence[:d.start]) or find_titles(
            sentence):
        return None
    verb = next(iter(VERB_RE.finditer(sentence, d.end)), None)
    if verb is None or _NOT_A_REPORT_RE.match(sentence, verb.end()):
        return None
    gap = sentence[d.end:verb.start()]
    if not gap.startswith(",") or _DATED_GAP_RE.search(gap):
        return None
    refs, etc = issuers_in(_subject(gap.lstrip(", ")))
    if not refs:
        return None
    return Found("", "", refs, etc, resolve(d, periods), True)


def _credit_leads(para: str, found: list[Found], lead: Found | None,
                  periods: list[Period]) -> Found | None:
    """Give each subjectless report of `para` the issuers (and, if it states none, the date)
    of the last lead sentence before it, in this paragraph or an earlier one; the lead in
    force after the paragraph. A report with issuers of its own ends a lead."""
    events = [(offset, _lead(sentence[:MAX_SENTENCE], periods))
              for offset, sentence in sentences(para)]
    for f in sorted(found, key=lambda f: f.start):
        for offset, got in events:
            if got is not None and offset <= f.start:
                lead = got
        events = [(o, g) for o, g in events if o > f.start]
        if f.subjectless and not f.refs and lead is not None:
            f.refs, f.etc = list(lead.refs), lead.etc
            if not f.dated and lead.dated:
                f.issued_on, f.dated = lead.issued_on, True
        elif f.refs:
            lead = None
    return next((g for _, g in reversed(events) if g is not None), lead)


# the formula of a notice that issues a document: "The X is hereby printed and distributed to
# you", "现将《X》印发给你们"
HEREBY_RE = re.compile(r"\bhereby\b|\bis\s+now\s+(?:announced|promulgated|published|issued)\b"
                        r"|现将?.{0,80}?(?:印发|发布|公布)给", re.IGNORECASE)
# an order's signature by its head: "Director Zhang Gong", "Wang Wentao, Minister of Commerce",
# "局长 张工"
SIGNER_RE = re.compile(r"(?:Director|Minister|Chairman|Chairwoman|Chairperson|Premier|Governor"
                        r"|President|Commissioner|Administrator)(?:\s+[A-Z][a-z]+){1,3}"
                        # "Wang Wu, Minister of Widgets"
                        r"|[A-Z][a-z]+(?:\s[A-Z][a-z]+){1,2},\s*(?:Minister|Director|Chair"
                        r"(?:man|woman|person)?|Premier|Governor|Head|President|Commissioner"
                        r"|Administrator)\b[^.;:!?]{0,100}"
                        r"|(?:部长|主任|局长|署长|总理|行长|主席|省长|市长)\s*[\u4e00-\u9fff]{2,4}")
_SIGNATURE_NOTE_RE = re.compile(r"\s*[(（][^()（）]{0,80}[)）]\s*$")
_DATE_REST_RE = re.compile(r"[\s,.，。]*")


def sign(found: list[Found], after: list[str], periods: list[Period]) -> None:
    """A notice's signature under it ("State Council" / "June 25, 2018", or "State Council
    November 29, 2016 (This circular is released publicly)"): the issuer and the date of
    what it issues hereby, when its sentence names neither."""
    if not after:
        return
    line = _SIGNATURE_NOTE_RE.sub("", after[0])
    mentions = [d for d in date_mentions(line) if d.year and d.day]
    body = line[:mentions[0].start] if mentions else line
    if mentions and _DATE_REST_RE.fullmatch(line[mentions[0].end:]) is None:
        return
    refs = issuer_line(body)
    if not refs and not SIGNER_RE.fullmatch(body.strip()):
        return  # a signature names a body, or the head who signs for it
    if not mentions and len(after) > 1:
        mentions = [d for d in date_mentions(after[1]) if d.year and d.day][:1]
        if mentions and not _DATE_REST_RE.fullmatch(
                after[1][:mentions[0].start] + after[1][mentions[0].end:]):
            mentions = []
    for f in found:
        if not f.refs:
            f.refs = list(refs)
        if not f.dated and mentions:
            f.issued_on, f.dated = resolve(mentions[0], periods), True


# "Issuance Date: February 21, 2023", "Date of issue: June 14, 2013. Effective date: ..."
_ISSUE_DATE_LABEL_RE = re.compile(r"\s*(?:issu(?:ance|e|ing)\s+date|date\s+of\s+(?:issu(?:e|ance)"
                                  r"|promulgation|release)|release\s+date|promulgation\s+date"
                                  r"|issued\s+on)\s*[:：]\s*", re.IGNORECASE)


def _labelled_issue_date(found: Found, after: list[str], periods: list[Period]) -> None:
    """The labelled issuing date on a line under the line that lists a document ("1、GACC
    Announcement No. 14 of 2023 (...)" / "Issuance Date: February 21, 2023"); a line that is
    no such label ends the search."""
    for text in after:
        m = _ISSUE_DATE_LABEL_RE.match(text)
        if m is None:
            return
        d = next(iter(date_mentions(text[m.end():m.end() + 40])), None)
        if d is not None and d.start == 0:
            found.issued_on, found.dated = resolve(d, periods), True
            return


# a decree's heading line: "Order of the State Council No. 726", "Decree No. 7 of the MOFCOM"
_DECREE_LINE_RE = re.compile(r"(?:the\s+)?(?:Order|Decree)\b[^.;:!?]{0,120}?\bNo\.\s?\d{1,4}"
                             r"(?:\s+of\s+[^.;:!?]{3,120})?")


# an order's number on a line of its own, under the order's name: "No. 45", "第45号"
_ORDER_NUMBER_RE = re.compile(r"No\.\s?\d{1,4}|第\s*\d{1,4}\s*号")


def _decree_head(found: list[Found], before: list[str], periods: list[Period]) -> None:
    """A decree's heading over the paragraph that promulgates what it names hereby ("Order of
    the State Council No. 726" / "March 27, 2020", or its number on a line of its own): that
    order's body and date are the issuer and the date of what it promulgates, when its
    sentence states neither."""
    if len(before) == 3 and _ORDER_NUMBER_RE.fullmatch(before[1].strip()):
        # "Order of the Ministry of Commerce" / "No. 45" / "July 30, 2021": one heading
        before = [f"{before[0].strip()} {before[1].strip()}", before[2]]
    before = before[-2:]
    if len(before) != 2 or not _DECREE_LINE_RE.fullmatch(before[0].strip()):
        return
    mentions = [d for d in date_mentions(before[1]) if d.year and d.day]
    if len(mentions) != 1 or _DATE_REST_RE.fullmatch(
            before[1][:mentions[0].start] + before[1][mentions[0].end:]) is None:
        return
    refs = title_issuers(before[0].strip()) or issuers_in(without_order(before[0]))[0]
    for f in found:
        if not f.refs:
            f.refs = list(refs)
        if not f.dated:
            f.issued_on, f.dated = resolve(mentions[0], periods), True


def list_entry_title(text: str) -> tuple[str, str]:
    """'Judges Law (Draft Revision) 法官法修订草案 (ENGLISH)' -> English and Chinese title."""
    text = collapse_ws(text)
    for _ in range(3):
        text = _LINK_TAIL_RE.sub("", text)
    if "《" in text or _ZH_PAREN_TAIL_RE.search(text):
        return title_parts(text)
    m = CJK_CHAR_RE.search(text)
    if m:
        return text[:m.start()].strip(" -–—:"), remove_cjk_spaces(text[m.start():])
    return _without_note(text).strip(" .;,"), ""


# what a list entry adds after its title: "(PIS Specification), as amended and effective from
# 1 October 2020;", ", effective from 19 April 2019; and"
_ENTRY_NOTE_RE = re.compile(r"\s*(?:[(（][^()（）]{1,40}[)）])?\s*(?:,\s+[a-z]|;)")


def _without_note(text: str) -> str:
    """A list entry's title without the clause about the document that follows it."""
    span = next(iter(find_titles(text)), None)
    if span is None or span.start != 0 or not span.english \
            or not _ENTRY_NOTE_RE.match(text, span.end):
        return text
    return span.english


def _list_intro(sentence: str, periods: list[Period]) -> Found | None:
    """'The NPCSC on December 29 released the following draft laws ...:' as the policy its
    list entries share (issuers and date), or None without an issuing verb."""
    verb = next(iter(VERB_RE.finditer(sentence)), None)
    if verb is None or find_titles(sentence[verb.end():]):
        return None
    if not _LISTED_RE.search(sentence[verb.end():]):
        return None  # "The Overall Plan was formulated to:" lists aims, not documents
    refs, etc = issuers_in(_subject(sentence[:verb.start()]))
    if not refs and not etc:
        return None  # "The revised regulations including:" lists what they change
    mention = _date_before(sentence, verb.start())
    return Found("", "", refs, etc, resolve(mention, periods) if mention else None,
                 mention is not None)


def _in_sentence(sentence: str, periods: list[Period]) -> list[Found]:
    spans = find_titles(sentence)
    verbs = list(VERB_RE.finditer(sentence)) if spans or "“" in sentence or '"' in sentence \
        else []
    spans = sorted([*spans, *_named_after_verb(sentence, verbs, spans)], key=lambda s: s.start)
    if not spans:
        return []
    renamed = _renamed(sentence, spans)
    out: list[Found] = []
    previous: tuple[TitleSpan, re.Match, bool] | None = None
    for span in spans:
        by_zh = _ZH_PASSIVE_RE.match(sentence, span.end) if span.chinese else None
        if by_zh:  # "《T》已由第十四届全国人大常委会第十五次会议于2025年4月30日通过"
            mention = next(iter(date_mentions(by_zh.group("d") or by_zh.group("d2") or "")),
                           None)
            body = by_zh.group("by") or by_zh.group("by2")
            refs, etc = issuers_in(_ZH_SESSION_RE.sub("", body))
            out.append(Found(span.english, span.chinese, refs, etc,
                             resolve(mention, periods) if mention else None,
                             mention is not None, span.start))
            previous = None
            continue
        relation = _relation(sentence, span, verbs, previous)
        if relation is None:
            previous = None
            if _reported_as_event(sentence, span):
                out.append(_event_found(sentence, span))
            continue
        verb, active = relation
        previous = (span, verb, active)
        if span not in renamed:
            out.append(_found(sentence, span, verb, active, periods))
    return out


# "the passage of the new Urban and Rural Planning Law", "The release of the T": the event a
# noun names reports the document as the verb would; not "Since the promulgation of the T"
# or "Following the release of the T", a past event the sentence starts from
_EVENT_NOUN_RE = re.compile(
    r"(?P<before>\S+\s+)?(?:the\s+)?(?:passage|adoption|release|issuance|promulgation"
    r"|publication|unveiling|enactment)\s+of\s+(?:(?:the|China['’]s|its|new|revised"
    r"|long[- ]awaited)\s+)*$", re.IGNORECASE)
_EVENT_SINCE = frozenset({"since", "following", "after", "before", "upon", "under", "until",
                          "to", "pending", "awaiting", "await", "ahead"})
_EVENT_BY_RE = re.compile(r"\s*(?:[(（][^()（）]{1,40}[)）]\s*)?,?\s*by\s+")


def _reported_as_event(sentence: str, span: TitleSpan) -> bool:
    m = _EVENT_NOUN_RE.search(sentence[max(0, span.start - 80):span.start])
    return m is not None and (m.group("before") or "").strip().lower() not in _EVENT_SINCE


def _event_found(sentence: str, span: TitleSpan) -> Found:
    """A document an event noun reports ("the release of the T by X"): X and a body its title
    names issued it; no date is read, since the noun's date may be any step of its making."""
    refs: list[str] = []
    etc = False
    by = _EVENT_BY_RE.match(sentence, span.end)
    if by:
        refs, etc = issuers_in(_clause(sentence[by.end():]))
    refs += [r for r in title_issuers(span.english, span.chinese) if r not in refs]
    return Found(span.english, span.chinese, refs, etc, None, False, span.start)


_RENAMED_RE = re.compile(r"\s*,\s*(?:the\s+|its\s+)?(?=[“\"])")


def _renamed(sentence: str, spans: list[TitleSpan]) -> list[TitleSpan]:
    """The titles that a quoted title in apposition names ("its draft patent linkage Judicial
    Interpretation, the “Provisions on ...”"): one document, the quoted one its title."""
    return [s for s, nxt in zip(spans, spans[1:], strict=False)
            if nxt.quoted and not s.quoted and (m := _RENAMED_RE.match(sentence, s.end))
            and m.end() == nxt.start]


def _named_after_verb(sentence: str, verbs: list[re.Match], spans: list[TitleSpan]
                      ) -> list[TitleSpan]:
    """A quoted name the issuing verb takes as its object, with no document word: 'the CSRC
    issued its “Real Estate Private Equity Investment Funds Pilot”'."""
    out: list[TitleSpan] = []
    for verb in verbs:
        m = _QUOTED_OBJECT_RE.match(sentence, verb.end()) or _DUBBED_RE.match(sentence,
                                                                               verb.end())
        if m and not any(s.start <= m.start("q") < s.end for s in spans):
            name = m.group("name").strip().rstrip(",.").strip()
            words = name.split()
            if 2 <= len(words) <= 15 and sum(w[:1].isupper() or w[:1].isdigit()
                                            for w in words) >= 0.6 * len(words):
                out.append(TitleSpan(m.start("q"), m.end(), name, "", quoted=True))
                continue
        m = _LOWER_QUOTED_OBJECT_RE.match(sentence, verb.end())
        if m and not any(s.start <= m.start("q") < s.end for s in spans) \
                and _LOWER_DOCUMENT_RE.match(m.group("name")) \
                and MIN_LOWER_TITLE_WORDS <= len(m.group("name").split()) <= 20:
            # "released on 4 June the “special action plan for consumer product national
            # standards (2019)”": a name in lower case, in quotes, that says what it is
            out.append(TitleSpan(m.start("q"), m.end(), m.group("name").strip(), "",
                                 quoted=True))
    return out


# a verb's quoted object in lower case, maybe after the date: 'released on 4 June the “...”'
_LOWER_QUOTED_OBJECT_RE = re.compile(
    r"\s+(?:on\s+[^“”\",.;]{3,30}?\s+)?(?:(?:its|their|the|a|an|new|latest)\s+){0,2}"
    r"(?P<q>[“\"])(?P<name>[a-z][^“”\"\n]{3,150})[”\"]")
# what such a name is, in its first few words: "special action plan for ...", "guidelines for"
_LOWER_DOCUMENT_RE = re.compile(
    r"(?:[a-z][\w-]*\s+){0,3}(?:plan|guidelines|measures|rules|provisions|opinions|notice"
    r"|regulations|methods|catalogue|programme|program|outline|scheme)\b")
MIN_LOWER_TITLE_WORDS = 3


# an issuing verb's quoted object: 'issued its “Made in China 2025”'
_QUOTED_OBJECT_RE = re.compile(r"\s+(?:(?:its|their|the|a|an|new|latest)\s+){0,2}(?P<q>[“\"])"
                               r"(?P<name>[A-Z0-9][^“”\"\n]{3,150})[”\"]")


def _relation(sentence: str, span: TitleSpan, verbs: list[re.Match],
              previous) -> tuple[re.Match, bool] | None:
    """The issuing verb a title is the object (active) or subject (passive) of; a title that
    took effect ("On March 1, 2020, the Provisions on ... took effect") is reported on too,
    unless a clause about something else opens with it ("Since the Law took effect, ...")."""
    if previous and re.fullmatch(r"[\s,]*(?:and|as\s+well\s+as|along\s+with|together\s+with"
                                 r"|,)?(?:\s+(?:a|an|the|its))?[\s,]*",
                                 _without_parens(sentence[previous[0].end:span.start])):
        return previous[1], previous[2]
    before = [v for v in verbs if v.end() <= span.start]
    after = [v for v in verbs if v.start() >= span.end
             and not _AS_REVISED_RE.fullmatch(sentence[max(0, v.start() - 3):v.end()])]
    passive = after[0] if after and (
        _is_passive_gap(sentence[span.end:after[0].start()])
        or _OPENS_PARENTHESIS_RE.fullmatch(sentence, span.end, after[0].start())) else None
    if before and _is_filler(sentence[before[-1].end():span.start]):
        if passive and _ADJECTIVE_RE.search(sentence, 0, before[-1].start()) \
                and _BY_RE.match(sentence[passive.end():]):
            return passive, False  # "the revised T was published by X": X, not "the"
        return before[-1], True
    if passive:
        return passive, False
    if after and _issuer_relative(sentence[span.end:after[0].start()]):
        if len(after) > 1 and _CLAUSE_THEN_PASSIVE_RE.fullmatch(
                sentence, after[0].end(), after[1].start()) \
                and _BY_RE.match(sentence[after[1].end():]):
            # "T, which the MIIT drafted in 2021, was issued by the State Council": the main
            # verb's agent issued it; the relative clause tells an earlier step
            return after[1], False
        return after[0], True
    effect = _EFFECT_RE.match(sentence, span.end)
    if effect and (span.chinese or len(span.english.split()) >= 4):  # not "The AI Measures"
        clause = re.split(r"[,;，；]", sentence[:span.start])[-1].split()
        if not clause or clause[0].lower() not in _SUBORDINATE:
            return effect, False
    return None


# "the revised T", "a newly released T": the verb as an adjective of the title, whose issuer
# a passive verb after it may name
_ADJECTIVE_RE = re.compile(r"\b(?:the|a|an|this|its|their)\s+(?:newly\s+|recently\s+)?$",
                           re.IGNORECASE)


# "T (the Measures), which the MOF and the SAT jointly released": the title as the object of
# a relative clause whose subject is its issuer
_OBJECT_RELATIVE_RE = re.compile(
    r"\s*,\s*(?:which|that)\s+(?P<subject>[^,;:()]{2,200}?)"
    r"(?:\s+(?:has|have|had|recently|jointly|just|also|officially|formally|newly|finally))*\s*",
    re.IGNORECASE)


# the rest of a relative clause, then the main clause's passive: " in 2021, was "
_CLAUSE_THEN_PASSIVE_RE = re.compile(r"[^,;:()]{0,80},\s*(?:(?:has|have|had|was|were|is|are|been"
                                     r"|jointly|officially|formally|finally)\s+)+")


def _issuer_relative(gap: str) -> bool:
    """Whether the words between a title and a verb after it are ', which X (recently)' with X
    naming a body."""
    m = _OBJECT_RELATIVE_RE.fullmatch(_without_parens(gap))
    return bool(m) and bool(issuers_in(m.group("subject"))[0])


# "T (adopted on 8 May 2024)", "T (issued by X in 2019)": a note after the title that says
# when and by whom it was issued
_OPENS_PARENTHESIS_RE = re.compile(r"\s*[(（]\s*")


def _is_filler(gap: str) -> bool:
    """'the', 'its', 'a 20-article', 'the long awaited', 'an announcement on'; 'new rules, the'
    (the title in apposition); 'export controls on gallium in' (the document that carries
    what was issued)."""
    if _GENERIC_AND_RE.fullmatch(gap) or _APPOSITION_RE.fullmatch(gap) \
            or _CARRIER_RE.fullmatch(gap) \
            or _DISTRIBUTING_RE.fullmatch(gap) or _DUBBED_GAP_RE.fullmatch(gap) \
            or _ACTS_ON_RE.fullmatch(gap) or _LISTED_OBJECTS_RE.fullmatch(gap):
        return True
    owner = _OWNER_RE.search(gap)
    if owner and gap[:owner.start()].strip() in ("", "the") \
            and issuers_in(owner.group("body"))[0]:
        return True  # "comments on the CFDA's draft amendments to the ..."
    dated = _DATED_GAP_RE.fullmatch(gap)
    if dated and date_mentions(dated.group("d")):
        return True  # "approved, on 10 June 2021, the Data Security Law"
    if re.search(r"[,;:()（）]", gap):
        return False
    words = gap.split()
    if words and words[0].lower() in ("and", "or"):
        return False  # "... will be revised and the Telecom Law ...": a new clause
    return len(words) <= 6 and not any(w.lower() in _FILLER_STOP for w in words) and not any(
        w.strip("“\"") in KEYWORDS for w in words)


_DOCUMENT_NOUN = (r"(?:rules|regulations|measures|guidelines|guideline|guidance|notice|circular"
                  r"|opinions|document|documents|policy|policies|plan|draft|provisions|law|list)")
# what an issuing verb issues when the sentence names no title: "published new regulations
# relating to ...", "released a set of draft rules"
_GENERIC_OBJECT_RE = re.compile(
    rf"\s+(?:(?:a|an|the|its|their|new|draft|revised|final|several|two|three|four|five|six"
    rf"|set\s+of|series\s+of|number\s+of)\s+){{0,3}}(?:[a-z][\w-]*\s+){{0,2}}"
    rf"(?:{_DOCUMENT_NOUN}|drafts)\b", re.IGNORECASE)

# "released the new negative list for foreign investments and the T": a document named in
# common words, then the titled one the verb also issued
_GENERIC_AND_RE = re.compile(
    rf"\s*(?:(?:a|an|the|its|their|new|draft|revised|final)\s+){{0,3}}(?:[A-Za-z][\w-]*\s+){{0,3}}"
    rf"{_DOCUMENT_NOUN}(?:\s+(?:for|on|of)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){{0,3}})?"
    rf"\s+and\s+(?:the\s+|its\s+)?", re.IGNORECASE)
_DATED_GAP_RE = re.compile(r"\s*,\s*(?:on|in)\s+(?P<d>[^,;]{3,30}?)\s*,\s*(?:(?:the|its|a|an)\s+)?")
# what announces a list of documents: "released the following drafts:", "issued two rules:"
_LISTED_RE = re.compile(rf"\b(?:following|below)\b|\b{_DOCUMENT_NOUN}\b|\bdrafts\b",
                        re.IGNORECASE)
# "issued new rules, the Provisions on ...", "released a draft, namely the ..."
_APPOSITION_RE = re.compile(
    rf"\s*(?:(?:a|an|its|their|new|the|draft|revised|two|three|several|long-awaited)\s+){{0,3}}"
    rf"{_DOCUMENT_NOUN}\s*,\s*(?:(?:namely|i\.e\.|entitled|titled)\s+)?(?:the\s+)?",
    re.IGNORECASE)
# "announced export controls on gallium and germanium in Announcement No. 23"
_CARRIER_RE = re.compile(r"\s*(?:[a-z][\w-]*\s+){1,10}(?:in|through|via|under)\s+(?:the\s+)?")


# "unveiled a national plan, dubbed “Made in China 2025”", "released a strategy recently, known
# as “...”": the name the document goes by
_DUBBED_GAP = (rf"\s*(?:(?:a|an|the|its|their)\s+)?(?:[a-z][\w-]*\s+){{0,3}}"
               rf"(?:{_DOCUMENT_NOUN}|strategy|initiative|blueprint|programme|program|roadmap)"
               r"\s*,?\s*(?:(?:recently|today|yesterday)\s*,?\s*)?"
               r"(?:dubbed|called|named|titled|entitled|known\s+as)\s+")
_DUBBED_GAP_RE = re.compile(_DUBBED_GAP, re.IGNORECASE)
_DUBBED_RE = re.compile(_DUBBED_GAP + r"(?P<q>[“\"])(?P<name>[A-Z0-9][^“”\"\n]{3,150})[”\"]",
                        re.IGNORECASE)
# "BEIJING, May 19 (Xinhua) — ...", "Beijing, (People's Daily Online), May 22, 2015 – ...": a
# news report's dateline, not the date of what it reports
_DATELINE_RE = re.compile(r"\s*(?:[(（][^()（）]{1,40}[)）])?\s*(?:--|[–—])\s")


# "issued an announcement No. 39/2023 on the Printing and Distributing of the ...", "released a
# circular on issuing the ...": the notice that carries the document it issues
_DISTRIBUTING_RE = re.compile(
    r"\s*(?:(?:a|an|the|its|their)\s+)?(?:notice|circular|announcement|order|decree)"
    r"(?:\s+No\.?\s*[\w/\[\]〔〕-]{1,20})?\s+(?:on|of|concerning|regarding)\s+(?:the\s+)?"
    r"(?:printing\s+and\s+distribut(?:ing|ion)|issuing|issuance|promulgating|promulgation"
    r"|releasing|publishing|publication)(?:\s+of)?\s+(?:the\s+)?", re.IGNORECASE)


# "released a series of supporting regulations for implementing the X Law, such as the ...",
# "issued two documents, including the ...": the documents the verb issued, listed by name
_LISTED_OBJECTS_RE = re.compile(
    r"\s*(?:(?:a|an|the|its|their)\s+)?(?:(?:series|number|set|batch|package)\s+of\s+"
    r"|(?:two|three|four|five|six|seven|eight|nine|ten|several|multiple|\d{1,2})\s+)"
    r"(?:[\w-]+\s+){0,4}(?:documents|rules|regulations|measures|guidelines|notices|circulars"
    r"|opinions|provisions|policies|plans|standards|laws|drafts)\b[^;:.]{0,160}?,?\s+"
    r"(?:such\s+as|including|namely|i\.\s?e\.,?|viz\.,?)\s+(?:the\s+)?", re.IGNORECASE)
# "issued an order (SAMR Order No. 31) to amend the ...", "issued a notice of public consultation
# for the ...", "published a notice soliciting comments on the ...": the order or notice that
# acts on the document the report is about, whose issuer is the verb's subject
_ACTS_ON_RE = re.compile(
    r"\s*(?:(?:a|an|the|its|their)\s+)?(?:notice|circular|announcement|order|decree|decision)"
    r"(?:\s+No\.?\s*[\w/\[\]〔〕-]{1,20})?(?:\s*\([^()]{1,60}\))?\s+"
    r"(?:(?:to|that)\s+(?:amend|revise|repeal|abolish|modify|replace)s?"
    r"|(?:of|on|for)\s+(?:public\s+)?(?:consultation|comments?|feedback|opinions)"
    r"\s+(?:on|for|regarding|about|of)"
    r"|(?:seeking|soliciting|inviting|requesting)\s+(?:public\s+)?(?:comments?|feedback"
    r"|opinions|views)\s+(?:on|for|regarding|about))\s+(?:the\s+)?", re.IGNORECASE)


def _is_passive_gap(gap: str) -> bool:
    """'has been', 'was jointly', 'as revised is hereby': what stands between a title and its
    passive verb."""
    gap = _AS_REVISED_RE.sub(" ", _without_parens(gap))
    gap = _WHICH_RE.sub(" ", gap, count=1)  # "T (“FIL”), which had been promulgated by X"
    # "(T), issued by X": the parenthesis the title stood in closes before the verb
    words = re.sub(r"^\s*[)）]", " ", gap).replace(",", " ").split()
    return len(words) <= 5 and all(w.lower() in _PASSIVE_GAP for w in words)


def _without_parens(text: str) -> str:
    return re.sub(r"[(（][^()（）]{0,120}[)）]", " ", text)


def _found(sentence: str, span: TitleSpan, verb: re.Match, active: bool,
           periods: list[Period]) -> Found:
    refs: list[str] = []
    etc = subjectless = False
    pronoun = ""
    owner = _OWNER_RE.search(sentence[max(0, span.start - 200):span.start])
    owned = issuers_in(owner.group("body")) if owner else ([], False)
    if owned[0]:
        # "the CFDA's draft amendments to the Drug Registration Regulations": the document's
        # body, whoever the sentence's subject is ("AmCham submitted comments on ...")
        refs, etc = owned
    elif active and _COMMENTER_RE.fullmatch(verb.group(0)):
        # "AmCham commented on the Draft T (released by the MIIT)": who comments on a document
        # did not issue it; the agent after it did
        by = _RELEASED_BY_RE.match(sentence, span.end)
        if by:
            refs, etc = issuers_in(_clause(sentence[by.end():]))
    elif active:
        subject = _subject(sentence[:verb.start()])
        refs, etc = issuers_in(subject)
        last_clause = (clauses(sentence[:verb.start()]) or [""])[-1]
        subjectless = not subject.strip() and not _NAMED_SUBJECT_RE.fullmatch(last_clause)
        pointing = _PRONOUN_SUBJECT_RE.fullmatch(last_clause)
        if pointing and not subject.strip():
            pronoun = pointing.group("p").lower()
    else:
        by = _BY_RE.match(sentence[verb.end():])
        if by:
            agent = _clause(sentence[verb.end() + by.end():])
            if _in_parens(sentence, verb.start()):
                agent = agent.split(")")[0]  # "T (promulgated by X) CN017, ...": X alone
            refs, etc = issuers_in(without_order(agent))
    tail = sentence[span.end:]
    with_ = _WITH_RE.search(tail)
    if with_:
        more, more_etc = issuers_in(_clause(tail[with_.end():]))
        refs += [r for r in more if r not in refs]
        etc = etc or more_etc
    refs += [r for r in title_issuers(span.english, span.chinese) if r not in refs]
    order = _ORDER_NOTE_RE.match(sentence, span.end)
    if order:  # "T (State Council Order No.739, ...)": the order's body made it
        refs += [r for r in issuers_in(order.group("body"))[0] if r not in refs]
    # a date set off after the verb is the issuing one, whatever date opens the sentence
    # ("25-06-2019 To implement ..., SAC released on 4 June the “...”": the entry's date)
    mention = (_date_between(sentence, verb, span) or _date_before(sentence, verb.start()))\
        if active else (_date_after_by(sentence, verb) or _opening_date_of_passive(
            sentence, span, verb))
    if owned[0] and active and _COMMENTED_RE.match(verb.group(0)):
        # "On August 26, AmCham submitted comments on the CFDA's T (July 25, 2016)": the
        # opening date is the comments', the one in parentheses the draft's
        mention = _date_in_parens_after(sentence, span.end)
    mention = mention or _date_after(sentence, span.end)
    issued_on = resolve(mention, periods) if mention else None
    return Found(span.english, span.chinese, refs, etc, issued_on, mention is not None,
                 span.start, subjectless, pronoun)


# a subject that points back at a body: "it", "they", "the ministry", "the commission"
_PRONOUN_SUBJECT_RE = re.compile(
    r"\s*(?P<p>it|they|the\s+(?:ministry|commission|council|committee|administration|bureau"
    r"|agency|regulator|authority|office|department))(?:\s+(?:also|then|further|later"
    r"|subsequently|jointly|has|have|had))*\s*", re.IGNORECASE)


def subject_bodies(text: str) -> list[tuple[int, list[str]]]:
    """(offset, bodies) of each sentence of `text` whose first issuing or other verb has a
    body as its subject ("During the session, the NPCSC reviewed twelve bills ..."): what a
    later "it" may point back at."""
    out = []
    for offset, sentence in sentences(text):
        verb = _ANY_VERB_RE.search(sentence[:MAX_SENTENCE])
        if verb is None:
            continue
        refs = issuers_in(_subject(sentence[:verb.start()]))[0]
        if refs:
            out.append((offset, refs))
    return out


# a verb in the past tense or an issuing verb: where a sentence's subject ends
_ANY_VERB_RE = re.compile(rf"{VERB_RE.pattern}|\b(?:reviewed|met|held|convened|decided|said"
                          r"|announced|considered|discussed|voted)\b", re.IGNORECASE)


# a subject that names no body but the country ("Soon after, China released ..."): the
# sentence has a subject, so no earlier sentence's body is credited with what it reports
_NAMED_SUBJECT_RE = re.compile(r"^\s*(?:China|the\s+country)\s*$", re.IGNORECASE)


# a verb whose subject comments on a document someone else issued
_COMMENTER_RE = re.compile(r"(?:submitted|submits|filed)\s+(?:its\s+|their\s+)?comments\s+on"
                           r"|commented\s+on", re.IGNORECASE)
# "... the Draft T, released by the MIIT", "T (issued by X)"
_RELEASED_BY_RE = re.compile(r"\s*[,(（]?\s*(?:(?:which|that)\s+(?:was|were|had\s+been|has\s+been)"
                             r"\s+)?(?:recently\s+|jointly\s+)?(?:issued|released|published|proposed"
                             r"|drafted|promulgated)\s+(?:jointly\s+)?by\s+", re.IGNORECASE)


# the order a title was promulgated by, in a note right after it: "(State Council Order No.739"
_ORDER_NOTE_RE = re.compile(r"\s*[(（](?P<body>[^()（）,;，；]{2,80}?)\s+(?:Order|Decree)\s+No\.")


def _subject(text: str) -> str:
    """The clauses just before the verb that name its subject: back from the verb, while each
    comma-separated clause names a body; one opening with a preposition ends the subject, but
    "in conjunction with X" names more of it (or says that others go unnamed). A clause set off
    by commas that describes the one before it ("The NEA, an agency under the NDRC, issued",
    "X, which the State Council oversees, issued") names no issuer. Within the last clause,
    the subject starts after a subordinating word ("The list was launched after the State
    Council ...") or a speaker's verb ("Li Wei, a researcher at X, said the MIIT ..."), and
    nothing before that word is of it; a news report's dateline ("BEIJING, May 19 (Xinhua) —
    ") is none of it."""
    for d in date_mentions(text):
        dateline = _DATELINE_RE.match(text, d.end)
        if dateline:
            text = text[dateline.end():]
            break
    text = without_dates(text)
    kept: list[str] = []
    pieces = clauses(text)
    closed_last = text.rstrip().endswith((",", "，"))
    for i, seg in reversed(list(enumerate(pieces))):
        words = seg.split()
        if not words or all(not any(ch.isalpha() for ch in w) for w in words):
            continue
        closed = i < len(pieces) - 1 or closed_last
        if closed and _DESCRIBES_RE.match(seg) and words[0].lower() not in _PREPOSITIONS:
            continue  # ", which the NDRC oversees,", ", an agency under the NDRC,"
        if not kept:
            tail = list(_SUBJECT_AFTER_RE.finditer(seg))
            if tail:
                seg = seg[tail[-1].end():]
                if issuers_in(seg)[0] or issuers_in(seg)[1]:
                    kept.insert(0, seg)
                break
        if all(w.lower() in _PASSIVE_GAP for w in words):
            continue  # "..., jointly issued"
        if _WITH_RE.match(seg.strip()):
            kept.insert(0, seg)  # ", in conjunction with six other agencies,": more issuers
            continue
        if words[0].lower() in _PREPOSITIONS:
            break
        if issuers_in(seg)[0] or issuers_in(seg)[1]:
            kept.insert(0, seg)
            continue
        break
    return ",".join(kept)


# a subordinating word or a speaker's verb inside the verb's clause: the subject starts after it
_SUBJECT_AFTER_RE = re.compile(r"\b(?:after|before|when|since|because|while|once|until|that"
                               r"|which|where|whereas|(?:said|says|stated|noted|added)"
                               r"(?:\s+that)?)\s+", re.IGNORECASE)
# a clause that describes the one before it: a relative clause, or an appositive opening with
# a lower-case word ("an agency under ...", "director of ...")
_DESCRIBES_RE = re.compile(r"\s*(?:(?:which|who|whose|whom)\b|(?!(?:the|and|or|both|its|their"
                           r"|jointly|together|along|respectively)\b)[a-z])")


def _clause(text: str) -> str:
    """Up to the end of the clause: ';', ', which', ', with the support of' ... or the
    sentence's end (who supported or asked for a document did not issue it)."""
    m = re.search(r";|,\s*(?:which|who|where|while|but|under|according|introducing|aiming"
                  r"|with\s+the\s+(?:support|help|assistance|approval|consent|guidance)"
                  r"|at\s+the\s+(?:request|invitation)|on\s+behalf)\b"
                  r"|\s(?:to|in\s+order\s+to)\s+[a-z]", text)
    return text[:m.start()] if m else text


def good_mentions(sentence: str) -> list[DateMention]:
    """The dates of a sentence that can be an issuing date (no deadline, effective date or
    meeting date)."""
    out = []
    for d in date_mentions(sentence):
        words = [w.strip("(,").lower() for w in sentence[max(0, d.start - 40):d.start].split()]
        if not any(w in _BAD_DATE_WORDS for w in words[-3:]):
            out.append(d)
    return out


def _date_before(sentence: str, verb_start: int) -> DateMention | None:
    """The last date before the verb, unless it stands in an opening clause about another
    event ("Following the release of the draft in December 2021, the CSRC issued ...")."""
    mentions = [d for d in good_mentions(sentence) if d.end <= verb_start
                and not _DATELINE_RE.match(sentence, d.end)]
    if not mentions:
        return None
    d = mentions[-1]
    clause = re.split(r"[,;，；]", sentence[:d.start])[-1].split()
    if clause and clause[0].lower().strip("(“\"") in _OTHER_EVENT:
        return None
    return d


_TAKES_EFFECT_RE = re.compile(r"\b(?:took|takes|take|came|comes|come|went|entered|enters)\s+"
                              r"(?:into\s+)?(?:effect|force)\b", re.IGNORECASE)
_FINITE_PASSIVE_RE = re.compile(r"\b(?:was|were|is|are|been)\b", re.IGNORECASE)
_OPENS_WITH_DATE_RE = re.compile(r"\s*(?:On|on|In|in)\s*$")
_BEFORE_TITLE_RE = re.compile(r"\s*,\s*(?:the\s+)?[“\"]?\s*$", re.IGNORECASE)


def _opening_date_of_passive(sentence: str, span: TitleSpan, verb: re.Match
                             ) -> DateMention | None:
    """The date a sentence opens with when its title is the subject of a finite passive verb
    ("On January 9, 2031, the Rules on X are hereby promulgated by MOFCOM", "... have finally
    been promulgated"); not a participle after the title ("On 1 March, the Measures issued by
    X took effect": the date of taking effect)."""
    d = next(iter(good_mentions(sentence[:span.start])), None)
    if d is None or not _OPENS_WITH_DATE_RE.fullmatch(sentence[:d.start]) \
            or not _BEFORE_TITLE_RE.fullmatch(sentence[d.end:span.start]):
        return None
    gap = _without_parens(sentence[span.end:verb.start()])
    if not _FINITE_PASSIVE_RE.search(gap) or re.search(r"\b(?:which|that)\b", gap) \
            or _TAKES_EFFECT_RE.search(sentence, verb.end()):
        return None  # "On 1 March, T, which was issued in 2030, took effect": not its issuing
    return d


def _date_between(sentence: str, verb: re.Match, span: TitleSpan) -> DateMention | None:
    """A date set off between the verb and its title: 'approved, on 10 June 2021, the ...';
    not one in parentheses, which dates the title before it ('T1 (April 11, 2017) and T2')."""
    return next((d for d in good_mentions(sentence) if verb.end() <= d.start < span.start
                 and not _in_parens(sentence, d.start)), None)


def _in_parens(text: str, at: int) -> bool:
    """Does a parenthesis opened before `at` stay open there?"""
    before = text[:at]
    return before.count("(") + before.count("（") > before.count(")") + before.count("）")


def _date_after_by(sentence: str, verb: re.Match) -> DateMention | None:
    """The date after a passive verb and its agent: 'T, which had been promulgated by the
    National People's Congress on 15 March 2019', 'T was issued on 5 May'."""
    for d in date_mentions(sentence):
        if d.start >= verb.end():
            gap = _AGENT_THEN_ON_RE.fullmatch(sentence[verb.end():d.start])
            if gap is None:
                return None
            # the agent's "by" is no deadline ("issued by MOFCOM on 3 March"), but a word of a
            # deadline or an entry into force inside it is ("by X and takes effect on ...")
            agent = (gap.group("agent") or gap.group("of") or gap.group("no") or ""
                     ).lower().split()
            return None if any(w in _BAD_DATE_WORDS and w != "of" for w in agent) else d
    return None


# "by X on", "by X, Y and Z on" (a comma only before a capitalised name), "on"; the order that
# carried it: "by Order No. 3 of <date> of X", "as Order of X No. 31 on <date>", "by Order
# No. 35 of X on <date>"
_AGENT_THEN_ON_RE = re.compile(
    r"\s*(?:(?:jointly\s+)?by\s+(?P<agent>(?:[^,;.()]|,(?=\s+[A-Z])){2,120}?)\s+)?on\s+"
    r"|\s*(?:by|as)\s+(?:an?\s+)?(?:Order|Decree)\s+No\.\s*\d{1,4}\s+of\s+"
    r"|\s*(?:by|as)\s+(?:an?\s+)?(?:Order|Decree)\s+(?:of\s+(?P<of>[^,;.()]{2,120}?)\s+"
    r"No\.\s*\d{1,4}|No\.\s*\d{1,4}\s+of\s+(?P<no>[^,;.()]{2,120}?))\s+on\s+", re.IGNORECASE)


# "... and solicited public opinions on": the day a draft went out for comment is its date
_AND_SOLICITED_RE = re.compile(r"\s*and\s+(?:solicited|sought|invited|called\s+for|asked\s+for)"
                               r"\s+(?:public\s+)?(?:comments|opinions|feedback|views)"
                               r"(?:\s+from\s+the\s+public)?\s+on\s+", re.IGNORECASE)
_COMMENTED_RE = re.compile(r"(?:submitted|submits|filed|commented)\b", re.IGNORECASE)


def _date_in_parens_after(sentence: str, title_end: int) -> DateMention | None:
    """A date alone in parentheses right after the title ("the CFDA's draft amendments to the
    Drug Registration Regulations (July 25, 2016)"): the title's own date, over a date that
    opens the sentence for another event ("On August 26, AmCham submitted comments on ...")."""
    m = re.compile(r"\s*[(（]\s*").match(sentence, title_end)
    if m is None:
        return None
    d = next((d for d in date_mentions(sentence[m.end():m.end() + 40]) if d.start == 0), None)
    if d is None or not re.match(r"\s*[)）]", sentence[m.end() + d.end:]):
        return None
    return DateMention(m.end() + d.start, m.end() + d.end, d.year, d.month, d.day)


def _date_after(sentence: str, title_end: int) -> DateMention | None:
    """A date right after the title: 'T (“Circular”) on 10 May 2018', 'T, dated ...', or
    after the rest of its object: 'T (the Rules) and a series of associated guidelines on 17
    February 2023' (no comma, verb or relative clause between)."""
    for d in good_mentions(sentence):
        if d.start >= title_end:
            # "T (April 11, 2017)": the date inside the parenthesis right after it
            between = _without_parens(sentence[title_end:d.start]).replace("(", " ")
            gap = between.lower().split()
            if len(gap) <= 3 and (not gap or gap[-1] in ("on", "dated")):
                return d
            if _AND_SOLICITED_RE.fullmatch(between):
                return d  # "issued the Draft of T and solicited public opinions on DATE"
            if (len(gap) <= 12 and gap[-1] == "on" and not re.search(r"[,;:]", between)
                    and not VERB_RE.search(between)
                    and not any(w in _FILLER_STOP or (w in _BAD_DATE_WORDS and w != "of")
                                for w in gap[:-1])):
                return d
            return None
    return None


# the document words a title names its body after: "Order of the Ministry of Commerce No. 7"
_HEADS = KEYWORDS | {"Order", "Decree"}


def _ends_at_body(words: list[str]) -> bool:
    """Whether the words before a title's document word end at the body that wrote it
    ("MOFCOM Decision", "Ministry of Finance Notice", "State Council Anti-Monopoly Commission
    Guidelines"): a body's English name ends with its agency word or goes on with "of"/"for";
    capitalised words after it say what the document is about, and the body is then its
    subject, not its author ("State Council Institutional Reform Plan": the NPC adopted it)."""
    last = max((i for i, w in enumerate(words) if w.lower().strip("(),.") in AGENCY_WORDS),
               default=None)
    return last is None or last == len(words) - 1 or words[last + 1].lower() in CONNECTORS


def _body_end(rest: str) -> int:
    """Where the body a title names after its "of" ends: at the first "on", "for", "to" ...
    that starts what the document is about, not at a "for" that an agency word's name goes on
    with ("State Administration for Market Regulation", "Center for Drug Evaluation"; not
    "State Council for Printing ...")."""
    for m in _OF_END_RE.finditer(rest):
        before = rest[:m.start()].split()
        after = rest[m.end():].split()
        if m.group(0).strip() == "for" and before and after \
                and before[-1].lower() in AGENCY_WORDS and after[0][:1].isupper() \
                and not after[0].lower().endswith("ing"):
            continue
        return m.start()
    return len(rest)


def title_issuers(english: str, chinese: str = "") -> list[str]:
    """The body a title names as its author: 'Opinions of the Supreme People's Court on ...',
    'MOFCOM Decision to ...', '国家互联网信息办公室关于...'."""
    refs: list[str] = []
    words = english.split()
    head = next((i for i, w in enumerate(words) if w.strip("(),").capitalize() in _HEADS),
                None)
    if head is not None:
        if 0 < head <= 10 and words[head].strip("(),") != "Law" \
                and _ends_at_body(words[:head]):
            # the words before "Law" say what it governs ("Customs Law"), not who made it
            refs += issuers_in(" ".join(words[:head]))[0]
        m = _OF_BODY_RE.match(" " + " ".join(words[head + 1:]))
        if m:
            rest = _DOC_NO_RE.split(m.group("rest"), maxsplit=1)[0]  # "... of China No.7 [2018]"
            end = _body_end(rest)
            refs += [r for r in issuers_in(rest[:end])[0] if r not in refs]
    zh = _ZH_PREFIX_RE.match(chinese or "")
    if zh and not refs:
        refs += [r for r in issuers_in(zh.group("body"))[0] if r not in refs]
    return refs
