"""How names are compared: the normalised key of a name, and the small text helpers every
matcher shares (apostrophe and dash variants, mentions in order). Chinese characters and
full-width forms are the search's definitions (`policies.search.analysis`)."""

from __future__ import annotations

import re

from policies.search.analysis import fold_width

APOSTROPHES = "'\u2019\u2018\u02bc`\u00b4"
DASHES = "-\u2010\u2011\u2012\u2013\u2014"


def first_keys(mentions) -> list:
    """The keys of (key, start, end, text) mentions, in order of first appearance, no repeats."""
    return list(dict.fromkeys(key for key, *_ in mentions))


def is_latin_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


_THE_RE = re.compile(r"\bthe\b")
_NON_NAME_RE = re.compile(r"[^\w&'.,+]+")


def normalise_name(name: str) -> str:
    """The comparison key of a name: NFKC, case-folded, one kind of apostrophe, "&" as "and",
    hyphens as spaces, the word "the" dropped, whitespace collapsed, outer punctuation stripped.

    "The Ministry of Ecology and the Environment" and "Ministry of Ecology and Environment" give
    the same key; so do "MIIT" and "miit"."""
    text = fold_width(name)
    for ch in APOSTROPHES:
        text = text.replace(ch, "'")
    for ch in DASHES:
        text = text.replace(ch, " ")
    text = text.casefold().replace("&", " and ")
    text = _THE_RE.sub(" ", text)
    text = _NON_NAME_RE.sub(" ", text)
    text = " ".join(text.split())
    return text.strip(" .,;:")
