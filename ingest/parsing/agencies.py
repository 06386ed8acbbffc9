"""Agency references: the 'Issuing body/bodies:' line, or the agencies a summary names."""

from __future__ import annotations

import re

from .cleaning import collapse_ws
from .issuers import is_body, spells, without_order

_ETC_RE = re.compile(r"(?:^|[\s,]+)(?:etc\.?|et\s+al\.?|and\s+others|and\s+other\s+\w+|等)$",
                     re.IGNORECASE)
_SPLIT_RE = re.compile(r"\s*[,;、，；/]\s*|\s+&\s+")


def split_issuing(value: str) -> tuple[list[str], bool]:
    """'MIIT, MOE, SAMR, NDA' -> (['MIIT', 'MOE', 'SAMR', 'NDA'], False);
    'MIIT etc.' -> (['MIIT'], True)."""
    value = collapse_ws(value).strip(" ,;:")
    m = _ETC_RE.search(value)
    etc = bool(m)
    if m:
        value = value[:m.start()]
    value = _NOTE_TAIL_RE.split(value, maxsplit=1)[0]  # "X on April 4 2010 and effective ..."
    refs: list[str] = []
    tokens: list[str] = []
    for tok in _SPLIT_RE.split(value):
        if tokens and tok.strip() and not is_body(tok.split()) and is_body(tokens[-1].split()) \
                and tok.strip()[:1].isupper():
            # "General Administration of Quality Supervision, Inspection and Quarantine": a
            # name with a comma in it (the piece after the comma names no body by itself)
            tokens[-1] = f"{tokens[-1].rstrip()}, {tok.strip()}"
        else:
            tokens.append(tok)
    for tok in tokens:
        for part in _split_and(tok):
            part = without_order(part).strip(" .,;:")  # "Ministry of Finance (MOF)": kept whole
            part = without_spelled_abbreviation(part)
            if part.startswith("(") and part.endswith(")"):
                part = part[1:-1].strip()
            if part.count("(") != part.count(")"):
                part = part.strip("()").strip()
            if part and part not in refs:
                refs.append(part)
    return refs, etc


# what a "Promulgated by X on <date> and effective as of ..." note says after the issuers
_NOTE_TAIL_RE = re.compile(r"\s+(?:on|in)\s+(?=(?:[A-Z][a-z]{2,8}\.?\s+)?\d)"
                           r"|,?\s+(?:and\s+)?effective\b"
                           r"|,?\s+and\s+(?:shall\s+)?(?:come|take|enter)s?\b")
_ABBR_RE = re.compile(r"[A-Z][A-Z&]{1,11}")
# "National Medical Products Administration NMPA": a name, then the abbreviation it spells
_BARE_ABBR_TAIL_RE = re.compile(r"^(?P<name>[A-Z][^()]{3,120}?)\s+(?P<abbr>[A-Z]{2,12})$")


def without_spelled_abbreviation(name: str) -> str:
    """The name without a bare abbreviation after it that spells its capitalised words'
    initials ("China Oral Care Industry Association COCIA"): one body, named twice. The full
    name is kept, as a body the registry lacks is known by it."""
    m = _BARE_ABBR_TAIL_RE.match(name)
    if not m:
        return name
    return m.group("name") if spells(m.group("abbr"), m.group("name").split()) else name


def _split_and(token: str) -> list[str]:
    """'MIIT and NDRC' / 'State Council and NDRC' are two issuers; 'Ministry of Industry and
    Information Technology' is one."""
    parts = [p.strip() for p in re.split(r"\s+and\s+", token)]
    if len(parts) > 1 and all(0 < len(p.split()) <= 2 for p in parts) and any(
            _ABBR_RE.fullmatch(p) for p in parts):
        return parts
    if len(parts) == 2 and all(_standalone(p) for p in parts):
        return parts  # "Supreme People's Procuratorate and Ministry of Public Security"
    return [token]


def _standalone(name: str) -> bool:
    """A body's name by itself: it opens with an agency word ("Ministry of Public Security")
    or ends with one ("Supreme People's Procuratorate"), not "Information Technology"."""
    words = [w.lower().strip(".,") for w in name.split()]
    return bool(words) and (words[0] in _AGENCY_WORDS or words[-1] in _AGENCY_WORDS)


# Words that make a capitalised phrase an agency name.
_AGENCY_WORDS = {
    "ministry", "commission", "administration", "council", "bureau", "office", "committee",
    "agency", "department", "authority", "bank", "court", "procuratorate", "congress",
    "party", "government", "regulator", "academy", "association", "federation", "cac",
    "league", "secretariat", "group",
}
_CONNECTORS = {"of", "and", "for", "on", "the", "&", "in"}
_TOKEN_RE = re.compile(r"\([A-Z][A-Za-z&]{1,11}\)|[A-Za-z][\w’'&.-]*|[^\sA-Za-z]")


def agencies_in_text(text: str) -> list[str]:
    """Agencies a prose summary names, in order, each as written: with the abbreviation in
    parentheses after it ('Ministry of Finance (MOF)') when the text gives one."""
    refs: list[str] = []
    run: list[str] = []

    def add(words: list[str], abbr: str | None) -> None:
        while words and (words[0].lower() in _CONNECTORS):
            words.pop(0)
        while words and words[-1].lower() in _CONNECTORS:
            words.pop()
        if not words or not any(w.lower() in _AGENCY_WORDS for w in words):
            return
        name = f"{' '.join(words)} ({abbr})" if abbr else " ".join(words)
        if name not in refs:
            refs.append(name)

    def flush(abbr: str | None = None) -> None:
        # "the State Council and the National Energy Administration (NEA)": two names
        segments: list[list[str]] = [[]]
        for i, w in enumerate(run):
            if w.lower() == "and" and i + 1 < len(run) and run[i + 1].lower() == "the":
                segments.append([])
            else:
                segments[-1].append(w)
        run.clear()
        for seg in segments[:-1]:
            add(seg, None)
        add(segments[-1], abbr)

    for m in _TOKEN_RE.finditer(text[:5000]):
        tok = m.group(0)
        if tok.startswith("(") and tok.endswith(")") and len(tok) > 2:
            flush(tok[1:-1])
        elif tok[0].isupper() or (run and tok.lower() in _CONNECTORS):
            if tok.lower() == "the" and run and run[-1].lower() not in _CONNECTORS:
                flush()
            run.append(tok.rstrip("."))
            if tok.endswith("."):
                flush()
        else:
            flush()
    flush()
    return refs
