"""The admin: where editors correct what the ingest extracted. Every field an editor changes is
recorded in `corrected_fields`, so no later ingest overwrites it."""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from ingest.sectors import reclassify_policies

from .admin_intelligence import POLICY_INLINES
from .editorial.corrections import CorrectionsAdmin, set_sectors
from .editorial.history import HistoryAdmin
from .editorial.inline_rows import LabelledRows
from .editorial.merging import merge_agencies, merge_companies, merge_preview
from .editorial.review import mark_reviewed
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
    ProblemReport,
    Sector,
    SentAlert,
    Subscription,
    slug_for,
)


class PolicyAgencyInline(admin.TabularInline):
    formset = LabelledRows
    model = PolicyAgency
    extra = 0
    autocomplete_fields = ["agency"]
    ordering = ["position"]
    verbose_name = "issuing agency (position 0 is the lead)"


class PolicySectorInline(admin.TabularInline):
    formset = LabelledRows
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


class SectorChoiceForm(forms.Form):
    sectors = forms.ModelMultipleChoiceField(queryset=Sector.objects.all(),
                                             widget=forms.CheckboxSelectMultiple)
    replace = forms.BooleanField(required=False, label="Replace the existing sectors")


class MergeForm(forms.Form):
    survivor = forms.ModelChoiceField(queryset=None, empty_label=None,
                                      label="Keep this one; merge the others into it")

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survivor"].queryset = queryset


class WideTitles:
    """Titles of 100 characters and more are edited in a field as wide as the form."""

    wide_fields = ("title", "chinese_title", "headline")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "source_links":
            kwargs["widget"] = SourceLinksWidget
            kwargs["help_text"] = ("Official page, news report or archived copy. Clear an "
                                   "address to remove its link; save for more empty rows.")
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name in self.wide_fields:
            field.widget.attrs["class"] = "vTextField wide-text"
        return field


class SourceLinksWidget(forms.Widget):
    """A policy's source links as rows (address and kind), not the stored JSON; two empty rows
    add links, clearing an address removes its row. Posted rows become the JSON the field keeps
    (a plain JSON value under the field's own name is still taken)."""

    kinds = [("official", "official"), ("news", "news"), ("archive", "archive"), ("", "—")]
    spare_rows = 2

    def _rows(self, value) -> list[dict]:
        if isinstance(value, str):
            try:
                value = json.loads(value or "[]")
            except ValueError:
                value = []
        return [link if isinstance(link, dict) else {"url": str(link)}
                for link in value or [] if link]

    def render(self, name, value, attrs=None, renderer=None):
        rows = [*self._rows(value), *({"url": "", "kind": ""} for _ in range(self.spare_rows))]
        return render_to_string("admin/widgets/source_links.html", {
            "name": name, "kinds": self.kinds, "id": (attrs or {}).get("id", f"id_{name}"),
            "rows": [{"url": row.get("url", ""), "kind": row.get("kind", ""), "n": i}
                     for i, row in enumerate(rows)],
        })

    def value_from_datadict(self, data, files, name):
        if f"{name}-0-url" not in data:
            return data.get(name)
        links, n = [], 0
        while f"{name}-{n}-url" in data:
            url = data.get(f"{name}-{n}-url", "").strip()
            if url:
                kind = data.get(f"{name}-{n}-kind", "")
                links.append({"url": url, "kind": kind} if kind else {"url": url})
            n += 1
        return json.dumps(links)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}-0-url" not in data


class LeadAgencyFilter(admin.SimpleListFilter):
    """The agencies that lead most policies (the top 15, by count), not all 90-odd agencies:
    any other is found by the search box (abbreviation or name)."""

    title = "lead agency"
    parameter_name = "lead"
    shown = 15

    def lookups(self, request, model_admin):
        rows = (PolicyAgency.objects.filter(position=0).values("agency__abbreviation")
                .annotate(n=Count("*")).order_by("-n", "agency__abbreviation")[:self.shown])
        return [(row["agency__abbreviation"], f"{row['agency__abbreviation']} ({row['n']})")
                for row in rows]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(policy_agencies__position=0,
                                   policy_agencies__agency__abbreviation=self.value())
        return queryset


def reasons_list(obj):
    """The review reasons as a list a person reads, not the stored JSON."""
    reasons = list(obj.review_reasons or [])
    if not reasons:
        return "—"
    return format_html('<ul class="reasons">{}</ul>',
                       format_html_join("", "<li>{}</li>", ((reason,) for reason in reasons)))


@admin.action(description="Mark reviewed (clear the review flag)")
def mark_reviewed_action(modeladmin, request, queryset):
    count = mark_reviewed(queryset)
    modeladmin.message_user(request, f"{count} record(s) marked reviewed.", messages.SUCCESS)


