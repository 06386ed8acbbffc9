"""manage.py export --format jsonl [--output FILE]: the whole archive as a restorable dump."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

from policies.dump import export_lines


class Command(BaseCommand):
    help = "Write the whole archive as JSON Lines (see policies/dump.py for the schema)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["jsonl"], default="jsonl")
        parser.add_argument("--output", "-o", help="File to write (default: standard output).")

    def handle(self, *args, output=None, **options):
        stream = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
        lines = 0
        try:
            for chunk in export_lines():
                stream.write(chunk)
                lines += chunk.count("\n")
        finally:
            if output:
                stream.close()
        if output:
            self.stderr.write(self.style.SUCCESS(f"Wrote {lines} lines to {output}."))
