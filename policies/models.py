"""The archive's relational model: briefs, their items and news, policies, and the registries
(agencies, sectors, companies) they link to; with their QuerySets, which hold the query
vocabulary every page, filter, search and read uses (`Policy.objects.issued_by(...)`,
`Agency.objects.named(...)`, `.search(q)`, `.for_list()`)."""

from __future__ import annotations

import re

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from .search.backends import Search
from .search.models import SearchDocument, SearchDocumentFTS

__all__ = [  # the models of this app (the search index's are defined in search/models.py)
    "Agency", "AgencyAlias", "AgencyKind", "Brief", "BriefItem", "BriefKind", "Company",
    "CompanyAlias", "DocumentType", "IngestRun", "IngestWarning", "NewsItem", "NewsKind",
    "Policy", "PolicyAgency", "PolicySector", "ProblemReport", "SearchDocument",
    "SearchDocumentFTS", "Sector", "normalise_title", "slug_for",
]


def slug_for(text: str, *, max_length: int = 80, fallback: str = "item") -> str:
    """A URL slug for any text, Chinese included (falls back when nothing ASCII is left)."""
    slug = slugify(text)[:max_length].strip("-")
    return slug or fallback


def choices_constraint(name: str, field: str, choices) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


class Corrections(models.Model):
    """Remembers which fields an editor set by hand, so no ingest overwrites them."""

    corrected_fields = models.JSONField(default=list, blank=True)
    # field -> ISO time of its last correction, for the public provenance notes
    correction_times = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True

    def is_corrected(self, field: str) -> bool:
        return field in (self.corrected_fields or [])

    def mark_corrected(self, *fields: str) -> None:
        current = set(self.corrected_fields or [])
        current.update(fields)
        self.corrected_fields = sorted(current)
        now = timezone.now().isoformat()
        self.correction_times = {**(self.correction_times or {}), **dict.fromkeys(fields, now)}

    def save_corrections(self, *fields: str, history: bool = True) -> None:
        """Record `fields` (columns or relations) as corrected by an editor now, and save: the
        one way a correction is stored. The corrected columns are saved with the correction
        record (`corrected_fields`, `correction_times`, and `updated_at` where there is one).
        `history=False` writes only the correction record, with no history row: for the
        admin, whose form has already saved the record itself."""
        self.mark_corrected(*fields)
        record = {"corrected_fields": self.corrected_fields,
                  "correction_times": self.correction_times}
        if not history:
            type(self)._base_manager.filter(pk=self.pk).update(**record)
            return
        columns = {field.name for field in self._meta.concrete_fields}
        self.save(update_fields={*(f for f in fields if f in columns), *record,
                                 *({"updated_at"} & columns)})

    def release_correction(self, *fields: str) -> None:
        """Let the ingest set these fields again."""
        self.corrected_fields = sorted(set(self.corrected_fields or []) - set(fields))
        self.correction_times = {k: v for k, v in (self.correction_times or {}).items()
                                 if k not in fields}

    def corrected_on(self, field: str):
        from django.utils.dateparse import parse_datetime

        value = (self.correction_times or {}).get(field)
        return parse_datetime(value) if value else None


class Review(models.Model):
    """A flag for the review queue, with the reasons a person is needed."""

    needs_review = models.BooleanField(default=False)
    review_reasons = models.JSONField(default=list, blank=True)

    class Meta:
        abstract = True


class Timestamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True



# --------------------------------------------------------------------------- query vocabulary


def _pks(records) -> list[int]:
    """Primary keys of model instances, of anything with a `pk` (the list filters' entries), or
    the keys themselves."""
    return [getattr(record, "pk", record) for record in records]


