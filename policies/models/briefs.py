"""Briefs as they arrived, their analysed items and their news items."""

from __future__ import annotations

from django.db import models
from django.db.models import Prefetch, Q
from simple_history.models import HistoricalRecords

from .base import (
    Corrections,
    DatePrecision,
    Review,
    StatedDateOf,
    Timestamped,
    choices_constraint,
    primary_keys,
    url_of,
)
from .registries import Agency, Company
from .searchable import SearchableQuerySet


class BriefQuerySet(SearchableQuerySet):
    def for_detail(self):
        """The whole brief: items (with their policies), news (with agencies and companies),
        the brief's agencies and companies."""
        return self.prefetch_related(
            Prefetch("items", queryset=BriefItem.objects.select_related("policy")
                     .order_by("position")),
            Prefetch("news_items", queryset=NewsItem.objects
                     .prefetch_related("agencies", "companies").order_by("position")),
            "agencies",
            "companies",
        )


class NewsQuerySet(SearchableQuerySet):
    def mentioning(self, companies):
        links = NewsItem.companies.through.objects.filter(company_id__in=primary_keys(companies))
        return self.filter(pk__in=links.values("newsitem_id"))

    def mentioning_agencies(self, agencies):
        links = NewsItem.agencies.through.objects.filter(agency_id__in=primary_keys(agencies))
        return self.filter(pk__in=links.values("newsitem_id"))

    def of_kind(self, kinds):
        return self.filter(kind__in=list(kinds))


class BriefKind(models.TextChoices):
    BRIEF = "brief", "Brief"
    ARTICLE = "article", "Article"


class Brief(Timestamped, Review, Corrections):
    publisher = models.CharField(max_length=100, blank=True)
    series = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=500)
    kind = models.CharField(max_length=10, choices=BriefKind.choices, default=BriefKind.BRIEF)
    published_on = models.DateField(null=True, blank=True)
    published_precision = models.CharField("date stated to", max_length=5,
                                           choices=DatePrecision.choices,
                                           default=DatePrecision.DAY)
    published = StatedDateOf("published_on", "published_precision")  # brief.published.text
    period_start = models.DateField("reporting period start", null=True, blank=True)
    period_end = models.DateField("reporting period end", null=True, blank=True)
    authors = models.JSONField(default=list, blank=True)
    topics = models.JSONField(default=list, blank=True)
    body = models.TextField(blank=True, help_text="Articles: the cleaned text.")
    source_file = models.CharField(max_length=255, unique=True, help_text="The file it came from.")
    sha256 = models.CharField(max_length=64, unique=True)
    raw_text = models.TextField()
    slug = models.SlugField(max_length=100, unique=True)
    agencies = models.ManyToManyField(Agency, blank=True, related_name="briefs")
    companies = models.ManyToManyField(Company, blank=True, related_name="briefs")
    objects = BriefQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["raw_text"])

    class Meta:
        ordering = [models.F("published_on").desc(nulls_last=True), "-id"]
        constraints = [
            choices_constraint("brief_kind_valid", "kind", BriefKind),
            choices_constraint("brief_published_precision_valid", "published_precision",
                               DatePrecision),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_start__lte=models.F("period_end")),
                name="brief_period_ordered",
            ),
        ]
        indexes = [models.Index(fields=["published_on"], name="brief_published_idx")]

    def __str__(self) -> str:
        date = self.published_on.isoformat() if self.published_on else "undated"
        return f"{self.title} ({self.publisher or 'unknown publisher'}, {date})"

    def get_absolute_url(self) -> str:
        return url_of("policies:brief-detail", slug=self.slug)


class BriefItem(Corrections):
    """One analysed item of a brief: the analyst's summary of (usually) one policy."""

    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    headline = models.CharField(max_length=500)
    summary = models.TextField("at a glance", blank=True)
    key_points = models.JSONField(default=list, blank=True)
    comment = models.TextField("analyst's comment", blank=True)
    extra = models.TextField(blank=True, help_text="Side boxes printed with the item.")
    policy = models.ForeignKey(  # "Policy" by name: policy.py imports this module
        "Policy", null=True, blank=True, on_delete=models.SET_NULL, related_name="brief_items"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["brief", "position"]
        constraints = [
            models.UniqueConstraint(fields=["brief", "position"], name="brief_item_position_unique")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.headline}"

    def get_absolute_url(self) -> str:
        return f"{self.brief.get_absolute_url()}#item-{self.position}"


class NewsKind(models.TextChoices):
    POLICY = "policy", "Policy news"
    CORPORATE = "corporate", "Corporate news"


class NewsItem(Corrections):
    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="news_items")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=NewsKind.choices)
    date = models.DateField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    text = models.TextField()
    sources = models.JSONField(default=list, blank=True)
    agencies = models.ManyToManyField(Agency, blank=True, related_name="news_items")
    companies = models.ManyToManyField(Company, blank=True, related_name="news_items")

    objects = NewsQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = [models.F("date").desc(nulls_last=True), "brief", "position"]
        constraints = [
            models.UniqueConstraint(fields=["brief", "position"], name="news_item_position_unique"),
            choices_constraint("news_kind_valid", "kind", NewsKind),
        ]
        indexes = [
            models.Index(fields=["kind", "date"], name="news_kind_date_idx"),
            models.Index(fields=["year", "kind"], name="news_year_kind_idx"),
        ]

    def __str__(self) -> str:
        date = self.date.isoformat() if self.date else "undated"
        return f"{date}: {self.text[:80]}"

    def save(self, *args, **kwargs):
        self.set_derived_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = set(update_fields) | {"year"}
        super().save(*args, **kwargs)

    def set_derived_fields(self) -> None:
        """The year of the date: `save` sets it, and so must a bulk write."""
        self.year = self.date.year if self.date else None

    def get_absolute_url(self) -> str:
        return f"{self.brief.get_absolute_url()}#news-{self.position}"
