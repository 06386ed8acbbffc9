"""The bulk dump: the whole archive as JSON Lines, restorable with the same ids and permalinks.

Format (one JSON object per line, UTF-8):
  line 1: {"format": "policy-briefs-archive", "version": 1, "exported_at": ISO time,
           "models": [model labels in load order], "counts": {label: rows}}
  then:   Django's own "jsonl" serialisation of every row, model by model in that order:
          {"model": "policies.policy", "pk": 12, "fields": {...}}
  last:   {"end": true, "records": number of rows above}  (since version 3)
Many-to-many relations without their own model (Brief.agencies, NewsItem.companies, ...) are
lists of primary keys inside "fields"; ordered relations (PolicyAgency, PolicySector) are rows.

Version 2 adds the change history (who changed what, when: `HISTORY`, after the records): each
historical row names its editor by username only (`"history_user": ["alice"]`), never by a
password, an e-mail address or a session. An import creates an editor it does not know as an
inactive account with no usable password, so the history keeps its names; version 1 dumps
(no history) still import.

Version 3 ends with the line that counts the rows: a version 3 dump without it was cut short (a
download that broke off, a full disk), and import_dump refuses it and imports nothing. Versions
1 and 2 had no such line; the header's counts are all that checks them.
"""

from __future__ import annotations

import datetime
import decimal
import json
from collections.abc import Iterable, Iterator

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.models import Field
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.encoding import is_protected_type

from .models import Brief, NewsItem, Policy
from .search.index import reindex_all

FORMAT = "policy-briefs-archive"
VERSION = 3
READABLE_VERSIONS = (1, 2, 3)
ENDS_WITH_A_COUNT = 3  # the first version whose last line counts its rows

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
    "policies.policytarget",  # after the items they were read from
    "policies.policyrelation",
    "policies.newsitem",
    "policies.ingestrun",
    "policies.ingestwarning",
    "redirects.redirect",  # old URLs of merged agencies and companies
]
# The change history (django-simple-history), after the records; a historical row keeps the
# ids of records that may since have been deleted (its relations have no constraint).
HISTORY = [
    "policies.historicalagency",
    "policies.historicalsector",
    "policies.historicalcompany",
    "policies.historicalbrief",
    "policies.historicalpolicy",
    "policies.historicalpolicy_companies",  # after the policy versions it belongs to
    "policies.historicalpolicyagency",
    "policies.historicalpolicysector",
    "policies.historicalbriefitem",
    "policies.historicalpolicytarget",
    "policies.historicalpolicyrelation",
    "policies.historicalnewsitem",
]


class DumpError(ValueError):
    pass


class Encoder(DjangoJSONEncoder):
    """Django's encoder, but times to the microsecond (it cuts them to milliseconds): a
    restored change history keeps its exact times and order."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        return super().default(o)


def _models(labels=None):
    return [apps.get_model(label) for label in (labels or MODELS + HISTORY)]


class _Row:
    """A row's values under their attribute names: what Field.value_to_string reads."""

    def __init__(self, values: dict):
        self.__dict__.update(values)


_ENCODER = Encoder(ensure_ascii=False, separators=(",", ": "))  # as Django's "jsonl" writes


def _temporal(value):
    """A date, time or datetime as the line will hold it (Encoder's text), computed here so the
    JSON encoder needs no call back into Python per value; anything else as it is."""
    if isinstance(value, datetime.datetime | datetime.time):
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _plain(value):
    """Field.value_to_string, for a field that keeps Django's: the value when Django's
    serializer keeps it (None, numbers, dates: is_protected_type), else str() of it."""
    return value if is_protected_type(value) else str(value)


# The types _plain keeps as they are (text, and the protected ones): a column of only these
# needs no pass of _plain.
_KEPT = {str, int, bool, float, decimal.Decimal, datetime.date, datetime.datetime,
         datetime.time, type(None)}


def _json_values(field, texts: list) -> list:
    """A JSONField's column read as text (see _serialised), decoded as JSONField.from_db_value
    decodes it, each distinct text once per chunk (most are "[]" or "{}"): the decoded values
    are only encoded again, never changed."""
    decoded: dict = {None: None}
    values = []
    for text in texts:
        try:
            value = decoded[text]
        except KeyError:
            try:
                value = json.loads(text, cls=field.decoder)
            except json.JSONDecodeError:
                value = text
            decoded[text] = value
        values.append(value)
    return values


