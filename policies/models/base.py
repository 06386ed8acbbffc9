"""What every archive model shares: URL slugs, choices enforced by the database, the
record of editors' corrections, the review flag and timestamps."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date

from django.core.signals import setting_changed
from django.db import models
from django.db.models import Q
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.text import slugify


@functools.lru_cache(maxsize=20_000)
def _reversed(urlconf, prefix: str, name: str, kwargs: tuple) -> str:
    return reverse(name, urlconf=urlconf, kwargs=dict(kwargs))


def url_of(name: str, **kwargs) -> str:
    """reverse(name, kwargs=...), remembered: a list page asks for the same agencies' and
    sectors' URLs dozens of times, and each reverse() costs tens of microseconds. Keyed on the
    URLconf and script prefix in force, and forgotten when a test changes the URLconf."""
    return _reversed(get_urlconf(), get_script_prefix(), name, tuple(sorted(kwargs.items())))


@receiver(setting_changed)
def _forget_urls(setting, **kwargs) -> None:
    if setting == "ROOT_URLCONF":
        _reversed.cache_clear()


def slug_for(text: str, *, max_length: int = 80, fallback: str = "item") -> str:
    """A URL slug for any text, Chinese included (falls back when nothing ASCII is left)."""
    slug = slugify(text)[:max_length].strip("-")
    return slug or fallback


class DatePrecision(models.TextChoices):
    """How much of a date its source states: the whole day, or only the month ("in March
    2016": stored as March 1, shown and exported as March 2016, never as a day)."""

    DAY = "day", "the day"
    MONTH = "month", "the month"


@dataclass(frozen=True)
class StatedDate:
    """A date as its source states it: `iso` '2016-03-15' or '2016-03' (ISO 8601, what HTML's
    <time> takes), `text` '15 March 2016' or 'March 2016', `short` '15 Mar 2016' or 'Mar 2016';
    all '' without a date."""

    day: date | None
    precision: str

    def __bool__(self) -> bool:
        return self.day is not None

    @property
    def month_only(self) -> bool:
        return self.precision == DatePrecision.MONTH

    @property
    def iso(self) -> str:
        if self.day is None:
            return ""
        return self.day.isoformat()[:7] if self.month_only else self.day.isoformat()

    @property
    def text(self) -> str:
        return self._format("%B")

    @property
    def short(self) -> str:
        return self._format("%b")

    def _format(self, month: str) -> str:
        if self.day is None:
            return ""
        name = self.day.strftime(month)
        month_year = f"{name} {self.day.year}"
        return month_year if self.month_only else f"{self.day.day} {month_year}"


class StatedDateOf:
    """A model attribute giving the StatedDate of a date field and its precision field:
    `issued = StatedDateOf("issued_on", "issued_precision")` -> `policy.issued.text`."""

    def __init__(self, date_field: str, precision_field: str):
        self.date_field, self.precision_field = date_field, precision_field

    def __get__(self, record, owner=None):
        if record is None:
            return self
        return StatedDate(getattr(record, self.date_field), getattr(record, self.precision_field))


def choices_constraint(name: str, field: str, choices) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


class Corrections(models.Model):
    """Remembers which fields an editor set by hand, so no ingest overwrites them."""

    corrected_fields = models.JSONField(default=list, blank=True)
    # field -> ISO time of its last correction, for the public provenance notes
    correction_times = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True

    def is_corrected(self, field: str) -> bool:
        return field in (self.corrected_fields or [])

    def mark_corrected(self, *fields: str) -> None:
        current = set(self.corrected_fields or [])
        current.update(fields)
        self.corrected_fields = sorted(current)
        now = timezone.now().isoformat()
        self.correction_times = {**(self.correction_times or {}), **dict.fromkeys(fields, now)}

    def save_corrections(self, *fields: str, history: bool = True) -> None:
        """Record `fields` (columns or relations) as corrected by an editor now, and save: the
        one way a correction is stored. The corrected columns are saved with the correction
        record (`corrected_fields`, `correction_times`, and `updated_at` where there is one).
        `history=False` writes only the correction record, with no history row: for the
        admin, whose form has already saved the record itself."""
        self.mark_corrected(*fields)
        record = {"corrected_fields": self.corrected_fields,
                  "correction_times": self.correction_times}
        if not history:
            type(self)._base_manager.filter(pk=self.pk).update(**record)
            return
        columns = {field.name for field in self._meta.concrete_fields}
        self.save(update_fields={*(f for f in fields if f in columns), *record,
                                 *({"updated_at"} & columns)})

    def release_correction(self, *fields: str) -> None:
        """Let the ingest set these fields again."""
        self.corrected_fields = sorted(set(self.corrected_fields or []) - set(fields))
        self.correction_times = {k: v for k, v in (self.correction_times or {}).items()
                                 if k not in fields}

    def corrected_on(self, field: str):
        from django.utils.dateparse import parse_datetime

        value = (self.correction_times or {}).get(field)
        return parse_datetime(value) if value else None


class Review(models.Model):
    """A flag for the review queue, with the reasons a person is needed."""

    needs_review = models.BooleanField(default=False)
    review_reasons = models.JSONField(default=list, blank=True)

    class Meta:
        abstract = True


class Timestamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def primary_keys(records) -> list[int]:
    """Primary keys of model instances, of anything with a `pk` (the list filters' entries), or
    the keys themselves."""
    return [getattr(record, "pk", record) for record in records]
