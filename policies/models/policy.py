"""Policies: their issuing agencies in order (position 0 leads), their sectors and companies,
and the named conditions every list, search and read uses (`issued_by`, `led_by`, ...)."""

from __future__ import annotations

import re
import unicodedata

from django.db import models
from django.db.models import Prefetch
from simple_history.models import HistoricalRecords

from .base import (
    Corrections,
    DatePrecision,
    Review,
    StatedDateOf,
    Timestamped,
    choices_constraint,
    primary_keys,
    slug_for,
    url_of,
)
from .briefs import BriefItem
from .registries import Agency, Company, Sector
from .searchable import SearchableQuerySet


class PolicyQuerySet(SearchableQuerySet):
    def for_list(self):
        """Everything a result row shows (agencies lead first, sectors) in a fixed number of
        queries."""
        return self.prefetch_related(
            Prefetch(
                "policy_agencies",
                queryset=PolicyAgency.objects.select_related("agency").order_by("position"),
            ),
            Prefetch(
                "policy_sectors",
                queryset=PolicySector.objects.select_related("sector").order_by("-score", "id"),
            ),
        )

    def for_detail(self):
        relations = self.model.relations_out.rel.related_model.objects.order_by("kind", "id")
        return self.for_list().prefetch_related(
            "companies",
            "targets",
            Prefetch("relations_out", queryset=relations.select_related("target")),
            Prefetch("relations_in", queryset=relations.select_related("source")),
            Prefetch(
                "brief_items",
                queryset=BriefItem.objects.select_related("brief").order_by(
                    "brief__published_on", "position"
                ),
            ),
        )

    def issued_by(self, agencies):
        """Policies any of these agencies issued (alone or jointly)."""
        links = PolicyAgency.objects.filter(agency_id__in=primary_keys(agencies))
        return self.filter(pk__in=links.values("policy_id"))

    def led_by(self, agencies):
        """Policies whose lead (first-named) agency is one of these."""
        links = PolicyAgency.objects.filter(agency_id__in=primary_keys(agencies), position=0)
        return self.filter(pk__in=links.values("policy_id"))

    def in_sectors(self, sectors):
        links = PolicySector.objects.filter(sector_id__in=primary_keys(sectors))
        return self.filter(pk__in=links.values("policy_id"))

    def mentioning(self, companies):
        """Policies whose briefs name any of these companies."""
        links = Policy.companies.through.objects.filter(company_id__in=primary_keys(companies))
        return self.filter(pk__in=links.values("policy_id"))

    def of_type(self, document_types):
        return self.filter(document_type__in=list(document_types))

    def with_status(self, statuses):
        """"draft": drafts for comments; "awaiting_final": drafts no final version in the
        archive supersedes yet; "final": final versions of a draft in the archive."""
        finals = self.model.relations_in.rel.related_model.objects.filter(
            kind="final_version_of", target__isnull=False)
        condition = models.Q(pk__in=[])
        statuses = set(statuses)
        if "draft" in statuses:
            condition |= models.Q(is_draft=True)
        if "awaiting_final" in statuses:
            condition |= models.Q(is_draft=True) & ~models.Q(pk__in=finals.values("target_id"))
        if "final" in statuses:
            condition |= models.Q(pk__in=finals.values("source_id"))
        return self.filter(condition)

    def numbered(self, number: str):
        """Policies with this document number, however its brackets and spaces are written."""
        key = number_key(number)
        return self.filter(number_key=key) if key else self.none()


class PolicyStatus(models.TextChoices):
    DRAFT = "draft", "Draft for comments"
    AWAITING_FINAL = "awaiting_final", "Draft without a final version yet"
    FINAL = "final", "Final version of a draft"


class DocumentType(models.TextChoices):
    NOTICE = "notice", "Notice"
    PLAN = "plan", "Plan"
    ACTION_PLAN = "action_plan", "Action plan"
    GUIDELINES = "guidelines", "Guidelines"
    GUIDING_OPINIONS = "guiding_opinions", "Guiding opinions"
    OPINIONS = "opinions", "Opinions"
    MEASURES = "measures", "Measures"
    OUTLINE = "outline", "Outline"
    PROGRAMME = "programme", "Programme"
    OTHER = "other", "Other"


