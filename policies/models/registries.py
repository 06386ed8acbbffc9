"""The curated registries the archive links to: agencies (with aliases and a parent), sectors
and companies; `named()` is the one name lookup of the site (filters, search, ingest)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .base import Timestamped, choices_constraint, url_of


class NamedQuerySet(models.QuerySet):
    """`named(*names)`: the records known by any of these names, the one name lookup of the
    site (list filters, search, ingest). `iexact_fields` are compared case-insensitively,
    `exact_fields` as they are (Chinese names); a model with `aliases` also answers to those."""

    iexact_fields: tuple[str, ...] = ("slug", "name")
    exact_fields: tuple[str, ...] = ()

    def named(self, *names: str):
        aliases = self.model._meta.fields_map.get("aliases")  # the alias model's foreign key
        condition = Q(pk__in=[])
        for name in filter(None, (" ".join((n or "").split()) for n in names)):
            for field in self.iexact_fields:
                condition |= Q(**{f"{field}__iexact": name})
            for field in self.exact_fields:
                condition |= Q(**{field: name})
            if aliases is not None:
                owners = aliases.related_model.objects.filter(name__iexact=name)
                condition |= Q(pk__in=owners.values(aliases.field.attname))
        return self.filter(condition)


class AgencyQuerySet(NamedQuerySet):
    """Agencies by abbreviation, English or Chinese name, or alias."""

    iexact_fields = ("abbreviation", "name", "slug")
    exact_fields = ("chinese_name",)


class AgencyKind(models.TextChoices):
    PARTY = "party", "Party organ"
    STATE_COUNCIL = "state_council", "State Council"
    MINISTRY = "ministry", "Ministry"
    COMMISSION = "commission", "Commission"
    ADMINISTRATION = "administration", "Administration"
    OTHER = "other", "Other"


class Agency(Timestamped):
    abbreviation = models.CharField(max_length=40, unique=True)
    name = models.CharField("English name", max_length=200)
    chinese_name = models.CharField(max_length=100, blank=True)
    slug = models.SlugField(max_length=60, unique=True)
    kind = models.CharField(max_length=20, choices=AgencyKind.choices, default=AgencyKind.OTHER)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    description = models.TextField(blank=True)

    objects = AgencyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["abbreviation"]
        verbose_name_plural = "agencies"
        constraints = [choices_constraint("agency_kind_valid", "kind", AgencyKind)]

    def __str__(self) -> str:
        return f"{self.abbreviation} ({self.name})" if self.name != self.abbreviation else self.name

    def get_absolute_url(self) -> str:
        return url_of("policies:agency-detail", slug=self.slug)


class AgencyAlias(models.Model):
    """Another name or abbreviation an agency appears under ("NDB" for NDA)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agency aliases"

    def __str__(self) -> str:
        return f"{self.name} → {self.agency.abbreviation}"


class Sector(models.Model):
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    keywords = models.JSONField(
        default=list, blank=True, help_text="Words or [word, weight] pairs for classification."
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    objects = NamedQuerySet.as_manager()  # by slug or name
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return url_of("policies:sector-detail", slug=self.slug)


class Company(Timestamped):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166 alpha-2, if known.")
    curated = models.BooleanField(
        default=False, help_text="From the curated registry rather than found by the ingest."
    )

    objects = NamedQuerySet.as_manager()  # by slug, name or alias
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "companies"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return url_of("policies:company-detail", slug=self.slug)


class CompanyAlias(models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "company aliases"

    def __str__(self) -> str:
        return f"{self.name} → {self.company.name}"
