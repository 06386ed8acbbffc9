"""The issuing bodies a phrase names, lead first: the subject of "X and Y jointly issued ...",
the list after "in conjunction with", the value of an "Issuing Authority:" label.

    issuers_in("The MIIT and the Standardisation Administration of China (“SAC”)")
        -> (["MIIT", "Standardisation Administration of China (SAC)"], False)
    issuers_in("Cyberspace Administration of China and six other departments")
        -> (["Cyberspace Administration of China"], True)

A body is a capitalised run holding an agency word ("Ministry", "Commission", ...), kept whole
with the abbreviation in parentheses after it ("Ministry of Finance (MOF)": the registry knows
a body by either part, and one it lacks is best reported by its name), or a bare abbreviation
("MIIT"). "and" splits two
bodies only when both sides are bodies, so "Ministry of Industry and Information Technology"
stays one. "six other departments", "etc." or "等" set the second value: the list is not
complete. Names stay raw; `ingest.matching` resolves them.
"""

from __future__ import annotations

import re

from policies.search.analysis import fold_traditional

from .cleaning import count_cjk
from .date_mentions import date_mentions

AGENCY_WORDS = frozenset({
    "ministry", "commission", "administration", "council", "bureau", "office", "committee",
    "agency", "department", "authority", "bank", "court", "procuratorate", "congress",
    "association", "federation", "academy", "secretariat", "government", "customs",
    "group", "conference", "board", "exchange", "foundation", "center", "centre",
})
CONNECTORS = frozenset({"of", "and", "for", "on", "the", "&", "in"})
# Capitalised abbreviations that name no issuing body.
NOT_BODIES = frozenset({
    "AI", "IT", "ICT", "IoT", "PRC", "US", "USA", "UK", "EU", "UN", "WTO", "GDP", "SME", "SMEs",
    "CPC", "CCP", "NEV", "NEVs", "EV", "EVs", "FYP", "ATF", "TMT", "TMC", "APP", "API", "ID",
    "IP", "IPR", "CNY", "RMB", "USD", "VAT", "FDI", "FIE", "FIEs", "SOE", "SOEs", "PDF", "HK",
    "PM", "AM", "II", "III", "IV", "ASEAN", "CAFTA", "MNC", "MNCs", "TV", "ENGLISH", "UPDATED",
    "UPDATE", "NEW", "THE", "AND", "OF", "Xinhua", "PLA",
})
ETC_RE = re.compile(
    r"\b(?:and\s{1,3})?(?:\w{1,20}\s{1,3})?other\s{1,3}(?:\w{1,20}\s{1,3})?"
    r"(?:departments|agencies|ministries|authorities|bodies|regulators|organs|units)\b"
    r"|\betc\b|\bet\s+al\b|等(?:\d+|[一二三四五六七八九十]+)?个?(?:部门|单位|机构)?",
    re.IGNORECASE)
# (the “CAC”), (“SAC”), ("NDRC") -> (CAC)
_DEFINED_ABBR_RE = re.compile(r"\(\s*(?:the\s+)?[“\"'‘]\s*([A-Z][A-Za-z&]{1,11})\s*[”\"'’]\s*\)")
_TOKEN_RE = re.compile(r"\([^()]{1,80}\)|[A-Za-z][\w’'&.-]*|\d+|[^\sA-Za-z]")
_ABBR_RE = re.compile(r"[A-Z][A-Za-z&]{1,11}\d{0,4}")  # "MIIT", "TC260"
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_ZH_SPLIT_RE = re.compile(r"[、，,；;]|\s+")  # "中共中央办公厅 国务院办公厅": two bodies
# what stands between a Chinese subject and its verb: "日前", "近日", "联合", "正式", "已"
_ZH_ADVERB_RE = re.compile(r"(?:日前|近日|近期|今日|今天|昨日|昨天|日内|正式|联合"
                           r"|共同|分别|已经|已|于|也|还|再次|首次)+$")
