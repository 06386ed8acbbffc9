"""PDF briefs (.pdf): the text layer, read by poppler's `pdftotext -bbox-layout`.

poppler gives every word with its box, grouped into lines, blocks and flows; `pdf_layout` turns
those boxes into brief text (running headers and page numbers dropped, paragraphs as blank lines,
line-end hyphens and broken URLs joined, two columns in reading order). poppler runs as a separate
process with a time limit, so a hostile file cannot hang or bloat the ingest. A PDF with no text
layer, a password, or a broken structure gets a one-line reason.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from .pdf_layout import Line, Page, pages_to_text
from .source import SourceText, UnreadableFile, check_size, make_source

SUFFIXES = (".pdf",)
TIMEOUT_SECONDS = 60
NO_TEXT_LAYER = "no text layer: a scanned PDF needs OCR"
_XHTML = "{http://www.w3.org/1999/xhtml}"
# Characters XML 1.0 forbids; poppler copies them from broken fonts' text maps.
_XML_ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def read(path: Path, *, max_bytes: int) -> list[SourceText]:
    check_size(path, max_bytes)
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as exc:
        raise UnreadableFile(f"cannot read the file ({exc.strerror or exc})") from None
    if b"%PDF-" not in head:
        raise UnreadableFile("not a PDF (no %PDF- header in its first kilobyte)")
    pages = read_pages(path)
    if not any(page.lines for page in pages):
        raise UnreadableFile(NO_TEXT_LAYER)
    return [make_source(path, pages_to_text(pages))]


def read_pages(path: Path) -> list[Page]:
    """Every page's text lines with their boxes, as poppler sees them."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        raise UnreadableFile("cannot read PDFs here: poppler's pdftotext is not installed "
                             "(Debian: apt-get install poppler-utils)")
    try:
        done = subprocess.run(
            [pdftotext, "-bbox-layout", "-enc", "UTF-8", str(path.resolve()), "-"],
            capture_output=True, timeout=TIMEOUT_SECONDS, check=False, stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        raise UnreadableFile(f"PDF took over {TIMEOUT_SECONDS} s to read; it may be broken or "
                             "hostile") from None
    if done.returncode != 0:
        raise UnreadableFile(_failure(done.stderr.decode("utf-8", "replace")))
    try:
        root = ET.fromstring(_XML_ILLEGAL_RE.sub("", done.stdout.decode("utf-8", "replace")))
    except ET.ParseError:
        raise UnreadableFile("corrupt PDF: its text could not be read") from None
    pages = [_page(el) for el in root.iter(f"{_XHTML}page")]
    if not pages:
        raise UnreadableFile("corrupt PDF: it has no pages")
    return pages


def _failure(said: str) -> str:
    """Why poppler refused, in one line, from what it wrote on stderr."""
    if "password" in said.lower():
        return "encrypted PDF: it needs a password to open"
    if "copying of text" in said.lower():
        return "the PDF's permissions forbid copying its text"
    first = next((ln.strip() for ln in said.splitlines() if ln.strip()), "no reason given")
    return f"corrupt or unreadable PDF (poppler: {first[:120]})"


def _page(element) -> Page:
    lines = []
    for flow_no, flow in enumerate(element.iter(f"{_XHTML}flow")):
        for block_no, block in enumerate(flow.iter(f"{_XHTML}block")):
            for line in block.iter(f"{_XHTML}line"):
                words = [w.text or "" for w in line.iter(f"{_XHTML}word")]
                text = " ".join(w for w in words if w)
                if text.strip():
                    lines.append(Line(text=text, x0=float(line.get("xMin")),
                                      y0=float(line.get("yMin")), x1=float(line.get("xMax")),
                                      y1=float(line.get("yMax")), block=(flow_no, block_no)))
    return Page(width=float(element.get("width")), height=float(element.get("height")),
                lines=lines)
