"""Text normalisation for PDF/HTML exports: lines, tags, furniture, bullets, paragraphs.

Everything here is a pure function over strings. No regex nests quantifiers, so each one runs
in time linear in its input (a 1 MB line is fine).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policies.search.analysis import CJK_IDEOGRAPH_RE, CJK_TEXT

# Characters that are never content: C0/C1 controls (but not \n, \t), zero-width and bidi
# formatting marks, BOM, lone surrogates, private-use code points, the replacement character.
_JUNK_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\ufeff\ufff9-\ufffd\ud800-\udfff\ue000-\uf8ff]"
)
_SPACES_RE = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_WS_RE = re.compile(r"\s+")
# An HTML tag such as <u>, </u>, <b class="x">, <br/>. Bounded, so linear.
_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,10}(?:\s[^<>\n]{0,200})?/?>")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'",
             "&apos;": "'", "&nbsp;": " "}
_ENTITY_RE = re.compile(r"&(?:amp|lt|gt|quot|#39|apos|nbsp);")

# Page furniture: whole lines that are never content.
_FURNITURE_IN_LINE_RE = re.compile(r"MERICS\s*\|\s*Mercator\s+Institute\s+for\s+China\s+Studies",
                                   re.IGNORECASE)
_FURNITURE_LINE_RE = re.compile(
    r"(?:MERICS\s+TOP\s*\d{1,2}|MERICS\s+Briefs?|\d{1,3}\s*min(?:ute)?s?\s+read"
    r"|MERICS(?:\s+[A-Z][\w&-]*){0,5}\s*\|\s*(?:Page\s+)?\d{1,3}"
    r"|(?:Page\s+)?\d{1,3}(?:\s*(?:/|of)\s*\d{1,3})?"
    r"|[(\[]\s*link\s*[)\]]|mailto:\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)",
    re.IGNORECASE,
)
# "See MoreChina cuts ...": a listing's link under an excerpt, glued to the next entry's headline
# when an export drops the line break after it (no space before the capital that follows)
_GLUED_LINK_RE = re.compile(r"(?:See|Read|View|Learn)\s?More(?=[A-Z“\"‘])")
_URL_LINE_RE = re.compile(r"https?://\S+", re.IGNORECASE)

# Bullet markers seen in exports: ASCII dash, en dash, bullet, OCR'd bullets (®, ©, =), squares.
# Markers that also occur at the start of prose need a following space.
_BULLET_RE = re.compile(r"(?:([-–=*·®©])\s+|([•■▪●◦►➢✓□❖→]|\uf0b7)\s*)(?=\S)")

CJK_CHAR_RE = re.compile(f"[{CJK_TEXT}]")
_SPACE_AROUND_CJK_RE = re.compile(f"\\s+(?=[{CJK_TEXT}])|(?<=[{CJK_TEXT}])\\s+")

_TERMINAL = ('.', '!', '?', ':', ';', '"', '”', '’', "'", ')', ']', '。', '！', '？', '）')


def normalise_text(text: str) -> str:
    """Unify line ends and drop non-content characters; keeps the number of lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _JUNK_RE.sub("", text)


def count_cjk(text: str) -> int:
    return len(CJK_IDEOGRAPH_RE.findall(text))


def strip_tags(text: str) -> str:
    if "<" in text:
        text = _TAG_RE.sub("", text)
    if "&" in text:
        text = _ENTITY_RE.sub(lambda m: _ENTITIES[m.group(0)], text)
    return text


def collapse_ws(text: str) -> str:
    return _WS_RE.sub(" ", text).strip()


_SPACES_TABLE = str.maketrans({ch: " " for ch in
                               "\t\u00a0\u1680\u202f\u205f\u3000" + "".join(
                                   chr(c) for c in range(0x2000, 0x200b))})


def clean_line(text: str) -> str:
    """One line of export text: tags and inline furniture gone (a link glued to the start, too),
    odd spaces unified, stripped."""
    text = strip_tags(text).translate(_SPACES_TABLE)
    if "ERICS" in text or "erics" in text:
        text = _FURNITURE_IN_LINE_RE.sub(" ", text)
    text = text.strip()
    glued = _GLUED_LINK_RE.match(text)
    text = text[glued.end():] if glued else text
    if text[:1] in "#*_":
        text = _markdown_heading(text)
    return text


# a Markdown export's heading marks: "## Widget rules", "**Widget rules**", "__Widget rules__"
_MD_HEADING_RE = re.compile(r"#{1,6}\s+(?=\S)")
_MD_EMPHASIS_RE = re.compile(r"(?P<mark>\*\*|__)(?P<text>[^*_\n]{1,300}?)(?P=mark)")