_ZH_SUFFIXES = ("部", "委", "局", "院", "署", "办", "会", "行", "中央", "办公厅", "委员会", "总局",
                "政府", "办公室")
# governments in general, no one body: "各级人民政府", "县级以上人民政府", "地方政府"
_ZH_GENERIC_RE = re.compile(r"^(?:各|地方|有关|相关)|以上|以下|各级")


def is_abbreviation(word: str) -> bool:
    """'MIIT', 'PBoC', 'MofCom': two or more capitals, no ordinary capitalised word."""
    return (bool(_ABBR_RE.fullmatch(word)) and sum(ch.isupper() for ch in word) >= 2
            and word not in NOT_BODIES)


_OF_PARENT_RE = re.compile(r"\s+of\s+(?:the\s+)?[A-Z]")


def is_body(words: list[str]) -> bool:
    """Do these words (a piece of a capitalised run) name a body?"""
    return any(w.lower().strip(".") in AGENCY_WORDS for w in words) or (
        len(words) == 1 and is_abbreviation(words[0]))


def issuers_in(text: str) -> tuple[list[str], bool]:
    """The bodies `text` names, in order, and whether it says the list goes on."""
    text = text[:3000]
    etc = bool(ETC_RE.search(text))
    if count_cjk(text) > len(text) // 3:
        return chinese_issuers(text), etc
    text = _DEFINED_ABBR_RE.sub(r"(\1)", without_dates(text))
    refs: list[str] = []
    run: list[str] = []
    parent = False  # the body next named is the one before's parent: "(CDE) of the NMPA"

    def flush(abbr: str | None = None) -> None:
        nonlocal parent
        names = _bodies(run, abbr)
        if parent and run:  # only the run right after "of": "(“CCDI”) of the CPC, the ..."
            names, parent = [], False
        for name in names:
            if name not in refs:
                refs.append(name)
        run.clear()

    for m in _TOKEN_RE.finditer(text):
        tok = m.group(0)
        if tok.startswith("(") and len(tok) > 2:
            inner = tok[1:-1].strip()
            if run and inner in NOT_BODIES and text[m.end():].lstrip()[:1].isupper():
                continue  # "the Communist Party of China (CPC) Central Committee": one name
            if _ABBR_RE.fullmatch(inner):
                flush(inner)
                # "The Center for Drug Evaluation (CDE) of the National Medical Products
                # Administration (NMPA)": a body of another, which issued nothing with it
                parent = bool(refs) and bool(_OF_PARENT_RE.match(text, m.end()))
            elif run and inner[:1].isupper() and is_body(inner.split()):
                continue  # "(NPC Standing Committee)": the run's short name
            else:
                flush()
        elif tok[0].isupper() or (run and tok.lower() in CONNECTORS):
            run.append(tok.rstrip("."))
            if tok.endswith(".") and not is_abbreviation(tok.rstrip(".")):
                flush()
        elif tok.isdigit() and run and run[-1][:1].isupper() and not _YEAR_RE.fullmatch(tok) \
                and re.match(r"\s+(?:on|of|for|[A-Z])", text[m.end():]):
            run.append(tok)  # "National Technical Committee 260 on Cybersecurity"
        elif tok == "," and run and is_body(run) and _NAME_LIST_RE.match(text, m.end()) \
                and not is_body(_NAME_LIST_RE.match(text, m.end()).group(0).split()):
            run[-1] += ","  # "State Administration of Radio, Film and Television": one name
            continue
        else:
            flush()
    flush()
    return refs, etc



# "Issuing Agency: National People's Congress (NPC)", "Issued by: MIIT", "Promulgating entity:"
_ISSUER_LABEL_RE = re.compile(
    r"(?:issuing|issued\s+by|promulgating|promulgated\s+by|releasing|released\s+by|publishing)"
    r"(?:\s+(?:agency|agencies|authority|authorities|body|bodies|department|departments"
    r"|entity|entities|organ|organs))?\s*[:：]\s*", re.IGNORECASE)
