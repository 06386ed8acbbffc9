"""The policy chain as a text states it: a policy that is the interpretation of another, that
implements or supports another, or that revises or replaces another, read from its title and its
item's text with the words that say so ("Interpretation of the …", "implementing the …",
"解读", "(Revised)"); and the title a draft or a final version is known by without its status
words, which the ingest matches against the archive (draft for comments -> final version).

    find_relations(title, chinese_title, text) -> [ParsedRelation]
    base_title("Action Plan … (Draft for Comments)") -> "Action Plan …"
    base_chinese_title("公开征求对《…办法(征求意见稿)》的意见") -> "…办法"
"""

from __future__ import annotations

import re

from .structures import ParsedRelation

INTERPRETS, IMPLEMENTS, REVISES = "interprets", "implements", "revises"

_QUOTED = r"[“\"《]?(?P<target>[A-Z][^“”\"《》.;:()]{8,200}?)[”\"》]?"
_END = r"(?=\s*(?:[.;:,)(]|\s(?:and|which|that|to|in|by|on|issued|released|published)\s|$))"
_TITLE_PATTERNS = [
    (INTERPRETS, re.compile(r"^(?:An?\s+|The\s+)?(?:Official\s+)?Interpretation\s+(?:of|on)\s+"
                            r"(?:the\s+)?" + _QUOTED + r"\s*$", re.IGNORECASE)),
    (IMPLEMENTS, re.compile(r"^(?:The\s+)?(?:Implementation|Implementing)\s+(?:Measures|Rules|"
                            r"Plan|Opinions|Provisions|Regulations)\s+(?:for|of|on)\s+(?:the\s+)?"
                            + _QUOTED + r"\s*$", re.IGNORECASE)),
    (IMPLEMENTS, re.compile(r"^(?:The\s+)?Supporting\s+Measures\s+(?:for|of|on)\s+(?:the\s+)?"
                            + _QUOTED + r"\s*$", re.IGNORECASE)),
    (IMPLEMENTS, re.compile(r"^(?:The\s+)?(?:Rules|Measures|Provisions)\s+for\s+(?:the\s+)?"
                            r"Implementation\s+of\s+(?:the\s+)?" + _QUOTED + r"\s*$",
                            re.IGNORECASE)),
    (REVISES, re.compile(r"^(?:The\s+)?Decision\s+on\s+(?:Revising|Amending)\s+(?:the\s+)?"
                         + _QUOTED + r"\s*$", re.IGNORECASE)),
]
_TEXT_PATTERNS = [
    (INTERPRETS, re.compile(r"\b(?:an?|the|its)\s+(?:official\s+)?interpretation\s+of\s+"
                            r"(?:the\s+)?" + _QUOTED + _END)),
    (IMPLEMENTS, re.compile(r"\b(?:for\s+)?implementing\s+the\s+" + _QUOTED + _END)),
    (IMPLEMENTS, re.compile(r"\bsupporting\s+measures\s+for\s+the\s+" + _QUOTED + _END)),
    (REVISES, re.compile(r"\b(?:revises|replaces|supersedes|amends)\s+the\s+" + _QUOTED + _END)),
]
_CHINESE_INTERPRETATION_RE = re.compile(r"^[^《》]*《(?P<target>[^《》]{4,120})》[^《》]*解读$")
_CHINESE_IMPLEMENTS_RE = re.compile(r"关于(?:贯彻落实|贯彻实施|实施)《(?P<target>[^《》]{4,120})》")
_DRAFT_WORDS_RE = re.compile(
    r"\s*[(（]\s*(?:draft\s+for\s+(?:public\s+)?comments?|exposure\s+draft|draft(?:\s+revision)?|"
    r"consultation\s+draft|for\s+comments?)\s*[)）]\s*|\s*\bdraft\s+for\s+comments?\b",
    re.IGNORECASE)
_CHINESE_DRAFT_RE = re.compile(r"[(（]?(?:征求意见稿|送审稿|草案)[)）]?")
_CHINESE_CONSULTATION_RE = re.compile(r"^公开征求对《(?P<inner>.+)》的意见$")
# "(Revised)", "(2019 Revision)", "(Draft Revision)", "(Revised Draft for ...)"
_REVISION_RE = re.compile(r"\s*[(（]\s*(?:revised|revision|\d{4}\s+revision|draft\s+revisions?|"
                          r"revised\s+draft)\b[^()（）]*[)）]", re.IGNORECASE)
