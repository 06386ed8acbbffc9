"""The kinds of filter a list page has. Each filter is declared once, on its FilterSet
(`filtersets.py`), and holds everything about its parameter: the label, how the value is parsed
(its form field), the condition it puts on the rows (`filter`, a named QuerySet method where
there is one), its facet, its phrase in the sentence ("issued by MIIT") and its chips.

Conditions on multi-valued relations are `pk__in` subqueries (the QuerySet methods), so a
FilterSet can apply all of its filters but some without joins that duplicate rows: that is
what the facet counts ("under all the other filters") and the "without this filter" suggestions
need.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date

import django_filters
from django import forms
from django.db.models import CharField, F, Value
from django.db.models.functions import Lower
from django.http import QueryDict
from django.utils.text import get_text_list

from .index import Unsupported
from .params import MAX_QUERY_CHARS, MAX_VALUE_CHARS, MAX_VALUES, PartialDateField, ValuesField

SORTS = {"-date": "newest first", "date": "oldest first", "title": "by title",
         "relevance": "relevance"}


def either(labels) -> str:
    return get_text_list([str(label) for label in labels], "or")


@dataclass
class Chip:
    """One active filter value, with the query string that removes it."""

    label: str
    query: QueryDict


def without(state: QueryDict, *names: str, **changes) -> QueryDict:
    """The list's state less these parameters (and the page), with `changes` set."""
    query = state.copy()
    for name in (*names, "page"):
        query.pop(name, None)
    for name, value in changes.items():
        query.setlist(name, value)
    return query


@dataclass(frozen=True)
class Entry:
    """A registry record named in the query string: its key, canonical value and label."""

    pk: int
    value: str
    label: str
    slug: str
    hint: str = ""


class ListFilter(django_filters.Filter):
    """A filter of a list page: django-filter's Filter, plus how it reads back.

    `phrase`: the sentence's words, "{}" standing for the values ("issued by {}"), and `slot`
    where they go in it (`sentence.SLOTS`: what, who, where, about, matching, when). `chip`: the
    label of its chips (default: `label`). `facet`: a spec from `facets.py`, counted on the
    rows under every other filter. `condition`: the name of the QuerySet method that applies
    it (else `field_name` and `lookup_expr`). `clears`: parameters dropped when it is removed.
    """

    multiple = False  # a repeatable parameter (?agency=A&agency=B, OR within)
    param = ""  # its name in the query string: set by the FilterSet

    def __init__(self, *, phrase: str = "", slot: str = "", chip: str = "", facet=None,
                 condition: str = "", clears: tuple = (), **kwargs):
        super().__init__(**kwargs)
        self.phrase, self.slot, self.chip, self.facet = phrase, slot, chip or self.label, facet
        self.condition, self.clears = condition, clears

    def __deepcopy__(self, memo):
        """A shallow copy. django-filter deep-copies every filter of a FilterSet on every
        request, and that was about a sixteenth of a list page's time. A copy needs only its own
        attributes for what the FilterSet sets on it (`parent`, `model`, `param`) and for the
        form field it makes itself. Nothing of a filter's declaration is changed after it is
        declared: the phrases, choices, facet spec and extra arguments are shared, as a class's
        attributes are."""
        copied = copy.copy(self)
        memo[id(self)] = copied
        return copied

    # -- the parameter as the API's description states it (JSON Schema and a sentence)

    def value_schema(self) -> dict:
        choices = [str(key) for key, _ in getattr(self, "extra", {}).get("choices", [])]
        if choices:
            return {"type": "string", "enum": choices}
        return {"type": "string", "maxLength": MAX_VALUE_CHARS}

    def help(self) -> str:
        choices = getattr(self, "extra", {}).get("choices", [])
        named = "; ".join(f"{key}: {label}" for key, label in choices)
        return f"{self.label}" + (f" ({named})." if named else ".")

    def filter(self, qs, value):
        if value in django_filters.constants.EMPTY_VALUES:
            return qs
        if self.condition:
            return getattr(qs, self.condition)(value)
        return qs.filter(**{f"{self.field_name}__{self.lookup_expr}": value})

    def positions(self, index, value):
        """The facet index's twin of `filter` (index.py): the positions of the rows it keeps,
        a BitMap, or None for all of them; `Unsupported` where the index has no such
        condition (the list then takes the SQL path)."""
        if value in django_filters.constants.EMPTY_VALUES:
            return None
        if self.condition:
            return index.condition(self.condition, value)
        raise Unsupported(self.param)

    # -- reading back: what each value is called, and what the query string says

    def labels(self, value) -> list[str]:
        return [str(value)]

    def keys(self, value) -> list[str]:
        """The value as the query string carries it, canonical."""
        return [str(value)]

    def describe(self, value, values: dict) -> str:
        return self.phrase.format(either(self.labels(value))) if self.phrase else ""

    def shown(self, value) -> str:
        """The value in a suggestion: "without agency MIIT, NDRC"."""
        return ", ".join(self.labels(value))

    def chips(self, value, values: dict, state: QueryDict) -> list[Chip]:
        return [Chip(f"{self.chip}: {', '.join(self.labels(value))}",
                     without(state, self.param, *self.clears))]

    def selection(self, value) -> dict[str, tuple[str, str]]:
        """{key: (label, hint)} of the selected values, for the facet."""
        return dict(zip(self.keys(value), ((label, "") for label in self.labels(value)),
                        strict=True))


