"""The digests `manage.py send_alerts` sends: for each confirmed subscription that is due, the
policies of its list added since it was confirmed and not sent to its address before, in one
e-mail; nothing new, no e-mail.

Each subscription is one transaction: its row is locked (a second run at the same time skips
it), the policies are recorded as sent (SentAlert, unique per subscription and policy), the
e-mail is handed to the mail server, and only then is it committed. A mail server that refuses
or fails rolls the record back, so those policies go in the next run's digest; a crash before
the commit does the same. Only a crash in the moment between the server's acceptance and the
commit can send a digest twice, and the repeat has the same Message-ID.
"""

from __future__ import annotations

import contextlib
import smtplib
from dataclasses import dataclass, field
from datetime import datetime

from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from ..models import SentAlert, Subscription
from . import mail
from .lists import FollowedList
from .tokens import CONFIRM_MAX_AGE

MAX_POLICIES = 50  # per digest; the rest wait for the next one


@dataclass
class Outcome:
    subscription: int
    policies: int = 0
    more: bool = False
    problem: str = ""


@dataclass
class RunReport:
    dry_run: bool = False
    sent: list[Outcome] = field(default_factory=list)  # (would be) sent
    nothing_new: int = 0
    skipped: list[str] = field(default_factory=list)  # lists that no longer apply
    failed: list[str] = field(default_factory=list)  # mail server errors: retried next run
    expired: int = 0  # unconfirmed sign-ups removed

    @property
    def policies(self) -> int:
        return sum(outcome.policies for outcome in self.sent)


def send_due(*, frequency: str | None = None, dry_run: bool = False,
             now: datetime | None = None) -> RunReport:
    """Send every due digest (of one frequency, or all). `dry_run`: count, send and write
    nothing. Unconfirmed sign-ups whose link has expired are deleted."""
    now = now or timezone.now()
    report = RunReport(dry_run=dry_run)
    if not dry_run:
        _, deleted = Subscription.objects.unconfirmed_before(now - CONFIRM_MAX_AGE).delete()
        report.expired = deleted.get(Subscription._meta.label, 0)
    due = Subscription.objects.due(now, frequency).order_by("pk").values_list("pk", flat=True)
    connection = get_connection()
    try:
        for pk in list(due):
            try:
                outcome = send_digest(pk, now=now, frequency=frequency, connection=connection,
                                      dry_run=dry_run)
            except (smtplib.SMTPException, OSError) as error:
                _close(connection)
                report.failed.append(f"subscription {pk}: not sent "
                                     f"({mail.failure_reason(error)}); its policies wait for "
                                     "the next run")
                continue
            if outcome is None:
                continue  # another run has it, or has just sent it
            if outcome.problem:
                report.skipped.append(f"subscription {pk}: {outcome.problem}")
            elif outcome.policies:
                report.sent.append(outcome)
            else:
                report.nothing_new += 1
    finally:
        _close(connection)
    return report


def send_digest(pk: int, *, now: datetime, frequency: str | None, connection,
                dry_run: bool = False) -> Outcome | None:
    """One subscription's digest, in one transaction (see the module's docstring). None when
    it is no longer due or another run holds it."""
    with transaction.atomic():
        subscription = (
            Subscription.objects.due(now, frequency).filter(pk=pk)
            .select_related("agency", "sector", "company")
            .select_for_update(skip_locked=True, of=("self",)).first()
        )
        if subscription is None:
            return None
        followed = FollowedList.of(subscription)
        if followed.problems:  # e.g. an agency renamed: never send a wider list than asked
            return Outcome(pk, problem="its list no longer applies as asked ("
                           + " ".join(followed.problems) + "); nothing sent")
        policies = list(followed.new_for(subscription)[:MAX_POLICIES + 1])
        outcome = Outcome(pk, policies=min(len(policies), MAX_POLICIES),
                          more=len(policies) > MAX_POLICIES)
        policies = policies[:MAX_POLICIES]
        if dry_run:
            return outcome
        subscription.checked_at = now
        if not policies:
            subscription.save(update_fields=["checked_at"])
            return outcome
        SentAlert.objects.bulk_create([SentAlert(subscription=subscription, policy=policy,
                                                 sent_at=now) for policy in policies])
        subscription.last_sent_at = now
        subscription.save(update_fields=["checked_at", "last_sent_at"])
        message = mail.digest(subscription, followed, policies, more=outcome.more,
                              connection=connection)
        connection.open()  # once per run; again after a failure closed it
        message.send()
    return outcome


def _close(connection) -> None:
    with contextlib.suppress(smtplib.SMTPException, OSError):  # a broken one is dropped anyway
        connection.close()
