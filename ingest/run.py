"""One ingest run over many files: read, parse, store each brief on its own, and summarise.

A file holds one brief, or one per message (an mbox). The management command and the tests call
`ingest_files`; a bad file or message is reported and the loop goes on. A run killed half-way
loses at most the brief it was storing (rolled back whole) and leaves its IngestRun unfinished;
the next run stores the rest. Two runs at once take turns (run_lock.py).

Reading and parsing touch no database, so on a run of several files they go ahead in a second
process (`parse_ahead`) while this one stores the briefs already parsed: on two cores the
parsing, a fifth to a third of a brief's time, is then off the storing's path. The order of the
files, the reports and the transactions is the same as without it.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import signal
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import nullcontext, suppress
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connections
from django.utils import timezone

from ingest.known_records import KnownRecords
from ingest.parsing import ParseError, ParseWarning, parse_brief
from ingest.parsing.layouts.merics_industries import NO_TITLE_LINE, REASON_UNDATED
from ingest.parsing.structures import ParsedBrief
from ingest.persist import FileOutcome, sync_brief
from ingest.reading import SourceText, UnreadableFile, UnreadablePart, read_sources
from ingest.run_lock import one_run_at_a_time
from policies.editorial.history import changes_by
from policies.models import IngestRun, IngestWarning

log = logging.getLogger(__name__)
REASON_DATE_FROM_MAIL = "date taken from the e-mail"
PARSE_AHEAD_FILES = 16  # from this many files on, parse in a second process (the seeds' five
# took 0.43-0.49 s parsed here and 0.48-0.81 s parsed ahead: starting the process costs more)
PARSE_AHEAD_DEPTH = 4  # files read and parsed ahead of the one being stored, at most


@dataclass
class FileReport:
    """One brief's fate; `file` is its source name (a file, or `file#message` of an mbox)."""

    file: str
    status: str  # created | updated | unchanged | parsed (dry run) | failed
    error: str = ""
    parsed: ParsedBrief | None = None
    outcome: FileOutcome | None = None
    warnings: list[tuple[int | None, str]] = field(default_factory=list)


@dataclass
class RunReport:
    files: list[FileReport] = field(default_factory=list)  # one per brief
    run: IngestRun | None = None
    paths_read: int = 0

    @property
    def failed(self) -> list[FileReport]:
        return [f for f in self.files if f.status == "failed"]

    def summary(self) -> dict:
        statuses = Counter(f.status for f in self.files)
        outcomes = [f.outcome for f in self.files if f.outcome]
        parsed = [f.parsed for f in self.files if f.parsed]
        return {
            "files_read": self.paths_read,
            "briefs_read": len(self.files),
            "briefs_created": statuses["created"],
            "briefs_updated": statuses["updated"],
            "briefs_unchanged": statuses["unchanged"],
            "files_parsed_only": statuses["parsed"],
            "files_failed": statuses["failed"],
            "policies_created": sum(o.policies_created for o in outcomes),
            "policies_updated": sum(o.policies_updated for o in outcomes),
            "policies_parsed": sum(1 for p in parsed for i in p.items if i.policy),
            "news_items": sum(o.news_items for o in outcomes)
            + sum(len(f.parsed.news) for f in self.files if f.status == "parsed"),
            "companies_created": sum(o.companies_created for o in outcomes),
            "corrections_kept": sum(o.corrections_kept for o in outcomes),
            "warnings": sum(len(f.warnings) for f in self.files),
        }