class ValuesFilter(ListFilter):
    """Repeatable, OR within, one of a choices field's values: ?type=notice&type=plan."""

    field_class = ValuesField
    multiple = True

    def __init__(self, *, choices, noun: str, **kwargs):
        self.choice_labels = dict(choices)
        super().__init__(choices=choices, noun=noun, **kwargs)

    def value_schema(self) -> dict:
        item = ({"type": "string", "enum": list(self.choice_labels)} if self.choice_labels
                else {"type": "string", "maxLength": MAX_VALUE_CHARS})
        return {"type": "array", "items": item, "maxItems": MAX_VALUES}

    def help(self) -> str:
        named = "; ".join(f"{key}: {label}" for key, label in self.choice_labels.items())
        return (f"{self.label}, repeatable: a row matches any of the values given"
                + (f" ({named})." if named else "."))

    def labels(self, value) -> list[str]:
        return [self.choice_labels.get(v, v) for v in value]

    def keys(self, value) -> list[str]:
        return list(value)

    def chips(self, value, values, state) -> list[Chip]:
        name = self.param
        return [Chip(f"{self.chip}: {label}",
                     without(state, **{name: [k for k in state.getlist(name) if k != key]}))
                for key, label in zip(self.keys(value), self.labels(value), strict=True)]


class RegistryFilter(ValuesFilter):
    """Repeatable values naming registry records (an agency by abbreviation, name or alias; a
    sector or company by slug or name), resolved for the whole FilterSet in one query
    (`resolve_entries`); unknown values are reported and dropped. The value is a list of
    `Entry`; the condition gets them (they have a `pk`). `joint_phrase`: how the sentence says
    it when a `MatchFilter` requires all of its values ("issued jointly by {}")."""

    def __init__(self, model, *, key: str, shown_as: str, hint: str = "name",
                 joint_phrase: str = "", **kwargs):
        # not `model`: django-filter sets that to the listed model
        self.registry, self.key, self.shown_as, self.hint = model, key, shown_as, hint
        self.noun = str(model._meta.verbose_name)
        self.joint_phrase = joint_phrase
        ListFilter.__init__(self, noun=self.noun, **kwargs)
        self.choice_labels = {}

    def help(self) -> str:
        names = ("abbreviation, name, Chinese name or alias"
                 if hasattr(self.registry, "abbreviation") else "slug or name")
        return (f"{self.label}: the {self.noun}'s {names}, case-insensitive; repeatable, a row "
                "matches any of them. An unknown name is refused with the closest known one.")

    def filter(self, qs, value):
        return super().filter(qs, self.parent.widened(self.param, value))

    def positions(self, index, value):
        return super().positions(index, self.parent.widened(self.param, value))

    def entry(self, record) -> Entry:
        """A registry record as this filter's value (a page's fixed record)."""
        return Entry(record.pk, getattr(record, self.key), getattr(record, self.shown_as),
                     record.slug, getattr(record, self.hint))

    def describe(self, value, values) -> str:
        joint = [f for f in self.parent.filters.values()
                 if isinstance(f, MatchFilter) and f.joins(self, values)]
        if joint and self.joint_phrase:
            return self.joint_phrase.format(get_text_list(self.labels(value), "and"))
        return super().describe(value, values)

    def labels(self, value) -> list[str]:
        return [entry.label for entry in value]

    def keys(self, value) -> list[str]:
        return [entry.value for entry in value]

    def selection(self, value) -> dict[str, tuple[str, str]]:
        return {entry.value: (entry.label, entry.hint) for entry in value}

    def lookup(self, given: str):
        """This value's records as (pk, filter, given, value, label, slug, hint) rows."""
        return (
            self.registry.objects.named(given).order_by()
            .annotate(r_filter=Value(self.param, output_field=CharField()),
                      r_given=Value(given, output_field=CharField()),
                      r_value=F(self.key), r_label=F(self.shown_as), r_slug=F("slug"),
                      r_hint=F(self.hint))
            .values_list("pk", "r_filter", "r_given", "r_value", "r_label", "r_slug", "r_hint")
        )


