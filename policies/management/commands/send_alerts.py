"""manage.py send_alerts: the e-mail alerts' digests, run by cron.

    0 7 * * *  .venv/bin/python manage.py send_alerts --frequency daily
    0 7 * * 1  .venv/bin/python manage.py send_alerts --frequency weekly

Safe to run again, or at the same time as another run: no policy goes twice to an address, and
what a failed e-mail held waits for the next run (policies/alerts/digests.py says how). The
output names subscriptions by number, never by address.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from policies.alerts.digests import send_due
from policies.alerts.mail import NO_SITE_DOMAIN
from policies.models import Frequency


class Command(BaseCommand):
    help = ("E-mail each confirmed subscription that is due the policies of its list added "
            "since its last digest; nothing new, no e-mail.")

    def add_arguments(self, parser):
        parser.add_argument("--frequency", choices=Frequency.values,
                            help="Only the daily or the weekly subscriptions (default: both, "
                                 "each when its period has passed).")
        parser.add_argument("--dry-run", action="store_true",
                            help="Say what would be sent; send and record nothing.")

    def handle(self, *args, frequency=None, dry_run=False, verbosity=1, **options):
        if not settings.SITE_DOMAIN:
            raise CommandError(NO_SITE_DOMAIN)
        report = send_due(frequency=frequency, dry_run=dry_run)
        if verbosity >= 2:
            for outcome in report.sent:
                more = " (more next time)" if outcome.more else ""
                self.stdout.write(f"subscription {outcome.subscription}: "
                                  f"{outcome.policies} policies{more}")
        for line in report.skipped:
            self.stderr.write(self.style.WARNING(line))
        for line in report.failed:
            self.stderr.write(self.style.ERROR(line))
        if verbosity:
            verb = "Would send" if dry_run else "Sent"
            digests = len(report.sent)
            self.stdout.write(self.style.SUCCESS(
                f"{verb} {digests} digest{'' if digests == 1 else 's'} "
                f"({report.policies} policies); {report.nothing_new} with nothing new; "
                f"{len(report.skipped)} skipped; {len(report.failed)} failed; "
                f"{report.expired} expired sign-ups removed."
            ))
        if report.failed:
            raise CommandError(f"{len(report.failed)} digest(s) could not be sent; they will "
                               "be tried again on the next run.")
