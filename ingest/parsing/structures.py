"""What the parser returns: plain dataclasses, no database.

These are the contract between `ingest.parsing` (text in) and `ingest.persist` (rows out).
Agency and company names stay raw strings here; `ingest.matching` resolves them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date


class ParseError(ValueError):
    """A text the parser cannot turn into a brief or an article (the reason is the message)."""


@dataclass
class ParseWarning:
    line: int | None
    reason: str


@dataclass
class ParsedTarget:
    """A quantitative goal a policy states: "increase labor productivity by 10 percent compared
    to 2025 ... until 2027"."""

    metric: str  # in the text's words: "industry-wide labor productivity"
    value: float
    value_text: str  # as written: "10 percent", "more than five", "30+"
    unit: str = ""  # "percent", "GW", "CNY", "sets"; "" for a count of what the metric names
    direction: str = "reach"  # raise | cut | reach
    target_year: int | None = None
    baseline_value: float | None = None
    baseline_year: int | None = None
    sentence: str = ""


@dataclass
class ParsedRelation:
    """This policy `kind` ("interprets", "implements", "revises") the policy titled so, as
    `evidence` (the title or sentence that says it) states."""

    kind: str
    target_title: str = ""
    target_chinese_title: str = ""
    evidence: str = ""


@dataclass
class ParsedPolicy:
    title: str
    chinese_title: str = ""  # empty when absent or when the parenthesis held OCR garbage
    document_type: str = "other"  # one of policies.models.DocumentType values
    is_draft: bool = False
    issued_on: date | None = None
    # Raw tokens of the "Issuing body/bodies:" line in order, lead first ("MIIT", "State Council").
    # For an item with no such line: agency names/abbreviations the "At a glance" text names.
    agency_refs: list[str] = field(default_factory=list)
    agencies_etc: bool = False  # the issuing line ended in "etc."
    source_urls: list[str] = field(default_factory=list)
    review_reasons: list[str] = field(default_factory=list)
    line: int | None = None
    targets: list[ParsedTarget] = field(default_factory=list)
    document_number: str = ""  # 文号 as written: "国发〔2023〕11号", "Guo Fa [2023] No. 11"
    effective_on: date | None = None  # the date it takes (or took) effect, where stated
    relations: list[ParsedRelation] = field(default_factory=list)


@dataclass
class ParsedItem:
    position: int
    headline: str
    summary: str = ""  # "At a glance"
    key_points: list[str] = field(default_factory=list)
    comment: str = ""  # "MERICS comment"
    policy: ParsedPolicy | None = None
    extra: str = ""  # boxes/side text that belongs to the item (e.g. a numbered list after it)
    line: int | None = None


@dataclass
class ParsedNews:
    kind: str  # "policy" or "corporate"
    date: date | None
    text: str
    sources: list[str] = field(default_factory=list)
    line: int | None = None


@dataclass
class ParsedBrief:
    kind: str  # "brief" or "article"
    title: str
    layout: str = ""  # the layout module that read the text ("merics_industries", "digest")
    publisher: str = ""
    series: str = ""
    published_on: date | None = None
    # "day", or "month" when the page names only its month ("Update in April 2023": April 1)
    published_precision: str = ""
    period_start: date | None = None
    period_end: date | None = None
    authors: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    body: str = ""  # articles: the cleaned text
    items: list[ParsedItem] = field(default_factory=list)
    news: list[ParsedNews] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
    review_reasons: list[str] = field(default_factory=list)


def to_jsonable(obj):
    """Dataclasses to plain JSON types (dates as ISO strings): golden files and --format json."""
    if dataclasses.is_dataclass(obj):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, list):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, date):
        return obj.isoformat()  # "2016-03" for a date stated to the month (dates.MonthDate)
    return obj
