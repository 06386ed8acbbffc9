"""Policies a page names in its headings: a translation or a document page whose title line, or
a heading line, is a policy's title ("Measures on the Administration of Internet Information
Services (Draft ...)"), the Chinese title above it set over two lines
("全国人民代表大会常务委员会" / "关于完善和加强备案审查制度的决定"), and the dates such a page
gives its document:

- the adoption note under the title: "(Adopted at the 7th Session ... on December 29, 2023)",
  "(2023年12月29日...通过)";
- the date under the signature of an order ("Zhong Shan, Minister of Commerce" / "November 30,
  2019") or under the bodies that sign a Chinese notice ("某市人民政府办公室" / "2031年1月10日"),
  when the page names one document only.

No verb is needed here: a page headed by a title is about that document. Issuers are only those
the title names ("Decision of the Standing Committee of the NPC on ...", "MOFCOM Decision").
"""

from __future__ import annotations

import re

from .cleaning import count_cjk, remove_cjk_spaces
from .date_mentions import first_full_date
from .issuers import chinese_issuers, issuers_in
from .page import date_only, is_prose, is_structure
from .policy_titles import number_only, whole_title
from .prose import SIGNER_RE, Found, title_issuers

_ZH_DOCUMENT_ENDS = ("通知", "意见", "办法", "规定", "条例", "决定", "方案", "规划", "计划", "纲要",
                     "指南", "指引", "公告", "细则", "目录", "清单", "法", "准则", "规则", "批复",
                     "草案", "征求意见稿")
_NOTE_RE = re.compile(r"[(（].{0,200}(?:adopted|promulgated|issued|passed|通过|公布|发布|印发)"
                      r".{0,400}[)）]", re.IGNORECASE)  # the list of bodies may be long
MAX_ZH_HEADING = 60


def _zh_heading(text: str) -> bool:
    """A line of a Chinese title: Chinese, short, no sentence punctuation."""
    squeezed = text.replace(" ", "")
    return (0 < len(squeezed) <= MAX_ZH_HEADING and count_cjk(squeezed) * 5 >= len(squeezed) * 4
            and not _SENTENCE_MARK_RE.search(squeezed) and not squeezed.startswith(("(", "（")))


_SENTENCE_MARK_RE = re.compile(r"[。，；！？:：]")


def zh_document_title(text: str) -> str:
    """The Chinese title a heading line is ("镇巴县人民政府工作规则": short, no sentence, ending
    in a kind of document), else ""."""
    title = remove_cjk_spaces(text).strip("《》")
    return title if _zh_heading(title) and title.endswith(_ZH_DOCUMENT_ENDS) else ""


# a page's part number after the title it repeats: "Opinions of ... on ... (2)"
_PART_RE = re.compile(r"\s*[(（]\d[)）]\s*$")


def _prose(text: str) -> bool:
    """Prose, not a heading: a long official title ("Opinions of the General Office of the
    State Council on Coping with ... in the Western Area of China (2)") has as many words as a
    sentence but no closing stop and few lower-case words but its connectors."""
    if not is_prose(text):
        return False
    if text.rstrip().endswith((".", "!", "?", "。", ";", ":", "”", '"')):
        return True
    ws = [w for w in text.split() if w[:1].isalpha()]
    return sum(1 for w in ws if w[:1].islower() and w not in _TITLE_CONNECTORS) * 5 > len(ws)


_TITLE_CONNECTORS = frozenset({"of", "on", "for", "the", "and", "to", "in", "by", "with", "a",
                               "an", "at", "from", "into", "regarding", "concerning", "about"})


def heading_policies(paras: list[tuple[int, str]]) -> list[tuple[int, Found]]:
    """(line, policy) for every heading that is a policy's title, in order."""
    out: list[tuple[int, Found]] = []
    zh: list[str] = []
    zh_line = zh_start = None
    english_at = None  # the paragraph of the last heading titled in English alone

    def chinese_only(chinese: str, first: int, last: int) -> None:
        if english_at is not None and zh_start == english_at + 1:
            out[-1][1].chinese = chinese  # "Circular on X" / "关于X的通知": one document
        else:
            out.append((first, _found("", chinese, paras, last)))

    for i, (no, text) in enumerate(paras):
        if _zh_heading(text):
            zh_line = zh_line or no
            zh_start = i if zh_start is None else zh_start
            zh.append(remove_cjk_spaces(text))
            continue
        chinese = "".join(zh) if "".join(zh).endswith(_ZH_DOCUMENT_ENDS) else ""
        zh, first = [], zh_line
        # "Chapter 1 General Provisions" heads a part of the document, not one of its own
        span = whole_title(_PART_RE.sub("", text)) if not (_prose(text) or is_structure(text)) \
            else None
        if span is None and chinese:
            chinese_only(chinese, first, i - 1)
        zh_line = zh_start = None
        if span is not None:
            out.append((first or no, _found(span.english, span.chinese or chinese, paras, i,
                                            span.carrier)))
        english_at = i if span is not None and not (span.chinese or chinese) else None
    if zh and "".join(zh).endswith(_ZH_DOCUMENT_ENDS):
        chinese_only("".join(zh), zh_line, len(paras) - 1)
    return _numbers_folded(out, [no for no, _ in paras])


