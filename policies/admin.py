"""The admin: where editors correct what the ingest extracted. Every field an editor changes is
recorded in `corrected_fields`, so no later ingest overwrites it."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Prefetch

from .models import (
    Agency,
    AgencyAlias,
    Brief,
    BriefItem,
    Company,
    CompanyAlias,
    IngestRun,
    IngestWarning,
    NewsItem,
    Policy,
    PolicyAgency,
    PolicySector,
    Sector,
    slug_for,
)


class CorrectionsAdmin(admin.ModelAdmin):
    """Records the fields (and many-to-many relations) an editor changed as corrected."""

    # inline model -> the corrected field name it stands for
    inline_fields: dict[type, str] = {}
    readonly_fields = ("corrected_fields",)

    def save_model(self, request, obj, form, change):
        if change:
            tracked = {f.name for f in obj._meta.get_fields()}
            obj.mark_corrected(*[name for name in form.changed_data if name in tracked])
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change:
            return
        obj = form.instance
        fields = {name for name in form.changed_data
                  if name in {f.name for f in obj._meta.many_to_many}}
        for formset in formsets:
            name = self.inline_fields.get(formset.model)
            if name and formset.has_changed():
                fields.add(name)
        if fields:
            obj.mark_corrected(*fields)
            type(obj).objects.filter(pk=obj.pk).update(corrected_fields=obj.corrected_fields)


class PolicyAgencyInline(admin.TabularInline):
    model = PolicyAgency
    extra = 0
    autocomplete_fields = ["agency"]
    ordering = ["position"]
    verbose_name = "issuing agency (position 0 is the lead)"


class PolicySectorInline(admin.TabularInline):
    model = PolicySector
    extra = 0
    autocomplete_fields = ["sector"]
    fields = ["sector", "automatic", "score"]
    readonly_fields = ["score"]


class BriefItemInline(admin.StackedInline):
    model = BriefItem
    extra = 0
    fields = ["brief", "position", "headline"]
    readonly_fields = ["brief", "position", "headline"]
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Policy)
class PolicyAdmin(CorrectionsAdmin):
    list_display = ["title", "issued_on", "lead_agency", "document_type", "needs_review"]
    list_filter = ["needs_review", "document_type", "year", "policy_agencies__agency",
                   "sectors"]
    search_fields = ["title", "chinese_title"]
    date_hierarchy = "issued_on"
    autocomplete_fields = ["companies"]
    inlines = [PolicyAgencyInline, PolicySectorInline, BriefItemInline]
    inline_fields = {PolicyAgency: "agencies", PolicySector: "sectors"}
    readonly_fields = ["corrected_fields", "review_reasons", "created_at", "updated_at"]
    fields = ["title", "chinese_title", "slug", "document_type", "is_draft", "issued_on",
              "companies", "source_links", "needs_review", "review_reasons", "corrected_fields",
              "created_at", "updated_at"]
    list_per_page = 50

    def save_model(self, request, obj, form, change):
        if change and "title" in form.changed_data and "slug" not in form.changed_data:
            obj.slug = slug_for(obj.title, fallback="policy")  # the old slug still answers 301
        super().save_model(request, obj, form, change)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(
            Prefetch("policy_agencies",
                     queryset=PolicyAgency.objects.select_related("agency").order_by("position"))
        )

    @admin.display(description="lead agency")
    def lead_agency(self, obj):
        rows = list(obj.policy_agencies.all())
        return rows[0].agency.abbreviation if rows else "—"


class AgencyAliasInline(admin.TabularInline):
    model = AgencyAlias
    extra = 1


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["abbreviation", "name", "chinese_name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["abbreviation", "name", "chinese_name", "aliases__name"]
    list_select_related = ["parent"]
    prepopulated_fields = {"slug": ["abbreviation"]}
    inlines = [AgencyAliasInline]


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "parent"]
    search_fields = ["name", "slug"]
    list_select_related = ["parent"]


class CompanyAliasInline(admin.TabularInline):
    model = CompanyAlias
    extra = 1


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "curated"]
    list_filter = ["curated", "country"]
    search_fields = ["name", "aliases__name"]
    inlines = [CompanyAliasInline]


@admin.register(Brief)
class BriefAdmin(CorrectionsAdmin):
    list_display = ["title", "publisher", "kind", "published_on", "source_file", "needs_review"]
    list_filter = ["kind", "publisher", "needs_review"]
    search_fields = ["title", "source_file"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["agencies", "companies"]
    readonly_fields = ["corrected_fields", "review_reasons", "sha256", "source_file", "raw_text"]


@admin.register(BriefItem)
class BriefItemAdmin(CorrectionsAdmin):
    list_display = ["headline", "brief", "position", "policy"]
    list_select_related = ["brief", "policy"]
    search_fields = ["headline", "summary", "comment"]
    autocomplete_fields = ["policy"]
    raw_id_fields = ["brief"]


@admin.register(NewsItem)
class NewsItemAdmin(CorrectionsAdmin):
    list_display = ["date", "kind", "short_text", "brief"]
    list_filter = ["kind"]
    list_select_related = ["brief"]
    search_fields = ["text"]
    date_hierarchy = "date"
    autocomplete_fields = ["agencies", "companies"]
    raw_id_fields = ["brief"]

    @admin.display(description="text")
    def short_text(self, obj):
        return obj.text[:100]


class IngestWarningInline(admin.TabularInline):
    model = IngestWarning
    extra = 0
    can_delete = False
    fields = ["file", "line", "reason", "is_error", "brief", "policy"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(IngestRun)
class IngestRunAdmin(admin.ModelAdmin):
    list_display = ["id", "started_at", "finished_at", "dry_run"]
    readonly_fields = ["started_at", "finished_at", "paths", "dry_run", "summary"]
    inlines = [IngestWarningInline]

    def has_add_permission(self, request):
        return False