@admin.register(Policy)
class PolicyAdmin(WideTitles, CorrectionsAdmin):
    list_display = ["title", "issued_on", "lead_agency", "sector_list", "document_type",
                    "needs_review"]
    list_filter = ["needs_review", "document_type", "year", LeadAgencyFilter,
                   "sectors", "brief_items__brief"]
    search_fields = ["title", "chinese_title", "document_number",
                     "policy_agencies__agency__abbreviation", "policy_agencies__agency__name"]
    date_hierarchy = "issued_on"
    autocomplete_fields = ["companies"]
    inlines = [PolicyAgencyInline, PolicySectorInline, BriefItemInline, *POLICY_INLINES]
    inline_fields = {PolicyAgency: "agencies", PolicySector: "sectors"}
    readonly_fields = ["corrected_fields", "reasons", "created_at", "updated_at"]
    fields = ["title", "chinese_title", "slug", "document_type", "is_draft", "issued_on",
              "issued_precision", "document_number", "effective_on",
              "companies", "source_links", "needs_review", "reasons", "corrected_fields",
              "release_corrections", "created_at", "updated_at"]
    list_per_page = 50
    actions = [mark_reviewed_action, "set_sectors", "reclassify_sectors"]

    def save_model(self, request, obj, form, change):
        if change and "title" in form.changed_data and "slug" not in form.changed_data:
            obj.slug = slug_for(obj.title, fallback="policy")  # the old slug still answers 301
        super().save_model(request, obj, form, change)

    def get_queryset(self, request):
        return super().get_queryset(request).for_list()

    @admin.display(description="review reasons")
    def reasons(self, obj):
        return reasons_list(obj)

    @admin.display(description="lead agency")
    def lead_agency(self, obj):
        rows = list(obj.policy_agencies.all())
        return rows[0].agency.abbreviation if rows else "—"

    @admin.display(description="sectors")
    def sector_list(self, obj):
        return ", ".join(ps.sector.name for ps in obj.policy_sectors.all()) or "—"

    @admin.action(description="Set or add sectors…")
    def set_sectors(self, request, queryset):
        if "apply" in request.POST:
            form = SectorChoiceForm(request.POST)
            if form.is_valid():
                count = set_sectors(queryset, form.cleaned_data["sectors"],
                                    replace=form.cleaned_data["replace"])
                self.message_user(request, f"Sectors set on {count} policies.", messages.SUCCESS)
                return None
        else:
            form = SectorChoiceForm()
        return TemplateResponse(request, "admin/policies/set_sectors.html", {
            **self.admin_site.each_context(request), "title": "Set or add sectors",
            "form": form, "queryset": queryset, "opts": self.model._meta,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME, "action": "set_sectors",
        })

    @admin.action(description="Re-run sector classification (keeps corrected sectors)")
    def reclassify_sectors(self, request, queryset):
        changed, kept = reclassify_policies(queryset)
        self.message_user(request, f"{changed} policies reclassified; {kept} kept their "
                                   "editor-corrected sectors.", messages.SUCCESS)


def merge_action(merge_function, label):
    @admin.action(description=f"Merge selected {label} into one…")
    def action(modeladmin, request, queryset):
        if queryset.count() < 2:
            modeladmin.message_user(request, f"Select at least two {label} to merge.",
                                    messages.WARNING)
            return None
        form = MergeForm(request.POST if "apply" in request.POST else None,
                         queryset=queryset)
        if form.is_valid():
            survivor = form.cleaned_data["survivor"]
            merged = merge_function(survivor, [o for o in queryset if o.pk != survivor.pk])
            modeladmin.message_user(request, f"Merged {merged} into {survivor}.",
                                    messages.SUCCESS)
            return None
        return TemplateResponse(request, "admin/policies/merge.html", {
            **modeladmin.admin_site.each_context(request), "title": f"Merge {label}",
            "form": form, "queryset": queryset, "preview": merge_preview(queryset),
            "opts": modeladmin.model._meta,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME, "action": action.__name__,
        })

    action.__name__ = f"merge_{label}"
    return action


class AgencyAliasInline(admin.TabularInline):
    formset = LabelledRows
    model = AgencyAlias
    extra = 1


