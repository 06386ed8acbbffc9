"""Two editors, one record: a change form carries the version of the record it was loaded at (the
number of its latest history row, which every save writes, the ingest's included), and a save
from a form loaded before someone else's save is refused with what they changed (field, their
value, who, when), so nothing is overwritten unseen. The editor's own values stay in the form,
which now carries the new version: saving it again, knowingly, replaces theirs.

The version is read under a row lock (SELECT ... FOR UPDATE, inside the admin's transaction), so
two saves at the same moment take turns and the second sees the first's version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.utils import timezone
from simple_history.utils import get_m2m_reverse_field_name

# Bookkeeping, not an editor's value: recorded with every correction.
NOT_SHOWN = ("corrected_fields", "correction_times")
MAX_CHANGES = 12


@dataclass(frozen=True)
class Change:
    field: str  # its label, or "" for a save that changed none of the record's own fields
    value: str
    who: str
    when: datetime


def version_of(record, *, lock: bool = False) -> str:
    """The record's version: the number of its latest history row ("" before it has one).
    `lock` holds the record's row for the rest of the transaction first."""
    if lock and connection.in_atomic_block:
        type(record)._base_manager.select_for_update().filter(pk=record.pk).exists()
    latest = record.history.order_by("-history_id").values_list("history_id", flat=True).first()
    return "" if latest is None else str(latest)


def changes_since(record, version: str) -> list[Change]:
    """What was saved after `version`, oldest first: the record's fields, and the rows of its
    inlines that keep a history (a policy's agencies and sectors)."""
    history = record.history.select_related("history_user").order_by("history_id")
    previous = history.filter(history_id=int(version)).first() if version.isdigit() else None
    if previous is None:
        return []
    rows = list(history.filter(history_id__gt=previous.history_id))
    changes = []
    for row in rows:
        fields = row.diff_against(previous, excluded_fields=NOT_SHOWN,
                                  foreign_keys_are_objs=True).changes
        changes += [Change(_label(record, c.field), _shown(record, c.field, c.new), _who(row),
                           row.history_date) for c in fields
                    if _shown(record, c.field, c.old) != _shown(record, c.field, c.new)]
        previous = row
    if rows:  # inline rows are saved after their record's own row
        changes += _inline_changes(record, since=rows[0].history_date)
    if rows and not changes:
        changes = [Change("", "", _who(row), row.history_date) for row in rows]
    return sorted(changes, key=lambda change: change.when)[-MAX_CHANGES:]


def _inline_changes(record, *, since: datetime) -> list[Change]:
    changes = []
    for relation in record._meta.related_objects:
        model = relation.related_model
        manager = getattr(model._meta, "simple_history_manager_attribute", None)
        if not relation.one_to_many or manager is None:
            continue
        rows = getattr(model, manager).filter(**{relation.field.attname: record.pk,
                                                 "history_date__gte": since})
        for row in rows.select_related("history_user").order_by("history_id"):
            done = {"+": "added", "-": "removed"}.get(row.history_type, "changed")
            changes.append(Change(f"{model._meta.verbose_name} {done}", str(row.instance),
                                  _who(row), row.history_date))
    return changes


def _who(row) -> str:
    if row.history_user:
        return row.history_user.get_username()
    return row.history_change_reason or "someone"


def conflict_messages(record, version: str) -> list[str]:
    """The refusal an editor sees, one line per change."""
    noun = record._meta.verbose_name
    if not version.isdigit():
        return [f"This form does not say which version of the {noun} it was opened at, so "
                f"nothing you changed was saved, in case someone else saved it since. Reload "
                f"the page, or save again to replace what is stored with your values."]
    lines = [f"Someone else saved this {noun} after you opened this form, so nothing you "
             f"changed was saved. Their changes:"]
    for change in changes_since(record, version):
        when = timezone.localtime(change.when).strftime("%Y-%m-%d %H:%M:%S %Z")
        what = f"{change.field}: “{change.value}”" if change.field else "saved it"
        lines.append(f"{what} (by {change.who}, {when})")
    lines.append("Your values are still in the form below. Saving it again replaces their "
                 "changes with your values; reload the page to start from theirs.")
    return lines


def _label(record, name: str) -> str:
    return str(record._meta.get_field(name).verbose_name)


def _shown(record, name: str, value) -> str:
    field = record._meta.get_field(name)
    if field.many_to_many:
        target = get_m2m_reverse_field_name(field)
        return "; ".join(str(row[target]) for row in value) or "(none)"
    if value in (None, "", [], {}, "[]", "{}"):  # a JSON field's history may hold its text
        return "(empty)"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)
