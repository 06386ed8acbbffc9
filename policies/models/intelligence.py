"""What policies promise and how they connect, as data: the quantitative targets a policy states
(metric, value, unit, baseline, target year, direction, the sentence they came from), and the
policy chain (draft -> final version, interpretation of, implements, revises), read by the
ingest and corrected by editors like any other field."""

from __future__ import annotations

from django.db import models
from django.db.models import Prefetch
from simple_history.models import HistoricalRecords

from .base import Corrections, Timestamped, choices_constraint, primary_keys
from .briefs import BriefItem
from .policy import Policy, PolicyAgency, PolicySector, normalise_title


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


class RelationKind(models.TextChoices):
    FINAL_VERSION_OF = "final_version_of", "final version of"
    INTERPRETS = "interprets", "interpretation of"
    IMPLEMENTS = "implements", "implements"
    REVISES = "revises", "revises or replaces"


def relation_key(title: str = "", chinese_title: str = "") -> str:
    """How a related policy is named in a relation's natural key: its normalised English title,
    else its Chinese title."""
    key = normalise_title(title)
    return key or (f"zh:{''.join((chinese_title or '').split())}"[:500] if chinese_title else "")


class PolicyRelationQuerySet(models.QuerySet):
    def for_detail(self):
        return self.select_related("source", "target").order_by("kind", "id")


class PolicyRelation(Timestamped, Corrections):
    """`source` is the `kind` of `target` (a final version of a draft, an interpretation of, an
    implementation of, a revision of); `target_title` names the target as the text does, and
    stays when the archive does not hold it (`target` empty). `evidence`: the title or sentence
    that says so. The ingest keys its relations on (source, kind, target_key) and keeps every
    field an editor corrected; a relation an editor added (`automatic` off) no ingest touches."""

    source = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="relations_out")
    target = models.ForeignKey(Policy, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="relations_in")
    kind = models.CharField(max_length=20, choices=RelationKind.choices)
    target_title = models.CharField(max_length=500, blank=True,
                                    help_text="The related policy as the text names it.")
    target_key = models.CharField(max_length=500, editable=False)
    evidence = models.TextField(blank=True, help_text="The title or sentence that says so.")
    brief_item = models.ForeignKey(BriefItem, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    automatic = models.BooleanField(default=True, editable=False,
                                    help_text="Found by the ingest, not added by an editor.")

    objects = PolicyRelationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["source", "kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "kind", "target_key"],
                                    name="policy_relation_unique"),
            choices_constraint("policy_relation_kind_valid", "kind", RelationKind),
            models.CheckConstraint(condition=~models.Q(source=models.F("target")),
                                   name="policy_relation_not_to_itself"),
        ]
        indexes = [
            models.Index(fields=["target", "kind"], name="policy_relation_target_idx"),
            models.Index(fields=["kind", "source"], name="policy_relation_kind_idx"),
        ]

    def __str__(self) -> str:
        target = self.target.title if self.target_id else self.target_title
        return f"{self.source_id} {self.get_kind_display()} {target}"

    REVERSE_LABELS = {"final_version_of": "final version", "interprets": "interpreted by",
                      "implements": "implemented by", "revises": "revised or replaced by"}

    @property
    def reverse_label(self) -> str:
        """The relation read from its target: a draft's page says "final version: ..."."""
        return self.REVERSE_LABELS[self.kind]

    def save(self, *args, **kwargs):
        if not self.target_key:
            self.target_key = relation_key(self.target_title or (
                self.target.title if self.target_id else ""),
                self.target.chinese_title if self.target_id else "") or f"policy:{self.target_id}"
        super().save(*args, **kwargs)
