"""The query-string filters of the list pages, as django-filter FilterSets.

Every filter states its condition as a `Q` on the listed model, with a subquery (`pk__in`) for
multi-valued relations, so a FilterSet can apply all of its filters but one without joins that
duplicate rows: that is what facet counts ("under all the other filters") and the "without this
filter" suggestions need. Input is made safe before validation: control characters removed,
repeated values capped at MAX_VALUES, search text cut to MAX_QUERY_CHARS; each adjustment and
each rejected value is reported in `messages`, keyed by parameter.
"""

from __future__ import annotations

import calendar
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cached_property

import django_filters
from django import forms
from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Upper
from django.http import QueryDict

from . import search
from .models import (
    Agency,
    Brief,
    Company,
    DocumentType,
    NewsItem,
    NewsKind,
    Policy,
    PolicyAgency,
    PolicySector,
    Sector,
)

MAX_VALUES = 20  # per repeatable parameter
MAX_QUERY_CHARS = 500
MAX_VALUE_CHARS = 100  # one agency abbreviation, slug, date or sort key
CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]+")

SORTS = {"-date": "newest first", "date": "oldest first", "relevance": "relevance"}


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


@dataclass(frozen=True)
class Entry:
    """A registry record named in the query string: its id, canonical value and label."""

    id: int
    value: str
    label: str
    slug: str
    hint: str = ""


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


# --------------------------------------------------------------------------- filters


class ConditionFilter(django_filters.Filter):
    """A filter whose condition comes from its FilterSet's `condition_<name>(value) -> Q`."""

    multiple = False
    registry: str | None = None

    def filter(self, qs, value):
        if value in django_filters.constants.EMPTY_VALUES:
            return qs
        return qs.filter(self.parent.condition(self.field_name, value))


class ValuesFilter(ConditionFilter):
    """Repeatable, OR within: ?sector=energy&sector=automotive."""

    field_class = ValuesField
    multiple = True


class RegistryFilter(ValuesFilter):
    """Repeatable values naming registry records (agency abbreviation, sector or company slug),
    resolved for the whole FilterSet in one query; unknown values are reported and dropped."""

    def __init__(self, registry: str, **kwargs):
        self.registry = registry
        kwargs.setdefault("noun", registry)
        super().__init__(**kwargs)


class SearchFilter(ConditionFilter):
    field_class = forms.CharField


class DateFilter(ConditionFilter):
    field_class = PartialDateField


class SortFilter(ConditionFilter):
    """Not a condition: the order of the results, whitelisted."""

    field_class = forms.ChoiceField

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", list(SORTS.items()))
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": "Unknown sort “%(value)s”: use -date, date or relevance."},
        )
        super().__init__(**kwargs)

    def filter(self, qs, value):
        return qs


# --------------------------------------------------------------------------- the registry


REGISTRIES = {
    # name: (model, the field a query string names it by, label field, hint field)
    "agency": (Agency, "abbreviation", "abbreviation", "name"),
    "sector": (Sector, "slug", "name", "name"),
    "company": (Company, "slug", "name", "name"),
}


def lookup_registry(wanted: dict[str, set[str]]) -> dict[tuple[str, str], Entry]:
    """{(registry, VALUE.upper()): Entry} for the named records: one UNION query, or none."""
    parts = []
    for registry, values in wanted.items():
        if not values:
            continue
        model, key, label, hint = REGISTRIES[registry]
        parts.append(
            model.objects.order_by()
            .annotate(match_key=Upper(key))
            .filter(match_key__in=[value.upper() for value in values])
            .annotate(
                r_registry=Value(registry, output_field=CharField()),
                r_value=F(key),
                r_label=F(label),
                r_slug=F("slug"),
                r_hint=F(hint),
            )
            .values_list("id", "r_registry", "r_value", "r_label", "r_slug", "r_hint")
        )
    if not parts:
        return {}
    query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return {
        (registry, value.upper()): Entry(pk, value, label, slug, hint)
        for pk, registry, value, label, slug, hint in query
    }


# --------------------------------------------------------------------------- FilterSets


