"""'Cite this' for a policy page: a plain-text reference, a BibTeX entry and an RIS record, each
with the permalink and the date it was accessed. The lead agency comes first among the authors
and is the BibTeX institution and RIS publisher.

BibTeX is written by bibtexparser and RIS by rispy, the libraries that read them: the text
fields are LaTeX-encoded by bibtexparser's encoder (pylatexenc: & % $ # _ { } \\ escaped,
accents as commands, Chinese kept as UTF-8), so no title can end a field or the entry; the URL is
not encoded (biblatex reads it verbatim) but percent-encoded where it could. RIS is one tag per
line, so whitespace, newlines included, is collapsed first.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import quote

import bibtexparser
import rispy
from bibtexparser import middlewares, model
from pylatexenc.latexencode import UnicodeToLatexEncoder

from .models import Agency, Policy

SITE_NAME = "Policy Briefs Archive"
# pylatexenc's defaults, but a character it has no LaTeX for (Chinese) stays as it is, silently
LATEX = UnicodeToLatexEncoder(unknown_char_policy="keep", unknown_char_warning=False)
URL_SAFE = ":/?#[]@!$&'()*+,;=%~"  # braces, spaces and backslashes are percent-encoded


def one_line(text: str) -> str:
    """Whitespace, newlines included, collapsed to single spaces."""
    return re.sub(r"\s+", " ", text or "").strip()


def _agencies(policy: Policy) -> list[str]:
    return [pa.agency.abbreviation for pa in policy.policy_agencies.all()]


def lead_agency(policy: Policy) -> Agency | None:
    """Position 0 of the (prefetched, ordered) agencies, if any."""
    return next((pa.agency for pa in policy.policy_agencies.all() if pa.position == 0), None)


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def plain_citation(policy: Policy, url: str, *, accessed: date | None = None) -> str:
    parts = []
    agencies = _agencies(policy)
    if agencies:
        parts.append(", ".join(agencies) + ".")
    title = policy.title + (f" ({policy.chinese_title})" if policy.chinese_title else "")
    parts.append(f"{title}.")
    issued = policy.issued.text or "undated"
    parts.append(f"{policy.get_document_type_display()}, {issued}.")
    parts.append(f"{SITE_NAME}, {url}" + (f" (accessed {_day(accessed)})." if accessed else ""))
    return " ".join(parts)


def bibtex_citation(policy: Policy, url: str, *, accessed: date | None = None) -> str:
    text = [("title", policy.title)]
    agencies = _agencies(policy)
    if agencies:  # each a corporate author, kept whole by its braces: {MIIT} and {NDRC}
        text.append(("author", " and ".join("{" + LATEX.unicode_to_latex(one_line(a)) + "}"
                                            for a in agencies)))
    lead = lead_agency(policy)
    if lead is not None:
        text.append(("institution", lead.name))
    if policy.issued_on:  # "date" to the month when that is all the source states
        text += [("year", str(policy.issued_on.year)),
                 ("month", policy.issued_on.strftime("%b").lower()),
                 ("date", policy.issued.iso)]
    if policy.document_number:
        text.append(("number", policy.document_number))
    note = policy.get_document_type_display()
    if policy.chinese_title:
        note = f"{note}; Chinese title: {policy.chinese_title}"
    if policy.effective_on:
        note = f"{note}; in force from {_day(policy.effective_on)}"
    text += [("note", note), ("howpublished", SITE_NAME)]
    encoded = [model.Field(name, value if name == "author"
                           else LATEX.unicode_to_latex(one_line(value)))
               for name, value in text]
    verbatim = [model.Field("url", quote(url, safe=URL_SAFE))]
    if accessed:
        verbatim.append(model.Field("urldate", accessed.isoformat()))
    library = bibtexparser.Library([model.Entry("misc", f"policy{policy.pk}", encoded + verbatim)])
    enclose = middlewares.AddEnclosingMiddleware(
        reuse_previous_enclosing=False, enclose_integers=False, default_enclosing="{")
    return bibtexparser.write_string(library, unparse_stack=[enclose]).strip() + "\n"


class RisWriter(rispy.RisWriter):
    """rispy's RIS, one record per file: no "1." header before it, CRLF line ends."""

    NEWLINE = "\r\n"

    def set_header(self, count: int) -> str:
        return ""


def ris_citation(policy: Policy, url: str, *, accessed: date | None = None) -> str:
    """An RIS record (a government document), CRLF line ends as the format wants."""
    record = {"type_of_reference": "GOVDOC", "title": one_line(policy.title)}
    agencies = [one_line(a) for a in _agencies(policy)]
    if agencies:
        record["authors"] = agencies
    lead = lead_agency(policy)
    if lead is not None:
        record["publisher"] = one_line(lead.name)
    if policy.issued_on:
        record["year"] = str(policy.issued_on.year)
        day = "" if policy.issued.month_only else f"{policy.issued_on:%d}"
        record["date"] = f"{policy.issued_on:%Y/%m}/{day}/"  # RIS: YYYY/MM/DD/
    record["type_of_work"] = policy.get_document_type_display()  # M3
    if policy.document_number:
        record["number"] = one_line(policy.document_number)  # IS
    notes = []
    if policy.chinese_title:
        notes.append(f"Chinese title: {one_line(policy.chinese_title)}")
    if policy.effective_on:
        notes.append(f"In force from {_day(policy.effective_on)}")
    if notes:
        record["notes"] = notes
    record["urls"] = [one_line(url)]
    record["name_of_database"] = SITE_NAME
    if accessed:
        record["access_date"] = f"{accessed:%Y/%m/%d}/"
    text = rispy.dumps([record], implementation=RisWriter)
    return "".join(f"{line}\r\n" for line in text.split("\r\n") if line.strip())
