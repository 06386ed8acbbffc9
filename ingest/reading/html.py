"""Saved web pages (.html, .htm): the page's main content as lines, found by trafilatura.

trafilatura drops site navigation, cookie banners, scripts, sidebars and footers, and hands back
the content as a small XML vocabulary (head, p, list/item, table/row/cell, lb), which is rendered
here: a blank line between blocks, `- ` before each list item, a `<br>` as a line break. Entities
come decoded; nothing in the page is executed, fetched or rendered.
"""

from __future__ import annotations

import re
from pathlib import Path

import trafilatura
from lxml import etree

from .source import SourceText, UnreadableFile, make_source, read_capped

SUFFIXES = (".html", ".htm")
NO_CONTENT = "no main content in the page (only navigation, banners or footers)"
# Fewer visible characters than this is a banner or a stub, never a brief.
MIN_CHARS = 200
# Consent banners sit outside the content but are the only text left on an empty page.
_BANNERS = ("//*[contains(@id, 'cookie') or contains(@class, 'cookie') or contains(@id, 'consent')"
            " or contains(@class, 'consent') or contains(@id, 'gdpr') or contains(@class, 'gdpr')]")
_SPACE_RE = re.compile(r"\s+")


def read(path: Path, *, max_bytes: int) -> list[SourceText]:
    data = read_capped(path, max_bytes)
    if not data.strip():
        raise UnreadableFile("empty file")
    return [make_source(path, html_to_text(data))]


def html_to_text(page: bytes | str) -> str:
    """The main content of an HTML document as brief text; `UnreadableFile` when it has none."""
    xml = trafilatura.extract(page, output_format="xml", include_comments=False,
                              include_tables=True, include_images=False, include_links=False,
                              include_formatting=False, favor_recall=True, prune_xpath=_BANNERS)
    if not xml:
        raise UnreadableFile(NO_CONTENT)
    main = etree.fromstring(xml.encode("utf-8")).find("main")
    blocks: list[str] = []
    for element in main if main is not None else ():
        _render_block(element, blocks)
    text = "\n\n".join(b for b in blocks if b.strip())
    if len(_SPACE_RE.sub("", text)) < MIN_CHARS:
        raise UnreadableFile(NO_CONTENT)
    return text + "\n"


def _render_block(element, blocks: list[str]) -> None:
    if element.tag == "list":
        blocks.append("\n".join(_list_lines(element, depth=0)))
    elif element.tag == "table":
        rows = [" | ".join(_inline(cell) for cell in row.iter("cell")) for row in
                element.iter("row")]
        blocks.append("\n".join(rows))
    else:  # head, p, quote, code and anything trafilatura adds later
        blocks.append(_inline(element))
    if element.tail and element.tail.strip():
        blocks.append(element.tail.strip())


def _list_lines(element, depth: int) -> list[str]:
    lines = []
    for item in element.iterchildren("item"):
        lines.append("  " * depth + "- " + _inline(item).replace("\n", "\n" + "  " * depth))
        for sub in item.iterchildren("list"):
            lines += _list_lines(sub, depth + 1)
    return lines


def _inline(element) -> str:
    """The element's text with <lb/> as line breaks; nested lists are rendered by the caller."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag != "list":
            parts.append(_inline(child))
        parts.append(child.tail or "")
    lines = (_SPACE_RE.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)
