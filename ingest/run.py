"""One ingest run over many files: read, parse, store each brief on its own, and summarise.

A file holds one brief, or one per message (an mbox). The management command and the tests call
`ingest_files`; a bad file or message is reported and the loop goes on. A run killed half-way
loses at most the brief it was storing (rolled back whole) and leaves its IngestRun unfinished;
the next run stores the rest. Two runs at once take turns (run_lock.py).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError
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

    for index, path in enumerate(files, start=1):
        report.paths_read += 1
        for source in _read(path):
            if isinstance(source, SourceText):
                with changes_by(f"ingest run {run.pk}: {source.name}" if run else "dry run"):
                    file_report = _ingest_one(source, known, run, dry_run=dry_run, force=force)
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


def _ingest_one(source: SourceText, known: KnownRecords | None, run, *, dry_run,
                force) -> FileReport:
    name = source.name
    try:
        parsed = parse_brief(source.text, filename=source.name)
    except ParseError as exc:
        return FileReport(file=name, status="failed", error=str(exc))
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