def ingest_files(
    files: list[Path],
    *,
    dry_run: bool = False,
    force: bool = False,
    on_file: Callable[[int, FileReport], None] | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> RunReport:
    """Ingest `files`, one transaction per brief, as the only run on the database: another run
    holding the lock is waited for, after `on_wait(message)` (see run_lock.py)."""
    with nullcontext() if dry_run else one_run_at_a_time(on_wait):
        return _ingest_files(files, dry_run=dry_run, force=force, on_file=on_file)


def _ingest_files(files, *, dry_run, force, on_file) -> RunReport:
    report = RunReport()
    run = None
    if not dry_run:
        run = IngestRun.objects.create(paths=[str(p) for p in files])
        report.run = run
    known = None if dry_run else KnownRecords()

    for index, parts in enumerate(parse_ahead(files), start=1):
        report.paths_read += 1
        for source, parsed in parts:
            if isinstance(source, SourceText):
                with changes_by(f"ingest run {run.pk}: {source.name}" if run else "dry run"):
                    file_report = _ingest_one(source, parsed, known, run, dry_run=dry_run,
                                              force=force)
            else:
                file_report = FileReport(file=source.name, status="failed", error=source.reason)
            report.files.append(file_report)
            if file_report.status == "failed" and run is not None:
                IngestWarning.objects.create(run=run, file=file_report.file,
                                             reason=file_report.error, is_error=True)
            if on_file:
                on_file(index, file_report)

    if run is not None:
        run.finished_at = timezone.now()
        run.summary = report.summary()
        run.save(update_fields=["finished_at", "summary"])
    return report


def apply_hints(parsed: ParsedBrief, source: SourceText) -> None:
    """Fill what the text leaves open from what its container says (an e-mail's Date and
    Subject). The text wins; a date taken from the container still asks for a person."""
    if parsed.published_on is None and source.date_hint and parsed.kind == "brief":
        parsed.published_on = source.date_hint
        parsed.review_reasons = [REASON_DATE_FROM_MAIL if r == REASON_UNDATED else r
                                 for r in parsed.review_reasons]
        parsed.warnings.append(ParseWarning(None, f"no date in the text: the message's Date "
                                                  f"({source.date_hint.isoformat()}) is used"))
    made_up = any(w.reason.startswith(NO_TITLE_LINE) for w in parsed.warnings)
    if made_up and source.title_hint:
        parsed.title = source.title_hint[:500]
        parsed.warnings.append(ParseWarning(None, "no title line: the message's Subject is used"))


def _read(path: Path) -> list[SourceText | UnreadablePart]:
    try:
        return read_sources(path, max_bytes=settings.MAX_BRIEF_BYTES)
    except UnreadableFile as exc:
        return [UnreadablePart(path=path, name=path.name, reason=str(exc))]


Parsed = ParsedBrief | ParseError | None  # None: a part that could not be read


def read_and_parse(path: Path) -> list[tuple[SourceText | UnreadablePart, Parsed]]:
    """Each brief of one file with what the parser made of it (or its ParseError)."""
    parts: list[tuple[SourceText | UnreadablePart, Parsed]] = []
    for source in _read(path):
        if isinstance(source, SourceText):
            try:
                parts.append((source, parse_brief(source.text, filename=source.name)))
            except ParseError as exc:
                parts.append((source, exc))
        else:
            parts.append((source, None))
    return parts


def parse_ahead(files: list[Path]) -> Iterator[list[tuple[SourceText | UnreadablePart, Parsed]]]:
    """`read_and_parse` of each file, in order. With PARSE_AHEAD_FILES or more files and a
    platform that forks, a second process reads and parses up to PARSE_AHEAD_DEPTH files ahead
    of the caller (forked, it has the settings and touches no database connection; a brief is
    sent back pickled, about 0.2 ms). If that process dies, the rest is parsed here."""
    if len(files) < PARSE_AHEAD_FILES or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(read_and_parse, files)
        return
    paths, pending = iter(files), deque()

    def send_next() -> None:
        for path in islice(paths, 1):
            pending.append((path, pool.submit(read_and_parse, path)))

    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"),
                             initializer=_parsing_process, initargs=(os.getpid(),)) as pool:
        for _ in range(PARSE_AHEAD_DEPTH):
            send_next()
        while pending:
            path, future = pending.popleft()
            try:
                parts = future.result()
            except BrokenProcessPool:
                log.warning("the parsing process stopped; parsing the rest in this one")
                yield from map(read_and_parse, [path, *(p for p, _ in pending), *paths])
                return
            send_next()
            yield parts


def _parsing_process(parent: int) -> None:
    """Set up the forked parsing process so that it holds nothing of this one's: its copies of
    the database sockets point at /dev/null (the server sees this run's session end when this
    run does, and with it the run lock), and on Linux it is stopped when this process dies
    (its copies of the pipes' ends would keep it waiting for ever)."""
    devnull = os.open(os.devnull, os.O_RDWR)
    for connection in connections.all(initialized_only=True):
        fileno = getattr(connection.connection, "fileno", None)  # sockets: PostgreSQL's
        if fileno is not None:
            os.dup2(devnull, fileno())
    os.close(devnull)
    with suppress(AttributeError, OSError):  # not Linux: nothing stops it but its pipes
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # this run died before the line above
        os._exit(1)


def _ingest_one(source: SourceText, parsed: ParsedBrief | ParseError,
                known: KnownRecords | None, run, *, dry_run, force) -> FileReport:
    name = source.name
    if isinstance(parsed, ParseError):
        return FileReport(file=name, status="failed", error=str(parsed))
    apply_hints(parsed, source)
    warnings = [(w.line, w.reason) for w in parsed.warnings]
    if dry_run:
        return FileReport(file=name, status="parsed", parsed=parsed, warnings=warnings)
    try:
        outcome = sync_brief(
            parsed, source_file=source.name, raw_text=source.text, sha256=source.sha256,
            known=known, run=run, force=force,
        )
    except DatabaseError as exc:
        log.exception("ingest of %s failed in the database", name)
        return FileReport(file=name, status="failed", parsed=parsed,
                          error=f"database error, nothing stored: {exc}".splitlines()[0])
    if outcome.status == "failed":
        return FileReport(file=name, status="failed", error=outcome.error, parsed=parsed)
    return FileReport(file=name, status=outcome.status, parsed=parsed, outcome=outcome,
                      warnings=outcome.warnings)
