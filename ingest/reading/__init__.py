"""Files on disk to brief texts, one reader per format, or a one-line reason why not.

    read_sources(path, *, max_bytes) -> list[SourceText | UnreadablePart]
    collect_paths(paths) -> (files, problems)     # folders yield every supported suffix
    UnreadableFile                                # the whole file cannot be read

Every reader ends in the same `SourceText` (name, text, sha256, hints) that the parser reads:
`text` (.txt, .md), `html` (.html, .htm: the page's main content), `pdf` (.pdf: the text layer),
`mail` (.eml, .mbox: one brief per message). A file over `max_bytes` is refused before it is read.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from . import html, mail, pdf, text
from .source import SourceText, UnreadableFile, UnreadablePart

__all__ = ["SUFFIXES", "SourceText", "UnreadableFile", "UnreadablePart", "collect_paths",
           "read_sources"]

Reader = Callable[..., list[SourceText | UnreadablePart]]
READERS: dict[str, Reader] = {suffix: module.read for module in (text, html, pdf, mail)
                              for suffix in module.SUFFIXES}
SUFFIXES = tuple(READERS)


def read_sources(path: Path, *, max_bytes: int) -> list[SourceText | UnreadablePart]:
    """The briefs in one file: one, or one per message of an mbox. Raises `UnreadableFile`."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        kind = f"{path.suffix} files" if path.suffix else "files without a suffix"
        raise UnreadableFile(f"cannot read {kind}: briefs are {', '.join(SUFFIXES)}")
    return reader(path, max_bytes=max_bytes)


def collect_paths(paths: list[str]) -> tuple[list[Path], list[str]]:
    """Expand folders to their brief files (sorted); return (files, problems)."""
    files: list[Path] = []
    problems: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*")
                           if p.is_file() and p.suffix.lower() in READERS)
            if not found:
                problems.append(f"{raw}: folder has no brief files ({', '.join(SUFFIXES)})")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(f"{raw}: no such file or folder")
    return files, problems
