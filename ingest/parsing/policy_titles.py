"""Policy titles where prose names them, without labels.

    find_titles("... jointly released the Guidelines for the Construction of the Internet of
                 Things (IoT) Standards System (2024 Edition). These ...")
        -> [TitleSpan(english="Guidelines for the Construction of the Internet of Things (IoT)
                               Standards System (2024 Edition)", ...)]

A title is one of:
- a capitalised run around a document word ("Notice", "Opinions", "Measures", "Provisions",
  "Regulations", "Rules", "Guidelines", "Plan", "Law", "Decision", ...): capitalised words
  before it ("Interim Measures", "14th Five-Year Plan"), and after it connectors and capitalised
  words ("for the Construction of the Internet of Things"), parentheses that belong to the title
  ("(2024 Edition)", "(Draft for Comments)", "(《...》)"), up to the first lower-case word, comma
  or defined term ("(the “Notice”)"); a lower-case title ends at its defined term ("Notice on
  measures to broaden ... (the “Notice”)");
- a quoted “...” holding a document word;
- a Chinese 《...》.
A capitalised run that is an agency's name ("State Administration for Market Regulation") is no
title. Finding a title says nothing about whether the text reports on it: `prose` decides that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cleaning import CJK_CHAR_RE, collapse_ws
from .date_mentions import date_mentions
from .dates import MONTHS
from .issuers import AGENCY_WORDS, chinese_issuers, is_abbreviation, issuers_in
from .titles import split_policy_title

KEYWORDS = frozenset({
    "Notice", "Notices", "Circular", "Announcement", "Opinions", "Opinion", "Measures", "Measure",
    "Provisions", "Regulations", "Regulation", "Rules", "Guidelines", "Guideline", "Guidance",
    "Plan", "Programme", "Program", "Scheme", "Law", "Decision", "Catalogue", "Catalog", "Code",
    "Recommendations", "Outline", "Requirements", "Standards", "Interpretation",
    "Interpretations", "Methods", "Procedures", "List", "Report", "Clauses", "Specification",
    "Specifications", "Practice", "Practices", "Amendment",
})
TITLE_CONNECTORS = frozenset({
    "of", "on", "for", "the", "and", "to", "in", "by", "with", "a", "an", "at", "from", "into",
    "under", "regarding", "concerning", "about", "against", "between", "within", "&", "or",
    "upon", "over",  # translations: "Refunding Taxes upon the Strength of", "Administration over"
})
# Capitalised words that start a sentence or a headline's verb, never a title.
_DEMONSTRATIVES = frozenset({"This", "These", "Those", "Such"})  # not "That": "... That May Be"
_NOT_TITLE_START = frozenset({
    "The", "A", "An", "This", "These", "That", "Its", "Their", "On", "In", "At", "By", "After",
    "Under", "New", "Releases", "Issues", "Unveils", "Publishes", "Announces", "Adopts",
    "Approves", "Passes", "Launches", "Rolls", "Issued", "Released", "Published", "Adopted",
    "Finalizes", "Finalises", "Proposes", "Consults", "Seeks", "Revises", "Amends", "Drafts",
    "Solicits", "Introduces", "Promulgates", "Enacts", "Updates", "Tightens", "Eases",
    "Expands", "Extends", "Clarifies", "Strengthens", "Announced", "Unveiled", "Finalized",
    "Finalised", "Understanding", "Explaining", "Inside", "Why", "How", "What",
    # the same verbs after a plural subject ("Two Departments Revise the Catalog of ...")
    "Release", "Issue", "Unveil", "Publish", "Announce", "Adopt", "Approve", "Pass", "Launch",
    "Finalize", "Finalise", "Propose", "Revise", "Amend", "Introduce", "Promulgate", "Enact",
    "Jointly",
})
_HEADLINE_VERBS = _NOT_TITLE_START - {"The", "A", "An", "This", "These", "That", "Its", "Their",
                                      "On", "In", "At", "By", "After", "Under", "New"}
# an en dash between letters is a hyphen set wide ("Anti–Unfair Competition Law")
_WORD_RE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9\-&/]|[’'](?=[A-Za-z])|(?<=[A-Za-z])–(?=[A-Z]))*")
# the name of a language a database lists a text's versions by, glued to the title after it
# ("Texts available: AnglaisImplementing Rules for ...")
_LANGUAGE_LABEL_RE = re.compile(r"(?:English|Anglais|Ingl[eé]s|Englisch|Chinese|Chinois|Chino"
                                r"|Français|French|Espagnol|Español|Spanish)(?=[A-Z][a-z])")
_QUOTED_RE = re.compile(r"[“\"]([^“”\"\n]{5,300})[”\"]")
_ZH_TITLE_RE = re.compile(r"《([^《》\n]{1,200})》")
# any document word anywhere (a substring test: a quick "no" for the many lines without one)
_ANY_KEYWORD_RE = re.compile("|".join(sorted(map(re.escape, KEYWORDS), key=len, reverse=True)))
_QUOTES = "“”\"‘’'"
# finite verbs: a quote holding one is a sentence someone said, not a title
_FINITE = frozenset({"is", "are", "was", "were", "will", "has", "have", "had", "came", "took",
                     "said", "says", "would", "should", "can", "could", "must", "does", "did"})
_MAX_PAREN = 300
MAX_TITLE_TOKENS = 60  # no title is longer; a longer capitalised run is cut there


@dataclass(frozen=True)
class Tok:
    kind: str  # "word" | "paren" | "quote" | "punct" | "cjk" | "label" (a glued language name)
    start: int
    end: int


@dataclass(frozen=True)
class TitleSpan:
    start: int
    end: int
    english: str
    chinese: str
    quoted: bool = False
    carrier: str = ""  # the notice that prints and distributes it: 'MOE Circular on Issuing'


def tokens(text: str) -> list[Tok]:
    """Words, whole parenthesised groups, quotes, runs of Chinese and single punctuation."""
    out: list[Tok] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch in "(（":
            j = _close(text, i)
            out.append(Tok("paren", i, j) if j else Tok("punct", i, i + 1))
            i = j or i + 1
            continue
        m = _WORD_RE.match(text, i)
        label = _LANGUAGE_LABEL_RE.match(text, i) if m else None
        if label and label.end() < m.end():  # "AnglaisImplementing Rules": no word of it
            out.append(Tok("label", i, label.end()))
            i = label.end()
            continue
        if m:
            out.append(Tok("word", i, m.end()))
            i = m.end()
            continue
        if CJK_CHAR_RE.match(ch):
            j = i + 1
            while j < n and CJK_CHAR_RE.match(text[j]):
                j += 1
            out.append(Tok("cjk", i, j))
            i = j
            continue
        out.append(Tok("quote" if ch in _QUOTES else "punct", i, i + 1))
        i += 1
    return out


def _close(text: str, i: int) -> int:
    """The index after the parenthesis closing the one at `i`, or 0 within _MAX_PAREN."""
    depth = 0
    for j in range(i, min(len(text), i + _MAX_PAREN)):
        if text[j] in "(（":
            depth += 1
        elif text[j] in ")）":
            depth -= 1
            if depth == 0:
                return j + 1
    return 0


# "Several Policies for Promoting the Development of ...", "Policies of Supporting ...": the
# State Council's 若干政策 as translations write them, a document when its "of"/"for"/"on" says
# what it does; "National Policies for the Automobile Industry", "China's Energy Policies"
# are no title
_POLICIES_DOING_RE = re.compile(r"Policies\s+(?:of|for|on)\s+[A-Z][a-z]+ing\b")


def find_titles(text: str) -> list[TitleSpan]:
    """The policy titles in `text`, in order, none inside another."""
    if "《" not in text and "关于" not in text and not _ANY_KEYWORD_RE.search(text) \
            and not _POLICIES_DOING_RE.search(text):
        return []  # every title holds a document word, 关于 or is in 《》: most lines hold none
    spans: list[TitleSpan] = []
    for m in _QUOTED_RE.finditer(text):
        span = _quoted(text, m)
        if span:
            spans.append(span)
    toks = tokens(text)
    k = 0
    while k < len(toks):
        t = toks[k]
        inside = any(s.start <= t.start < s.end for s in spans)
        if t.kind == "word" and not inside and (text[t.start:t.end] in KEYWORDS
                                                or _POLICIES_DOING_RE.match(text, t.start)):
            found = _pattern_at(text, toks, k)
            if found:
                span, last = found
                spans.append(span)
                k = last + 1
                continue
        k += 1
    for m in _ZH_TITLE_RE.finditer(text):
        if not any(s.start <= m.start() < s.end for s in spans):
            spans.append(TitleSpan(m.start(), m.end(), "", m.group(1).strip()))
    for m in _ZH_BARE_TITLE_RE.finditer(text):
        if not any(s.start <= m.start() < s.end or m.start() <= s.start < m.end()
                   for s in spans) and chinese_issuers(m.group("by")):
            spans.append(TitleSpan(m.start(), m.end(), "", m.group(0)))
    return sorted(spans, key=lambda s: s.start)


# a Chinese title written without 《》 that names its issuers before 关于: "国家税务总局、海关总署
# 关于实行...有关问题的公告"
_ZH_BARE_TITLE_RE = re.compile(
    r"(?P<by>[\u4e00-\u9fff、]{2,60}?)关于[^《》()（）\n。；;，,]{2,150}?的(?:公告|通知|决定|意见"
    r"|办法|规定|批复|通报|函)(?![\u4e00-\u9fff])")


def _quoted(text: str, m: re.Match) -> TitleSpan | None:
    inner = m.group(1).strip()
    before = text[max(0, m.start() - 5):m.start()]
    words = inner.split()
    if len(words) < 3 or not inner[0].isupper() and not inner[0].isdigit():
        return None
    if before.rstrip().endswith(("(", "（")) or before.rstrip().lower().endswith("(the"):
        return None  # a defined term: (the “AI Measures”)
    if not any(w.strip(",.;:()") in KEYWORDS for w in words):
        return None
    if any(w.lower().strip(",.;:") in _FINITE for w in words) or date_mentions(inner):
        return None  # a quoted sentence ("... came into effect from May 1, 2012," SIPO said)
    english, chinese = title_parts(inner)
    return TitleSpan(m.start(), m.end(), english, chinese, quoted=True)


def _word(text: str, t: Tok) -> str:
    return text[t.start:t.end] if t.kind == "word" else ""


def _capital(word: str) -> bool:
    """A word a title is made of: capitalised, a year or an ordinal ("14th", "Five-Year"); not
    "20-article"."""
    return bool(word) and (word[0].isupper() or bool(_NUMBER_RE.fullmatch(word)))


_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_NUMBER_RE = re.compile(r"\d{1,4}(?:st|nd|rd|th)?(?:-[A-Z][\w-]*)?")
# "76/2018" right after the document word: its number in that year ("Circular 76/2018")
_SLASH_NUMBER_RE = re.compile(r"\d{1,4}/(?:19|20)\d\d")


def _joins_names(text: str, toks: list[Tok], i: int) -> bool:
    """An "and" inside the words before a document word: "Urban and Rural Planning Law",
    "Science and Technology Progress Law"; not one between bodies ("MIIT and NDRC ..."), between
    two titles, before an owner ("... Industry and Commerce’s Regulations") or after a
    lower-case word."""
    if _word(text, toks[i]) != "and" or i == 0 or i + 1 >= len(toks):
        return False
    before, after = _word(text, toks[i - 1]), _word(text, toks[i + 1])
    return (before[:1].isupper() and after[:1].isupper() and not is_abbreviation(before)
            and not is_abbreviation(after) and before.lower() not in AGENCY_WORDS
            and before not in _HEADLINE_VERBS and before not in _NOT_TITLE_START
            and before not in KEYWORDS and after not in KEYWORDS  # two titles: "T and T2"
            and not after.endswith(("’s", "'s")))  # "Industry and Commerce’s Regulations"


def _pattern_at(text: str, toks: list[Tok], k: int) -> tuple[TitleSpan, int] | None:
    """The title around the document word at token k, and its last token index."""
    j = k
    while j > 0 and j > k - 8 and (_capital(_word(text, toks[j - 1]))
                                   or _joins_names(text, toks, j - 1)):
        j -= 1
    for i in range(k - 1, j - 1, -1):  # "China Issues New National Draft Standards for ...":
        # the title starts after the verb; "... Article 1 These Rules": after "These", a
        # document the text points back at, no title
        if _word(text, toks[i]) in _HEADLINE_VERBS or _word(text, toks[i]) in _DEMONSTRATIVES:
            j = i + 1
            break
    while j < k and _word(text, toks[j]) in _NOT_TITLE_START or (
            j < k and _word(text, toks[j]).endswith(("’s", "'s"))):
        j += 1
    nxt = _word(text, toks[k + 1]) if k + 1 < len(toks) else ""
    if nxt.lower() in AGENCY_WORDS:
        return None  # "Law Committee"
    j = _standard_series(text, toks, j)
    # a law is named after what it governs, agencies' words too ("Customs Law", "Commercial
    # Bank Law", "Drug Administration Law"): no agency's name ends in "Law"
    agency_before = _word(text, toks[k]) != "Law" and _agency_before(text, toks, j, k)
    last, stop = _scan_after(text, toks, k)
    while last > k and _word(text, toks[last]).lower() in _NEVER_LAST:
        last -= 1  # "... Strategies In conjunction with": no title ends in a preposition
    if stop is not None and _word(text, toks[stop]) and not _capital(_word(text, toks[stop])):
        last = _defined_term_end(text, toks, k, stop) or last
    if last == k and (j == k or agency_before or all(
            _NUMBER_RE.fullmatch(_word(text, t)) for t in toks[j:k])):
        return None  # a bare "Plan", "2013 Catalogue", or the end of an agency's name
    if _word(text, toks[last]) in _ISSUING_ENDS:
        return None  # "the Notice on Releasing “Guidelines for ...”": the notice's title is cut
    start, end = toks[j].start, toks[last].end
    english, chinese = title_parts(text[start:end])
    if not english and not chinese:
        return None
    return TitleSpan(start, end, english, chinese), last


# a notice's title that ends in its issuing word has lost what it issues
_ISSUING_ENDS = frozenset({"Releasing", "Issuing", "Distributing", "Promulgating", "Publishing",
                           "Printing", "Issuance", "Promulgation", "Release"})


_NEVER_LAST = TITLE_CONNECTORS - {"&"}
_SERIES_ENDS = frozenset({"Technology", "Technologies", "Security", "Standard", "Standards",
                          "Engineering", "Manufacturing", "Safety"})


def _standard_series(text: str, toks: list[Tok], j: int) -> int:
    """A national standard's series before its dash: 'Information Security Technology –
    Personal Information Security Specification' is one title (the token where it starts)."""
    if j < 2 or toks[j - 1].kind != "punct" or text[toks[j - 1].start] not in "–—" \
            or _word(text, toks[j - 2]) not in _SERIES_ENDS:
        return j
    i = j - 2
    while i > 0 and i > j - 8 and (_capital(_word(text, toks[i - 1]))
                                   or _word(text, toks[i - 1]) in ("of", "and")):
        i -= 1
    while i < j - 2 and not _capital(_word(text, toks[i])):
        i += 1
    return i


