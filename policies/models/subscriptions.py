"""Readers' e-mail alerts: a subscription to one policy list (its canonical query string, and the
agency, sector or company whose page it is) and the record of every policy sent to it.

Private data: subscribers' addresses are never in the public dump, the API or any public page
(policies/dump.py leaves these models out); editors see them read-only in the admin.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce

from .base import choices_constraint
from .policy import Policy
from .registries import Agency, Company, Sector


class Frequency(models.TextChoices):
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"


# A digest is due this long after the last look; an hour less than the period, so a cron job
# that starts a little earlier than yesterday's run does not skip a day.
PERIODS = {Frequency.DAILY: timedelta(days=1), Frequency.WEEKLY: timedelta(days=7)}
CRON_SLACK = timedelta(hours=1)


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def due(self, now: datetime, frequency: str | None = None):
        """Confirmed subscriptions whose last look (by `send_alerts`) is a period ago, or that
        were never looked at; of one frequency, or of all."""
        condition = Q()
        for each, period in PERIODS.items():
            if frequency in (None, each):
                condition |= Q(frequency=each) & (Q(checked_at__isnull=True)
                                                  | Q(checked_at__lte=now - period + CRON_SLACK))
        return self.confirmed().filter(condition)

    def unconfirmed_before(self, moment: datetime):
        """Sign-ups never confirmed, made before `moment` (their link has expired)."""
        return self.filter(confirmed_at__isnull=True, created_at__lt=moment)


class Subscription(models.Model):
    """'E-mail me new matches' on a policy list: unconfirmed until its link is followed."""

    email = models.EmailField(max_length=254, help_text="Lower-cased as given.")
    frequency = models.CharField(max_length=10, choices=Frequency.choices,
                                 default=Frequency.DAILY)
    query = models.CharField(max_length=1000, blank=True,
                             help_text="The list's canonical query string (its filters).")
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="subscriptions")
    sector = models.ForeignKey(Sector, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="subscriptions")
    company = models.ForeignKey(Company, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="subscriptions")
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False,
                           help_text="What the signed confirm and unsubscribe links name.")
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True,
                                        help_text="Digests list policies added since then.")
    checked_at = models.DateTimeField(null=True, blank=True,
                                      help_text="When send_alerts last looked for new matches.")
    last_sent_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            choices_constraint("subscription_frequency_valid", "frequency", Frequency),
            models.CheckConstraint(
                condition=(Q(agency__isnull=True, sector__isnull=True)
                           | Q(agency__isnull=True, company__isnull=True)
                           | Q(sector__isnull=True, company__isnull=True)),
                name="subscription_one_page",
            ),
            # One subscription per address and list (NULL pages compared as equal).
            models.UniqueConstraint(
                "email", "query", Coalesce("agency", Value(0)), Coalesce("sector", Value(0)),
                Coalesce("company", Value(0)), name="subscription_list_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["confirmed_at", "frequency", "checked_at"],
                         name="subscription_due_idx"),
        ]

    def __str__(self) -> str:
        where = str(self.page) if self.page else "all policies"
        query = f" ?{self.query}" if self.query else ""
        return f"{self.get_frequency_display()} alert on {where}{query}"

    @property
    def page(self):
        """The agency, sector or company whose page this list is; None for /policies/."""
        return self.agency or self.sector or self.company


class SentAlert(models.Model):
    """A policy sent to a subscription: no policy goes twice to one address."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE,
                                     related_name="sent")
    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["subscription", "sent_at", "policy"]
        constraints = [
            models.UniqueConstraint(fields=["subscription", "policy"], name="sent_alert_unique"),
        ]

    def __str__(self) -> str:
        return f"Policy {self.policy_id} sent to subscription {self.subscription_id}"
