"""The admin of policy intelligence: targets and the policy chain's relations, corrected like any
field (every field an editor changes is recorded as corrected, so no later ingest overwrites it),
on their own change lists and inline on the policy's form. A relation an editor adds is marked
as not automatic, so no ingest touches it."""

from __future__ import annotations

from django.contrib import admin

from .editorial.corrections import CorrectionsAdmin
from .editorial.inline_rows import LabelledRows
from .models import PolicyRelation, PolicyTarget


class CorrectingFormSet(LabelledRows):
    """An inline whose rows record the fields an editor changed as corrected (and whose
    inputs are labelled for screen readers)."""

    def save_existing(self, form, obj, commit=True):
        obj.mark_corrected(*(name for name in form.changed_data
                             if name in {f.name for f in obj._meta.fields}))
        return super().save_existing(form, obj, commit=commit)

    def save_new(self, form, commit=True):
        if hasattr(form.instance, "automatic"):
            form.instance.automatic = False  # an editor's relation: no ingest touches it
        return super().save_new(form, commit=commit)


class PolicyTargetInline(admin.TabularInline):
    model = PolicyTarget
    formset = CorrectingFormSet
    extra = 0
    view_on_site = False  # the row is on this policy's own page; the link was unlabelled text
    fields = ["metric", "value", "value_text", "unit", "direction", "target_year",
              "baseline_value", "baseline_year", "sentence"]
    ordering = ["target_year", "position"]


@admin.register(PolicyTarget)
class PolicyTargetAdmin(CorrectionsAdmin):
    list_display = ["metric", "value_text", "unit", "direction", "target_year", "policy"]
    list_filter = ["target_year", "direction"]
    search_fields = ["metric", "sentence", "policy__title"]
    list_select_related = ["policy"]
    autocomplete_fields = ["policy"]
    readonly_fields = ["corrected_fields", "created_at", "updated_at"]


class PolicyRelationInline(admin.TabularInline):
    """The relations this policy is the source of: "final version of", "interpretation of"..."""

    model = PolicyRelation
    fk_name = "source"
    formset = CorrectingFormSet
    extra = 0
    view_on_site = False
    fields = ["kind", "target", "target_title", "evidence"]
    autocomplete_fields = ["target"]
    verbose_name = "relation to another policy"


@admin.register(PolicyRelation)
class PolicyRelationAdmin(CorrectionsAdmin):
    list_display = ["source", "kind", "target", "target_title", "automatic"]
    list_filter = ["kind", "automatic"]
    search_fields = ["source__title", "target__title", "target_title", "evidence"]
    list_select_related = ["source", "target"]
    autocomplete_fields = ["source", "target"]
    readonly_fields = ["corrected_fields", "automatic", "created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.automatic = False
        super().save_model(request, obj, form, change)


POLICY_INLINES = [PolicyTargetInline, PolicyRelationInline]