def _agency_before(text: str, toks: list[Tok], j: int, k: int) -> bool:
    """Is the run up to the document word the end of an agency's name, reading back through
    connectors ("State Administration for Market Regulation")?"""
    i = k - 1
    while i >= max(0, j - 8):
        w = _word(text, toks[i])
        if not w or not (_capital(w) or w in ("of", "for", "and", "on")):
            break
        if w.lower() in AGENCY_WORDS:
            return True
        i -= 1
    return False


def _second_clause(text: str, toks: list[Tok], i: int) -> bool:
    """Whether the "and" at token i starts a headline's second clause: a verb in the past
    tense then "the" or "its" ("and Adjusted the Related Transitional Period"), not a name's
    next word ("and Administration of ...")."""
    if i + 2 >= len(toks):
        return False
    verb, nxt = _word(text, toks[i + 1]), _word(text, toks[i + 2])
    return (verb in _HEADLINE_VERBS or (verb[:1].isupper() and verb.endswith("ed"))) \
        and nxt in ("the", "its", "their", "a", "an")


def _scan_after(text: str, toks: list[Tok], k: int) -> tuple[int, int | None]:
    """The last title token after the document word, and the token the title stopped at."""
    last = k
    words = {_word(text, t).lower() for t in toks[max(0, k - 8):k + 1]}
    i = k + 1
    while i < min(len(toks), k + MAX_TITLE_TOKENS):
        t = toks[i]
        w = _word(text, t)
        if w:
            if i == k + 1 and _SLASH_NUMBER_RE.fullmatch(w):
                last = i  # "Circular 76/2018": the number and year the document goes by
                i += 1
                continue
            if w == "No" and _numbered(text, toks, i):
                last = i = i + 2  # "Announcement No. 21 of 2024"
                if i + 3 < len(toks) and text[toks[i + 1].start] in "[〔(" \
                        and _YEAR_RE.fullmatch(_word(text, toks[i + 2])) \
                        and text[toks[i + 3].start] in "]〕)":
                    last = i = i + 3  # "Notice of the People's Bank of China No.7 [2018]"
                continue
            if w in _PARTICIPLES and _word(text, toks[i + 1] if i + 1 < len(toks) else t) \
                    in ("by", "on", "at", "in"):
                return last, i  # "... (Forest Part) Promulgated by X on 16 June 1999": a note
            if w in _DEMONSTRATIVES:
                return last, i  # "... General Provisions Article 1 These Rules are ...": a text
            if _capital(w):
                last = i
                words.add(w.lower())
            elif w == "be" and _word(text, toks[i - 1]) == "to" and i + 1 < len(toks) \
                    and _capital(_word(text, toks[i + 1])):
                pass  # "... Important Data to be Transmitted Abroad": still the title
            elif w not in TITLE_CONNECTORS:
                return last, i
            elif w == "and" and _second_clause(text, toks, i):
                return last, None  # "... Special Medical Purposes and Adjusted the Period"
            elif _second_title(text, toks, i) or _date_follows(text, toks, i):
                # "Provisions on X and Provisions on Y", "... Y on September 30": a clean end,
                # not a lower-case title running on to a defined term
                return last, None
        elif t.kind == "quote" and text[t.start] in "“‘":
            close = _closing_quote(text, toks, i)
            if close is None:
                return last, i
            last = i = close  # "Notice on the Reform of “Multi-Report Integration” of ..."
        elif t.kind == "paren":
            inner = text[t.start + 1:t.end - 1].strip()
            if _defined_term(inner, words) or _number_note(inner):
                return last, i
            nxt = _word(text, toks[i + 1]) if i + 1 < len(toks) else ""
            term = _term_abbreviation(text, toks, i)
            if _ABBR_ONLY_RE.fullmatch(inner) and sum(c.isupper() for c in inner) > 1 \
                    and not _capital(nxt) and not term:
                return last, i  # "(SAMR)" after a name, "(FYP)": not part of the title
            if date_mentions(inner) or (issuers_in(inner)[0] and not _capital(nxt)
                                        and not term):
                return last, i  # "(MIIT, 26 August 2024)": who issued it and when
            last = i
            words.update(w.lower() for w in _WORD_RE.findall(inner))  # "(Draft ...)" "(Draft)"
        elif text[t.start] == "," and _names_listed(text, toks, i):
            pass  # "... for Hong Kong, Macao, and Taiwanese Residents": still the title
        elif i == last + 1 and _bracketed_chinese(text, toks, i):
            return i + 2, None  # "Preschool Education Law [学前教育法]": its Chinese title
        else:
            return last, i
        i += 1
    return last, None


