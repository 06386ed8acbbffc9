"""Who changed what: editors through the admin (django-simple-history records the user), and the
ingest, whose changes carry the run as their reason ("ingest run 12: 001_brief.txt")."""

from __future__ import annotations

import threading
from contextlib import contextmanager

from django.dispatch import receiver
from simple_history.admin import SimpleHistoryAdmin
from simple_history.signals import pre_create_historical_record

_state = threading.local()


class HistoryAdmin(SimpleHistoryAdmin):
    """The admin's "History" page, as django-simple-history draws it, less the one inline style
    attribute of its list, which the Content-Security-Policy refuses (templates/admin/)."""

    object_history_list_template = "admin/history_list.html"


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
