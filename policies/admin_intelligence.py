"""The admin of policy intelligence: targets corrected like any field (every field an editor
changes is recorded as corrected, so no later ingest overwrites it), on their own change list and
inline on the policy's form."""

from __future__ import annotations

from django.contrib import admin
from django.forms.models import BaseInlineFormSet

from .editorial.corrections import CorrectionsAdmin
from .models import PolicyTarget


class CorrectingFormSet(BaseInlineFormSet):
    """An inline whose rows record the fields an editor changed as corrected."""

    def save_existing(self, form, obj, commit=True):
        obj.mark_corrected(*(name for name in form.changed_data
                             if name in {f.name for f in obj._meta.fields}))
        return super().save_existing(form, obj, commit=commit)


class PolicyTargetInline(admin.TabularInline):
    model = PolicyTarget
    formset = CorrectingFormSet
    extra = 0
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


POLICY_INLINES = [PolicyTargetInline]
