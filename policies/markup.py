"""The one place outside Django that makes safe markup: Django's format_html and
format_html_join, step for step (tests/test_markup_helpers.py holds them to Django's for any
arguments), without the lazy-argument checks Django's escape() makes on every call, which were
a sixth of a list page's time in its few thousand facet links and row pieces.

Every argument is escaped unless it is safe markup already (`__html__`); a lazy string is read
first, as str() reads it. Nothing here marks text safe that was not escaped: `joined` takes
only what `html` and `join` made. The public pages' modules and templates may not mark anything
safe themselves (tests/test_browse_pages.py looks for it).
"""

from __future__ import annotations

from html import escape as escape_text

from django.utils.safestring import SafeString

NOTHING = SafeString("")


def _piece(value) -> str:
    """Django's conditional_escape(value), as a plain str (the kinds a page holds most, safe
    markup, text and counts, without the attribute lookup)."""
    kind = type(value)
    if kind is SafeString:
        return value
    if kind is str:
        return escape_text(value)
    if kind is int:
        return str(value)
    markup = getattr(value, "__html__", None)
    return markup() if markup is not None else escape_text(str(value))


def html(format_string: str, *args) -> SafeString:
    """Django's format_html: the args escaped into format_string."""
    return SafeString(format_string.format(*map(_piece, args)))


def join(format_string: str, rows) -> SafeString:
    """Django's format_html_join with an empty separator: each row's args escaped into
    format_string, the results joined."""
    return SafeString("".join([format_string.format(*map(_piece, args)) for args in rows]))


def joined(pieces: list[SafeString]) -> SafeString:
    """Pieces that `html` or `join` made, joined (anything else is refused, not trusted)."""
    if not all(isinstance(piece, SafeString) for piece in pieces):
        raise TypeError("joined() takes only safe markup made by html() or join()")
    return SafeString("".join(pieces))
