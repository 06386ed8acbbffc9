"""The bulk dump: the whole archive as JSON Lines, restorable with the same ids and permalinks.

Format (one JSON object per line, UTF-8):
  line 1: {"format": "policy-briefs-archive", "version": 1, "exported_at": ISO time,
           "models": [model labels in load order], "counts": {label: rows}}
  then:   Django's own "jsonl" serialisation of every row, model by model in that order:
          {"model": "policies.policy", "pk": 12, "fields": {...}}
  last:   {"end": true, "records": number of rows above}
A dump without its last line was cut short (a download that broke off, a full disk): import_dump
refuses it and imports nothing.
Many-to-many relations without their own model (Brief.agencies, NewsItem.companies, ...) are
lists of primary keys inside "fields"; ordered relations (PolicyAgency, PolicySector) are rows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from .models import Brief, NewsItem, Policy
from .search.index import reindex_all

FORMAT = "policy-briefs-archive"
VERSION = 1

# Load order: every model after the models it points to.
MODELS = [
    "policies.agency",
    "policies.agencyalias",
    "policies.sector",
    "policies.company",
    "policies.companyalias",
    "policies.brief",
    "policies.policy",
    "policies.policyagency",
    "policies.policysector",
    "policies.briefitem",
    "policies.newsitem",
    "policies.ingestrun",
    "policies.ingestwarning",
    "redirects.redirect",  # old URLs of merged agencies and companies
]


class DumpError(ValueError):
    pass


def _models():
    return [apps.get_model(label) for label in MODELS]


def export_lines(chunk_size: int = 2000) -> Iterator[str]:
    """Yield the dump line by line (streams: memory stays flat whatever the archive's size)."""
    counts = {label: model.objects.count() for label, model in zip(MODELS, _models(), strict=True)}
    header = {"format": FORMAT, "version": VERSION, "exported_at": timezone.now().isoformat(),
              "models": MODELS, "counts": counts}
    yield json.dumps(header, ensure_ascii=False) + "\n"
    records = 0
    for model in _models():
        queryset = model.objects.order_by("pk")
        if model._meta.many_to_many:
            queryset = queryset.prefetch_related(*[f.name for f in model._meta.many_to_many
                                                   if f.remote_field.through._meta.auto_created])
        last_pk = None
        while True:
            page = queryset if last_pk is None else queryset.filter(pk__gt=last_pk)
            rows = list(page[:chunk_size])
            if not rows:
                break
            text = serializers.serialize("jsonl", rows, ensure_ascii=False)
            yield text if text.endswith("\n") else text + "\n"
            records += len(rows)
            last_pk = rows[-1].pk
    yield json.dumps({"end": True, "records": records}) + "\n"


def archive_is_empty() -> bool:
    return not (Policy.objects.exists() or Brief.objects.exists() or NewsItem.objects.exists())


def import_lines(lines: Iterable[str]) -> dict[str, int]:
    """Restore a dump into a database that holds no briefs or policies yet (the registry the
    migrations loaded is replaced by the dump's). All or nothing."""
    iterator = iter(lines)
    try:
        header = json.loads(next(iterator))
    except StopIteration:
        raise DumpError("the dump is empty") from None
    except json.JSONDecodeError as exc:
        raise DumpError(f"the first line is not a dump header ({exc.msg})") from None
    if header.get("format") != FORMAT:
        raise DumpError("not a Policy Briefs Archive dump (wrong header)")
    if header.get("version") != VERSION:
        raise DumpError(f"dump version {header.get('version')} is not supported (want {VERSION})")
    if not archive_is_empty():
        raise DumpError("the database already holds briefs or policies: import into an empty one")

    counts: dict[str, int] = {}
    end = None
    with transaction.atomic():
        for model in reversed(_models()):
            model.objects.all().delete()
        for number, line in enumerate(iterator, start=2):
            if not line.strip():
                continue
            if end is not None:
                raise DumpError(f"line {number}: more after the end line")
            if line.startswith('{"end":'):
                end = _end(line, number)
                continue
            try:
                for obj in serializers.deserialize("jsonl", line, ignorenonexistent=False):
                    obj.save()
                    label = obj.object._meta.label_lower
                    counts[label] = counts.get(label, 0) + 1
            except serializers.base.DeserializationError as exc:
                raise DumpError(f"line {number}: {str(exc).splitlines()[0]}") from None
        if end is None:
            raise DumpError("no end line: the dump was cut short (a download that broke off?)")
        if end.get("records") != sum(counts.values()):
            raise DumpError(f"the end line counts {end.get('records')} rows, the dump holds "
                            f"{sum(counts.values())}")
        expected = {k: v for k, v in header.get("counts", {}).items() if v}
        if expected and expected != counts:
            raise DumpError(f"row counts differ from the header: {counts} != {expected}")
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), _models()):
                cursor.execute(sql)
    reindex_all()
    return counts


def _end(line: str, number: int) -> dict:
    try:
        end = json.loads(line)
    except json.JSONDecodeError as exc:
        raise DumpError(f"line {number}: a broken end line ({exc.msg})") from None
    if not isinstance(end, dict) or end.get("end") is not True:
        raise DumpError(f"line {number}: not an end line")
    return end