def resolve_entries(wanted: dict[RegistryFilter, list[str]]) -> dict[tuple[str, str], Entry]:
    """{(filter name, given value case-folded): Entry} for every value of these filters: one
    UNION query (or none)."""
    parts = [filter_.lookup(given) for filter_, values in wanted.items() for given in values]
    if not parts:
        return {}
    query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    found = {}
    for pk, name, given, value, label, slug, hint in query:
        found.setdefault((name, given.casefold()), Entry(pk, value, label, slug, hint))
    return found


class MatchFilter(ListFilter):
    """How the values of another filter (`modifies`) combine: "any" of them (the default, OR)
    or "all" of them (?agency=MIIT&agency=NDRC&agency_match=all: issued jointly). With "all" it
    narrows the rows to those matching each value; the modified filter's facet then counts
    what adding one more value would leave."""

    field_class = forms.ChoiceField

    def __init__(self, *, modifies: str, **kwargs):
        self.modifies = modifies
        kwargs.setdefault("choices", [("any", "any of them"), ("all", "all of them")])
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": "“%(value)s” is not a way to combine values: use any or all."},
        )
        super().__init__(**kwargs)

    def help(self) -> str:
        return (f"How the values of `{self.modifies}` combine: any (a row matches one of "
                f"them, the default) or all (it matches each: issued jointly).")

    def joins(self, filter_, values: dict) -> bool:
        """Whether it requires all of `filter_`'s values (and there are several)."""
        return (filter_.param == self.modifies and values.get(self.param) == "all"
                and len(values.get(self.modifies) or ()) > 1)

    def filter(self, qs, value):
        modified = self.parent.filters[self.modifies]
        values = self.parent.values
        if not self.joins(modified, values):
            return qs
        for entry in values[self.modifies]:
            qs = modified.filter(qs, [entry])
        return qs

    def positions(self, index, value):
        modified = self.parent.filters[self.modifies]
        values = self.parent.values
        if not self.joins(modified, values):
            return None
        found = None
        for entry in values[self.modifies]:
            each = modified.positions(index, [entry])
            found = each if found is None else found & each
        return found

    def describe(self, value, values) -> str:
        return ""  # said by the filter it modifies

    def shown(self, value) -> str:
        return "all of them"

    def chips(self, value, values, state) -> list[Chip]:
        if not self.joins(self.parent.filters[self.modifies], values):
            return []
        return [Chip(f"{self.chip}: all of them", without(state, self.param))]


