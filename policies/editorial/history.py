"""Who changed what: editors through the admin (django-simple-history records the user), and the
ingest, whose changes carry the run as their reason ("ingest run 12: 001_brief.txt")."""

from __future__ import annotations

import threading
from contextlib import contextmanager

from django.dispatch import receiver
from simple_history.admin import SimpleHistoryAdmin
from simple_history.signals import pre_create_historical_record
from simple_history.template_utils import HistoricalRecordContextHelper

_state = threading.local()


# Bookkeeping an editor never sets: left out of the History page's list of changes.
BOOKKEEPING = ("corrected_fields", "correction_times", "updated_at", "created_at")


class ReadableChanges(HistoricalRecordContextHelper):
    """Changes as an editor reads them: source links by their addresses, lists one item after
    another, not their stored JSON."""

    def prepare_delta_change_value(self, change, value):
        if isinstance(value, list) and all(isinstance(item, dict) for item in value):
            value = [item.get("url") or str(item) for item in value]
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return "; ".join(value) or "—"
        return super().prepare_delta_change_value(change, value)


class HistoryAdmin(SimpleHistoryAdmin):
    """The admin's "History" page, as django-simple-history draws it, less the one inline style
    attribute of its list, which the Content-Security-Policy refuses (templates/admin/), and
    with readable changes: field labels and values, not bookkeeping fields or JSON."""

    object_history_list_template = "admin/history_list.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableChanges(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records,
                                  foreign_keys_are_objs=True):
        previous = None
        names = {field.name for field in self.model._meta.get_fields()}
        excluded = [name for name in BOOKKEEPING if name in names]
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(current, excluded_fields=excluded,
                                              foreign_keys_are_objs=foreign_keys_are_objs)
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current


@contextmanager
def changes_by(reason: str):
    """Tag every history row written inside this block with `reason`."""
    previous = getattr(_state, "reason", None)
    _state.reason = reason[:100]
    try:
        yield
    finally:
        _state.reason = previous


def current_reason() -> str:
    """The reason of the enclosing `changes_by` block ("" outside one): for history rows written
    in bulk, which send no `pre_create_historical_record`."""
    return getattr(_state, "reason", None) or ""


@receiver(pre_create_historical_record)
def tag_history_row(sender, instance, history_instance, **kwargs):
    reason = getattr(_state, "reason", None)
    if reason and not history_instance.history_change_reason:
        history_instance.history_change_reason = reason