def _column_writers(fields) -> list:
    """Per field, how a column of values_list() values becomes the serializer's values: _plain
    (text, numbers), _temporal (dates and times), "json" (read as text, decoded here), or
    "record" (the field's own value_to_string, given the whole row, for a field class this
    module does not know)."""
    writers = []
    for field in fields:
        kind = type(field)
        if isinstance(field, models.JSONField):
            writers.append("json")  # its value_to_string is the value
        elif kind.value_to_string is Field.value_to_string:  # str() of what is not kept
            writers.append(_plain)
        elif isinstance(field, models.DateField | models.TimeField):
            writers.append(_temporal)  # its values are kept as they are, encoded as dates
        else:
            writers.append("record")
    return writers


def _serialised(model, chunk_size: int) -> Iterator[tuple[int, str]]:
    """(rows, text) per chunk of `model`'s rows in pk order: the lines Django's "jsonl"
    serializer writes (same keys, order and values; tests/test_dump.py compares them), made
    from values_list() tuples in keyset chunks instead of model instances: a policy's
    companies and a brief's agencies are one query per chunk, the editors' usernames one. The
    values are converted a column at a time (_column_writers) and each line encoded by one
    encoder made once."""
    meta = model._meta.concrete_model._meta
    fields = [f for f in meta.local_fields if f.serialize]
    links = [f for f in meta.local_many_to_many
             if f.serialize and f.remote_field.through._meta.auto_created]
    named = {f.attname: f.remote_field.model for f in fields
             if f.is_relation and hasattr(f.remote_field.model, "natural_key")}
    writers = _column_writers(fields)
    names = [f.name for f in fields]
    # JSON columns as their text, without JSONField's decoding per value (_json_values)
    selected = [Cast(f.attname, output_field=models.TextField()) if writer == "json"
                else f.attname for f, writer in zip(fields, writers, strict=True)]
    label, pk_name = str(model._meta), model._meta.pk.attname
    encode = _ENCODER.encode
    last_pk = None
    while True:
        rows = model.objects.order_by("pk")
        if last_pk is not None:
            rows = rows.filter(pk__gt=last_pk)
        rows = list(rows.values_list(pk_name, *selected)[:chunk_size])
        if not rows:
            return
        pks, *columns = (list(column) for column in zip(*rows, strict=True))
        for i, writer in enumerate(writers):
            if writer == "json":
                columns[i] = _json_values(fields[i], columns[i])
        attributes = list(columns)  # the values as a model instance would hold them
        for i, (field, writer) in enumerate(zip(fields, writers, strict=True)):
            column = columns[i]
            if field.attname in named:  # {pk: natural key} of the records the chunk names
                keys = _natural_keys(named[field.attname], set(column) - {None})
                columns[i] = [keys.get(value) for value in column]
            elif writer == "record":
                records = [_Row(dict(zip((f.attname for f in fields), row, strict=True)))
                           for row in zip(*attributes, strict=True)]
                columns[i] = [value if is_protected_type(value) else field.value_to_string(record)
                              for value, record in zip(column, records, strict=True)]
            elif writer == "json":
                pass  # decoded above
            elif writer is _plain:
                if not _KEPT.issuperset(map(type, column)):
                    columns[i] = [_plain(value) for value in column]
            else:
                columns[i] = [value if value is None else writer(value) for value in column]
        related = [(field.name, _linked(field, last_pk, pks)) for field in links]
        lines = []
        per_row = zip(*columns, strict=True) if columns else [()] * len(pks)
        for pk, values in zip(pks, per_row, strict=True):
            out = dict(zip(names, values, strict=True))
            for name, linked in related:
                out[name] = linked.get(pk, [])
            lines.append(encode({"model": label, "pk": pk, "fields": out}))
        yield len(rows), "\n".join(lines) + "\n"
        last_pk = pks[-1]