class SubordinateFilter(ListFilter):
    """include_subordinate=1: the agency filter (or an agency's page) also takes the bodies
    under the agencies given, at any depth (NDRC: the NEA too); one query for the registry's
    tree, only when it is asked for."""

    field_class = forms.ChoiceField
    applies_to_fixed = True

    def __init__(self, *, modifies: str, **kwargs):
        self.modifies = modifies
        kwargs.setdefault("choices", [("1", "yes")])
        kwargs.setdefault("error_messages", {
            "invalid_choice": "Use include_subordinate=1 to add the bodies under an agency."})
        kwargs.setdefault("phrase", "or a body under them")
        kwargs.setdefault("slot", "who")
        super().__init__(**kwargs)

    def help(self) -> str:
        return (f"1: `{self.modifies}` (or the page's own {self.modifies}) also takes the "
                "bodies under it, at any depth (NDRC: the NEA too).")

    def filter(self, qs, value):
        return qs  # it widens the filter it modifies, which applies it (`widen`)

    def positions(self, index, value):
        return None

    def widen(self, entries: list[Entry]) -> list[Entry]:
        model = self.parent.filters[self.modifies].registry
        rows = list(model.objects.order_by().values_list("pk", "parent_id", "abbreviation",
                                                         "abbreviation", "slug", "name"))
        children: dict[int, list] = {}
        for pk, parent, *rest in rows:
            children.setdefault(parent, []).append((pk, *rest))
        found, queue = {entry.pk: entry for entry in entries}, [entry.pk for entry in entries]
        while queue:
            for pk, value, label, slug, hint in children.get(queue.pop(), []):
                if pk not in found:
                    found[pk] = Entry(pk, value, label, slug, hint)
                    queue.append(pk)
        return list(found.values())

    def describe(self, value, values) -> str:
        given = values.get(self.modifies) or self.parent.fixed.get(self.modifies) or []
        return ("or a body under it" if len(given) == 1 else self.phrase) if given else ""

    def labels(self, value) -> list[str]:
        return ["yes"]

    def chips(self, value, values, state) -> list[Chip]:
        return [Chip(self.chip, without(state, self.param))]


class SearchFilter(ListFilter):
    """The search box. Its value is the query text; the FilterSet prepares the search once
    (`ListFilterSet.search`) and every queryset it filters reuses it."""

    field_class = forms.CharField

    def __init__(self, **kwargs):
        kwargs.setdefault("phrase", "matching “{}”")
        kwargs.setdefault("slot", "matching")
        kwargs.setdefault("clears", ("sort",))
        super().__init__(**kwargs)

    def value_schema(self) -> dict:
        return {"type": "string", "maxLength": MAX_QUERY_CHARS}

    def help(self) -> str:
        return ("Search, English or Chinese: words all match (stemmed), \"quoted phrases\", "
                "-word excludes, OR between alternatives; agency names and aliases match as "
                "the agency, glossary terms in the other language too.")

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.search(self.parent.search)

    def positions(self, index, value):
        search = self.parent.search
        if not value or search is None or search.positive is None:
            return None
        return index.search(search).bitmap

    def shown(self, value) -> str:
        return f"“{value}”"

    def chips(self, value, values, state) -> list[Chip]:
        return [Chip(f"{self.chip}: “{value}”", without(state, self.param, *self.clears))]


class DateFilter(ListFilter):
    """One end of a date range: YYYY, YYYY-MM or YYYY-MM-DD, the whole period included.
    `end="from"` or `"to"`; the pair reads as one phrase ("from May 2024 to June 2024", "in
    2024") and, when it spans one whole year, as one "Year" chip."""

    field_class = PartialDateField

    def __init__(self, *, end: str, **kwargs):
        self.end = end
        super().__init__(lookup_expr="gte" if end == "from" else "lte", slot="when", **kwargs)

    def value_schema(self) -> dict:
        return {"type": "string", "pattern": r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$",
                "examples": ["2024", "2024-05", "2024-05-03"]}

    def help(self) -> str:
        side = "on or after" if self.end == "from" else "on or before"
        return (f"Dated {side} this YYYY, YYYY-MM or YYYY-MM-DD, the whole period included "
                "(date_from=2024&date_to=2024: the year 2024). Undated rows are left out.")

    def filter(self, qs, value):
        if value is None:
            return qs
        day = value.first if self.end == "from" else value.last
        return qs.filter(**{f"{self.field_name}__{self.lookup_expr}": day})

    def positions(self, index, value):
        if value is None:
            return None
        if self.end == "from":
            return index.date_range(first=value.first)
        return index.date_range(last=value.last)

    def labels(self, value) -> list[str]:
        return [value.humanise()]

    def keys(self, value) -> list[str]:
        return [value.text]

    def describe(self, value, values) -> str:
        start, end = values.get("date_from"), values.get("date_to")
        if self.end == "to" and start:
            return ""  # said with the start
        return dates_phrase(start, end)

    def chips(self, value, values, state) -> list[Chip]:
        year = whole_year(values)
        if year is None:
            return super().chips(value, values, state)
        if self.end == "to":
            return []
        return [Chip(f"Year: {year}", without(state, "date_from", "date_to"))]