_PAREN_RE = re.compile(r"[(（][^()（）]{0,40}[)）]")
# what may stand between the names of an issuer line: separators, "and", "the", 和, 与, 及;
# and around them on a decree's line: the state's name, the form ("... Technology Decree")
_LEFT_OVER_RE = re.compile(r"[\s,，、;；&]+|\b(?:and|the|decree|order)\b|[和与及]"
                           r"|\bPeople[’']s\s+Republic\s+of\s+China\b", re.IGNORECASE)


def issuer_line(text: str) -> list[str]:
    """The bodies a line names when it is nothing but them, under an item's headline: "Issuing
    Agency: National People’s Congress (NPC)", "MOFCOM", "State Administration of Foreign
    Exchange"; [] for any other line (a sentence, a headline that mentions a body)."""
    label = _ISSUER_LABEL_RE.match(text)
    rest = text[label.end():].strip() if label else text.strip()
    if not rest or len(rest) > 160 or rest.endswith((".", "。", "!", "?")):
        return []
    refs, _ = issuers_in(rest)
    if not refs or label:
        return refs
    if _HEADLINE_VERB_RE.search(rest):
        return []  # "Liaoning Department of Justice Seeks Opinions on ...": a headline
    # nothing but the names: what is left without them and their abbreviations is "and", ","
    left = _PAREN_RE.sub(" ", rest)  # "Ministry of ... Technology (MIIT)": the name as written too
    for ref in sorted({*refs, *issuers_in(left)[0]}, key=len, reverse=True):
        left = left.replace(ref, " ")
    return refs if not _LEFT_OVER_RE.sub("", left) else []


# a verb in a headline written in title case, after its subject
_HEADLINE_VERB_RE = re.compile(
    r"(?<=\S)\s+(?:Jointly\s+)?(?:Issues|Releases|Publishes|Seeks|Solicits|Launches|Announces"
    r"|Adopts|Approves|Revises|Amends|Unveils|Promulgates|Proposes|Introduces|Finali[sz]es"
    r"|Updates|Clarifies|Tightens|Eases|Extends|Lowers|Raises|Calls|Opens|Bans|Requires"
    r"|Sets|Plans|Starts|Begins|Imposes|Lifts|Cancels|Abolishes|Repeals|Passes)\b")


# after a comma inside a body's name: "Film and Television", "Inspection and Quarantine"
_NAME_LIST_RE = re.compile(r"\s*(?:[A-Z][a-z]+\s+){0,2}[A-Z][a-z]+\s+and\s+(?=[A-Z][a-z])")


def clauses(text: str) -> list[str]:
    """`text` split at commas and semicolons, but not at the comma inside a body's name
    ("the State Administration of Radio, Film and Television")."""
    out: list[str] = []
    for piece in re.split(r"([,;，；])", text):
        if piece in (",", ";", "，", "；"):
            out.append(piece)
            continue
        if len(out) >= 2 and out[-1] == "," and _NAME_LIST_RE.match(piece) \
                and not is_body(_NAME_LIST_RE.match(piece).group(0).split()) \
                and is_body(out[-2].split()):
            out.pop()
            out[-1] += "," + piece
        else:
            out.append(piece)
    return [p for p in out if p not in (",", ";", "，", "；")]


# "Decree No. 46 of the State Administration ...": the order that carried a document, before
# the body that made it
_ORDER_OF_RE = re.compile(r"^\s*(?:the\s+)?(?:Decree|Order|Announcement)\s+No\.\s*\d{1,4}"
                          r"\s+(?:of\s+)?", re.IGNORECASE)


# "Order of the State Administration for Market Regulation No.31": the body before the number
_ORDER_OF_BODY_RE = re.compile(r"^\s*(?:the\s+)?(?:Decree|Order)\s+of\s+(?P<body>[^()]{3,120}?)"
                               r"\s*No\.\s*\d{1,4}\b", re.IGNORECASE)


