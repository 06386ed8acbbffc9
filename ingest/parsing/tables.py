"""Tables of documents, read by column: a pipe table (a markdown table, or a page's table as
the HTML reader renders it, one row a line, cells between "|") whose header names its
columns: a title ("Title", "Regulation", "Policy", "Document", "名称"), who issued it
("Issuer", "Regulator", "Authority", "Department", "发布机关") and when ("Date", "Issued",
"Release date", "发布日期"). Each row under such a header is one document, its title, issuers
and date taken from their cells, whatever words the cells hold; no phrase of a publisher's is
needed. A column of effective dates or deadlines ("Effective date", "Comment deadline",
"施行日期") dates nothing: a document's date is only its issuing.

    document_tables(lines) -> list[Table]
    table_lines(lines) -> set[int]    # the line numbers of the tables' rows and headers
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cleaning import Line
from .issuers import issuers_in
from .page import date_only, words
from .policy_titles import whole_title

_SEPARATOR_RE = re.compile(r"\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?")
# the words a header cell names its column by; the first role that matches wins, so "Issued
# by" is the issuer and "Issued" alone the date
_ROLES: tuple[tuple[str, re.Pattern], ...] = (
    ("not_issued", re.compile(r"effect|force|implement|deadline|comment|expir|valid|until|due"
                              r"|施行|实施|生效|截止|失效", re.IGNORECASE)),
    ("issuer", re.compile(r"issu\w*\s+by|issuer|issuing|regulator|authorit|department|agenc"
                          r"|ministr|\bbody\b|bodies|promulgat\w*\s+by|released\s+by|publisher"
                          r"|published\s+by|organ|发布机关|发文机关|发布单位|发文单位|制定机关"
                          r"|部门|机构|机关", re.IGNORECASE)),
    ("date", re.compile(r"\bdate\b|\bdated\b|\bissued\b|\breleased\b|\bpublished\b"
                        r"|\bpromulgated\b|\bwhen\b|\bday\b|日期|时间|发布|印发|公布",
                        re.IGNORECASE)),
    ("number", re.compile(r"\bno\b|number|文号|编号", re.IGNORECASE)),
    ("chinese", re.compile(r"chinese|中文|原文", re.IGNORECASE)),
    ("title", re.compile(r"title|regulation|policy|policies|document|\blaw\b|laws|measure|rule"
                         r"|notice|standard|\bname\b|名称|标题|文件|政策|法规", re.IGNORECASE)),
)
MAX_HEADER_CELL_WORDS = 4  # a header cell names its column in a few words
MIN_ROWS = 1
MIN_UNHEADED_ROWS = 2  # a table without a header is read by what its cells hold
MAX_ISSUER_CELL_WORDS = 12


@dataclass
class Table:
    """A table with a title column: its columns' roles and its rows as (line, cells)."""

    roles: dict[str, int]
    header_line: int
    rows: list[tuple[int, list[str]]] = field(default_factory=list)

    def cell(self, cells: list[str], role: str) -> str:
        at = self.roles.get(role)
        return cells[at] if at is not None and at < len(cells) else ""


def cells(text: str) -> list[str] | None:
    """The cells of a pipe-table row ("| a | b |" or "a | b"), else None."""
    if "|" not in text:
        return None
    parts = [p.strip() for p in text.strip().strip("|").split("|")]
    return parts if len(parts) >= 2 else None


def header_roles(row: list[str]) -> dict[str, int]:
    """The role of each header cell that names one (the first cell of a role wins); a row with
    a date in it is no header."""
    roles: dict[str, int] = {}
    if any(date_only(cell) for cell in row):
        return roles
    for i, cell in enumerate(row):
        if not cell or len(cell.split()) > MAX_HEADER_CELL_WORDS or any(
                ch.isdigit() for ch in cell):
            continue
        role = next((name for name, rx in _ROLES if rx.search(cell)), None)
        if role and role not in roles:
            roles[role] = i
    return roles


def document_tables(lines: list[Line]) -> list[Table]:
    """The tables with a title column and an issuer or a date column, with their rows (a
    markdown table's "|---|---|" line is no row). The header names the columns; a table
    without one has them told by what its cells hold (`content_roles`)."""
    out: list[Table] = []
    for run in _runs(lines):
        head_no, head = run[0]
        roles = header_roles(head)
        if "title" in roles and ("issuer" in roles or "date" in roles):
            rows = run[1:]
            for role, at in content_roles([r for _, r in rows]).items():
                if role not in roles and at not in roles.values():
                    roles[role] = at  # a column the header does not name, told by its cells
            if len(rows) >= MIN_ROWS:
                out.append(Table(roles, head_no, rows))
            continue
        if len(roles) >= 2 or len(run) < MIN_UNHEADED_ROWS:
            continue  # a header of other columns ("Sector | Share"): no table of documents
        roles = content_roles([r for _, r in run])
        if "title" in roles and ("issuer" in roles or "date" in roles):
            out.append(Table(roles, run[0][0], run))
    return out


def _runs(lines: list[Line]) -> list[list[tuple[int, list[str]]]]:
    """The runs of consecutive table rows with (about) the same number of cells."""
    runs: list[list[tuple[int, list[str]]]] = []
    run: list[tuple[int, list[str]]] = []
    for ln in lines:
        if ln.kind != "text":
            continue
        if _SEPARATOR_RE.fullmatch(ln.text.strip()):
            continue
        row = cells(ln.text)
        if row is not None and run and abs(len(row) - len(run[0][1])) <= 1:
            run.append((ln.no, row))
            continue
        if run:
            runs.append(run)
        run = [(ln.no, row)] if row is not None else []
    if run:
        runs.append(run)
    return runs


def content_roles(rows: list[list[str]]) -> dict[str, int]:
    """The columns' roles told by their cells: dates in most cells make the date column,
    bodies (and nothing more) the issuer column, titles of documents the title column."""
    width = max((len(r) for r in rows), default=0)
    columns = [[r[i] for r in rows if i < len(r) and r[i]] for i in range(width)]
    roles: dict[str, int] = {}

    def most(column: list[str], test) -> bool:
        return bool(column) and sum(1 for c in column if test(c)) * 2 > len(column)

    for i, column in enumerate(columns):
        if "date" not in roles and most(column, date_only):
            roles["date"] = i
        elif "issuer" not in roles and most(column, _issuer_cell):
            roles["issuer"] = i
    rest = [i for i in range(width) if i not in roles.values() and columns[i]]
    titled = [i for i in rest if most(columns[i], lambda c: whole_title(c) is not None)]
    if titled:
        roles["title"] = max(titled, key=lambda i: sum(len(c) for c in columns[i]))
    return roles


def _issuer_cell(text: str) -> bool:
    return len(words(text)) <= MAX_ISSUER_CELL_WORDS and bool(issuers_in(text)[0]) \
        and whole_title(text) is None


def table_lines(tables: list[Table]) -> set[int]:
    """The lines the tables stand on: their headers and rows."""
    return {no for t in tables for no in (t.header_line, *(n for n, _ in t.rows))}
