"""manage.py ingest PATH [PATH ...]: load briefs (text, PDF, saved web pages, e-mail) into the
archive."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from ingest.parsing.structures import to_jsonable
from ingest.reading import SUFFIXES, collect_paths
from ingest.run import FileReport, ingest_files

PROGRESS_MIN_FILES = 5


class Command(BaseCommand):
    help = (
        f"Read briefs ({' '.join(SUFFIXES)} files, or folders of them) and store briefs, policies "
        "and news. Each brief is one transaction (an .mbox holds one brief per message); "
        "re-running on the same files changes nothing. A second ingest on the same database "
        "waits for the first to finish."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+",
                            help=f"Files or folders of briefs ({', '.join(SUFFIXES)}).")
        parser.add_argument("--dry-run", action="store_true",
                            help="Parse and report without writing to the database.")
        parser.add_argument("--format", choices=["text", "json"], default="text",
                            help="json: print the parsed structure and the summary as JSON.")
        parser.add_argument("--force", action="store_true",
                            help="Re-apply files whose text has not changed (after parser fixes).")

    def handle(self, *args, paths, dry_run, format, force, **options):
        files, problems = collect_paths(paths)
        for problem in problems:
            self.stderr.write(self.style.ERROR(problem))
        if not files:
            raise CommandError("No brief files to ingest.")

        as_json = format == "json"
        progress = (not as_json and len(files) >= PROGRESS_MIN_FILES and sys.stderr.isatty()
                    and options["verbosity"] >= 1)

        def on_file(index: int, report: FileReport):
            if report.status == "failed":
                if progress:
                    self.stderr.write("\r\033[K", ending="")
                self.stderr.write(self.style.ERROR(f"{report.file}: {report.error}"))
            elif not as_json and options["verbosity"] >= 2:
                self.stdout.write(f"{report.file}: {report.status}")
                for line, reason in report.warnings:
                    self.stdout.write(f"  warning {report.file}:{line or '?'}: {reason}")
            if progress:
                done = int(30 * index / len(files))
                self.stderr.write(f"\r[{'#' * done}{'.' * (30 - done)}] {index}/{len(files)}",
                                  ending="")
                self.stderr.flush()

        def on_wait(message: str):
            self.stderr.write(self.style.WARNING(message))

        report = ingest_files(files, dry_run=dry_run, force=force, on_file=on_file,
                              on_wait=on_wait)
        if progress:
            self.stderr.write("")
        summary = report.summary()

        if as_json:
            payload = {
                "dry_run": dry_run,
                "files": [
                    {
                        "file": f.file,
                        "status": f.status,
                        "error": f.error,
                        "brief": to_jsonable(f.parsed) if f.parsed else None,
                        "warnings": [{"line": ln, "reason": r} for ln, r in f.warnings],
                    }
                    for f in report.files
                ],
                "summary": summary,
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        elif options["verbosity"] >= 1:
            self.stdout.write(self.format_summary(summary, dry_run))

        failed = len(report.failed) + len(problems)
        if failed:
            raise CommandError(f"{failed} file(s) failed; the others were ingested.",
                               returncode=1)

    def format_summary(self, s: dict, dry_run: bool) -> str:
        if dry_run:
            head = (f"Dry run: {self.files_read(s)}, {s['files_parsed_only']} parsed, "
                    f"{s['files_failed']} failed; {s['policies_parsed']} policies, "
                    f"{s['news_items']} news items, {s['warnings']} warnings. Nothing written.")
            return self.style.SUCCESS(head) if not s["files_failed"] else head
        text = (
            f"{self.files_read(s)}: briefs {s['briefs_created']} created, "
            f"{s['briefs_updated']} updated, {s['briefs_unchanged']} unchanged, "
            f"{s['files_failed']} failed; policies {s['policies_created']} created, "
            f"{s['policies_updated']} updated; {s['news_items']} news items; "
            f"{s['companies_created']} companies created; {s['corrections_kept']} editor "
            f"corrections kept; {s['warnings']} warnings."
        )
        return self.style.SUCCESS(text) if not s["files_failed"] else text

    @staticmethod
    def files_read(s: dict) -> str:
        if s["briefs_read"] == s["files_read"]:
            return f"{s['files_read']} file(s) read"
        return f"{s['files_read']} file(s) read ({s['briefs_read']} briefs)"