MAX_NUMBER_GAP = 3  # paragraphs between a document's title and its number line


def _numbers_folded(out: list[tuple[int, Found]], lines: list[int]) -> list[tuple[int, Found]]:
    """A heading that is only a document's number ("Announcement No. 23 of the Ministry of
    Commerce in 2023") a few lines from a heading that titles a document is that document's
    number: one policy, the titled one, issued by the bodies the number names too."""
    kept = list(out)
    for no, found in out:
        if not number_only(found.title):
            continue
        at = lines.index(no) if no in lines else None
        titled = [(n, f) for n, f in kept if f is not found and f.title and not number_only(
            f.title) and at is not None and n in lines and abs(lines.index(n) - at)
            <= MAX_NUMBER_GAP]
        if len(titled) == 1:
            kept = [(n, f) for n, f in kept if f is not found]
            twin = titled[0][1]
            named = [*title_issuers(found.title), *issuers_in(found.title)[0]]
            twin.refs += [r for r in dict.fromkeys(named) if r not in twin.refs]
            if not twin.dated and found.dated:
                twin.issued_on, twin.dated = found.issued_on, True
    return kept


def _found(english: str, chinese: str, paras: list[tuple[int, str]], i: int,
           carrier: str = "") -> Found:
    """The heading's policy, dated by an adoption note right under it, issued by the bodies its
    title or the notice carrying it ("MOFCOM Announcement No. 61 of 2025: ...") names."""
    issued_on = None
    for _, text in paras[i + 1:i + 3]:
        if _NOTE_RE.fullmatch(text.strip()):
            issued_on = first_full_date(text)
            if issued_on:
                break
        else:
            break
    refs = title_issuers(english, chinese)
    refs += [r for r in title_issuers(carrier) if r not in refs]
    return Found(english, chinese, refs, False, issued_on, issued_on is not None)


def signature_date(paras: list[tuple[int, str]]):
    """The date line under an order's signature ("Name, Minister of ...", "Minister Name") or
    under the bodies that sign a Chinese notice ("某市人民政府办公室" / "2031年1月10日"), else
    None."""
    for (_, text), (_, nxt) in zip(paras, paras[1:], strict=False):
        if (SIGNER_RE.fullmatch(text.strip()) or _zh_signature(text)) and date_only(nxt):
            return first_full_date(nxt)
    return None


# an order's heading: "Order of the State Council No. 726", or its name over its number
_ORDER_HEADING_RE = re.compile(r"(?:the\s+)?(?:Order|Decree)\b[^.;:!?]{0,120}?\bNo\.\s?\d{1,4}"
                               r"(?:\s+of\s+[^.;:!?]{3,120})?|.{0,80}令第?\s*\d{1,4}\s*号")
_ORDER_NAME_RE = re.compile(r"[^.;:!?]{0,120}\b(?:Order|Decree)\b[^.;:!?]{0,120}|.{2,60}令")
_ORDER_NUMBER_RE = re.compile(r"No\.\s?\d{1,4}|第\s*\d{1,4}\s*号")


def order_date(paras: list[tuple[int, str]]):
    """The date line right under an order's heading ("Order of the Ministry of Commerce" /
    "No. 45" / "July 30, 2021"): the day the order promulgated its document, else None."""
    texts = [t.strip() for _, t in paras]
    for i, text in enumerate(texts[:-1]):
        at = None
        if _ORDER_HEADING_RE.fullmatch(text):
            at = i + 1
        elif _ORDER_NAME_RE.fullmatch(text) and i + 2 < len(texts) \
                and _ORDER_NUMBER_RE.fullmatch(texts[i + 1]):
            at = i + 2
        if at is not None and date_only(texts[at]) and first_full_date(texts[at]):
            return first_full_date(texts[at])
    return None


def _zh_signature(text: str) -> bool:
    """A line that is the names of bodies and nothing else: "中共某市委办公室"."""
    squeezed = text.replace(" ", "").replace("　", "")
    bodies = chinese_issuers(squeezed)
    return _zh_heading(squeezed) and bool(bodies) and "".join(bodies) == squeezed