class FacetedFilterSet(django_filters.FilterSet):
    """A FilterSet whose filters can be applied all but some (see the module docstring).

    `values`: {name: cleaned value} for the valid, non-empty parameters (registry filters give
    lists of Entry). `messages`: {name: [message]} for everything rejected or adjusted.
    `matches`: the search's rows for `q`. Validation costs at most two queries: the registry
    lookup and the search's own.
    """

    search_function = ""  # the name of its function in policies.search
    date_field = ""

    def __init__(self, data=None, queryset=None, *, disabled=(), **kwargs):
        self.notices: dict[str, list[str]] = defaultdict(list)
        super().__init__(self._normalise(data, disabled), queryset, **kwargs)
        for name in disabled:
            self.filters.pop(name, None)

    def _normalise(self, data, disabled) -> QueryDict:
        if data is None:
            data = QueryDict()
        elif not hasattr(data, "getlist"):  # a plain mapping: {"agency": ["MIIT", "NDRC"]}
            plain, data = data, QueryDict(mutable=True)
            for name, value in plain.items():
                data.setlist(name, list(value) if isinstance(value, list | tuple) else [value])
        clean = QueryDict(mutable=True)
        for name, filter_ in self.base_filters.items():
            if name in disabled or name not in data:
                continue
            values = [CONTROL_CHARS.sub(" ", v).strip() for v in data.getlist(name)]
            values = [v for v in values if v]
            if not values:
                continue
            if filter_.multiple:
                if len(values) > MAX_VALUES:
                    self.notices[name].append(
                        f"Only the first {MAX_VALUES} of the {len(values)} values given for "
                        f"“{name}” were used."
                    )
                clean.setlist(name, list(dict.fromkeys(values[:MAX_VALUES])))
                continue
            if len(set(values)) > 1:
                self.notices[name].append(f"“{name}” takes one value; the first one was used.")
            value = values[0]
            if isinstance(filter_, SearchFilter) and len(value) > MAX_QUERY_CHARS:
                self.notices[name].append(
                    f"The search text was {len(value):,} characters long; only the first "
                    f"{MAX_QUERY_CHARS} were used."
                )
                value = value[:MAX_QUERY_CHARS].strip()
            clean[name] = value
        return clean

    # -- validation

    @cached_property
    def _validated(self):
        form = self.form
        form.is_valid()
        values = {k: v for k, v in form.cleaned_data.items() if v not in ([], None, "")}
        messages = defaultdict(list, {k: list(v) for k, v in self.notices.items()})
        for name, errors in form.errors.items():
            messages[name].extend(errors)

        registry_filters = {
            name: f for name, f in self.filters.items() if f.registry and name in values
        }
        wanted = defaultdict(set)
        for name, filter_ in registry_filters.items():
            wanted[filter_.registry].update(values[name])
        found = lookup_registry(wanted)
        for name, filter_ in registry_filters.items():
            entries = []
            for value in values.pop(name):
                entry = found.get((filter_.registry, value.upper()))
                if entry is None:
                    messages[name].append(f"Unknown {filter_.registry} “{shown(value)}”.")
                elif entry not in entries:
                    entries.append(entry)
            if entries:
                values[name] = entries

        self._matches = None
        if "q" in values:
            try:
                # One search per request: its rows serve the list, its ids the other counts.
                search_function = getattr(search, self.search_function)
                self._matches = search_function(self.queryset, values["q"])
            except ValueError as error:  # search.QueryError: nothing searchable in q
                messages["q"].append(str(error))
                values.pop("q")

        start, end = values.get("date_from"), values.get("date_to")
        if start and end and start.first > end.last:
            messages["date_to"].append(
                f"The end date {end.text} is before the start date {start.text}."
            )
            values.pop("date_to")
        ordered = {name: values[name] for name in self.filters if name in values}
        return ordered, {name: found for name, found in messages.items() if found}

    @property
    def values(self) -> dict:
        return self._validated[0]

    @property
    def messages(self) -> dict[str, list[str]]:
        return self._validated[1]

    # -- conditions

    def condition(self, name: str, value) -> Q:
        return getattr(self, f"condition_{name}")(value)

    def conditions(self, *, without=()) -> list[Q]:
        """The Q of every active filter except those named in `without`."""
        return [
            self.condition(name, value)
            for name, value in self.values.items()
            if name not in without and name != "sort"
        ]

    def filter_queryset(self, queryset):
        return queryset.filter(*self.conditions())

    @property
    def matches(self):
        """The queryset's rows matching `q`, annotated with `rank`; None without a valid `q`."""
        self._validated  # noqa: B018 (runs the search once)
        return self._matches

    def condition_q(self, q: str) -> Q:
        return Q(pk__in=self.matches.values("pk"))

    def condition_date_from(self, value: PartialDate) -> Q:
        return Q(**{f"{self.date_field}__gte": value.first})

    def condition_date_to(self, value: PartialDate) -> Q:
        return Q(**{f"{self.date_field}__lte": value.last})

    # -- reading back

    @property
    def sort(self) -> str:
        """The order in force: relevance by default when searching, else newest first."""
        sort = self.values.get("sort") or ("relevance" if self.values.get("q") else "-date")
        return "-date" if sort == "relevance" and not self.values.get("q") else sort

    @property
    def year(self) -> int | None:
        """The year selected by the year facet (date_from=Y&date_to=Y), if that is the range."""
        start, end = self.values.get("date_from"), self.values.get("date_to")
        if start and end and start.first == date(start.first.year, 1, 1) \
                and end.last == date(start.first.year, 12, 31):
            return start.first.year
        return None

    def state(self) -> QueryDict:
        """The valid parameters, canonical: what links on the page carry forward."""
        state = QueryDict(mutable=True)
        for name, value in self.values.items():
            if isinstance(value, list):
                state.setlist(name, [v.value if isinstance(v, Entry) else v for v in value])
            elif isinstance(value, PartialDate):
                state[name] = value.text
            else:
                state[name] = value
        return state