def without_order(text: str) -> str:
    """'Order No. 7 of the Ministry of Commerce' -> 'the Ministry of Commerce'; 'Order of the
    Ministry of Commerce No. 7 on ...' -> 'the Ministry of Commerce on ...'."""
    m = _ORDER_OF_BODY_RE.match(text)
    if m:
        return m.group("body") + text[m.end():]
    return _ORDER_OF_RE.sub("", text, count=1)


def without_dates(text: str) -> str:
    """Each stated date, and a weekday ("on Monday"), as a comma: "X on Dec. 28, 2021, issued"
    and "The NDRC on Monday unveiled" name X alone."""
    for d in reversed(date_mentions(text)):
        text = text[:d.start] + "," + text[d.end:]
    return _MONTH_ONLY_RE.sub(",", _WEEKDAY_RE.sub(",", text))


# a month without its year or day: "issued by the Ministry of Widgets in May"
_MONTH_ONLY_RE = re.compile(r"\s+(?:in|on|since|from|during)\s+(?:early\s+|late\s+|mid-)?"
                            r"(?:January|February|March|April|May|June|July|August|September"
                            r"|October|November|December)\b")
_WEEKDAY_RE = re.compile(r"\b(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
                         r"\b")


def _bodies(run: list[str], abbr: str | None) -> list[str]:
    """The bodies one capitalised run names. 'and' splits it into pieces; a piece that names no
    body by itself joins the next one ("National Development" + "Reform Commission") unless
    "and the" or a piece that opens with an agency word ("Ministry of Finance") follows, then
    it joins the one before ("Ministry of Industry" + "Information Technology")."""
    pieces: list[list[str]] = [[]]
    the_after: list[bool] = []  # the "and" after piece i is followed by "the"
    for i, w in enumerate(run):
        if w.lower() in ("and", "&"):
            the_after.append(i + 1 < len(run) and run[i + 1].lower() == "the")
            pieces.append([])
        else:
            pieces[-1].append(w)
    pieces = [_trim(p) for p in pieces]
    merged: list[list[str]] = []
    carry: list[str] = []
    for i, piece in enumerate(pieces):
        piece = [*carry, "and", *piece] if carry and piece else carry or piece
        carry = []
        if not piece:
            continue
        nxt = pieces[i + 1] if i + 1 < len(pieces) else None
        if is_body(piece) or (not merged and nxt is None):
            merged.append(piece)
        elif nxt and not the_after[i] and not _standalone(nxt):
            carry = piece
        elif merged:
            merged[-1] = [*merged[-1], "and", *piece]
        else:
            carry = piece
    out = []
    for i, piece in enumerate(merged):
        named = is_body(piece) and not names_a_document(piece) and not _generic(piece)
        if i == len(merged) - 1 and abbr and is_abbreviation(abbr):
            # "China National Institute for Food and Drug Control (NIFDC)": a run with no
            # agency word is still the name of the body its abbreviation spells
            named = named or (spells(abbr, piece) and not names_a_document(piece))
            out.append(f"{' '.join(piece)} ({abbr})" if named else abbr)
        elif named:
            # not "(China)" after "the People’s Republic of China", a run that is a
            # document's title ("Administration Measures for Emergency Plans"), nor a word
            # that names no one body ("Administration", "the Ministry")
            out.append(" ".join(piece))
    return out


# Words that make a capitalised run a document's title rather than a body's name.
DOCUMENT_WORDS = frozenset({
    "measures", "notice", "circular", "regulations", "regulation", "provisions", "rules",
    "plan", "plans", "opinions", "guidelines", "guidance", "programme", "program", "catalogue",
    "decision", "announcement", "interpretation", "outline", "law", "order", "decree",
})


def _generic(words: list[str]) -> bool:
    return all(w.lower().strip(".") in AGENCY_WORDS | CONNECTORS for w in words)