# an issuing verb's participle, capitalised where a database's record runs a title on into the
# note that says who issued it: "... Promulgated by the State Forestry Administration on ..."
_PARTICIPLES = frozenset({"Promulgated", "Issued", "Adopted", "Released", "Published",
                          "Approved", "Enacted"})


def _bracketed_chinese(text: str, toks: list[Tok], i: int) -> bool:
    """'[学前教育法]' at token i: the Chinese name a writer sets in square brackets after the
    English one, as parentheses would be ('(学前教育法)')."""
    return i + 2 < len(toks) and text[toks[i].start] in "[［【" \
        and toks[i + 1].kind == "cjk" and text[toks[i + 2].start] in "]］】"


_ABBR_ONLY_RE = re.compile(r"[A-Z][A-Za-z&]{1,11}")
MAX_LISTED_NAME_WORDS = 3


def _names_listed(text: str, toks: list[Tok], i: int) -> bool:
    """Whether the comma at token i stands in a list of capitalised names inside a title
    ("Hong Kong, Macao, and Taiwanese Residents"): up to the list's "and", names of a few
    capitalised words, none a document or an agency word (a list of documents is no title)."""
    j, run, names = i + 1, 0, 0
    while j < min(len(toks) - 1, i + 12):
        w = _word(text, toks[j])
        if w == "and":
            nxt = _word(text, toks[j + 1])
            return (names > 0 or j == i + 1) and _listed_name(nxt)
        if _listed_name(w):
            run += 1
            names += run == 1
            if run > MAX_LISTED_NAME_WORDS:
                return False
        elif toks[j].kind == "punct" and text[toks[j].start] == "," and run:
            run = 0
        else:
            return False
        j += 1
    return False