@admin.register(Agency)
class AgencyAdmin(HistoryAdmin):
    list_display = ["abbreviation", "name", "chinese_name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["abbreviation", "name", "chinese_name", "aliases__name"]
    list_select_related = ["parent"]
    prepopulated_fields = {"slug": ["abbreviation"]}
    inlines = [AgencyAliasInline]
    actions = [merge_action(merge_agencies, "agencies")]


@admin.register(Sector)
class SectorAdmin(HistoryAdmin):
    list_display = ["name", "slug", "parent"]
    search_fields = ["name", "slug"]
    list_select_related = ["parent"]


class CompanyAliasInline(admin.TabularInline):
    formset = LabelledRows
    model = CompanyAlias
    extra = 1


@admin.register(Company)
class CompanyAdmin(HistoryAdmin):
    list_display = ["name", "country", "curated"]
    list_filter = ["curated", "country"]
    search_fields = ["name", "aliases__name"]
    inlines = [CompanyAliasInline]
    actions = [merge_action(merge_companies, "companies")]


@admin.register(Brief)
class BriefAdmin(WideTitles, CorrectionsAdmin):
    list_display = ["title", "publisher", "kind", "published_on", "source_file", "needs_review"]
    list_filter = ["kind", "publisher", "needs_review"]
    actions = [mark_reviewed_action]
    search_fields = ["title", "source_file"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["agencies", "companies"]
    readonly_fields = ["corrected_fields", "reasons", "sha256", "source_file", "raw_text"]
    exclude = ["review_reasons"]

    @admin.display(description="review reasons")
    def reasons(self, obj):
        return reasons_list(obj)


@admin.register(BriefItem)
class BriefItemAdmin(WideTitles, CorrectionsAdmin):
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


def admin_link(obj) -> str:
    if obj is None:
        return "—"
    meta = obj._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    return format_html('<a href="{}">{}</a>', url, str(obj)[:80])


class IngestWarningInline(admin.TabularInline):
    model = IngestWarning
    extra = 0
    can_delete = False
    fields = ["file", "line", "reason", "is_error", "brief_link", "policy_link"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="brief")
    def brief_link(self, obj):
        return admin_link(obj.brief)

    @admin.display(description="policy")
    def policy_link(self, obj):
        return admin_link(obj.policy)


@admin.register(IngestWarning)
class IngestWarningAdmin(admin.ModelAdmin):
    list_display = ["run", "file", "line", "reason", "is_error", "brief_link", "policy_link"]
    list_filter = ["is_error", "run"]
    search_fields = ["file", "reason"]
    list_select_related = ["run", "brief", "policy"]
    readonly_fields = ["run", "file", "line", "reason", "is_error", "brief_link", "policy_link"]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    brief_link = IngestWarningInline.brief_link
    policy_link = IngestWarningInline.policy_link


@admin.register(IngestRun)
class IngestRunAdmin(admin.ModelAdmin):
    list_display = ["id", "started_at", "finished_at", "dry_run"]
    readonly_fields = ["started_at", "finished_at", "paths", "dry_run", "summary"]
    inlines = [IngestWarningInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ProblemReport)
class ProblemReportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "record_link", "short_message", "resolved"]
    # only the kinds of record readers report on, not every model of the project
    list_filter = ["resolved", ("content_type", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["message", "email"]
    readonly_fields = ["content_type", "object_id", "record_link", "message", "email",
                       "page_url", "created_at", "resolved_at"]
    fields = ["record_link", "message", "email", "page_url", "created_at", "resolved",
              "resolved_at"]
    actions = ["mark_resolved"]
    list_select_related = ["content_type"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="record")
    def record_link(self, obj):
        return admin_link(obj.record) if obj.record is not None else "(deleted)"

    @admin.display(description="message")
    def short_message(self, obj):
        return obj.message[:100]

    def save_model(self, request, obj, form, change):
        if "resolved" in form.changed_data:
            obj.resolved_at = timezone.now() if obj.resolved else None
        super().save_model(request, obj, form, change)

    @admin.action(description="Mark resolved")
    def mark_resolved(self, request, queryset):
        count = queryset.filter(resolved=False).update(resolved=True, resolved_at=timezone.now())
        self.message_user(request, f"{count} report(s) resolved.", messages.SUCCESS)


class SentAlertInline(admin.TabularInline):
    model = SentAlert
    extra = 0
    can_delete = False
    fields = ["sent_at", "policy_link"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("policy")

    @admin.display(description="policy")
    def policy_link(self, obj):
        return admin_link(obj.policy)


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    """Readers' e-mail alerts, read-only: private addresses, seen here and nowhere public.
    Only a superuser may delete one (a reader who asks to be forgotten)."""

    list_display = ["email", "frequency", "followed_list", "confirmed_at", "last_sent_at",
                    "n_sent"]
    list_filter = ["frequency", ("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["email"]
    list_select_related = ["agency", "sector", "company"]
    fields = ["email", "frequency", "followed_list", "created_at", "confirmed_at",
              "checked_at", "last_sent_at"]
    readonly_fields = fields
    inlines = [SentAlertInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_sent=Count("sent"))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="list")
    def followed_list(self, obj):
        page = obj.page
        path = page.get_absolute_url() if page else reverse("policies:policy-list")
        label = str(page) if page else "All policies"
        if obj.query:
            path, label = f"{path}?{obj.query}", f"{label} ?{obj.query}"
        return format_html('<a href="{}">{}</a>', path, label)

    @admin.display(description="policies sent", ordering="n_sent")
    def n_sent(self, obj):
        return obj.n_sent