def names_a_document(words: list[str]) -> bool:
    """A document word in the run, but not in what an agency word's 'for'/'of' names: the
    'State Administration for Market Regulation' is a body; 'Administration Measures for
    Emergency Plans' a document."""
    low = [w.lower().strip(".") for w in words]
    for i, w in enumerate(low):
        if w in AGENCY_WORDS and i + 1 < len(low) and low[i + 1] in ("for", "of", "on"):
            low = low[:i]
            break
    return any(w in DOCUMENT_WORDS for w in low)


def spells(abbr: str, words: list[str]) -> bool:
    """Does the abbreviation spell the initials of the capitalised words, in order (gaps
    allowed: "NIFDC" for "China National Institute for Food and Drug Control")?"""
    initials = iter(w[0] for w in words if w[:1].isupper())
    return all(ch in initials for ch in abbr if ch.isupper())


def _standalone(piece: list[str]) -> bool:
    """Does this piece open like a body of its own ("Ministry of ...", "MOF")?"""
    return bool(piece) and (piece[0].lower() in AGENCY_WORDS or (
        len(piece) == 1 and is_abbreviation(piece[0])))


_FORM_WORDS = frozenset({"decree", "order"})
_STATE_NAME = ["People’s", "Republic", "of", "China"]


def _trim(words: list[str]) -> list[str]:
    """Without outer connectors, a leading "The", a possessive ("China’s") or the state's name
    before a body's, nor the form of the document after it ("... Decree")."""
    words = list(words)
    while words and (words[0].lower() in CONNECTORS or (
            words[0].endswith(("’s", "'s")) and words[0][:-2] not in ("People", "People’"))):
        words.pop(0)  # "China’s", not the "People's" of the People's Bank of China
    while words and (words[-1].lower() in CONNECTORS or words[-1].lower() in _FORM_WORDS):
        words.pop()  # "Ministry of ... Technology Decree": the decree's line names the body
    if len(words) > len(_STATE_NAME) and [w.replace("'", "’") for w in words[:4]] == _STATE_NAME \
            and is_body(words[4:]):
        words = words[4:]  # "People’s Republic of China Ministry of ...": the ministry
    if len(words) == 2 and words[0] in ("China", "Chinese", "PRC") and is_abbreviation(words[1]):
        words.pop(0)  # "China NMPA Issues ...": the trade press names the country first
    if len(words) == 2 and all(is_abbreviation(w) for w in words):
        words.pop(0)  # "NMPA CDE Announcement": the CDE of the NMPA, a body within it
    return words


# where one body's name ends and the next one's may start, written together: "中共中央办公厅
# 国务院办公厅" without the space
_ZH_RUN_END_RE = re.compile(r"办公室|办公厅|人民政府|委员会")
MIN_ZH_RUN_BODY = 4


def _run_together(text: str) -> list[str]:
    """'中共某市委办公室某市人民政府办公室' -> the two offices: cut after an office's, a
    government's or a commission's name where a body's whole name follows (not the
    "办公室" of "某市人民政府办公室", the office of that government)."""
    for m in _ZH_RUN_END_RE.finditer(text):
        rest = text[m.end():]
        if len(rest) >= MIN_ZH_RUN_BODY and rest.endswith(_ZH_SUFFIXES) \
                and not _ZH_RUN_END_RE.match(rest) and not rest.startswith(("秘书", "党组")):
            return [text[:m.end()], *_run_together(rest)]
    return [text]


def chinese_issuers(text: str) -> list[str]:
    """'工业和信息化部、国家发展改革委等八部门' -> ['工业和信息化部', '国家发展改革委']."""
    text = ETC_RE.sub("", text)
    out = []
    for part in (p for chunk in _ZH_SPLIT_RE.split(text) for p in _run_together(chunk)):
        part = _ZH_ADVERB_RE.sub("", part.strip(" 　"))  # "工业和信息化部日前", "国家能源局联合"
        if 2 <= len(part) <= 30 and fold_traditional(part).endswith(_ZH_SUFFIXES) \
                and part not in out \
                and not _ZH_GENERIC_RE.search(part):
            out.append(part)
    return out