_CHINESE_REVISION_RE = re.compile(r"^(?P<target>[^《》()（）]{2,60}?)(?:修订草案|修正草案|修订)"
                                  r"[^《》]{0,10}$")
_DOCUMENT_WORDS_RE = re.compile(
    r"\b(?:Law|Laws|Regulations?|Measures|Plan|Opinions|Provisions|Guidelines|Outline|Decision|"
    r"Notice|Rules|Programme|Program|Strategy|Catalogue|Code|Circular|Stipulations)\b")


def find_relations(title: str, chinese_title: str = "", text: str = "") -> list[ParsedRelation]:
    """The relations a policy's title and its item's text state, first the title's."""
    found: list[ParsedRelation] = []
    for kind, pattern in _TITLE_PATTERNS:
        m = pattern.match((title or "").strip())
        if m and _is_title(_clean(m.group("target"))):
            found.append(ParsedRelation(kind, _clean(m.group("target")), "", title.strip()))
            break
    chinese = (chinese_title or "").strip()
    m = _CHINESE_INTERPRETATION_RE.match(chinese)
    if m:
        _add(found, ParsedRelation(INTERPRETS, "", m.group("target"), chinese))
    m = _CHINESE_IMPLEMENTS_RE.search(chinese)
    if m:
        _add(found, ParsedRelation(IMPLEMENTS, "", m.group("target"), chinese))
    if _REVISION_RE.search(title or ""):
        base = _REVISION_RE.sub("", title).strip()
        _add(found, ParsedRelation(REVISES, base, "", title.strip()))
    m = _CHINESE_REVISION_RE.match(chinese)
    if m:
        _add(found, ParsedRelation(REVISES, "", m.group("target"), chinese))
    for sentence in re.split(r"(?<=[.;])\s+", " ".join((text or "").split())):
        for kind, pattern in _TEXT_PATTERNS:
            for m in pattern.finditer(sentence):
                target = _clean(m.group("target"))
                if _is_title(target) and base_title(target) != base_title(title or ""):
                    _add(found, ParsedRelation(kind, target, "", sentence[:500]))
    return found


def base_title(title: str) -> str:
    """The English title without its status words: a draft and its final version share it."""
    return " ".join(_DRAFT_WORDS_RE.sub(" ", title or "").split()).strip(" ,.")


def base_chinese_title(chinese_title: str) -> str:
    """The Chinese title without 征求意见稿 / 草案 and the 公开征求对《…》的意见 around it."""
    text = (chinese_title or "").strip()
    m = _CHINESE_CONSULTATION_RE.match(text)
    if m:
        text = m.group("inner")
    return _CHINESE_DRAFT_RE.sub("", text).strip()


def _clean(target: str) -> str:
    return " ".join(target.split()).strip(" ,.“”\"")


def _is_title(target: str) -> bool:
    """A document's title: capitalised words naming a kind of document ("Measures for Data
    Market Development"), not a subject ("Digital Transformation of the Automotive Industry")."""
    words = target.split()
    capitalised = sum(1 for w in words if w[:1].isupper())
    return (len(words) >= 3 and capitalised >= max(2, len(words) // 2)
            and bool(_DOCUMENT_WORDS_RE.search(target)))


def _add(found: list[ParsedRelation], relation: ParsedRelation) -> None:
    """Add a relation unless it is there; the English and Chinese titles' readings of one
    relation (the title's "(Draft Revision)" and its 修订草案) become one."""
    for known in found:
        if known.kind != relation.kind:
            continue
        same_english = known.target_title.casefold() == relation.target_title.casefold()
        if same_english and (known.target_title or
                             known.target_chinese_title == relation.target_chinese_title):
            return
        if not relation.target_title and known.evidence != relation.evidence and \
                not known.target_chinese_title and _from_titles(known):
            known.target_chinese_title = relation.target_chinese_title
            return
        if not relation.target_chinese_title and not known.target_title and _from_titles(known):
            known.target_title = relation.target_title
            return
    found.append(relation)


def _from_titles(relation: ParsedRelation) -> bool:
    """Read from a title (its evidence is the title), not from a sentence."""
    return len(relation.evidence) <= 300 and not relation.evidence.endswith(".")
