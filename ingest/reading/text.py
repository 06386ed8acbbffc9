"""Plain-text briefs (.txt, .md): UTF-8 only, with a one-line reason for anything else."""

from __future__ import annotations

import codecs
from pathlib import Path

from .source import SourceText, UnreadableFile, make_source, read_capped

SUFFIXES = (".txt", ".md")


def read(path: Path, *, max_bytes: int) -> list[SourceText]:
    return [make_source(path, decode_brief_bytes(read_capped(path, max_bytes)))]


def decode_brief_bytes(data: bytes) -> str:
    if not data.strip():
        raise UnreadableFile("empty file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE,
                        codecs.BOM_UTF32_BE)):
        raise UnreadableFile(
            "file is UTF-16/32 (it starts with a byte-order mark); save it as UTF-8"
        )
    if b"\x00" in data[:65536]:
        raise UnreadableFile("binary file (it contains NUL bytes), not a text brief")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); it may be "
            "cp1252 or another legacy encoding: save it as UTF-8"
        ) from None
    if _printable(text) < 0.95 * len(text):
        raise UnreadableFile("binary file (mostly control characters), not a text brief")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _printable(text: str) -> int:
    """How many characters are printable or line breaks and tabs: a whole line at a time where
    every character of it is (most lines), one character at a time elsewhere."""
    lines = text.replace("\r", " ").replace("\t", " ").split("\n")
    return len(lines) - 1 + sum(
        len(line) if line.isprintable() else sum(map(str.isprintable, line)) for line in lines
    )
