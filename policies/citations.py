"""'Cite this' for a policy page: a plain-text reference, a BibTeX entry and an RIS record (all
plain text, escaped where they are shown), each with the permalink and the date it was accessed.
The lead agency comes first among the authors and is the BibTeX institution and RIS publisher."""

from __future__ import annotations

import re
from datetime import date

from .models import Agency, Policy

SITE_NAME = "Policy Briefs Archive"
LATEX_SPECIAL = re.compile(r"([&%$#_])")


def bibtex_text(text: str) -> str:
    """A value safe inside a BibTeX {...} field: no unbalanced braces or stray commands."""
    text = re.sub(r"\s+", " ", text or "").strip()
    text = text.replace("\\", "/").replace("{", "(").replace("}", ")")
    return LATEX_SPECIAL.sub(r"\\\1", text)


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
    issued = _day(policy.issued_on) if policy.issued_on else "undated"
    parts.append(f"{policy.get_document_type_display()}, {issued}.")
    parts.append(f"{SITE_NAME}, {url}" + (f" (accessed {_day(accessed)})." if accessed else ""))
    return " ".join(parts)


def bibtex_citation(policy: Policy, url: str, *, accessed: date | None = None) -> str:
    fields = [("title", bibtex_text(policy.title))]
    agencies = _agencies(policy)
    if agencies:
        fields.append(("author", " and ".join("{" + bibtex_text(a) + "}" for a in agencies)))
    lead = lead_agency(policy)
    if lead is not None:
        fields.append(("institution", bibtex_text(lead.name)))
    if policy.issued_on:
        fields += [
            ("year", str(policy.issued_on.year)),
            ("month", policy.issued_on.strftime("%b").lower()),
            ("date", policy.issued_on.isoformat()),
        ]
    note = policy.get_document_type_display()
    if policy.chinese_title:
        note = f"{note}; Chinese title: {bibtex_text(policy.chinese_title)}"
    fields += [("note", note), ("howpublished", SITE_NAME), ("url", url.replace("}", "%7D"))]
    if accessed:
        fields.append(("urldate", accessed.isoformat()))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{policy{policy.pk},\n{body}\n}}"


def ris_text(text: str) -> str:
    """A value safe on one RIS line: whitespace (newlines included) collapsed."""
    return re.sub(r"\s+", " ", text or "").strip()


def _ris_date(day: date) -> str:
    return f"{day:%Y/%m/%d}/"


def ris_citation(policy: Policy, url: str, *, accessed: date | None = None) -> str:
    """An RIS record (a government document), CRLF line ends as the format wants."""
    lines = [("TY", "GOVDOC"), ("TI", ris_text(policy.title))]
    lines += [("AU", ris_text(a)) for a in _agencies(policy)]
    lead = lead_agency(policy)
    if lead is not None:
        lines.append(("PB", ris_text(lead.name)))
    if policy.issued_on:
        lines += [("PY", str(policy.issued_on.year)), ("DA", _ris_date(policy.issued_on))]
    lines.append(("M3", policy.get_document_type_display()))
    if policy.chinese_title:
        lines.append(("N1", f"Chinese title: {ris_text(policy.chinese_title)}"))
    lines += [("UR", ris_text(url)), ("DB", SITE_NAME)]
    if accessed:
        lines.append(("Y2", _ris_date(accessed)))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)
