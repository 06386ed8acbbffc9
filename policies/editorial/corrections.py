"""How an editor's change becomes a correction that no ingest overwrites: the admin's base class
records every field (and many-to-many relation) an editor changed in `corrected_fields`, with
the time, through the models' one `save_corrections`; and the bulk "set sectors" action. Its
change form refuses a save made after someone else's (conflicts.py)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst

from ..models import Brief, BriefItem, NewsItem, Policy, PolicySector
from ..search.index import reindex_on_commit
from .conflicts import conflict_messages, version_of
from .history import HistoryAdmin


def reindex_record_on_commit(obj) -> None:
    """An editor's change is searchable as soon as it is saved."""
    if isinstance(obj, Policy):  # its briefs' documents carry its titles
        reindex_on_commit(policies=[obj], briefs=list(
            obj.brief_items.values_list("brief_id", flat=True)))
    elif isinstance(obj, Brief):
        reindex_on_commit(briefs=[obj])
    elif isinstance(obj, NewsItem):
        reindex_on_commit(news=[obj])
    elif isinstance(obj, BriefItem):
        reindex_on_commit(briefs=[obj.brief_id],
                          policies=[obj.policy_id] if obj.policy_id else [])


def field_label(record, name: str) -> str:
    """A field's label as the form shows it ("Chinese title"), not its name."""
    try:
        return capfirst(record._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


class CorrectionsForm(forms.ModelForm):
    release_corrections = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple,
        label="Release corrections",
        help_text="Ticked fields are no longer protected: the next ingest may set them again.",
    )
    # the record's version when the form was opened: a save after someone else's is refused
    version = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        corrected = self.instance.corrected_fields if self.instance.pk else []
        self.fields["release_corrections"].choices = [(f, field_label(self.instance, f))
                                                       for f in corrected or []]
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = version_of(self.instance)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            key = self.add_prefix("version")
            opened_at = self.data.get(key, "")
            current = version_of(self.instance, lock=True)
            if opened_at != current:
                self.data = self.data.copy()
                self.data[key] = current  # saving this form again is now a decision
                raise forms.ValidationError(conflict_messages(self.instance, opened_at))
        return cleaned


class CorrectionsAdmin(HistoryAdmin):
    """Records the fields (and many-to-many relations) an editor changed as corrected; keeps
    their history (who, when, old and new values) with revert."""

    form = CorrectionsForm
    # inline model -> the corrected field name it stands for
    inline_fields: dict[type, str] = {}
    readonly_fields = ("corrected_fields",)
    exclude = ("correction_times",)

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        for name in ("release_corrections", "version"):  # a record's change form only
            if obj is None and name in fields:
                fields.remove(name)
            elif obj is not None and name not in fields:
                fields.append(name)
        return fields

    def _released(self, form) -> set[str]:
        return set(form.cleaned_data.get("release_corrections") or [])

    def save_model(self, request, obj, form, change):
        if change:
            tracked = {f.name for f in obj._meta.get_fields()}
            changed = [n for n in form.changed_data if n in tracked and n != "corrected_fields"]
            obj.mark_corrected(*changed)
            obj.release_correction(*self._released(form))
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
        fields -= self._released(form)
        reindex_record_on_commit(obj)
        if fields:  # the form saved the record: only the correction record is left to save
            obj.save_corrections(*fields, history=False)


def set_sectors(policies, sectors, *, replace: bool) -> int:
    """Set (or add) these sectors on the policies as an editor's choice: they are corrected
    and no later classification changes them. Returns how many policies."""
    count = 0
    for policy in policies:
        if replace:
            policy.policy_sectors.all().delete()
        for sector in sectors:
            PolicySector.objects.update_or_create(policy=policy, sector=sector,
                                                  defaults={"automatic": False})
        policy.save_corrections("sectors")
        count += 1
    return count