def _listed_name(word: str) -> bool:
    """A word of a place or group named in a title's list: capitalised, no abbreviation (an
    agency's, as in '... Plan, MIIT and NDRC said'), no document or agency word."""
    return word[:1].isupper() and not word.isupper() and word not in KEYWORDS \
        and word.lower() not in AGENCY_WORDS


def _term_abbreviation(text: str, toks: list[Tok], i: int) -> bool:
    """'... Intelligent Connected Vehicles (ICVs) (the Circular)': an abbreviation, right
    before the title's defined term, that spells the capitalised words before it, none an
    agency word: a term of the title, not the body that issued it ('(SAMR)')."""
    if i + 1 >= len(toks) or toks[i + 1].kind != "paren" \
            or not _defined_term(text[toks[i + 1].start + 1:toks[i + 1].end - 1].strip(), set()):
        return False
    capitals = [c for c in text[toks[i].start + 1:toks[i].end - 1] if c.isupper()]
    before = [_word(text, t) for t in toks[max(0, i - len(capitals)):i]]
    return [w[:1] for w in before] == capitals and not any(
        w.lower() in AGENCY_WORDS for w in before)
_OPENING_CONNECTORS = frozenset({"on", "for", "of", "concerning", "regarding", "to"})


def _numbered(text: str, toks: list[Tok], i: int) -> bool:
    """'No' '.' '21': a document's number inside its title."""
    return (i + 2 < len(toks) and text[toks[i + 1].start:toks[i + 1].end] == "."
            and _word(text, toks[i + 2])[:1].isdigit())


