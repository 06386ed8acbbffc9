"""What policies promise, as data: the quantitative targets a policy states (metric, value, unit,
baseline, target year, direction, the sentence they came from), read by the ingest from the brief
item that discussed the policy and corrected by editors like any other field."""

from __future__ import annotations

from django.db import models
from django.db.models import Prefetch
from simple_history.models import HistoricalRecords

from .base import Corrections, Timestamped, choices_constraint, primary_keys
from .briefs import BriefItem
from .policy import Policy, PolicyAgency, PolicySector


class TargetDirection(models.TextChoices):
    RAISE = "raise", "raise"
    CUT = "cut", "cut"
    REACH = "reach", "reach"


class PolicyTargetQuerySet(models.QuerySet):
    def for_list(self):
        """A target row with its policy, the policy's agencies (lead first) and sectors, in a
        fixed number of queries."""
        return self.select_related("policy").prefetch_related(
            Prefetch("policy__policy_agencies",
                     queryset=PolicyAgency.objects.select_related("agency").order_by("position")),
            Prefetch("policy__policy_sectors",
                     queryset=PolicySector.objects.select_related("sector")
                     .order_by("-score", "id")),
        )

    def for_years(self, years):
        return self.filter(target_year__in=[int(y) for y in years])

    def of_policies(self, policies):
        return self.filter(policy__in=policies)

    def issued_by(self, agencies):
        links = PolicyAgency.objects.filter(agency_id__in=primary_keys(agencies))
        return self.filter(policy_id__in=links.values("policy_id"))

    def in_sectors(self, sectors):
        links = PolicySector.objects.filter(sector_id__in=primary_keys(sectors))
        return self.filter(policy_id__in=links.values("policy_id"))


class PolicyTarget(Timestamped, Corrections):
    """One quantitative goal of a policy. `brief_item` and `position` are the ingest's natural key
    (the item whose text states it, its place there); a target an editor added has no item and no
    ingest touches it."""

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="targets")
    brief_item = models.ForeignKey(BriefItem, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="targets", editable=False)
    position = models.PositiveSmallIntegerField(default=0, editable=False)
    metric = models.CharField(max_length=300, help_text="In the text's words.")
    value = models.DecimalField(max_digits=24, decimal_places=4)
    value_text = models.CharField("value as written", max_length=100, blank=True)
    unit = models.CharField(max_length=50, blank=True,
                            help_text="Empty for a count of what the metric names.")
    direction = models.CharField(max_length=5, choices=TargetDirection.choices,
                                 default=TargetDirection.REACH)
    target_year = models.PositiveSmallIntegerField()
    baseline_value = models.DecimalField(max_digits=24, decimal_places=4, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(null=True, blank=True)
    sentence = models.TextField(blank=True, help_text="The sentence the target was read from.")

    objects = PolicyTargetQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["policy", "target_year", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["brief_item", "position"],
                                    condition=models.Q(brief_item__isnull=False),
                                    name="policy_target_item_position_unique"),
            choices_constraint("policy_target_direction_valid", "direction", TargetDirection),
            models.CheckConstraint(condition=models.Q(target_year__gte=1949,
                                                      target_year__lte=2200),
                                   name="policy_target_year_plausible"),
        ]
        indexes = [
            models.Index(fields=["target_year", "policy"], name="policy_target_year_idx"),
            models.Index(fields=["policy", "target_year"], name="policy_target_policy_idx"),
        ]

    def __str__(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        return f"{self.metric}: {self.value_text or self.value}{unit} by {self.target_year}"

    def get_absolute_url(self) -> str:
        return self.policy.get_absolute_url() + f"#target-{self.pk}"
