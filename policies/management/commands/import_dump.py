"""manage.py import_dump FILE: restore a dump made by `manage.py export` into an empty archive."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from policies.dump import DumpError, import_lines


class Command(BaseCommand):
    help = "Restore a JSON Lines dump (same ids and permalinks) into a database with no briefs."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        try:
            with open(path, encoding="utf-8") as handle:
                counts = import_lines(handle)
        except OSError as exc:
            raise CommandError(f"{path}: cannot read ({exc.strerror})") from None
        except UnicodeDecodeError:
            raise CommandError(f"{path}: not UTF-8 text") from None
        except DumpError as exc:
            raise CommandError(f"{path}: {exc}; nothing was imported") from None
        total = sum(counts.values())
        self.stdout.write(self.style.SUCCESS(f"Imported {total} rows: " + ", ".join(
            f"{label.split('.')[-1]} {n}" for label, n in counts.items())))