def _second_title(text: str, toks: list[Tok], i: int) -> bool:
    """'and' (or the 'to' of a revision) before a second title of its own: a document word,
    after at most three capitalised words, that a connector follows ('... Newspapers and
    Provisions on the Administration of Periodicals', '... System and the Reform Scheme of
    the Official Vehicles', 'revised the Provisions on X to the Provisions on Y')."""
    if _word(text, toks[i]) not in ("and", "to") or i + 2 >= len(toks):
        return False
    k = i + 2 if _word(text, toks[i + 1]) == "the" else i + 1
    for j in range(k, min(k + 4, len(toks) - 1)):
        w = _word(text, toks[j])
        if w in KEYWORDS:
            return _word(text, toks[j + 1]) in _OPENING_CONNECTORS
        if not _capital(w):
            return False
    return False


def _date_follows(text: str, toks: list[Tok], i: int) -> bool:
    """'on September 30', 'on 16 December 2019': a date after the title, no part of it."""
    nxt = _word(text, toks[i + 1]) if i + 1 < len(toks) else ""
    if not nxt or not (nxt.lower().rstrip(".") in MONTHS or nxt[:1].isdigit()):
        return False
    return any(d.start == toks[i + 1].start for d in date_mentions(text[:toks[i + 1].start + 40]))


