"""The review queue: records the ingest (or a reader) flagged for a person, oldest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse

from ..models import Brief, Policy, ProblemReport


@dataclass(frozen=True)
class QueueEntry:
    kind: str
    obj: object
    reasons: list[str]
    flagged_at: datetime

    @property
    def admin_url(self) -> str:
        meta = self.obj._meta
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[self.obj.pk])


QUEUED_MODELS = (("policy", Policy), ("brief", Brief))


def waiting_count() -> int:
    flagged = sum(model.objects.filter(needs_review=True).count() for _, model in QUEUED_MODELS)
    return flagged + ProblemReport.objects.filter(resolved=False).count()


def review_queue(limit: int = 500) -> list[QueueEntry]:
    entries = []
    for kind, model in QUEUED_MODELS:
        for obj in model.objects.filter(needs_review=True).order_by("created_at", "id")[:limit]:
            entries.append(QueueEntry(kind, obj, list(obj.review_reasons or []), obj.created_at))
    reports = ProblemReport.objects.filter(resolved=False).select_related("content_type")
    for report in reports.order_by("created_at", "id")[:limit]:
        record = report.record
        where = f"{report.content_type.model} {record or report.object_id}"
        entries.append(QueueEntry("report", report, [f"reader's report on {where}: "
                                                     f"{report.message}"], report.created_at))
    entries.sort(key=lambda e: (e.flagged_at, e.kind, e.obj.pk))
    return entries[:limit]


def mark_reviewed(queryset) -> int:
    """Clear the flag; recorded as an editor's decision so a re-ingest does not raise it again."""
    count = 0
    for obj in queryset:
        obj.needs_review = False
        obj.review_reasons = []
        obj.save_corrections("needs_review", "review_reasons")
        count += 1
    return count