def _markdown_heading(text: str) -> str:
    """A line without the Markdown marks that make it a heading; "#1" or "*" stay."""
    m = _MD_HEADING_RE.match(text)
    if m:
        text = text[m.end():].rstrip("# ").strip()
    m = _MD_EMPHASIS_RE.fullmatch(text)
    return m.group("text").strip() if m else text


def clean_inline(text: str) -> str:
    """Any short text field: tags stripped, whitespace collapsed."""
    return collapse_ws(_SPACES_RE.sub(" ", strip_tags(text)))


def remove_cjk_spaces(text: str) -> str:
    """'技术 改造' -> '技术改造', '开展 2024 年' -> '开展2024年' (PDF spacing inside Chinese)."""
    return _SPACE_AROUND_CJK_RE.sub("", collapse_ws(text))


def tidy_heading(text: str) -> str:
    """A heading or TOC entry: collapse spaces and drop spaces before punctuation."""
    text = collapse_ws(text)
    return re.sub(r"(?<=\S) +([²³¹:;,!?])", r"\1", text)


def is_url_line(text: str) -> bool:
    return bool(_URL_LINE_RE.fullmatch(text))


def is_furniture(text: str) -> bool:
    return bool(_FURNITURE_LINE_RE.fullmatch(text))


def split_bullet(text: str) -> tuple[str, str] | None:
    """('•', rest) when the (stripped) line starts with a bullet marker, else None."""
    m = _BULLET_RE.match(text)
    if not m:
        return None
    return (m.group(1) or m.group(2), text[m.end():])


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_TERMINAL)


def starts_lower(text: str) -> bool:
    return bool(text) and text[0].islower()


@dataclass
class Line:
    no: int  # 1-based line number in the original text
    text: str  # cleaned, stripped
    kind: str  # "blank" | "furniture" | "url" | "text"


def make_lines(text: str) -> list[Line]:
    lines = []
    for i, raw in enumerate(normalise_text(text).split("\n"), start=1):
        t = clean_line(raw)
        if not t:
            kind = "blank"
        elif t[0] in "hH" and is_url_line(t):
            kind = "url"
        elif len(t) < 200 and is_furniture(t):
            kind = "furniture"
        else:
            kind = "text"
        lines.append(Line(i, t, kind))
    return lines


def join_lines(parts: list[str]) -> str:
    """Join wrapped lines of one paragraph; a line ending in 'word-' joins without a space."""
    out: list[str] = []
    for p in parts:
        p = p.strip()
        if not p:
            continue
        if out and len(out[-1]) > 1 and out[-1].endswith("-") and out[-1][-2].isalpha() \
                and p[0].isalpha():
            out[-1] = out[-1] + p
        else:
            out.append(p)
    return collapse_ws(" ".join(out))


# A line this long that ends a sentence is a whole paragraph (exports with one paragraph a
# line and no blank lines); PDF text wraps well before this.
FULL_LINE = 200


class Paragraphs:
    """Collects lines into paragraphs; a blank line ends a paragraph unless it split a sentence.

    A PDF page break often leaves a blank line inside a sentence ("such as AI and" / blank /
    "blockchain) can ..."): when the paragraph so far does not end a sentence and the next line
    starts in lower case, the blank line is ignored.
    """

    def __init__(self) -> None:
        self.paras: list[list[str]] = []
        self.list_flags: list[bool] = []
        self._break = True

    def add(self, text: str, *, list_entry: bool = False) -> None:
        text = text.strip()
        if not text:
            return
        if self.paras and not list_entry:
            last = self.paras[-1][-1]
            full_line = len(last) >= FULL_LINE and ends_sentence(last)
            if (not self._break and not full_line) or (
                    not self.list_flags[-1] and not ends_sentence(last) and starts_lower(text)):
                self.paras[-1].append(text)
                self._break = False
                return
        self.paras.append([text])
        self.list_flags.append(list_entry)
        self._break = False

    def brk(self) -> None:
        self._break = True

    def __bool__(self) -> bool:
        return bool(self.paras)

    def texts(self) -> list[str]:
        return [join_lines(p) for p in self.paras]

    def render(self) -> str:
        out = []
        for i, p in enumerate(self.texts()):
            if not p:
                continue
            if out and self.list_flags[i] and self.list_flags[i - 1]:
                out.append("\n")
            elif out:
                out.append("\n\n")
            out.append(p)
        return "".join(out)
