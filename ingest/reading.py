"""Turn a file on disk into text, or say in one line why it cannot be read as a brief."""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path


class UnreadableFile(ValueError):
    """The file is not a UTF-8 text brief; the message says why, in one line."""


@dataclass(frozen=True)
class SourceText:
    path: Path
    name: str  # the brief's identity: its file name, wherever it lies
    text: str
    sha256: str


def read_brief_file(path: Path, *, max_bytes: int) -> SourceText:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableFile(f"cannot read the file ({exc.strerror or exc})") from None
    if size > max_bytes:
        raise UnreadableFile(
            f"file is {size / 1_048_576:.1f} MB, over the {max_bytes / 1_048_576:.1f} MB limit "
            "for one brief"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"cannot read the file ({exc.strerror or exc})") from None
    text = decode_brief_bytes(data)
    return SourceText(
        path=path,
        name=path.name,
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


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
    printable = sum(1 for ch in text if ch.isprintable() or ch in "\n\r\t")
    if printable < 0.95 * len(text):
        raise UnreadableFile("binary file (mostly control characters), not a text brief")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def collect_paths(paths: list[str]) -> tuple[list[Path], list[str]]:
    """Expand folders to their .txt files (sorted); return (files, problems)."""
    files: list[Path] = []
    problems: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not found:
                problems.append(f"{raw}: folder has no .txt files")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(f"{raw}: no such file or folder")
    return files, problems
