"""Pure-Python parser: brief text in, `ParsedBrief` out (no database, no Django).

    parse_brief(text, filename="") -> ParsedBrief   # kind "brief" or "article"
    ParseError                                      # the one exception it raises

Modules: `detect` (picks the layout and names it in `ParsedBrief.layout`), `layouts/` (one
module per publisher layout: `merics_industries`, `merics_essentials`, `label_blocks`,
`tracker`, `numbered_newsletter`, `digest`, and `article` for texts that are no brief), and
the helpers the layouts share: `cleaning` (lines, tags, furniture, paragraphs), `dates`,
`titles` (English/Chinese titles, OCR garbage, document type), `agencies`, `news`; for the
non-MERICS layouts `page` (web-page furniture, the page's title and date), `entries`
(headline items), `prose` with `policy_titles`, `issuers` and `date_mentions` (policies read
from sentences), `document_lines` and `headings`, `numbering` (how an item's number is written) and
`tables` (tables of documents read by column); `structures` holds the dataclasses.
"""

from __future__ import annotations

import re

from .cleaning import make_lines, normalise_text
from .detect import NO_STRUCTURE, parse_lines
from .intelligence import read_policy_facts
from .policy_titles import completed_title
from .structures import ParsedBrief, ParseError, ParseWarning

__all__ = ["EMPTY", "NON_PRINTABLE", "NO_STRUCTURE", "ParseError", "ParseWarning", "ParsedBrief",
           "parse_brief"]

EMPTY = "empty file"
NON_PRINTABLE = "mostly non-printable text"
_WS_RE = re.compile(r"\s+")
MAX_WARNINGS = 200


def parse_brief(text: str, filename: str = "") -> ParsedBrief:
    """Parse one brief (or article). Raises `ParseError` (one-line reason) and nothing else."""
    try:
        return _parse(text, filename)
    except ParseError:
        raise
    except Exception as exc:  # a bug must not escape as anything but ParseError
        raise ParseError(f"internal parser error ({type(exc).__name__}): {exc}"[:200]) from exc


def _parse(text: str, filename: str = "") -> ParsedBrief:
    """`parse_brief` without the safety net (the property tests call this directly)."""
    if not isinstance(text, str):
        raise ParseError("text is not a str")
    if not text.strip():
        raise ParseError(EMPTY)
    norm = normalise_text(text)
    visible = len(_WS_RE.sub("", text))
    kept = _WS_RE.sub("", norm)
    junk = visible - len(kept) + (0 if kept.isprintable() else
                                  sum(1 for ch in kept if not ch.isprintable()))
    if not norm.strip() or junk > 0.3 * visible:
        raise ParseError(NON_PRINTABLE)
    lines = make_lines(norm)
    _, brief = parse_lines(lines, filename or "")
    for item in brief.items:
        if item.policy is not None:
            item.policy.title = completed_title(item.policy.title, norm)
    read_policy_facts(brief, [line.text for line in lines])
    if len(brief.warnings) > MAX_WARNINGS:
        dropped = len(brief.warnings) - MAX_WARNINGS
        brief.warnings = brief.warnings[:MAX_WARNINGS]
        brief.warnings.append(ParseWarning(None, f"{dropped} further warnings not shown"))
    return brief