def _linked(field, after, pks) -> dict[int, list]:
    """{owner pk: [related pks]} of an m2m field, in the related model's order (as Django's
    serializer reads them), for the owners of a chunk: every pk after `after` up to its last
    (a range, not a list of 2,000 parameters: the chunk holds every owner in it)."""
    through = field.remote_field.through
    source = field.m2m_field_name()
    target = field.m2m_reverse_field_name()
    ordering = [f"{target}__{o.lstrip('-')}" if not o.startswith("-")
                else f"-{target}__{o[1:]}" for o in field.remote_field.model._meta.ordering
                if isinstance(o, str)]
    within = {f"{source}__lte": pks[-1]}
    if after is not None:
        within[f"{source}__gt"] = after
    found: dict[int, list] = {}
    for owner, other in (through.objects.filter(**within)
                         .order_by(source, *ordering)
                         .values_list(f"{source}_id", f"{target}_id")):
        found.setdefault(owner, []).append(other)
    return found


def _natural_keys(model, pks) -> dict:
    """{pk: natural key} of the records a chunk names (the editors of historical rows)."""
    if not pks:
        return {}
    return {record.pk: list(record.natural_key()) for record in model.objects.filter(pk__in=pks)}


def export_lines(chunk_size: int = 2000) -> Iterator[str]:
    """Yield the dump chunk by chunk of lines (streams: memory stays flat whatever the
    archive's size)."""
    labels = MODELS + HISTORY
    counts = {label: model.objects.count() for label, model in zip(labels, _models(), strict=True)}
    header = {"format": FORMAT, "version": VERSION, "exported_at": timezone.now().isoformat(),
              "models": labels, "counts": counts}
    yield json.dumps(header, ensure_ascii=False) + "\n"
    records = 0
    for model in _models():
        # the editor of a historical row by username (User's natural key), nothing else
        for rows, text in _serialised(model, chunk_size):
            yield text
            records += rows
    yield json.dumps({"end": True, "records": records}) + "\n"


def django_lines(model, chunk_size: int = 2000) -> Iterator[str]:
    """The same rows through Django's own serializer: the reference `_serialised` is checked
    against (tests/test_dump.py)."""
    queryset = model.objects.order_by("pk")
    if model._meta.many_to_many:
        queryset = queryset.prefetch_related(*[f.name for f in model._meta.many_to_many
                                               if f.remote_field.through._meta.auto_created])
    for start in range(0, queryset.count(), chunk_size):
        rows = list(queryset[start:start + chunk_size])
        text = serializers.serialize("jsonl", rows, ensure_ascii=False,
                                     use_natural_foreign_keys=True, cls=Encoder)
        yield text if text.endswith("\n") else text + "\n"


class Editors:
    """The accounts a dump's history names, made on first sight if missing: inactive, with no
    usable password (a restored archive keeps who changed what, and lets nobody in)."""

    def __init__(self):
        self.known: set[str] = set()

    def ensure(self, line: str) -> None:
        if '"history_user"' not in line:
            return
        name = (json.loads(line).get("fields", {}).get("history_user") or [None])[0]
        if not isinstance(name, str) or name in self.known:
            return
        user_model = get_user_model()
        if not user_model.objects.filter(**{user_model.USERNAME_FIELD: name}).exists():
            user = user_model(**{user_model.USERNAME_FIELD: name}, is_active=False)
            user.set_unusable_password()
            user.save()
        self.known.add(name)


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
    if header.get("version") not in READABLE_VERSIONS:
        raise DumpError(f"dump version {header.get('version')} is not supported "
                        f"(this archive reads {', '.join(map(str, READABLE_VERSIONS))})")
    if not archive_is_empty():
        raise DumpError("the database already holds briefs or policies: import into an empty one")

    counts: dict[str, int] = {}
    editors = Editors()
    end = None
    with transaction.atomic():
        for model in reversed(_models(MODELS)):
            model.objects.all().delete()
        for model in _models(HISTORY):  # the migrations' registry history, and the deletes above
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
                editors.ensure(line)
                for obj in serializers.deserialize("jsonl", line, ignorenonexistent=False):
                    obj.object.skip_history_when_saving = True  # the dump has it
                    obj.save()
                    label = obj.object._meta.label_lower
                    counts[label] = counts.get(label, 0) + 1
            except serializers.base.DeserializationError as exc:
                raise DumpError(f"line {number}: {str(exc).splitlines()[0]}") from None
        if end is None and header["version"] >= ENDS_WITH_A_COUNT:
            raise DumpError("no end line: the dump was cut short (a download that broke off?)")
        if end is not None and end.get("records") != sum(counts.values()):
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
