"""Query-string values of the list pages: how each is parsed, and the caps that keep a request
small. Control characters are removed, repeated values capped at MAX_VALUES, search text cut
to MAX_QUERY_CHARS, page sizes kept to 1..MAX_PAGE_SIZE; what is rejected or adjusted gets a
message that quotes the user's value (messages are escaped where they are shown).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django import forms
from django.http import QueryDict

MAX_VALUES = 20  # per repeatable parameter
MAX_QUERY_CHARS = 500
MAX_VALUE_CHARS = 100  # one agency abbreviation, slug, date or sort key
CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]+")



class State(QueryDict):
    """A list's canonical query string (`ListFilterSet.state()`): a mutable QueryDict whose
    copy is shallow. QueryDict.copy() deep-copies every value (and re-reads the settings); the
    values here are strings, and a page makes hundreds of copies (one per facet link, chip and
    bar), so that was a tenth of a list page's time."""

    def __init__(self):
        super().__init__(mutable=True)

    def copy(self) -> State:
        clone = State.__new__(State)
        dict.__init__(clone, ((key, list(values)) for key, values in dict.items(self)))
        clone._mutable, clone._encoding = True, self._encoding
        return clone

    __copy__ = copy

    def __deepcopy__(self, memo):
        return self.copy()


def shown(value: str, limit: int = 40) -> str:
    """A user's value as quoted back in a message (messages are escaped where they are shown)."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


# --------------------------------------------------------------------------- values


@dataclass(frozen=True)
class PartialDate:
    """A date given as YYYY, YYYY-MM or YYYY-MM-DD: the period it names, first and last day."""

    text: str
    first: date
    last: date
    precision: str  # "year", "month" or "day"

    def humanise(self) -> str:
        if self.precision == "year":
            return str(self.first.year)
        if self.precision == "month":
            return f"{self.first:%B} {self.first.year}"
        return f"{self.first.day} {self.first:%B} {self.first.year}"


PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def parse_partial_date(text: str) -> PartialDate:
    """'2024' -> all of 2024; '2024-05' -> May 2024; '2024-05-03' -> that day. ValueError else."""
    match = PARTIAL_DATE.fullmatch(text.strip())
    if not match:
        raise ValueError("not a partial date")
    year, month, day = (int(part) if part else None for part in match.groups())
    if month is None:
        return PartialDate(text, date(year, 1, 1), date(year, 12, 31), "year")
    if day is None:
        first = date(year, month, 1)
        return PartialDate(
            text, first, date(year, month, calendar.monthrange(year, month)[1]), "month"
        )
    day_date = date(year, month, day)
    return PartialDate(text, day_date, day_date, "day")


# --------------------------------------------------------------------------- form fields


class ValuesField(forms.Field):
    """A repeatable parameter (?agency=MIIT&agency=NDRC): a list of distinct short strings."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, choices=None, noun="value", **kwargs):
        self.choices = dict(choices) if choices else None
        self.noun = noun
        super().__init__(**kwargs)

    def to_python(self, value):
        values = value if isinstance(value, list | tuple) else ([value] if value else [])
        return list(dict.fromkeys(v.strip() for v in values if v and v.strip()))

    def validate(self, value):
        super().validate(value)
        problems = []
        for item in value:
            if len(item) > MAX_VALUE_CHARS:
                problems.append(f"“{shown(item)}” is too long for a {self.noun}.")
            elif self.choices is not None and item not in self.choices:
                problems.append(
                    f"Unknown {self.noun} “{shown(item)}”: use one of {', '.join(self.choices)}."
                )
        if problems:
            raise forms.ValidationError(problems)


class PartialDateField(forms.Field):
    def to_python(self, value):
        text = (value or "").strip()
        if not text:
            return None
        if len(text) > MAX_VALUE_CHARS:
            raise forms.ValidationError("That is too long for a date.")
        try:
            return parse_partial_date(text)
        except ValueError:
            pass
        if PARTIAL_DATE.fullmatch(text):
            raise forms.ValidationError(f"“{shown(text)}” is not a real date.")
        raise forms.ValidationError(
            f"“{shown(text)}” is not a date: use YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2024-05)."
        )


# --------------------------------------------------------------------------- pages


PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


def parse_page_size(params) -> tuple[int, list[str]]:
    """(page size, messages) from `page_size`; the default with a message when it is bad."""
    raw = CONTROL_CHARS.sub("", params.get("page_size", "")).strip()
    if not raw:
        return PAGE_SIZE, []
    if re.fullmatch(r"[0-9]{1,6}", raw) and 1 <= int(raw) <= MAX_PAGE_SIZE:
        return int(raw), []
    return PAGE_SIZE, [f"“{shown(raw)}” is not a page size: use 1 to {MAX_PAGE_SIZE}."]


def parse_page_number(params) -> tuple[int, list[str]]:
    """(page number, messages) from `page`; page 1 with a message when it is bad."""
    raw = CONTROL_CHARS.sub("", params.get("page", "")).strip()
    if not raw:
        return 1, []
    if re.fullmatch(r"[0-9]+", raw) and int(raw[:12]) >= 1:
        return int(raw[:12]), []
    return 1, [f"“{shown(raw)}” is not a page number: pages are numbered from 1."]
