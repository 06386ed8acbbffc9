"""The data version: one counter the database itself bumps, in the writing transaction, on
every INSERT, UPDATE or DELETE of an archive table (triggers installed by the migrations, see
policies/data_version.py). Whatever is derived from the archive (the facet index of every
worker, cached responses, ETags, the shared reads) is keyed on it, so a write of any kind (the
ingest, an admin save, a merge, an import, a bulk action, a shell's QuerySet.update, raw SQL) is
seen by every worker at its next request, and a write rolled back bumps nothing."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone


class DataVersion(models.Model):
    """The single row (id 1): `version` grows with every write, `changed_at` is its time (the
    Last-Modified of every public page)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    version = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(id=1), name="data_version_one_row")]

    def __str__(self) -> str:
        return f"data version {self.version} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
