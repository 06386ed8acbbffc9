#!/usr/bin/env python
"""Benchmark the readers: seconds per PDF page and per HTML page, on documents written from the
seed briefs, and how many of the seeds' lines come back whole.

Usage: .venv/bin/python scripts/bench_readers.py [--repeat N] [--ttf]
The PDF is every seed, twice, written by the tests' writer (Noto Sans CJK, a CFF font; --ttf uses
DejaVu Sans with Droid Sans Fallback instead, TrueType fonts every extractor can read). pypdf,
pdfminer.six and readability-lxml are timed too when they are installed (they are not
dependencies: they are the alternatives the readers were chosen against). Asserts nothing.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_BULLET_RE = re.compile(r"^\s*(?:[-–=*·®©]\s+|[•■▪●◦►➢✓□❖→]\s*)")
TTF = (Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
       Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"))


def timed(fn, repeat: int) -> tuple[float, object]:
    samples, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), result


def _line(text: str) -> str:
    return " ".join(_BULLET_RE.sub("", text).split())


def kept(seed_text: str, text: str) -> str:
    """Share of the seeds' short lines (those no page wraps) found whole: as a line, or as
    whole words of a line where the reader joined wrapped lines (seed 001's lines are
    themselves a PDF export's wraps), bullet markers aside (a web page's list items come back
    as '- ')."""
    want = [_line(ln) for ln in seed_text.splitlines()
            if ln.strip() and len(ln) < 90 and not ln.lstrip().startswith("http")]
    got = [_line(ln) for ln in text.splitlines()]
    whole, words = set(got), " " + " \n ".join(got) + " "

    def found(line: str) -> bool:
        return line in whole or f" {line} " in words

    return f"{sum(map(found, want)) / len(want):.1%}"


def write_ttf_pdf(text: str, path: Path) -> None:
    from tests import documents

    class TTFPDF(documents._BriefPDF):
        pass

    original = documents._pdf

    def ttf_pdf(font):
        pdf = TTFPDF(format="A4")
        pdf.set_margins(20, 20, 20)
        pdf.set_auto_page_break(True, margin=20)
        pdf.add_font("cjk", fname=str(TTF[0]))
        pdf.add_font("fallback", fname=str(TTF[1]))
        pdf.set_fallback_fonts(["fallback"])
        pdf.set_font("cjk", size=10)
        return pdf

    documents._pdf = ttf_pdf
    try:
        documents.brief_pdf(text, path, font=TTF[0])
    finally:
        documents._pdf = original


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--ttf", action="store_true")
    args = parser.parse_args()

    from ingest.reading import read_sources
    from ingest.reading.html import html_to_text
    from tests import documents

    seeds = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))
    text = "\n\n".join(s.read_text(encoding="utf-8") for s in seeds) * 2
    tmp = Path(tempfile.mkdtemp(prefix="bench-readers-"))
    pdf = tmp / "seeds.pdf"
    if args.ttf:
        write_ttf_pdf(text, pdf)
    else:
        documents.brief_pdf(text, pdf, font=documents.CJK_FONTS[0])
    pages = int(next(ln.split()[-1] for ln in subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True).stdout.splitlines()
        if ln.startswith("Pages:")))
    size = pdf.stat().st_size / 1_048_576
    print(f"PDF: {pages} pages, {size:.2f} MB ({'TrueType' if args.ttf else 'Noto CJK, CFF'})")

    candidates = {
        "ingest reader (pdftotext -bbox-layout + layout)":
            lambda: read_sources(pdf, max_bytes=10**9)[0].text,
        "pdftotext (plain)": lambda: subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
                                                    capture_output=True, text=True).stdout,
    }
    try:
        from pypdf import PdfReader

        candidates["pypdf"] = lambda: "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    except ImportError:
        pass
    try:
        from pdfminer.high_level import extract_text

        candidates["pdfminer.six"] = lambda: extract_text(pdf)
    except ImportError:
        pass
    for name, fn in candidates.items():
        seconds, out = timed(fn, args.repeat)
        print(f"  {name:48s} {seconds / pages * 1000:6.1f} ms/page  {seconds / size:6.2f} s/MB"
              f"  lines kept {kept(text, out)}")

    page = documents.brief_page(text)
    html_pages = len(seeds) * 2
    print(f"HTML: the same text as one saved page ({len(page) / 1024:.0f} kB); per seed page:")
    per_seed = [documents.brief_page(s.read_text(encoding="utf-8")) for s in seeds]
    seconds, _ = timed(lambda: [html_to_text(p) for p in per_seed], args.repeat)
    print(f"  {'ingest reader (trafilatura)':48s} {seconds / len(seeds) * 1000:6.1f} ms/page")
    seconds, out = timed(lambda: html_to_text(page), args.repeat)
    print(f"  {'  one page of ' + str(html_pages) + ' briefs':48s} {seconds * 1000:6.1f} ms,"
          f" lines kept {kept(text, out)}")
    try:
        from lxml import html as lxml_html
        from readability import Document

        seconds, _ = timed(lambda: [lxml_html.fromstring(Document(p).summary()).text_content()
                                    for p in per_seed], args.repeat)
        print(f"  {'readability-lxml (summary, text_content)':48s} "
              f"{seconds / len(seeds) * 1000:6.1f} ms/page")
    except ImportError:
        pass


if __name__ == "__main__":
    main()
