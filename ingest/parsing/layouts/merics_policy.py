"""The policy block that closes a MERICS item: "Article:" (or "Policy name:"), "Issuing body:",
"Date:", each possibly wrapped over lines or run together on one, and what a policy is missing.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date

from ..agencies import agencies_in_text, split_issuing
from ..cleaning import collapse_ws
from ..dates import parse_date
from ..structures import ParsedPolicy, ParseWarning
from ..titles import (
    LINK_RE,
    REASON_GARBAGE,
    REASON_NO_CHINESE,
    document_type,
    is_draft,
    split_policy_title,
    type_from_summary,
)

# Review reasons (stable wording: the review queue filters on them).
REASON_NO_TITLE_LINE = "no policy title line"
REASON_MISSING_DATE = "missing date"
REASON_BAD_DATE = "unparseable date"
REASON_NO_ENGLISH = "missing policy title"

_LABELS = (r"Article|Policy\s*name|Policy\s*title|Issuing\s*(?:bod(?:y|ies)|authorit(?:y|ies)|"
           r"agenc(?:y|ies))|Issued\s+by|Date")
LABEL_START_RE = re.compile(rf"(?P<label>{_LABELS})\s*:\s*", re.IGNORECASE)
_LABEL_ANY_RE = re.compile(rf"(?<!\S)(?P<label>{_LABELS})\s*:\s*", re.IGNORECASE)

Field = tuple[int, str]  # (line number, value)


class PolicyBlock:
    """The lines of one item's policy block, collected while the item is read.

    A line belongs to the block when it starts with a label, when the title or the list of
    issuing bodies on the line before still wraps, or when it is the date a bare "Date:" waits
    for.
    """

    def __init__(self) -> None:
        self.parts: list[Field] = []
        self._title_open = False
        self._issuing_open = False
        self._date_pending = False

    def __bool__(self) -> bool:
        return bool(self.parts)

    def continues(self, text: str) -> bool:
        return (self._title_open or self._issuing_open or bool(LABEL_START_RE.match(text))
                or (self._date_pending and parse_date(text) is not None))

    def add(self, no: int, text: str) -> None:
        self.parts.append((no, text))
        labels = list(_LABEL_ANY_RE.finditer(text))
        if labels:  # the last label on the line says what may wrap onto the next one
            name = labels[-1].group("label").lower()
            value = text[labels[-1].end():]
            self._title_open = name.startswith(("article", "policy")) and not LINK_RE.search(value)
            self._issuing_open = (name.startswith("issu")
                                  and value.rstrip().endswith((",", "、", ";")))
            self._date_pending = name == "date" and not value.strip()
            return
        if self._title_open and LINK_RE.search(text):
            self._title_open = False  # "(Link)" ends a title
        self._issuing_open = text.rstrip().endswith((",", "、")) and not self._title_open
        self._date_pending = False

    def line_break(self) -> None:
        """A blank line or URL list: a wrapped title or list of bodies does not go on past it."""
        self._title_open = self._issuing_open = False

    def policy(self, headline: str, warnings: list[ParseWarning]) -> ParsedPolicy:
        fields = _split_fields(self.parts, warnings)
        first = self.parts[0][0]
        title, chinese, reasons = _title_field(fields.get("title"), headline, first, warnings)
        agency_refs, etc = _issuing_field(fields.get("issuing"), first, warnings)
        issued_on, date_reasons = _date_field(fields.get("date"), first, warnings)
        return ParsedPolicy(
            title=title,
            chinese_title=chinese,
            document_type=document_type(title, chinese),
            is_draft=is_draft(title, chinese),
            issued_on=issued_on,
            agency_refs=agency_refs,
            agencies_etc=etc,
            review_reasons=reasons + date_reasons,
            line=first,
        )


def _split_fields(parts: list[Field], warnings: list[ParseWarning]) -> dict[str, Field]:
    """Join the block's lines and cut it at each label ('Article:', 'Issuing body:', 'Date:').

    The block's first line starts with a label, so no text comes before the first field."""
    fields: dict[str, Field] = {}
    starts: list[int] = []  # where each line starts in the joined text, for line numbers
    pos = 0
    for _, t in parts:
        starts.append(pos)
        pos += len(t) + 1
    text = " ".join(t for _, t in parts)

    def line_at(p: int) -> int:
        return parts[max(0, bisect_right(starts, p) - 1)][0]

    matches = list(_LABEL_ANY_RE.finditer(text))
    repeated: set[str] = set()
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        label = m.group("label").lower()
        key = ("title" if label.startswith(("article", "policy")) else
               "date" if label == "date" else "issuing")
        if key in fields:
            if key not in repeated:
                repeated.add(key)
                warnings.append(ParseWarning(line_at(m.start()), f"repeated policy field "
                                                                 f"{m.group('label')!r} ignored"))
            continue
        fields[key] = (line_at(m.start()), text[m.end():end].strip())
    return fields


