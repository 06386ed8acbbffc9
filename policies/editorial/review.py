"""The review queue: records the ingest (or a reader) flagged for a person, oldest first;
narrowed by kind or reason, and cleared in bulk ("mark reviewed"; a reader's report: resolved)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils import timezone

from ..models import Brief, Policy, ProblemReport


@dataclass(frozen=True)
class QueueEntry:
    kind: str
    obj: object
    reasons: list[str]
    flagged_at: datetime

    @property
    def key(self) -> str:
        """How the queue's form names the entry: "policy:12"."""
        return f"{self.kind}:{self.obj.pk}"

    @property
    def reason_labels(self) -> list[str]:
        """The reasons it is filtered by: a reader's report is one reason, whatever it says."""
        return [REPORT_REASON] if self.kind == "report" else self.reasons

    @property
    def public_url(self) -> str:
        record = self.obj.record if self.kind == "report" else self.obj
        return record.get_absolute_url() if hasattr(record, "get_absolute_url") else ""

    @property
    def admin_url(self) -> str:
        meta = self.obj._meta
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[self.obj.pk])


QUEUED_MODELS = (("policy", Policy), ("brief", Brief))
KINDS = {"policy": "policies", "brief": "briefs", "report": "readers' reports"}
REPORT_REASON = "reader's report"


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


def narrowed(entries: list[QueueEntry], *, kind: str = "", reason: str = "") -> list[QueueEntry]:
    """The entries of one kind and with one reason (either may be "": any)."""
    return [entry for entry in entries if (not kind or entry.kind == kind)
            and (not reason or reason in entry.reason_labels)]


def choices(entries: list[QueueEntry]) -> tuple[list[tuple[str, str, int]], list[tuple[str, int]]]:
    """([(kind, label, n)], [(reason, n)]) of the queue, for its filters: most frequent first."""
    kinds: dict[str, int] = {}
    reasons: dict[str, int] = {}
    for entry in entries:
        kinds[entry.kind] = kinds.get(entry.kind, 0) + 1
        for reason in entry.reason_labels:
            reasons[reason] = reasons.get(reason, 0) + 1
    return ([(kind, KINDS[kind], n) for kind, n in kinds.items()],
            sorted(reasons.items(), key=lambda item: (-item[1], item[0])))


def clear(keys: list[str]) -> int:
    """Mark the named entries ("policy:12", "report:3") reviewed (reports: resolved)."""
    wanted: dict[str, list[int]] = {}
    for key in keys:
        kind, _, pk = key.partition(":")
        if kind in KINDS and pk.isdigit():
            wanted.setdefault(kind, []).append(int(pk))
    count = 0
    for kind, model in QUEUED_MODELS:
        if kind in wanted:
            count += mark_reviewed(model.objects.filter(pk__in=wanted[kind], needs_review=True))
    if "report" in wanted:
        count += ProblemReport.objects.filter(pk__in=wanted["report"], resolved=False).update(
            resolved=True, resolved_at=timezone.now())
    return count
