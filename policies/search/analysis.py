"""How text becomes search tokens, the same for the index and the query; and the one definition
of the CJK character ranges that the search, the parser and the matchers share.

Pure: no Django. Latin words are split on anything that is not a letter or digit, lower-cased and
stripped of PostgreSQL's English stop words; every run of CJK ideographs becomes its overlapping
character bigrams plus its last character ("汽车行业" -> "汽车 车行 行业 业"), so two-character
words are whole tokens and every character starts a token (a one-character query is a prefix
search).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

# CJK ideographs: the URO, extension A, compatibility ideographs, extensions B and beyond
# (planes 2 and 3), and 〇 (the ideographic zero of dates such as 二〇二四年).
CJK_IDEOGRAPHS = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Text written in CJK: the ideographs, CJK symbols and punctuation (、。《》…), and the
# full-width forms (，：（）).
CJK_TEXT = CJK_IDEOGRAPHS + "\u3000-\u303f\uff00-\uffef"

CJK_IDEOGRAPH_RE = re.compile(f"[{CJK_IDEOGRAPHS}]")
TOKEN_RE = re.compile(rf"(?P<cjk>[{CJK_IDEOGRAPHS}]+)|(?P<word>[^\W_{CJK_IDEOGRAPHS}]+)")
WORD_RE = re.compile(rf"[^\W_{CJK_IDEOGRAPHS}]+")
ASCII_WORD_RE = re.compile(r"[a-z0-9]+")  # WORD_RE on lower-case ASCII text
MAX_WORD_LENGTH = 100

# PostgreSQL's tsearch_data/english.stop, so SQLite drops the same words.
ENGLISH_STOP = """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom
    this that these those am is are was were be been being have has had having do does did
    doing a an the and but if or because as until while of at by for with about against
    between into through during before after above below to from up down in out on off over
    under again further then once here there when where why how all any both each few more
    most other some such no nor not only own same so than too very s t can will just don
    should now
"""
STOP_WORDS = frozenset(ENGLISH_STOP.split())


def fold_width(text: str) -> str:
    """NFKC, so full-width letters and digits (ＡＩ, ２０２５) count as ASCII."""
    return unicodedata.normalize("NFKC", text or "")


# Traditional characters and their simplified forms, one for one: the characters of the labels
# of a document's fields (發文機關, 標題, 發文字號, 發布日期) and of the names of government bodies
# (工業和信息化部辦公廳, 國家稅務總局), so that a page written in traditional characters reads
# like one in simplified. Not a converter: only characters whose simplified form is unambiguous.
_TRADITIONAL = (
    "業业辦办廳厅會会國国務务農农發发長长衛卫環环資资門门關关標标題题號号機机構构員员監监總总"
    "廣广電电視视銀银險险證证財财貿贸經经濟济術术運运輸输質质檢检產产據据數数網网聯联實实體体"
    "設设開开區区審审織织組组黨党軍军應应藥药糧粮鐵铁郵邮氣气華华僑侨統统戰战醫医療疗協协營营"
    "鄉乡縣县團团專专書书記记議议導导領领訊讯備备護护權权臺台館馆譯译場场條条規规頒颁佈布時时"
    "間间級级類类態态際际東东廠厂價价稅税處处項项勞劳動动報报圖图學学傳传災灾歸归儀仪測测繪绘"
    "風风幣币匯汇預预紀纪單单稱称來来藝艺"
)
_TRADITIONAL_TABLE = str.maketrans(_TRADITIONAL[0::2], _TRADITIONAL[1::2])


def fold_traditional(text: str) -> str:
    """Traditional characters in their simplified forms, one character for one, so offsets
    found in the folded text hold in the original."""
    return (text or "").translate(_TRADITIONAL_TABLE)


def has_cjk(text: str) -> bool:
    """Whether the text holds at least one CJK ideograph."""
    return bool(CJK_IDEOGRAPH_RE.search(text or ""))


def tokens(text: str) -> Iterator[tuple[str, str]]:
    """("word", lower-case word) and ("cjk", run) pairs in text order; stop words dropped."""
    for match in TOKEN_RE.finditer(fold_width(text)):
        if match.lastgroup == "cjk":
            yield "cjk", match.group()
        else:
            word = match.group().lower()
            if word not in STOP_WORDS and len(word) <= MAX_WORD_LENGTH:
                yield "word", word


def bigrams(run: str) -> list[str]:
    """Overlapping character pairs of a CJK run; a one-character run is itself."""
    return [run[i : i + 2] for i in range(len(run) - 1)] or [run]


def cjk_tokens(run: str) -> list[str]:
    """What a CJK run is indexed as: its bigrams, then its last character alone."""
    return bigrams(run) + [run[-1]] if len(run) > 1 else [run]


def analyse(texts: Iterable[str]) -> tuple[str, str]:
    """(words, cjk tokens) of the texts, each space-separated: `tokens` of each text, inlined
    (every search document of a reindex goes through here: findall's tuples cost a third of
    the generator's matches). An ASCII text, most of them, has nothing to fold and no CJK, and
    is lower-cased whole: the same words (lower() maps ASCII letters one to one), in a third of
    the time."""
    words: list[str] = []
    cjk: list[str] = []
    for text in texts:
        if not text:
            continue
        if text.isascii():
            words.extend(word for word in ASCII_WORD_RE.findall(text.lower())
                         if word not in STOP_WORDS and len(word) <= MAX_WORD_LENGTH)
            continue
        for run, word in TOKEN_RE.findall(fold_width(text)):
            if run:
                cjk.extend(cjk_tokens(run))
            else:
                word = word.lower()
                if word not in STOP_WORDS and len(word) <= MAX_WORD_LENGTH:
                    words.append(word)
    return " ".join(words), " ".join(cjk)


def agency_token(agency_id: int) -> str:
    """The token a search document carries for a linked agency (never typed by anyone)."""
    return f"xxagency{agency_id}"


def flatten(value) -> Iterator[str]:
    """The strings inside a JSON value (key points and sources are lists, maybe of dicts)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from flatten(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from flatten(item)
