"""The numbers a page puts before its items: "1. ", "2) ", "(3)", "4、", "IV. ", "一、", "（二）",
"NO.5", "Item 6:", "N01.", "B. ", "(c)", "d) ", "(iv)", "Ⅲ.", "2: ", "1.2 " — read as a kind
(how the number is written) and a value, so that a run of items can be told from a list inside
one item by shape alone: the items of a page are numbered one way, and a list inside an item is
a run of lines numbered the same way with nothing between them.

    enumerated(text) -> Enumerated | None    # the number before a line's text, and the text
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CJK_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
               "十": 10}
_ROMAN = {"I": 1, "V": 5, "X": 10}
_UNICODE_ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"  # Ⅰ is 1 ... Ⅻ is 12

# One alternative per kind; the group names the kind. A number is at most two digits, so a
# year ("2024. A year of ...") or an amount ("1.5 million") is no enumerator.
_ENUMERATOR_RE = re.compile(
    r"(?P<dot>\d{1,2})\s?[.．](?!\d)\s*"
    # "1.2 MIIT issues ...": not an amount ("2.7 GW of", "3.5 percent")
    r"|(?P<sub>\d{1,2}\.\d{1,2})\.?\s+(?!(?:[GMKT]Wh?|kWh?|Mt|MT|[GMT]B|USD|RMB|CNY|EUR|US"
    r"|Million|Billion|Trillion|Percent|Yuan)\b)"
    r"(?=[A-Z“\"《][a-z]|[A-Z]{2,}\s+[a-z])"
    r"|(?P<close>\d{1,2})\s?[)）]\s*"
    r"|[(（](?P<paren>\d{1,2})[)）]\s*"
    r"|(?P<comma>\d{1,2})\s?、\s*"
    r"|[(（](?P<cjk_paren>[一二三四五六七八九十]{1,3})[)）]\s*"
    r"|(?P<cjk>[一二三四五六七八九十]{1,3})\s?[、.．]\s*"
    r"|(?P<roman>[IVX]{1,4})\.\s+"
    r"|(?P<uroman>[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ])(?:\s?[.、．]\s*|\s+)"  # not "Ⅱ类": a class, no number
    r"|[(（](?P<roman_paren>i{1,3}|iv|vi{0,3}|ix|x)[)）]\s*"
    # a letter: "B. ", "(c)", "d)"; "B." only before a space and no further initial ("U.S.")
    r"|(?P<letter>[A-H])\.\s+(?![A-Z]\.)"
    r"|[(（](?P<letter_paren>[a-h])[)）]\s*"
    r"|(?P<letter_close>[a-h])[)）]\s+"
    r"|(?P<colon>\d{1,2})\s?[:：]\s+"
    r"|(?:NO|Item|ITEM|N(?=[0-3]\d))\s?\.?\s?(?P<label>\d{1,2})(?:\s*[.:：|–—-]\s*|\s*$)"
    r"|#(?P<hash>\d{1,2})\s*[.:：]?\s*")


@dataclass(frozen=True)
class Enumerated:
    # "dot", "close", "paren", "comma", "cjk_paren", "cjk", "roman", "uroman", "roman_paren",
    # "letter", "letter_paren", "letter_close", "colon", "label", "hash"
    kind: str
    value: int
    text: str  # what follows the number ("" for a line that is only a number, "NO.1")


def enumerated(text: str) -> Enumerated | None:
    """The number before a line's text, else None. The text after it must start a word (not
    "1.5", not "3)," alone)."""
    m = _ENUMERATOR_RE.match(text.lstrip())
    if m is None:
        return None
    kind = m.lastgroup
    rest = text.lstrip()[m.end():].strip()
    if rest and not (rest[0].isalnum() or rest[0] in "“‘\"《「(（"):
        return None
    if kind in ("dot", "close", "colon") and rest and rest[0].isdigit():
        return None  # "1. 2", "3) 4" or "10: 30": no item
    value = _value(kind, m.group(kind))
    return Enumerated(kind, value, rest) if value else None


def _value(kind: str, number: str) -> int:
    if kind in ("cjk", "cjk_paren"):
        if number == "十":
            return 10
        tens, _, units = number.partition("十")
        if "十" not in number:
            return _CJK_DIGITS.get(number, 0) if len(number) == 1 else 0
        return (_CJK_DIGITS.get(tens, 0) if tens else 1) * 10 + _CJK_DIGITS.get(units, 0)
    if kind == "uroman":
        return _UNICODE_ROMAN.index(number) + 1
    if kind == "sub":  # "1.2": the second item of the first part
        return int(number.split(".")[1])
    if kind.startswith("letter"):
        return ord(number.lower()) - ord("a") + 1
    if kind in ("roman", "roman_paren"):
        total, previous = 0, 0
        for ch in reversed(number.upper()):
            v = _ROMAN[ch]
            total, previous = (total - v, previous) if v < previous else (total + v, v)
        return total
    return int(number)


def same_kind(a: str, b: str) -> bool:
    """Whether two lines are numbered the same way ("1." and "2.", not "1." and "(1)")."""
    ea, eb = enumerated(a), enumerated(b)
    return ea is not None and eb is not None and ea.kind == eb.kind