def whole_year(values: dict) -> int | None:
    """The year that date_from and date_to span, if they span exactly one whole year."""
    start, end = values.get("date_from"), values.get("date_to")
    if start and end and start.first == date(start.first.year, 1, 1) \
            and end.last == date(start.first.year, 12, 31):
        return start.first.year
    return None


def dates_phrase(start, end) -> str:
    if start and end:
        if start.text == end.text:
            preposition = "on" if start.precision == "day" else "in"
            return f"{preposition} {start.humanise()}"
        return f"from {start.humanise()} to {end.humanise()}"
    if start:
        return f"since {start.humanise()}"
    if end:
        return f"up to {end.humanise()}"
    return ""


class UndatedFilter(ListFilter):
    """Only the rows without a date (`field_name` is null): ?undated=1, the year facet's
    "Undated" bucket. A date range and this exclude each other (the FilterSet says so)."""

    field_class = forms.ChoiceField

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", [("1", "undated only")])
        kwargs.setdefault("error_messages",
                          {"invalid_choice": "Use undated=1 for the records without a date."})
        kwargs.setdefault("phrase", "without a date")
        kwargs.setdefault("slot", "when")
        super().__init__(**kwargs)

    def help(self) -> str:
        return "1: only the rows without a date (not with date_from or date_to)."

    def filter(self, qs, value):
        if value != "1":
            return qs
        return qs.filter(**{f"{self.field_name}__isnull": True})

    def positions(self, index, value):
        return index.undated() if value == "1" else None

    def describe(self, value, values) -> str:
        return self.phrase

    def labels(self, value) -> list[str]:
        return ["undated"]

    def selection(self, value) -> dict[str, tuple[str, str]]:
        return {UNDATED: ("Undated", "")}


UNDATED = "undated"  # the year facet's value for the rows without a date


class SortFilter(ListFilter):
    """The order of the rows, whitelisted: newest or oldest first by `field_name` (undated
    last), by `title_field` (A to Z, case-insensitive) where the list has titles, or by
    relevance when searching. Not a condition: no phrase, chip or facet."""

    field_class = forms.ChoiceField

    def __init__(self, *, title_field: str = "", **kwargs):
        self.title_field = title_field
        sorts = [key for key in SORTS if key != "title" or title_field]
        kwargs.setdefault("choices", [(key, SORTS[key]) for key in sorts])
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": f"Unknown sort “%(value)s”: use {', '.join(sorts[:-1])} or "
                               f"{sorts[-1]}."},
        )
        super().__init__(**kwargs)

    def filter(self, qs, value):
        day = F(self.field_name)
        if value == "relevance" and "rank" in qs.query.annotations:
            return qs.order_by("-rank", day.desc(nulls_last=True), "-id")
        if value == "date":
            return qs.order_by(day.asc(nulls_last=True), "id")
        if value == "title" and self.title_field:
            return qs.order_by(Lower(self.title_field), "id")
        return qs.order_by(day.desc(nulls_last=True), "-id")

    def positions(self, index, value):
        return None  # an order, not a condition: `index.page` applies it

    def describe(self, value, values) -> str:
        return ""

    def chips(self, value, values, state) -> list[Chip]:
        return []
