"""Drive the admin as a browser would: the POST data of a change form from its GET, an edit of
a policy through it, and a bulk action on the changelist."""

from __future__ import annotations

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from policies.models import Agency, Sector


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


def agencies_of(policy):
    return list(policy.policy_agencies.order_by("position")
                .values_list("agency__abbreviation", flat=True))


def edit_policy(client, policy, *, issued_on=None, add_agency=None, sectors=None, **fields):
    url = f"/admin/policies/policy/{policy.pk}/change/"
    data = change_form_data(client.get(url))
    if issued_on:
        data["issued_on"] = issued_on
    data.update(fields)
    if add_agency:
        add_inline_row(data, "policy_agencies", policy=policy.pk,
                       agency=Agency.objects.get(abbreviation=add_agency).pk,
                       position=len(agencies_of(policy)))
    if sectors is not None:
        prefix = "policy_sectors"
        for i in range(int(data[f"{prefix}-INITIAL_FORMS"])):
            data[f"{prefix}-{i}-DELETE"] = "on"
        for slug in sectors:
            add_inline_row(data, prefix, policy=policy.pk,
                           sector=Sector.objects.get(slug=slug).pk)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    policy.refresh_from_db()
    return policy


def post_action(client, model, action, objects, **extra):
    data = {"action": action, ACTION_CHECKBOX_NAME: [str(o.pk) for o in objects], **extra}
    return client.post(f"/admin/policies/{model}/", data)