def _closing_quote(text: str, toks: list[Tok], i: int) -> int | None:
    """The token closing the quote at i when what it quotes is a capitalised name of a few
    words ('“Multi-Report Integration”'), a small word allowed between capitalised ones
    ('“Production before Final Acceptance”'), else None."""
    closer = "”" if text[toks[i].start] == "“" else "’"
    for j in range(i + 1, min(len(toks), i + 8)):
        if toks[j].kind == "quote":
            inner = [_word(text, t) for t in toks[i + 1:j]]
            if text[toks[j].start] == closer and inner and _quoted_name(inner):
                return j
            return None
    return None


def _quoted_name(words: list[str]) -> bool:
    """Capitalised words, their first and last capitalised and at most one small lower-case
    word (a connector, 'before', 'after') between them."""
    small = [w for w in words if not _capital(w)]
    return _capital(words[0]) and _capital(words[-1]) and len(small) <= 1 and all(
        w.isalpha() and w.islower() and len(w) <= 7 for w in small)


# a qualifier naming which version of the document it is, not a term defined for it
_VERSION_QUALIFIER_RE = re.compile(
    r"the\s+(?:\d{4}|\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh"
    r"|eighth|ninth|tenth|latest|revised|final)\s+(?:version|edition|draft|revision)\b",
    re.IGNORECASE)


def _defined_term(inner: str, title_words: set[str]) -> bool:
    """'the “Notice”', '“Circular”', 'hereinafter ...', or a word of the title ('Measures')."""
    low = inner.lower()
    if _VERSION_QUALIFIER_RE.match(inner):
        return False  # "(the Seventh Version of SAIC)", "(the 2019 Edition)": which version
    if inner[:1] in _QUOTES or low.startswith(("the ", "hereinafter", "hereafter", "referred",
                                               "collectively", "together", "each ", "both ")):
        return True
    if _TERM_AFTER_NOTE_RE.search(inner):
        return True  # "(State Council Order No.739, hereinafter referred to as the Regulations)"
    words = [w.strip(_QUOTES).lower() for w in inner.split()]
    if 0 < len(words) <= 2 and all(w in title_words for w in words):
        return True
    return _short_name(inner.split(), title_words)


# a note that ends in the term the text defines: "..., hereinafter referred to as ..."
_TERM_AFTER_NOTE_RE = re.compile(r"[,;，；]\s*(?:hereinafter|hereafter)\b", re.IGNORECASE)
MAX_SHORT_NAME_WORDS = 4
_ABBREVIATION_RE = re.compile(r"[A-Z][A-Z0-9]{1,5}")


def _short_name(words: list[str], title_words: set[str]) -> bool:
    """'(PIS Specification)', '(CII Security Regulations)': a short name the text goes on to
    use, an abbreviation of the title's opening words and then the title's own document
    word, not part of the title."""
    return 2 <= len(words) <= MAX_SHORT_NAME_WORDS and bool(
        _ABBREVIATION_RE.fullmatch(words[0])) and words[-1].lower() in title_words \
        and words[-1] in KEYWORDS and all(
            _ABBREVIATION_RE.fullmatch(w) or w.lower() in title_words for w in words)


def _defined_term_end(text: str, toks: list[Tok], k: int, stop: int) -> int | None:
    """A lower-case title running on to its defined term: the token before that term."""
    head = _word(text, toks[k]).lower()
    for i in range(stop, min(len(toks), stop + 30)):
        t = toks[i]
        if t.kind == "paren":
            inner = text[t.start + 1:t.end - 1].strip()
            if inner[:1] in _QUOTES or inner.lower().startswith("the "):
                term = inner.lower()
                return i - 1 if head.rstrip("s") in term else None
            return None
        if t.kind != "word":
            return None
    return None


def title_parts(raw: str) -> tuple[str, str]:
    """English and Chinese of one title as written: '《》' dropped, parentheses balanced."""
    bracketed = _ZH_BRACKETS_RE.search(raw)
    if bracketed and CJK_CHAR_RE.search(bracketed.group(1)):  # "T [中文]" as "T (中文)"
        raw = f"{raw[:bracketed.start()]} ({bracketed.group(1)})"
    parts = split_policy_title(raw)
    english, chinese = parts.english, parts.chinese
    if chinese:
        m = _ZH_TITLE_RE.search(chinese)
        chinese = m.group(1) if m else chinese.strip("《》")
    elif CJK_CHAR_RE.search(raw) and _ZH_TITLE_RE.search(raw):
        chinese = _ZH_TITLE_RE.search(raw).group(1)
        english = collapse_ws(raw[:raw.find("《")]).strip(" (（")
    if english.count("(") > english.count(")"):
        english = english[:english.rfind("(")].rstrip()
    english = _FOOTNOTE_RE.sub("", english)  # "... Personal Information1": a footnote's number
    english = english.strip(" ,;:\"")
    # the quotes around the whole title go; a quoted name ending it keeps its closing one
    if english.startswith("“") or english.count("“") != english.count("”"):
        english = english.strip(" ,;:“”\"")
    return english, chinese.strip()


