"""The admin's inline rows, labelled: a tabular inline's inputs named for screen readers (the
column heading alone does not label them, and axe counts that as a missing label)."""

from __future__ import annotations

from django import forms


class LabelledRows(forms.BaseInlineFormSet):
    """Every input of a row named "<field>, row N" ("Agency, row 2")."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        row = "new row" if index is None else f"row {index + 1}"
        for field in form.fields.values():
            field.widget.attrs.setdefault("aria-label", f"{field.label}, {row}")