def _ids(entries) -> list[int]:
    return [entry.id for entry in entries]


class PolicyFilterSet(FacetedFilterSet):
    q = SearchFilter(label="Search")
    agency = RegistryFilter("agency", label="Agency")
    sector = RegistryFilter("sector", label="Sector")
    lead = RegistryFilter("agency", label="Lead agency")
    company = RegistryFilter("company", label="Company")
    type = ValuesFilter(label="Document type", choices=DocumentType.choices, noun="document type")
    date_from = DateFilter(label="From")
    date_to = DateFilter(label="To")
    sort = SortFilter(label="Sort")

    search_function = "search_policies"
    date_field = "issued_on"

    class Meta:
        model = Policy
        fields = []

    def condition_agency(self, entries) -> Q:
        return Q(pk__in=PolicyAgency.objects.filter(agency_id__in=_ids(entries))
                 .values("policy_id"))

    def condition_lead(self, entries) -> Q:
        return Q(pk__in=PolicyAgency.objects.filter(agency_id__in=_ids(entries), position=0)
                 .values("policy_id"))

    def condition_sector(self, entries) -> Q:
        return Q(pk__in=PolicySector.objects.filter(sector_id__in=_ids(entries))
                 .values("policy_id"))

    def condition_company(self, entries) -> Q:
        return Q(pk__in=Policy.companies.through.objects.filter(company_id__in=_ids(entries))
                 .values("policy_id"))

    def condition_type(self, types) -> Q:
        return Q(document_type__in=types)


class NewsFilterSet(FacetedFilterSet):
    q = SearchFilter(label="Search")
    kind = ValuesFilter(label="Kind", choices=NewsKind.choices, noun="kind of news")
    agency = RegistryFilter("agency", label="Agency")
    company = RegistryFilter("company", label="Company")
    date_from = DateFilter(label="From")
    date_to = DateFilter(label="To")
    sort = SortFilter(label="Sort")

    search_function = "search_news"
    date_field = "date"

    class Meta:
        model = NewsItem
        fields = []

    def condition_kind(self, kinds) -> Q:
        return Q(kind__in=kinds)

    def condition_agency(self, entries) -> Q:
        return Q(pk__in=NewsItem.agencies.through.objects.filter(agency_id__in=_ids(entries))
                 .values("newsitem_id"))

    def condition_company(self, entries) -> Q:
        return Q(pk__in=NewsItem.companies.through.objects.filter(company_id__in=_ids(entries))
                 .values("newsitem_id"))


class BriefFilterSet(FacetedFilterSet):
    q = SearchFilter(label="Search")
    date_from = DateFilter(label="From")
    date_to = DateFilter(label="To")
    sort = SortFilter(label="Sort")

    search_function = "search_briefs"
    date_field = "published_on"

    class Meta:
        model = Brief
        fields = []