_ZH_BRACKETS_RE = re.compile(r"\s*[\[［【]([^\[\]［］【】A-Za-z]{1,200})[\]］】]$")
_FOOTNOTE_RE = re.compile(r"(?<=[a-z]{3})\d{1,2}$")


# "Translation: T", "Issuance of the T", "Policy Interpretation of T" (a site's explainer of
# T, 政策解读): a heading that is nothing but the title it announces
_TITLE_LINE_PREFIX_RE = re.compile(
    r"(?:translation|full\s+text|text)\s*:\s*|(?:the\s+)?(?:issuance|release|publication"
    r"|promulgation|policy\s+interpretations?)\s+of\s+(?:the\s+)?(?=[A-Z\d“\"《])",
    re.IGNORECASE)
# "T – Dec. 2021", "T (Chinese Text)": what a heading says of the title after it
_TITLE_LINE_SUFFIX_RE = re.compile(r"\s+[-–—|]\s+[^-–—|]{1,30}$|\s*[(（\[](?:chinese|english)"
                                   r"(?:\s+(?:text|version|translation))?[)）\]]$", re.IGNORECASE)


def whole_title(text: str) -> TitleSpan | None:
    """The title a heading line is, whole ('Translation: 14th Five-Year Plan for National
    Informatization – Dec. 2021' is one), else None."""
    text = _TITLE_LINE_PREFIX_RE.sub("", text.strip(), count=1)
    text = _TITLE_LINE_SUFFIX_RE.sub("", text)
    spans = [s for s in find_titles(text) if s.english or s.chinese]
    distributed = _distributed(text, spans) or _numbered_then_titled(text, spans)
    if distributed is not None:
        return distributed
    if len(spans) != 1:
        return None
    span = spans[0]
    rest = (text[:span.start] + text[span.end:]).strip(" “”\"《》")
    if rest:
        return _body_before_number(text, span)
    return titled_in_parentheses(span) or _unwrapped(span)


_BODY_WORDS_RE = re.compile(r"(?:[A-Z][\w&’'-]*|of|and|for|the)(?:\s+(?:[A-Z][\w&’'-]*|of|and"
                            r"|for|the))*")


def _body_before_number(text: str, span: TitleSpan) -> TitleSpan | None:
    """'General Administration of Customs Announcement No. 98 of 2023 (Announcement on X)':
    the number's span starts inside the body's name (at "Customs", a word documents are named
    for too), so the capitalised words before it are the rest of that name; the title is X,
    the whole number with its body the carrier. Else None."""
    titled = titled_in_parentheses(span)
    before = text[:span.start].strip()
    if titled is None or text[span.end:].strip() or not _BODY_WORDS_RE.fullmatch(before):
        return None
    return TitleSpan(0, titled.end, titled.english, titled.chinese, titled.quoted,
                     f"{before} {titled.carrier}")


# "NMPA Announcement on Issuance and Implementation of the Measures for ...": the notice that
# issues a document it names after "the"
# the words of a notice that issues a document: "Printing and Distributing", "Issuance"
_ISSUING = (r"(?:Printing\s+and\s+Distribut(?:ing|ion)|Issuing|Issuance|Promulgating|Promulgation"
            r"|Releasing|Publishing|Publication)")
_ISSUES_THE_RE = re.compile(
    r"(?P<carrier>(?:[A-Z][\w&’'-]*\s+){0,6}(?:Notice|Circular|Announcement)\s+(?:on|concerning"
    rf"|regarding)\s+(?:the\s+)?{_ISSUING}(?:\s+and\s+Implement(?:ing"
    r"|ation))?(?:\s+of)?)\s+the\s+(?P<inner>[A-Z].*)")


def _unwrapped(span: TitleSpan) -> TitleSpan:
    """The document a heading's notice issues, when the notice names it ('... on Issuance of
    the Measures for X'), with the notice as its carrier; else the heading's title."""
    m = _ISSUES_THE_RE.fullmatch(span.english)
    if m is None or not any(w in KEYWORDS for w in m.group("inner").split()[:8]):
        return span
    return TitleSpan(span.start, span.end, m.group("inner"), span.chinese, span.quoted,
                     m.group("carrier"))


