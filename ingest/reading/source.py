"""What every reader returns: a brief's text under its name, or one line saying why not.

A brief is identified by its name (a file name, or `file#message` inside an mbox) and the sha256
of its text; the parser reads only `text`. `title_hint` and `date_hint` carry what the container
says about the brief (an e-mail's Subject and Date); they fill gaps the text leaves.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path


class UnreadableFile(ValueError):
    """The file cannot be read as a brief; the message says why, in one line."""


@dataclass(frozen=True)
class SourceText:
    path: Path
    name: str  # the brief's identity: its file name, wherever it lies (`file#n` in an mbox)
    text: str
    sha256: str
    title_hint: str = ""
    date_hint: date | None = None


@dataclass(frozen=True)
class UnreadablePart:
    """One message of an mbox that cannot be read; the file's other messages still can."""

    path: Path
    name: str
    reason: str


def make_source(path: Path, text: str, *, name: str = "", title_hint: str = "",
                date_hint: date | None = None) -> SourceText:
    return SourceText(path=path, name=name or path.name, text=text,
                      sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                      title_hint=title_hint, date_hint=date_hint)


def check_size(path: Path, max_bytes: int) -> int:
    """The file's size; a file over `max_bytes` is refused before anything reads it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableFile(f"cannot read the file ({exc.strerror or exc})") from None
    if size > max_bytes:
        raise UnreadableFile(too_large(size, max_bytes))
    return size


def read_capped(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refused before reading when it is over `max_bytes`."""
    check_size(path, max_bytes)
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # a file that grew since stat() is still capped
    except OSError as exc:
        raise UnreadableFile(f"cannot read the file ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise UnreadableFile(too_large(len(data), max_bytes))
    return data


def too_large(size: int, max_bytes: int) -> str:
    return (f"file is {size / 1_048_576:.1f} MB, over the {max_bytes / 1_048_576:.1f} MB limit "
            "for one brief")