def _title_field(field: Field | None, headline: str, block_line: int,
                 warnings: list[ParseWarning]) -> tuple[str, str, list[str]]:
    """English title, Chinese title and review reasons from the "Article:" field."""
    if field is None:
        warnings.append(ParseWarning(block_line, "policy block without a title line"))
        return headline or "Untitled policy", "", [REASON_NO_TITLE_LINE]
    no, value = field
    parts = split_policy_title(value)
    reasons = []
    if parts.status == "garbage":
        reasons.append(REASON_GARBAGE)
        warnings.append(ParseWarning(no, "chinese title dropped as OCR garbage"))
    elif parts.status == "none":
        reasons.append(REASON_NO_CHINESE)
    title = parts.english
    if not title:
        reasons.append(REASON_NO_ENGLISH)
        warnings.append(ParseWarning(no, "policy title line without an English title"))
        title = headline or parts.chinese or "Untitled policy"
    return title, parts.chinese, reasons


def _issuing_field(field: Field | None, block_line: int,
                   warnings: list[ParseWarning]) -> tuple[list[str], bool]:
    """The issuing bodies, lead first, and whether the line ended in "etc."."""
    if field is None:
        warnings.append(ParseWarning(block_line, "item without issuing body line"))
        return [], False
    no, value = field
    refs, etc = split_issuing(value)
    if not refs:
        warnings.append(ParseWarning(no, f"issuing line could not be split: {value[:80]!r}"))
    return refs, etc


def _date_field(field: Field | None, block_line: int,
                warnings: list[ParseWarning]) -> tuple[date | None, list[str]]:
    if field is None:
        warnings.append(ParseWarning(block_line, "item without date"))
        return None, [REASON_MISSING_DATE]
    no, value = field
    issued_on = parse_date(value)
    if issued_on is None:
        warnings.append(ParseWarning(no, f"unparseable date: {value[:80]!r}"))
        return None, [REASON_BAD_DATE]
    return issued_on, []


def partial_policy(headline: str, summary: str, line: int,
                   warnings: list[ParseWarning]) -> ParsedPolicy:
    """The policy of an item without a policy block, from its headline and summary."""
    warnings.append(ParseWarning(line, "item without policy title line or date: partial policy "
                                       "built from its headline and summary"))
    doc_type, draft = type_from_summary(summary)
    reasons = [REASON_NO_TITLE_LINE, REASON_MISSING_DATE]
    title = headline or _first_sentence(summary)
    if not title:
        title = "Untitled policy"
        reasons.append(REASON_NO_ENGLISH)
    return ParsedPolicy(
        title=title,
        document_type=doc_type,
        is_draft=draft,
        agency_refs=agencies_in_text(summary),
        review_reasons=reasons,
        line=line,
    )


def _first_sentence(text: str, limit: int = 200) -> str:
    text = collapse_ws(text)
    m = re.search(r"[.!?:](?:\s|$)", text[:limit + 1])
    cut = text[:m.start()] if m else text[:limit]
    return cut.strip()
