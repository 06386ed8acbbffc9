"""Policy titles: English/Chinese split, OCR-garbage detection, document type, draft flag."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cleaning import CJK_CHAR_RE, clean_inline, collapse_ws, count_cjk, remove_cjk_spaces

OPEN = "(（"
CLOSE = ")）"
LINK_RE = re.compile(r"[(\[（]\s*link\s*[)\]）]", re.IGNORECASE)

REASON_GARBAGE = "chinese title dropped as OCR garbage"
REASON_NO_CHINESE = "no chinese title"


@dataclass
class TitleParts:
    english: str
    chinese: str = ""
    status: str = "none"  # "chinese" | "garbage" | "none"


def paren_groups(s: str) -> tuple[list[tuple[int, int, bool]], int]:
    """Top-level (start, end, closed) parenthesised groups; also the count of stray ')'."""
    groups: list[tuple[int, int, bool]] = []
    depth = 0
    start = 0
    stray = 0
    for i, ch in enumerate(s):
        if ch in OPEN:
            if depth == 0:
                start = i
            depth += 1
        elif ch in CLOSE:
            if depth == 0:
                stray += 1
            else:
                depth -= 1
                if depth == 0:
                    groups.append((start, i + 1, True))
    if depth > 0:
        groups.append((start, len(s), False))
    return groups, stray


_WORD_RE = re.compile(r"[A-Z]?[a-z]{2,}(?:[-'’][A-Za-z]+)*|\d{1,4}(?:[-–—/]\d{1,4})?|[a-z]|[A-Z]")
_ODD_RE = re.compile(r"[{}\[\]|\\~^`<>]|[A-Za-z]\d[A-Za-z]|\d[A-Za-z]{2,}\d?")


def _tokens(text: str) -> list[str]:
    return [t.strip("()（）\"“”‘’',.;:!?") for t in text.split()]


def is_wordlike(token: str) -> bool:
    return bool(token) and bool(_WORD_RE.fullmatch(token)) and not (
        len(token) == 1 and token not in ("a", "A", "I"))


def classify_paren(inner: str) -> str:
    """'chinese' (mostly CJK), 'garbage' (OCR noise) or 'english' (meaningful Latin text)."""
    cjk = count_cjk(inner)
    latin = sum(1 for ch in inner if ch.isascii() and ch.isalpha())
    if cjk >= 2 and cjk >= 3 * latin:
        return "chinese"
    if cjk > 0 or CJK_CHAR_RE.search(inner):
        return "garbage" if latin > 0 or cjk < 2 else "chinese"
    toks = [t for t in _tokens(inner) if t]
    if not toks:
        return "english"
    words = sum(1 for t in toks if is_wordlike(t))
    if len(toks) >= 3 and words * 2 < len(toks):
        return "garbage"
    if words == 0 and any(_ODD_RE.search(t) for t in toks):
        return "garbage"
    return "english"


def split_policy_title(value: str) -> TitleParts:
    """'English (Draft) (中文《标题》) (Link)' -> English title, Chinese title, status."""
    value = clean_inline(value)
    m = LINK_RE.search(value)
    head = value[:m.start()] if m else value
    groups, _ = paren_groups(head)
    if not groups:
        return TitleParts(english=_tidy_english(head))
    start, end, _closed = groups[-1]
    rest = head[end:]
    if rest.strip() and not CJK_CHAR_RE.search(rest):
        rest_toks = [t for t in _tokens(rest) if t]
        if ")" in rest or "）" in rest or not any(is_wordlike(t) for t in rest_toks):
            end, rest = len(head), ""  # stray OCR tail of the last group
    inner = head[start + 1:end]
    if inner.endswith(tuple(CLOSE)):
        inner = inner[:-1]
    kind = classify_paren(inner)
    if kind == "english":
        return TitleParts(english=_tidy_english(head))
    english = _tidy_english(head[:start] + " " + rest)
    if kind == "chinese":
        return TitleParts(english=english, chinese=remove_cjk_spaces(inner.strip()),
                          status="chinese")
    return TitleParts(english=english, status="garbage")


def _tidy_english(text: str) -> str:
    text = collapse_ws(text)
    return text.strip(" ,;:-–—")


# --- document type -------------------------------------------------------------------------

DOCUMENT_TYPES = ("notice", "plan", "action_plan", "guidelines", "guiding_opinions", "opinions",
                  "measures", "outline", "programme", "other")

_EN_KEYWORDS = [
    (r"guiding\s+opinions?", "guiding_opinions"),
    (r"action\s+(?:plan|programme|program|scheme)s?", "action_plan"),
    (r"opinions?", "opinions"),
    (r"guidelines?|guidance|guides?", "guidelines"),
    (r"(?:administrative\s+)?measures", "measures"),
    (r"outlines?", "outline"),
    (r"programmes?|programs?", "programme"),
    (r"plans?|planning|schemes?|blueprints?", "plan"),
    (r"notices?|circulars?|notifications?", "notice"),
]
_EN_RE = re.compile(r"\b(?:" + "|".join(f"(?P<t{i}>{p})" for i, (p, _) in enumerate(_EN_KEYWORDS))
                    + r")\b", re.IGNORECASE)
_EN_ISSUING_RE = re.compile(
    r"\b(?:issuing|issued|issues|printing(?:\s+and\s+distributing)?|releasing|released|"
    r"publishing|published|distributing|promulgating|forwarding)\s+(?:of\s+)?(?:the\s+)?",
    re.IGNORECASE)
_EN_QUOTED_RE = re.compile(r"[\"“]([^\"“”]{3,300})[\"”]")
_EN_HEAD_END_RE = re.compile(r"\s(?:for|on|of|to|in|regarding|concerning|about|from)\s")

_ZH_KEYWORDS = [
    ("指导意见", "guiding_opinions"), ("行动计划", "action_plan"), ("行动方案", "action_plan"),
    ("意见", "opinions"), ("指南", "guidelines"), ("指引", "guidelines"), ("导则", "guidelines"),
    ("办法", "measures"), ("措施", "measures"), ("纲要", "outline"), ("规划", "plan"),
    ("方案", "plan"), ("计划", "plan"), ("通知", "notice"), ("通告", "notice"), ("公告", "notice"),
]
_ZH_QUOTED_RE = re.compile(r"《([^《》]{1,300})》")
_ZH_ISSUING_RE = re.compile(r"(?:印发|发布|转发|颁布)(.{1,300}?)的通知")
_ZH_TRAILING_PAREN_RE = re.compile(r"\s*[(（][^()（）]{0,40}[)）]\s*$")


def _en_type(text: str) -> str:
    hits = [(m.start(), next(k for k, v in m.groupdict().items() if v))
            for m in _EN_RE.finditer(text)]
    if not hits:
        return "other"
    head_end = _EN_HEAD_END_RE.search(text)
    limit = head_end.start() if head_end else len(text)
    in_head = [h for h in hits if h[0] < limit]
    _, group = in_head[-1] if in_head else hits[0]
    return _EN_KEYWORDS[int(group[1:])][1]


def english_type(title: str) -> str:
    """The type of the main document an English title names.

    'Notice on Issuing the X' / '... issued the "X"' name X, so X's type wins when it has one;
    otherwise the head noun (before the first 'for/on/of/...') decides: 'Action Plan for ...'.
    """
    title = collapse_ws(title)
    m = _EN_ISSUING_RE.search(title)
    if m:
        rest = title[m.end():]
        q = _EN_QUOTED_RE.search(rest)
        main = q.group(1) if q else rest
        t = _en_type(main)
        if t != "other":
            return t
    q = _EN_QUOTED_RE.search(title)
    if q:
        t = _en_type(q.group(1))
        if t not in ("other", "notice"):
            return t
    return _en_type(title)


def _zh_main(title: str) -> str:
    m = _ZH_QUOTED_RE.search(title)
    if m:
        main = m.group(1)
    else:
        m = _ZH_ISSUING_RE.search(title)
        main = m.group(1) if m else title
    for _ in range(5):
        stripped = _ZH_TRAILING_PAREN_RE.sub("", main)
        if stripped == main or not stripped:
            break
        main = stripped
    return main


def chinese_type(title: str) -> str:
    """The type of the main document a Chinese title names: 《X》 or '印发X的通知' give X."""
    if not title:
        return "other"
    main = _zh_main(title)
    for kw, t in _ZH_KEYWORDS:
        if main.endswith(kw):
            return t
    best = (-1, "other")
    for kw, t in _ZH_KEYWORDS:
        i = main.rfind(kw)
        if i > best[0]:
            best = (i, t)
    return best[1]


def document_type(english: str, chinese: str = "") -> str:
    """The type of the main document a policy line names.

    1. Each title is reduced to the document it names: '关于印发《X》的通知' / '印发X的通知' /
       'Notice on Issuing the X' / '... issued the "X"' name X (the notice only transmits X).
    2. Chinese: the keyword the name ends with (指导意见 > 行动计划/行动方案 > 意见 > 指南 > 办法/
       措施 > 纲要 > 规划/方案/计划 > 通知), else the right-most keyword. English: the head noun
       before the first 'for/on/of/...' ('Action Plan for ...'), else the first keyword.
    3. The Chinese type wins when it is specific (not notice/other), then the English one;
       'notice' only when neither names a more specific document; else 'other'.
    """
    zh = chinese_type(chinese)
    if zh not in ("other", "notice"):
        return zh
    en = english_type(english)
    if en not in ("other", "notice"):
        return en
    return "notice" if "notice" in (zh, en) else "other"


_DRAFT_EN_RE = re.compile(r"\bdraft\b", re.IGNORECASE)


def is_draft(english: str, chinese: str = "") -> bool:
    return bool(_DRAFT_EN_RE.search(english)) or "征求意见稿" in chinese or "草案" in chinese


_SUMMARY_VERB_RE = re.compile(
    r"\b(?:issued|released|published|announced|unveiled|introduced|launched|adopted|"
    r"promulgated)\s+((?:\S+\s+){0,6}\S+)", re.IGNORECASE)


def type_from_summary(summary: str) -> tuple[str, bool]:
    """An item with no title line: 'The NDRC released opinions to ...' -> ('opinions', False)."""
    for m in _SUMMARY_VERB_RE.finditer(summary[:2000]):
        phrase = re.sub(r"^(?:(?:an?|the|its|their|new|a\s+new|draft)\s+)+", "", m.group(1),
                        flags=re.IGNORECASE)
        t = _en_type(phrase)
        if t != "other":
            return t, bool(_DRAFT_EN_RE.search(m.group(1)))
    return "other", False
