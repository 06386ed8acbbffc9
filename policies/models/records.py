"""What the site keeps about its own work: readers' problem reports and ingest runs with their
warnings."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from .briefs import Brief
from .policy import Policy


class ProblemReport(models.Model):
    """A reader's "Report a problem" on a public record; lands in the review queue."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    message = models.TextField(max_length=4000)
    email = models.EmailField(blank=True, help_text="Optional, to answer the reader.")
    page_url = models.CharField(max_length=500, blank=True)
    client_hash = models.CharField(max_length=64, blank=True, editable=False,
                                   help_text="Salted hash of the sender's address (throttling).")
    created_at = models.DateTimeField(auto_now_add=True)
    resolved = models.BooleanField(default=False)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["resolved", "created_at"], name="report_queue_idx"),
            models.Index(fields=["content_type", "object_id"], name="report_record_idx"),
        ]

    def __str__(self) -> str:
        return f"Report on {self.content_type.model} {self.object_id}: {self.message[:60]}"


class IngestRun(models.Model):
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    paths = models.JSONField(default=list)
    dry_run = models.BooleanField(default=False)
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"Ingest run {self.pk} at {self.started_at:%Y-%m-%d %H:%M}"


class IngestWarning(models.Model):
    run = models.ForeignKey(IngestRun, on_delete=models.CASCADE, related_name="warnings")
    file = models.CharField(max_length=255)
    line = models.PositiveIntegerField(null=True, blank=True)
    reason = models.TextField()
    is_error = models.BooleanField(default=False, help_text="The file did not land.")
    brief = models.ForeignKey(Brief, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="ingest_warnings")
    policy = models.ForeignKey(Policy, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="ingest_warnings")

    class Meta:
        ordering = ["run", "file", "line"]

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.reason}"
