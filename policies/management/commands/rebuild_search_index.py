"""manage.py rebuild_search_index: bring every search document up to date.

Run it once after `migrate` creates the index, and whenever records were changed without a
`policies.search.index.reindex(...)` call. Safe any time: unchanged documents are left alone. New
agency aliases need no rebuild (agency names are resolved when a query runs).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from policies.search.index import reindex_all


class Command(BaseCommand):
    help = "Rebuild the full-text search documents of all policies, briefs and news items."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true",
            help="Count what would change, then roll everything back.",
        )

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        with transaction.atomic():
            result = reindex_all()
            if dry_run:
                transaction.set_rollback(True)
        if verbosity:
            verb = "Would index" if dry_run else "Indexed"
            self.stdout.write(self.style.SUCCESS(
                f"{verb} {result.total} records: {result.created} new, {result.updated} "
                f"updated, {result.unchanged} unchanged."
            ))