class SearchableQuerySet(models.QuerySet):
    def search(self, q: str | Search):
        """The rows matching `q`, annotated with a float `rank` (higher is better): the query
        syntax is policies/search/query.py's. `q` is a query string (QueryError when nothing in
        it is searchable; one query resolves the agencies it names) or a prepared `Search`."""
        if not isinstance(q, Search):
            q = Search.prepare(q, agencies=Agency.objects.all())
        return q.apply(self)


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
        return self.for_list().prefetch_related(
            "companies",
            Prefetch(
                "brief_items",
                queryset=BriefItem.objects.select_related("brief").order_by(
                    "brief__published_on", "position"
                ),
            ),
        )

    def issued_by(self, agencies):
        """Policies any of these agencies issued (alone or jointly)."""
        links = PolicyAgency.objects.filter(agency_id__in=_pks(agencies))
        return self.filter(pk__in=links.values("policy_id"))

    def led_by(self, agencies):
        """Policies whose lead (first-named) agency is one of these."""
        links = PolicyAgency.objects.filter(agency_id__in=_pks(agencies), position=0)
        return self.filter(pk__in=links.values("policy_id"))

    def in_sectors(self, sectors):
        links = PolicySector.objects.filter(sector_id__in=_pks(sectors))
        return self.filter(pk__in=links.values("policy_id"))

    def mentioning(self, companies):
        """Policies whose briefs name any of these companies."""
        links = Policy.companies.through.objects.filter(company_id__in=_pks(companies))
        return self.filter(pk__in=links.values("policy_id"))

    def of_type(self, document_types):
        return self.filter(document_type__in=list(document_types))


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
        links = NewsItem.companies.through.objects.filter(company_id__in=_pks(companies))
        return self.filter(pk__in=links.values("newsitem_id"))

    def mentioning_agencies(self, agencies):
        links = NewsItem.agencies.through.objects.filter(agency_id__in=_pks(agencies))
        return self.filter(pk__in=links.values("newsitem_id"))

    def of_kind(self, kinds):
        return self.filter(kind__in=list(kinds))


class AgencyQuerySet(models.QuerySet):
    def named(self, *names: str):
        """The agencies known by any of these names: abbreviation, English or Chinese name, or
        an alias, case-insensitive. The one name lookup of the site (filters, search)."""
        condition = Q(pk__in=[])
        for name in filter(None, (" ".join((n or "").split()) for n in names)):
            aliases = AgencyAlias.objects.filter(name__iexact=name).values("agency_id")
            condition |= (Q(abbreviation__iexact=name) | Q(name__iexact=name)
                          | Q(chinese_name=name) | Q(pk__in=aliases))
        return self.filter(condition)


class SectorQuerySet(models.QuerySet):
    def named(self, *names: str):
        """The sectors with any of these slugs or names, case-insensitive."""
        condition = Q(pk__in=[])
        for name in filter(None, (" ".join((n or "").split()) for n in names)):
            condition |= Q(slug__iexact=name) | Q(name__iexact=name)
        return self.filter(condition)


class CompanyQuerySet(models.QuerySet):
    def named(self, *names: str):
        """The companies with any of these slugs, names or aliases, case-insensitive."""
        condition = Q(pk__in=[])
        for name in filter(None, (" ".join((n or "").split()) for n in names)):
            aliases = CompanyAlias.objects.filter(name__iexact=name).values("company_id")
            condition |= Q(slug__iexact=name) | Q(name__iexact=name) | Q(pk__in=aliases)
        return self.filter(condition)


# --------------------------------------------------------------------------- registries


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
        return reverse("policies:agency-detail", kwargs={"slug": self.slug})


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
    objects = SectorQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("policies:sector-detail", kwargs={"slug": self.slug})


class Company(Timestamped):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166 alpha-2, if known.")
    curated = models.BooleanField(
        default=False, help_text="From the curated registry rather than found by the ingest."
    )

    objects = CompanyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "companies"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("policies:company-detail", kwargs={"slug": self.slug})


class CompanyAlias(models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "company aliases"

    def __str__(self) -> str:
        return f"{self.name} → {self.company.name}"


# --------------------------------------------------------------------------- briefs


class BriefKind(models.TextChoices):
    BRIEF = "brief", "Brief"
    ARTICLE = "article", "Article"


class Brief(Timestamped, Review, Corrections):
    publisher = models.CharField(max_length=100, blank=True)
    series = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=500)
    kind = models.CharField(max_length=10, choices=BriefKind.choices, default=BriefKind.BRIEF)
    published_on = models.DateField(null=True, blank=True)
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
        return reverse("policies:brief-detail", kwargs={"slug": self.slug})