class Policy(Timestamped, Review, Corrections):
    title = models.CharField("English title", max_length=500)
    chinese_title = models.CharField(max_length=500, blank=True)
    document_type = models.CharField(
        max_length=20, choices=DocumentType.choices, default=DocumentType.OTHER
    )
    is_draft = models.BooleanField("draft", default=False)
    issued_on = models.DateField(null=True, blank=True)
    issued_precision = models.CharField("date stated to", max_length=5,
                                        choices=DatePrecision.choices, default=DatePrecision.DAY)
    # A real column (not ExtractYear) so the year facet is an indexed GROUP BY.
    year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    slug = models.SlugField(max_length=100)
    title_key = models.CharField(
        max_length=500, editable=False, db_index=True,
        help_text="Normalised English title: the ingest's match key when no Chinese title.",
    )
    document_number = models.CharField(
        max_length=100, blank=True,
        help_text="文号 as the text states it: 工信部联通信〔2024〕12号, Guo Fa [2023] No. 11.")
    # document_number folded for look-ups (/policies/by-number/...): width, brackets, spaces
    number_key = models.CharField(max_length=100, blank=True, editable=False)
    effective_on = models.DateField("in force from", null=True, blank=True)
    source_links = models.JSONField(
        default=list, blank=True, help_text='[{"url": ..., "kind": "official"|"news"|"archive"}]'
    )
    agencies = models.ManyToManyField(
        Agency, through="PolicyAgency", blank=True, related_name="policies"
    )
    sectors = models.ManyToManyField(
        Sector, through="PolicySector", blank=True, related_name="policies"
    )
    companies = models.ManyToManyField(Company, blank=True, related_name="policies")

    # the date as stated: policy.issued.text "15 March 2016", or "March 2016" for a month
    issued = StatedDateOf("issued_on", "issued_precision")

    objects = PolicyQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[companies])

    class Meta:
        ordering = [models.F("issued_on").desc(nulls_last=True), "-id"]
        verbose_name_plural = "policies"
        constraints = [choices_constraint("policy_document_type_valid", "document_type",
                                          DocumentType),
                       choices_constraint("policy_issued_precision_valid", "issued_precision",
                                          DatePrecision)]
        indexes = [
            models.Index(fields=["issued_on", "id"], name="policy_issued_idx"),
            # and policy_newest_first_idx (migration 0015, per database: SQLite's CREATE
            # INDEX takes no NULLS LAST)
            models.Index(fields=["year"], name="policy_year_idx"),
            models.Index(fields=["document_type", "year"], name="policy_type_year_idx"),
            models.Index(fields=["chinese_title"], name="policy_chinese_title_idx"),
            models.Index(fields=["needs_review"], name="policy_needs_review_idx"),
            models.Index(fields=["number_key"], name="policy_number_key_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.set_derived_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = set(update_fields) | {"year", "title_key", "number_key"}
        super().save(*args, **kwargs)

    def set_derived_fields(self) -> None:
        """The columns computed from others (year, title_key, a missing slug): `save` sets
        them, and so must a bulk write."""
        self.year = self.issued_on.year if self.issued_on else None
        self.title_key = normalise_title(self.title)
        self.number_key = number_key(self.document_number)
        if not self.slug:
            self.slug = slug_for(self.title, fallback="policy")

    def get_absolute_url(self) -> str:
        return url_of("policies:policy-detail", pk=self.pk, slug=self.slug)

    @property
    def source_urls(self) -> list[str]:
        return [link["url"] for link in self.source_links or []]


def normalise_title(title: str) -> str:
    """Lower-case words only: how two briefs' spellings of one English title are compared."""
    return " ".join(re.findall(r"[a-z0-9]+", (title or "").lower()))[:500]


_BRACKETS = str.maketrans("〔［【（〕］】）", "[[[(]]])")


def number_key(number: str) -> str:
    """A document number folded so that its spellings meet: full-width forms, the brackets
    〔〕［］【】 as [], spaces and case ("国发 [2023] 11 号" and "国发〔2023〕11号" alike)."""
    text = unicodedata.normalize("NFKC", number or "").translate(_BRACKETS)
    return "".join(text.split()).casefold()[:100]


class PolicyAgency(models.Model):
    """An agency that issued a policy; position 0 is the lead agency."""

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="policy_agencies")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="policy_agencies")
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["policy", "position"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "agency"], name="policy_agency_unique"),
            models.UniqueConstraint(fields=["policy", "position"],
                                    name="policy_agency_position_unique"),
        ]
        indexes = [models.Index(fields=["agency", "position"], name="policy_agency_lead_idx")]

    def __str__(self) -> str:
        role = "lead" if self.position == 0 else f"#{self.position + 1}"
        return f"{self.agency.abbreviation} ({role}) on {self.policy_id}"


class PolicySector(models.Model):
    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="policy_sectors")
    sector = models.ForeignKey(Sector, on_delete=models.CASCADE, related_name="policy_sectors")
    automatic = models.BooleanField(
        default=True, help_text="Set by the keyword classifier, not confirmed by an editor."
    )
    score = models.FloatField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["policy", "-score"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "sector"], name="policy_sector_unique")
        ]
        indexes = [models.Index(fields=["sector", "policy"], name="policy_sector_rev_idx")]

    def __str__(self) -> str:
        return f"{self.sector.slug} on {self.policy_id}"
