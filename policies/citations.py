"""'Cite this' for a policy page: a plain-text reference and a BibTeX entry (both plain text,
escaped where they are shown)."""

from __future__ import annotations

import re

from .models import Policy

SITE_NAME = "Policy Briefs Archive"
LATEX_SPECIAL = re.compile(r"([&%$#_])")


def bibtex_text(text: str) -> str:
    """A value safe inside a BibTeX {...} field: no unbalanced braces or stray commands."""
    text = re.sub(r"\s+", " ", text or "").strip()
    text = text.replace("\\", "/").replace("{", "(").replace("}", ")")
    return LATEX_SPECIAL.sub(r"\\\1", text)


def _agencies(policy: Policy) -> list[str]:
    return [pa.agency.abbreviation for pa in policy.policy_agencies.all()]


def plain_citation(policy: Policy, url: str) -> str:
    parts = []
    agencies = _agencies(policy)
    if agencies:
        parts.append(", ".join(agencies) + ".")
    title = policy.title + (f" ({policy.chinese_title})" if policy.chinese_title else "")
    parts.append(f"{title}.")
    issued = f"{policy.issued_on.day} {policy.issued_on:%B %Y}" if policy.issued_on else "undated"
    parts.append(f"{policy.get_document_type_display()}, {issued}.")
    parts.append(f"{SITE_NAME}, {url}")
    return " ".join(parts)


def bibtex_citation(policy: Policy, url: str) -> str:
    fields = [("title", bibtex_text(policy.title))]
    agencies = _agencies(policy)
    if agencies:
        fields.append(("author", " and ".join("{" + bibtex_text(a) + "}" for a in agencies)))
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
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{policy{policy.pk},\n{body}\n}}"