# --------------------------------------------------------------------------- policies


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
    # A real column (not ExtractYear) so the year facet is an indexed GROUP BY.
    year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    slug = models.SlugField(max_length=100)
    title_key = models.CharField(
        max_length=500, editable=False, db_index=True,
        help_text="Normalised English title: the ingest's match key when no Chinese title.",
    )
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

    objects = PolicyQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[companies])

    class Meta:
        ordering = [models.F("issued_on").desc(nulls_last=True), "-id"]
        verbose_name_plural = "policies"
        constraints = [choices_constraint("policy_document_type_valid", "document_type",
                                          DocumentType)]
        indexes = [
            models.Index(fields=["issued_on", "id"], name="policy_issued_idx"),
            models.Index(fields=["year"], name="policy_year_idx"),
            models.Index(fields=["document_type", "year"], name="policy_type_year_idx"),
            models.Index(fields=["chinese_title"], name="policy_chinese_title_idx"),
            models.Index(fields=["needs_review"], name="policy_needs_review_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.year = self.issued_on.year if self.issued_on else None
        self.title_key = normalise_title(self.title)
        if not self.slug:
            self.slug = slug_for(self.title, fallback="policy")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = set(update_fields) | {"year", "title_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("policies:policy-detail", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def source_urls(self) -> list[str]:
        return [link["url"] for link in self.source_links or []]


def normalise_title(title: str) -> str:
    """Lower-case words only: how two briefs' spellings of one English title are compared."""
    return " ".join(re.findall(r"[a-z0-9]+", (title or "").lower()))[:500]


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


class BriefItem(Corrections):
    """One analysed item of a brief: the analyst's summary of (usually) one policy."""

    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    headline = models.CharField(max_length=500)
    summary = models.TextField("at a glance", blank=True)
    key_points = models.JSONField(default=list, blank=True)
    comment = models.TextField("analyst's comment", blank=True)
    extra = models.TextField(blank=True, help_text="Side boxes printed with the item.")
    policy = models.ForeignKey(
        Policy, null=True, blank=True, on_delete=models.SET_NULL, related_name="brief_items"
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
        self.year = self.date.year if self.date else None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = set(update_fields) | {"year"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"{self.brief.get_absolute_url()}#news-{self.position}"


# --------------------------------------------------------------------------- reports


class ProblemReport(models.Model):
    """A reader's "Report a problem" on a public record; lands in the review queue."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    message = models.TextField(max_length=4000)
    email = models.EmailField(blank=True, help_text="Optional, to answer the reader.")
    page_url = models.CharField(max_length=500, blank=True)
    client_hash = models.CharField(max_length=64, blank=True, editable=False,
                                   help_text="Salted hash of the sender's address (throttling).")
    created_at = models.DateTimeField(auto_now_add=True)
    resolved = models.BooleanField(default=False)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["resolved", "created_at"], name="report_queue_idx"),
            models.Index(fields=["content_type", "object_id"], name="report_record_idx"),
        ]

    def __str__(self) -> str:
        return f"Report on {self.content_type.model} {self.object_id}: {self.message[:60]}"


# --------------------------------------------------------------------------- ingest runs


class IngestRun(models.Model):
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    paths = models.JSONField(default=list)
    dry_run = models.BooleanField(default=False)
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"Ingest run {self.pk} at {self.started_at:%Y-%m-%d %H:%M}"


class IngestWarning(models.Model):
    run = models.ForeignKey(IngestRun, on_delete=models.CASCADE, related_name="warnings")
    file = models.CharField(max_length=255)
    line = models.PositiveIntegerField(null=True, blank=True)
    reason = models.TextField()
    is_error = models.BooleanField(default=False, help_text="The file did not land.")
    brief = models.ForeignKey(Brief, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="ingest_warnings")
    policy = models.ForeignKey(Policy, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="ingest_warnings")

    class Meta:
        ordering = ["run", "file", "line"]

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.reason}"

