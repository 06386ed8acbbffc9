"""Documents described by labelled fields: "Promulgated by", "Issuing Authority:", "Promulgating
Entities:", "Organ of Promulgation", "Promulgation date:", "Date issued:", "Issuance Date:",
"Release time:", "Document No.", "Implementation date:", 发文机关, 成文日期, 文号 ... one block per
document, its lines one label each or all on one line ("Promulgation Date: 2023-10-16 Title: ...
Promulgating Entities: State Council").

A block's policy takes its title from a "Title:" field, else from the headline just above the
block ("1. Internet Advertisement Regulations"); its issuers from the issuing field ("Ministry
of Education, etc." is the Ministry and a flag), its date from the promulgation field only:
an implementation or expiry date is never the issuing date. The paragraphs after a block are
its item's summary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from policies.search.analysis import fold_traditional

from ..agencies import split_issuing
from ..cleaning import Line, count_cjk, ends_sentence, remove_cjk_spaces, split_bullet
from ..date_mentions import date_mentions, first_full_date
from ..entries import intro_period, make_policy, paragraphs
from ..headings import zh_document_title
from ..issuers import issuer_line, issuers_in
from ..numbering import enumerated
from ..page import is_headline, is_prose, page_date, page_title, top_lines, words
from ..policy_titles import whole_title
from ..prose import Found, policies_in, policies_in_paragraphs
from ..structures import ParsedBrief, ParsedItem, ParseWarning
from ..titles import document_type, split_policy_title

NAME = "label_blocks"
SCORE = MAX_SCORE = 0.8

_FIELDS = (
    ("title", r"(?:Policy\s+|Document\s+)?Title|标\s*题|名\s*称"),
    ("issuers", r"Issuing\s+(?:Authorit(?:y|ies)|Bod(?:y|ies)|Agenc(?:y|ies)|Departments?"
                r"|Organs?)|Promulgating\s+(?:Entit(?:y|ies)|Authorit(?:y|ies)|Bod(?:y|ies)"
                r"|Organs?|Departments?)|Promulgation\s+(?:Departments?|Authorit(?:y|ies)|Organs?)"
                r"|Organs?\s+of\s+Promulgation|发\s*文\s*机\s*[关构]|发布机关|颁布机关"
                r"|发文单位|制定机关"),
    ("issuers_by", r"Promulgated\s+by|Issued\s+by|Enacted\s+by|Released\s+by"),
    ("date", r"Promulgation\s+Date|Promulgated(?=\s*[:：])|Issued(?=\s*[:：])"
             r"|(?:Issued|Promulgated|Adopted)\s+on(?=\s*[:：])"
             r"|Date\s+of\s+(?:Issue|Issuance|Promulgation)"
             r"|Date\s+Issued|Issu(?:e|ing|ance)\s+Date"
             # the participle for the noun: "Promulgated date:", "Issued date:"
             r"|(?:Promulgated|Issued)\s+Date"
             r"|成\s*文\s*日\s*期|发文日期|颁布日期|印发日期"),
    # the day the document was published: its date when no issuing date is given (成文日期
    # 2017-05-16 and 发布日期 2017-06-01: the 16th)
    ("date_published", r"(?:Released|Published)\s+on(?=\s*[:：])|Publish(?:ing)?\s+Date"
                       r"|Date\s+of\s+Publication|Release\s+(?:Time|Date)|Publication\s+Date"
                       r"|(?:Released|Published)\s+Date|发布日期|公布日期|发布时间"),
    # "Issue Number: Notice of the CNIPA [2020] No. 1192" (with its colon: "Issue No. 3" alone
    # numbers a newsletter)
    ("number", r"Document\s+(?:No\.?|Number)|Doc\.?\s+(?:No\.?|Number)|Promulgation\s+Number"
               r"|Issue\s+Number(?=\s*[:：])"
               r"|文\s*号|发文字号"),
    ("effective", r"Implementation\s+Date|Effective\s+Date|Effective(?=\s*[:：])"
                  r"|(?:Enforced|Effective|Implemented)\s+(?:on|from|since)(?=\s*[:：])"
                  r"|Date\s+of\s+(?:Implementation"
                  r"|Effect)|Expiration\s+Date|Expiry\s+Date|实施日期|施行日期|生效日期|失效日期"),
    ("source", r"Source(?=\s*[:：])"),
    ("other", r"Source\s+of\s+(?:the\s+)?Text|Level\s+of\s+Authority|Validity\s+Status"
              r"|(?:CLP\s+)?Reference(?=\s*[:：])"
              r"|效力级别|时效性|主题分类|索引号|发布机构"),
)
_LABEL = "|".join(f"(?P<{key}>{rx})" for key, rx in _FIELDS)
# At the start of a line the colon may be missing ("Promulgated by X", "Document No.JJGTH");
# inside a line a label needs its colon.
_START_RE = re.compile(rf"(?:{_LABEL})\s*[:：]?\s*", re.IGNORECASE)
_INLINE_RE = re.compile(rf"(?<!\S)(?:{_LABEL})\s*[:：]\s*", re.IGNORECASE)
MAX_BARE_LABEL_LINE = 150
_IN_CHINA_RE = re.compile(r"\s+in\s+China$")
# a label in brackets opening its line: "[Date of Issue] July 3, 2023", "【发布日期】2023-07-03"
_BRACKETED_LABEL_RE = re.compile(r"^\s*[\[【]\s*([^\[\]【】:：]{2,40}?)\s*[\]】]\s*(?=\S)")
# a bulleted field the labels do not name, inside a block: "· Status: Effective", "• 有效性:"
_OTHER_FIELD_RE = re.compile(r"[·•▪●◦*]\s*(?:[A-Z][A-Za-z ]{1,30}\s*[:：]\s*\S.{0,80}"
                             r"|[\u4e00-\u9fff]{2,8}\s*[:：]\s*(?:\S.{0,80})?)")
_KINDS = {"title", "issuers", "issuers_by", "date", "number"}


@dataclass
class _Block:
    line: int
    fields: dict[str, str] = field(default_factory=dict)
    headline: str = ""
    summary: list[str] = field(default_factory=list)
    under_title: str = ""  # the page's title line stands right above the block
    text_issuers: list[str] = field(default_factory=list)  # who its text says issued its title


def _kind(m: re.Match) -> str:
    return next(k for k, v in m.groupdict().items() if v)


def _opening_label(text: str) -> re.Match | None:
    """The label a line opens with. Without its colon ("Promulgated by X") only on a short
    line that is no sentence: "Issued by the MIIT, the notice requires ..." is prose."""
    first = _START_RE.match(fold_traditional(text))
    if first and not first.group(0).rstrip().endswith((":", "：")) and (
            len(text) > MAX_BARE_LABEL_LINE or is_prose(text)):
        return None
    return first


def labelled_issue_date(lines: list[Line]):
    """The date a label above the first prose gives the document ("Promulgation date:
    2019-02-28 Chinese version"), or None: for a page that reports on one document."""
    for ln in top_lines(lines):
        fields = _fields(ln.text)
        day = fields and (fields.get("date") or fields.get("date_published"))
        if day:
            return first_full_date(day)
    return None


MAX_NOTE_LINES = 12


@dataclass
class IssuingNote:
    """Who issued a page's one document and when, as a note in parentheses near its top says."""

    refs: list[str]
    etc: bool
    issued_on: date | None


def issuing_note(lines: list[Line]) -> IssuingNote | None:
    """The note of a law database's page about its one document, "(Issued by the X on July 11,
    2018.)", among its first lines: a note by its form (a whole line in parentheses that opens
    with an issuing label and dates it), even under a standfirst that reads as prose."""
    for ln in [ln for ln in lines if ln.kind == "text"][:MAX_NOTE_LINES]:
        text = ln.text.strip()
        if not (text.startswith(("(", "（")) and text.endswith((")", "）"))):
            continue
        fields = _fields(text)
        if fields and fields.get("issuers") and fields.get("date"):
            refs, etc = issuers_in(fields["issuers"])  # a phrase: "the People's Bank of China"
            return IssuingNote(refs, etc, first_full_date(fields["date"]))
    return None


def _fields(text: str, noted_dates: bool = True) -> dict[str, str] | None:
    """The labelled fields of one line, or None when it does not open with a label; a line in
    parentheses is read inside them ("(Promulgated by the MIIT on 4 April 2010 ...)")."""
    enclosed = text.startswith(("(", "（")) and text.rstrip().endswith((")", "）"))
    if enclosed:
        text = text.strip()[1:-1].strip()
    bulleted = split_bullet(text)  # "· Date issued:06-25-2018"
    text = bulleted[1] if bulleted else text
    text = _BRACKETED_LABEL_RE.sub(r"\1: ", text, count=1)  # "[Date of Issue] July 3, 2023"
    # a parenthesised line is a note of its own, however long: "(Promulgated by X on ...)"
    # labels in traditional characters (發文機關, 標題) read as in simplified; the values
    # are cut from the text as written
    labels = fold_traditional(text)
    first = _START_RE.match(labels) if enclosed else _opening_label(text)
    if not first:
        return None
    marks = [first] + [m for m in _INLINE_RE.finditer(labels, first.end())]
    out: dict[str, str] = {}
    noted_date = ""
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        key = _kind(m)
        value = text[m.end():end].strip()
        if key == "source":
            # "Source: National Medical Products Administration NMPA" in a block: who issued
            # the document; "Source: Xinhua" names no body, so it is a field of no interest
            key = "issuers" if issuer_line(value) else "other"
        if key == "issuers_by":
            key, value, noted_date = "issuers", *_issued_on(value)
        out.setdefault(key, value)
    if noted_date and noted_dates:
        out.setdefault("date", noted_date)
    return out


# "(Issued by X on July 11, 2018)", "(Issued by X on, and effective as of, July 11, 2018.)": the
# date the "on" after the issuer gives, however the note goes on
_ISSUED_ON_RE = re.compile(r"\s+on\s*(?:,\s*and\s+(?:effective|implemented)\s+(?:as\s+of|from|on)"
                           r"\s*,\s*)?(?=\S)")


def _issued_on(value: str) -> tuple[str, str]:
    """The issuers of a "Promulgated by X on DATE" field and the text of its date ("" when the
    "on" gives no full date): a law database's note says both at once, and the date is the
    block's issuing date unless a field of its own gives one."""
    for m in _ISSUED_ON_RE.finditer(value):
        mentions = date_mentions(value[m.end():])
        if mentions and mentions[0].start == 0 and mentions[0].day and mentions[0].year:
            return value[:m.start()], value[m.end():]
    return value, ""


def _source_line(text: str) -> bool:
    """'Source: ...': page furniture elsewhere, but a block's field here (`_fields`)."""
    m = _START_RE.match(text)
    return bool(m and m.group("source"))


def _source_note(text: str) -> bool:
    """A line that gives a source and nothing else: "(Source: NPC website)"."""
    inner = text.strip().strip("()（）").strip()
    m = _START_RE.match(inner)
    return bool(m and m.group("source")) and not _INLINE_RE.search(inner, m.end())


def detect(lines: list[Line]) -> float:
    """SCORE when lines open with labels of two kinds or more (title, issuer, date, number)."""
    kinds: set[str] = set()
    for ln in lines:
        if ln.kind == "text":
            # as parse reads them (bullets, parentheses), but the date of a "Promulgated by X
            # on DATE" note is no field of its own: a news list's lines say so too
            kinds.update("date" if k == "date_published" else k  # one kind: a date
                         for k in _fields(ln.text, noted_dates=False) or ())
    return SCORE if len(kinds & _KINDS) >= 2 else 0.0


def parse(lines: list[Line], filename: str, warnings: list[ParseWarning]) -> ParsedBrief | None:
    title = page_title(lines)
    dated = page_date(lines, title)
    skip = {dated.line} if dated and dated.line and not _under_bare_label(lines, dated.line) \
        else set()
    paras = paragraphs(lines, skip, keep=_source_line)
    intro, blocks = _blocks(paras, title.no if title else None)
    if not blocks:
        return None
    periods = intro_period(title.text if title else "", intro)
    items: list[ParsedItem] = []
    for found in policies_in_paragraphs(intro, periods):
        items.append(ParsedItem(len(items) + 1, "", policy=make_policy(found, None)))
    page_titled = whole_title(title.text) if title and len(blocks) == 1 else None
    page_zh = zh_document_title(title.text) if title and len(blocks) == 1 else ""
    for block in blocks:
        if page_titled and not block.headline and not block.fields.get("title"):
            # a database page's title names the country after the document's: "... in China"
            block.fields["title"] = _IN_CHINA_RE.sub(
                "", title.text[page_titled.start:page_titled.end])
        elif page_zh and not block.headline and not block.fields.get("title"):
            block.fields["title"] = page_zh  # a government page's one document: "...工作规则"
        reported = policies_in_paragraphs(block.summary, periods)
        if reported and not block.fields.get("title") and (
                not block.headline or _restates(block.headline, reported[0])):
            # a block without a title: the first document its text reports on ("The Decision
            # on ... is hereby promulgated") is the block's
            block.fields["title"] = reported[0].title or reported[0].chinese
            block.text_issuers = list(reported[0].refs)
        policy = _policy(block, warnings)
        items.append(ParsedItem(len(items) + 1, block.headline, summary="\n\n".join(
            block.summary), policy=policy, line=block.line))
        # what the block's text reports on besides its document ("The Working Rules ... is
        # hereby issued to you"), each once (a notice that issues rules is not the rules)
        seen = {_title_key(policy.title), _title_key(policy.chinese_title)}
        for found in reported:
            if _title_key(found.title or found.chinese) not in seen:
                seen.add(_title_key(found.title or found.chinese))
                items.append(ParsedItem(len(items) + 1, "", policy=make_policy(found, None)))
    title_text = title.text if title and not _opening_label(title.text) else ""
    if not title_text:
        title_text = next((i.policy.title for i in items if i.policy), "Untitled brief")
        warnings.append(ParseWarning(None, f"no title line: title made up as {title_text!r}"))
    return ParsedBrief(
        kind="brief", title=title_text[:300],
        published_on=dated.value if dated else None,
        published_precision=dated.precision if dated else "",
        topics=[b.headline for b in blocks if b.headline], items=items, warnings=warnings,
        review_reasons=[] if dated else ["undated brief"])


def _blocks(paras: list[tuple[int, str]], title_no: int | None
            ) -> tuple[list[str], list[_Block]]:
    """The paragraphs before the first block, and the blocks with their headlines and
    summaries."""
    intro: list[str] = []
    blocks: list[_Block] = []
    pending: tuple[int, str] | None = None  # a headline line waiting for its block
    in_block = False
    paras = _values_below_labels(paras)
    for i, (no, text) in enumerate(paras):
        fields = _fields(text)
        if fields is None and pending is not None and _wraps_headline(text) \
                and i + 1 < len(paras) and _fields(paras[i + 1][1]) is not None:
            pending = (pending[0], f"{pending[1]} {text}")  # the headline's wrapped tail
            continue
        if fields is not None and not in_block and _source_note(text) and not (
                i + 1 < len(paras) and _fields(paras[i + 1][1]) is not None):
            fields = None  # "(Source: NPC website)" under a summary: its citation, no block
        if fields is not None:
            if not in_block:
                headline = pending[1] if pending and pending[0] != title_no else ""
                blocks.append(_Block(pending[0] if headline else no, {}, headline))
                if pending and pending[0] == title_no:
                    blocks[-1].under_title = pending[1]
                pending = None
            for key, value in fields.items():
                blocks[-1].fields.setdefault(key, value)
            in_block = True
            continue
        if in_block and _OTHER_FIELD_RE.fullmatch(text):
            continue  # "· Area of Law: Government Affairs": a field of no interest, same block
        in_block = False
        if pending is not None:
            (blocks[-1].summary if blocks else intro).append(pending[1])
        number = enumerated(text)  # "1. ", "2)", "3、" before a headline
        head = number.text if number and number.kind in ("dot", "close", "comma") \
            and number.text else text
        if is_headline(head) and not (is_prose(text) and ends_sentence(text)):
            # a long lower-case title reads like a cut paragraph, but no sentence ends it: a
            # headline if a block follows ("Provisions on several problems concerning ...")
            pending = (no, head)
        else:
            pending = None
            (blocks[-1].summary if blocks else intro).append(text)
    if pending is not None and pending[0] != title_no:
        (blocks[-1].summary if blocks else intro).append(pending[1])
    if len(blocks) >= 2 and blocks[0].under_title and all(b.headline for b in blocks[1:]):
        # a listing that opens with its first document: the first line is its headline, as
        # every other block has one
        blocks[0].headline = blocks[0].under_title
    return intro, blocks


MAX_LABEL_VALUE_BELOW = 80


def _bare_label(text: str) -> bool:
    """A line that is a label and nothing else ("• 发文日期:"), its value on the line below."""
    fields = _fields(text)
    return fields is not None and len(fields) == 1 and not next(iter(fields.values()))


def _under_bare_label(lines: list[Line], no: int) -> bool:
    """Is line `no` the value of a label alone on the text line above it?"""
    above = [ln for ln in lines if ln.kind == "text" and ln.no < no]
    return bool(above) and _bare_label(above[-1].text)


def _values_below_labels(paras: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A label alone on its line takes the short line below it as its value ("发文字号:" /
    "镇政发〔2024〕7号"), as a web page's field list sets them; a label followed by another
    label, or by a sentence, keeps its empty value."""
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(paras):
        no, text = paras[i]
        if _bare_label(text) and i + 1 < len(paras):
            value = paras[i + 1][1].strip()
            if _fields(value) is None and not _OTHER_FIELD_RE.fullmatch(value) \
                    and len(value) <= MAX_LABEL_VALUE_BELOW and not ends_sentence(value):
                out.append((no, f"{text.rstrip().rstrip(':：')}: {value}"))
                i += 2
                continue
        out.append((no, text))
        i += 1
    return out


MAX_WRAPPED_TAIL_WORDS = 6


def _wraps_headline(text: str) -> bool:
    """A line too short to head anything that ends a wrapped headline right above a block's
    labels: "... for Low Concentration" / "Triethanolamine Mixtures", "... Cosmetics" /
    "(No.2, 2024)"."""
    return not is_headline(text) and not is_prose(text) \
        and not text.rstrip().endswith((".", "!", "?", "。", ":", "：")) \
        and 1 <= len(words(text)) <= MAX_WRAPPED_TAIL_WORDS


# what a headline adds to the title of the document it heads: "Supreme People’s Court’s ...",
# "... by Supreme People’s Court", "... released for public opinions"
_POSSESSIVE_RE = re.compile(r"[’']s\s+(?=[A-Z])")
_BY_TAIL_RE = re.compile(r"\s+by\s+(?:the\s+)?(?P<body>[A-Z][^()]{1,80})$")
_PARTICIPLE_TAIL_RE = re.compile(r"\s+(?:released|issued|published|promulgated|adopted|unveiled)"
                                 r"\s+(?:for|by|on|in|to)\b.*$")


# "... in Cosmetics (No.3, 2024)": the number of the document (or of the announcement)
_NUMBER_NOTE_RE = re.compile(r"\s*[(（]No\.\s?\d{1,4}(?:\s*,\s*(?:19|20)\d\d)?[)）]\s*$")


def headline_title(headline: str) -> str:
    """The title of the document a block's headline names, without the body that issued it
    (which the block's fields state), a participle clause or its number after it; a news
    headline ("NMPA Issued the Test Methods for ...") names it after its verb."""
    headline = _NUMBER_NOTE_RE.sub("", headline)
    told = policies_in(headline)
    if len(told) == 1 and told[0].title:
        return _NUMBER_NOTE_RE.sub("", told[0].title)
    title = _PARTICIPLE_TAIL_RE.sub("", headline)
    by = _BY_TAIL_RE.search(title)
    if by and issuer_line(by.group("body")):
        title = title[:by.start()]
    owner = next((m for m in _POSSESSIVE_RE.finditer(title, 0, 100)
                  if issuer_line(title[:m.start()])), None)
    if owner:
        title = title[owner.end():]
    return title.strip() or headline


def _restates(headline: str, reported: Found) -> bool:
    """Whether a block's text names the headline's document in its own words, the same kind of
    document: "CNIPA Issued Guidelines for the Use of Basic Intellectual Property Data" over
    "The CNIPA issued the Guidelines on the Use of Basic IP Data": the text states the title,
    the headline retells it."""
    kind = document_type(headline_title(headline))
    return kind != "other" and bool(reported.title) and document_type(reported.title) == kind


def _title_key(title: str) -> str:
    return " ".join(title.casefold().split())


def _policy(block: _Block, warnings: list[ParseWarning]):
    f = block.fields
    value = f.get("title", "")
    if count_cjk(value) * 2 > len(value.replace(" ", "")):
        english, chinese = "", remove_cjk_spaces(value).strip("《》")
    else:
        parts = split_policy_title(value)
        english, chinese = parts.english, remove_cjk_spaces(parts.chinese)
    if not english and not chinese:
        english = headline_title(block.headline)
    refs, etc = split_issuing(f.get("issuers", "")) if f.get("issuers") \
        else (block.text_issuers, False)
    day = f.get("date") or f.get("date_published", "")
    issued_on = first_full_date(day)
    if day and issued_on is None:
        warnings.append(ParseWarning(block.line, f"unparseable date: {day[:80]!r}"))
    found = Found(english, chinese, refs, etc, issued_on, bool(day))
    return make_policy(found, block.line, from_prose=False,
                       fallback_title=block.headline)
