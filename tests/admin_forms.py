"""Build the POST data of an admin change form from its GET, as a browser would submit it."""

from __future__ import annotations


def _value(field, value):
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return [str(getattr(v, "pk", v)) for v in value]
    if isinstance(value, bool):
        return "on" if value else None
    if hasattr(value, "pk"):
        return str(value.pk)
    return str(value) if not hasattr(field, "prepare_value") else field.prepare_value(value)


def change_form_data(response) -> dict:
    """Every field of the admin form and its inline formsets with their current values."""
    data: dict = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        value = _value(field, form[name].value())
        if value is not None and value != []:
            data[name] = value
    try:
        inlines = response.context["inline_admin_formsets"]
    except KeyError:  # e.g. the history revert form has no inlines
        inlines = []
    for inline in inlines:
        formset = inline.formset
        prefix = formset.prefix
        data[f"{prefix}-TOTAL_FORMS"] = str(formset.total_form_count())
        data[f"{prefix}-INITIAL_FORMS"] = str(formset.initial_form_count())
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
        for sub in formset.forms:
            for name, field in sub.fields.items():
                value = _value(field, sub[name].value())
                if value is not None and value != []:
                    data[f"{sub.prefix}-{name}"] = value
    return data


def add_inline_row(data: dict, prefix: str, **values) -> dict:
    n = int(data[f"{prefix}-TOTAL_FORMS"])
    for name, value in values.items():
        data[f"{prefix}-{n}-{name}"] = str(value)
    data[f"{prefix}-TOTAL_FORMS"] = str(n + 1)
    return data
