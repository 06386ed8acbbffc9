"""Mutation fuzzing of the readers and the parser: real briefs (the extraction corpus and the
seeds, as text, saved web pages, e-mails and PDFs) broken the ways files break, fed to the code
that reads them. Used by tests/test_fuzzing.py (hypothesis draws the mutations, so a failure
shrinks to a small one) and by scripts/fuzz_ingest.py (random draws, 100,000 inputs and more).

An outcome is "ok" (read and parsed), "refused" (UnreadableFile, an unreadable mbox part, or
ParseError: the one-line reasons the ingest reports), or a crash: any other exception, which
`run_one` lets through with the input that caused it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from ingest.parsing import ParseError, _parse
from ingest.reading import SourceText, UnreadableFile, UnreadablePart, read_sources

ROOT = Path(__file__).resolve().parent.parent
MAX_BYTES = 10 * 1024 * 1024

# Pieces that steer the parser and the readers into their branches when spliced in.
MARKERS = [
    b"At a glance:", b"MERICS comment:", b"Article:", b"Policy name:", b"Issuing body:",
    b"Date:", b"(Link)", b"\xe3\x80\x8a", b"\xe3\x80\x8b", b"NOTEWORTHY", b"Policy news",
    b"Corporate news", b"Promulgated by ", b"Document No.", b"Title: ", b"\r\n", b"\n\n\n",
    b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\xe2\x80\x8b", b"<p>", b"</p>", b"<script>",
    b"<![CDATA[", b"<!--", b"&#0;", b"&amp;", b"=?utf-8?b?", b"\nFrom ", b"Content-Type: ",
    b"multipart/mixed; boundary=x", b"--x\n", b"%PDF-1.4", b"endobj", b"stream\n", b"xref",
    b"%%EOF", b"2024-13-45", b"February 30, 2024", b"9" * 40,
    "工信部".encode(),
]
OPERATIONS = ("flip", "insert", "delete", "duplicate", "splice", "marker", "truncate",
              "repeat_line", "swap_lines")


@dataclass(frozen=True)
class Seed:
    name: str  # what it was made from
    suffix: str  # how it is read: .txt, .html, .eml, .pdf
    data: bytes


def text_seeds() -> list[Seed]:
    paths = sorted((ROOT / "fixtures" / "corpus").glob("*.txt"))
    paths += sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))
    return [Seed(p.name, ".txt", p.read_bytes()) for p in paths]


def format_seeds(tmp: Path, *, pdf: bool = True) -> list[Seed]:
    """The seed briefs as a saved web page, an e-mail and (if the tools are here) a PDF."""
    from . import documents  # the writers: fpdf2, EmailMessage

    seeds = []
    for path in sorted((ROOT / "fixtures" / "seeds").glob("*.txt")):
        text = path.read_text()
        seeds.append(Seed(path.name, ".html", documents.brief_page(text).encode()))
        message = documents.brief_email(text, subject=f"Brief {path.stem}")
        seeds.append(Seed(path.name, ".eml", message.as_bytes()))
        if pdf:
            font = documents.require_pdf_tools()
            out = documents.brief_pdf(text, tmp / f"{path.stem}.pdf", font=font)
            seeds.append(Seed(path.name, ".pdf", out.read_bytes()))
    return seeds


def mutate(data: bytes, steps: list[tuple[str, int, int, bytes]]) -> bytes:
    """`data` after each step (operation, position, length, payload); positions and lengths
    wrap around the current size, so any drawn numbers make a valid step."""
    out = bytearray(data)
    for operation, position, length, payload in steps:
        size = len(out) or 1
        at, span = position % size, length % 512 + 1
        if operation == "flip" and out:
            out[at] ^= 1 << (length % 8)
        elif operation == "insert":
            out[at:at] = payload
        elif operation == "delete":
            del out[at:at + span]
        elif operation == "duplicate":
            out[at:at] = out[at:at + span] * (length % 4 + 1)
        elif operation == "splice":
            out[at:at + span] = payload
        elif operation == "marker":
            out[at:at] = MARKERS[length % len(MARKERS)]
        elif operation == "truncate":
            del out[at:]
        elif operation in ("repeat_line", "swap_lines"):
            lines = bytes(out).split(b"\n")
            i, j = position % len(lines), length % len(lines)
            if operation == "repeat_line":
                lines[i:i] = [lines[i]] * (length % 50 + 1)
            else:
                lines[i], lines[j] = lines[j], lines[i]
            out = bytearray(b"\n".join(lines))
    return bytes(out[: 4 * len(data) + 4096])  # bounded: a mutant never grows without end


def random_steps(rng: random.Random, *, most: int = 8) -> list[tuple[str, int, int, bytes]]:
    return [(rng.choice(OPERATIONS), rng.randrange(1 << 20), rng.randrange(1 << 12),
             rng.randbytes(rng.randrange(64))) for _ in range(rng.randint(1, most))]


def parse_text(data: bytes) -> str:
    try:
        _parse(data.decode("utf-8", errors="replace"), "fuzz.txt")
    except ParseError as problem:
        assert str(problem) and "\n" not in str(problem), repr(problem)
        return "refused"
    return "ok"


def read_and_parse(suffix: str, data: bytes, folder: Path) -> str:
    """One file through its reader, then each brief it holds through the parser."""
    path = folder / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        parts = read_sources(path, max_bytes=MAX_BYTES)
    except UnreadableFile as problem:
        assert str(problem) and "\n" not in str(problem), repr(problem)
        return "refused"
    outcomes = []
    for part in parts:
        if isinstance(part, UnreadablePart):
            assert part.reason, part
            outcomes.append("refused")
            continue
        assert isinstance(part, SourceText)
        outcomes.append(parse_text(part.text.encode()))
    return "ok" if "ok" in outcomes else "refused"


def run_one(seed: Seed, data: bytes, folder: Path) -> str:
    """A mutant through its reader; a text mutant also straight through the parser (decoded
    loosely), as the reader refuses most broken encodings before the parser sees them."""
    outcome = read_and_parse(seed.suffix, data, folder)
    if seed.suffix == ".txt" and parse_text(data) == "ok":
        return "ok"
    return outcome