# a notice that issues the document quoted after it: 'Circular on Printing and Distributing
# "Measures on ..."', 'Notice Concerning Issuing "..."'
_DISTRIBUTES_RE = re.compile(
    r"(?:Notice|Circular|Announcement|Order|Decision)\b.{0,150}?\b(?:on|concerning|regarding|of)"
    rf"\s+(?:the\s+)?{_ISSUING}(?:\s+of)?(?:\s+the)?\s*$", re.IGNORECASE)


def _distributed(text: str, spans: list[TitleSpan]) -> TitleSpan | None:
    """The quoted document a heading's notice prints and distributes, with the notice as its
    carrier (whose title names the issuers), when the quote ends the heading."""
    quoted = [s for s in spans if s.quoted]
    if len(quoted) != 1 or text[quoted[0].end:].strip(" .") or any(
            s.end > quoted[0].start for s in spans if s is not quoted[0]):
        return None
    carrier = text[:quoted[0].start].rstrip()
    if not _DISTRIBUTES_RE.search(carrier):
        return None
    return TitleSpan(quoted[0].start, quoted[0].end, quoted[0].english, quoted[0].chinese,
                     True, carrier)


# "MOFCOM Announcement No. 61 of 2025", "Announcement No. 23 of the Ministry of Commerce in
# 2023": a document named by its number (and the body before or after it)
_BARE_NUMBER_TITLE_RE = re.compile(
    r"(?:[A-Z][\w&’'-]*\s+){0,6}(?:Announcement|Order|Decree|Circular|Notice)\s+No\.\s*\d{1,4}"
    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w&’'-]*(?:\s+(?:of|and|for|on|the|[A-Z][\w&’'-]*)){0,8})?"
    r"(?:\s+(?:of|in)\s+(?:19|20)\d\d|\s*[\[〔(](?:19|20)\d\d[\]〕)])?")


def number_only(title: str) -> bool:
    """A title that is nothing but the document's number: 'Announcement No. 23 of 2023'."""
    return bool(_BARE_NUMBER_TITLE_RE.fullmatch(title))


_YEAR_FIRST_RE = re.compile(r"(?:19|20)\d\d\s+(?=[A-Z])")


def _number_note(inner: str) -> bool:
    """A parenthesis after a title that gives the document's number, the year first or last:
    "(2011 Announcement No. 55)", "(MOFCOM Order No. 7 of 2031)": the number the document goes
    by, not part of its title."""
    return number_only(_YEAR_FIRST_RE.sub("", inner.strip(), count=1))


_NUMBER_THEN_PAREN_RE = re.compile(r"(?P<number>.+?)\s*[(（](?P<title>[^()（）]+)[)）]")


def titled_in_parentheses(span: TitleSpan) -> TitleSpan | None:
    """'GACC Announcement No. 14 of 2023 (Announcement on Adjusting X)': the document's number
    and, in parentheses, its title, as that title with the number as its carrier (whose words
    name the issuer); else None."""
    m = _NUMBER_THEN_PAREN_RE.fullmatch(span.english)
    if m is None or not number_only(m.group("number")):
        return None
    inner = find_titles(m.group("title"))
    if len(inner) != 1 or inner[0].english != m.group("title").strip():
        return None
    return TitleSpan(span.start, span.end, inner[0].english, span.chinese, span.quoted,
                     m.group("number"))


def _numbered_then_titled(text: str, spans: list[TitleSpan]) -> TitleSpan | None:
    """The title a heading gives after the document's number and a colon ("MOFCOM
    Announcement No. 61 of 2025: Announcement of the Decision to ..."), with the number as its
    carrier (whose words name the issuer); else None."""
    if len(spans) != 2 or not number_only(spans[0].english) \
            or text[spans[0].end:spans[1].start].strip() not in (":", "："):
        return None
    if text[:spans[0].start].strip() or text[spans[1].end:].strip(" ."):
        return None
    title = spans[1]
    return TitleSpan(title.start, title.end, title.english, title.chinese, title.quoted,
                     spans[0].english)


# an edition, a revision or a trial after a title: "(2025 Edition)", "(Revised in 2019)",
# "(for Trial Implementation)", "(2024-2026)", "（试行）"
_EDITION_RE = re.compile(
    r"[ \t]?[(（](?:\d{4}\s*(?:Edition|Version|Revision|年版|年修订版?)|(?:\d{4}\s+)?Revised"
    r"(?:\s+in\s+\d{4})?|(?:for\s+)?Trial(?:\s+Implementation)?|试行|\d{4}\s*[-–—]\s*\d{4}年?)"
    r"[)）]", re.IGNORECASE)


def completed_title(title: str, text: str) -> str:
    """The title with the edition the text writes after it elsewhere ('... released a 2025
    edition of its Catalogue of X' and later 'the Catalogue of X (2025 Edition)'), else as it
    is."""
    if not title or title.rstrip().endswith((")", "）")):
        return title
    start = text.find(title)
    while start != -1:
        m = _EDITION_RE.match(text, start + len(title))
        if m:
            return title + m.group(0)
        start = text.find(title, start + 1)
    return title
