"""The histogram of a list's view: its records per year under every filter but the dates (the
year facet's counts, so no query of its own), with the undated last, each bar a link that
narrows the list to that year; once a date range lies within one year, that year's months (one
query), each a link to that month."""

from __future__ import annotations

from datetime import date

from django.db.models import Count
from django.db.models.functions import ExtractMonth
from django.http import QueryDict

from ..timeline import Bucket, Timeline, chart, year_buckets
from .facets import Facet
from .facets import _pair as encoded
from .filters import UNDATED


def _link(state: QueryDict, **changes) -> str:
    """The list's own page with these parameters changed (a relative URL: "?date_from=...")."""
    query = state.copy()
    for name in ("page", "date_from", "date_to", "undated"):
        query.pop(name, None)
    for name, value in changes.items():
        query[name] = value
    return f"?{query.urlencode()}"


def _links(state: QueryDict):
    """changes -> `_link(state, **changes)` for changes of the dates (what the bars set), joined
    from the state's pairs encoded once per chart: a chart has a dozen bars or more, and a
    QueryDict copied and encoded per bar was most of its time."""
    kept = [encoded(name, value) for name, values in state.lists() if name not in DATES
            for value in values]

    def link(**changes) -> str:
        if not changes.keys() <= DATES:
            return _link(state, **changes)
        return "?" + "&".join([*kept, *(encoded(name, value) for name, value in changes.items())])

    return link


DATES = {"page", "date_from", "date_to", "undated"}  # what a bar's link drops or sets


def _years(year_facet: Facet, state: QueryDict, noun) -> Timeline:
    counts = {int(v.value): v.count for v in year_facet.values if v.value != UNDATED}
    selected = {int(v.value) for v in year_facet.selected if v.value != UNDATED}
    link = _links(state)
    buckets = [
        Bucket(b.label, b.count, url=b.url, selected=int(b.label) in selected)
        for b in year_buckets(counts, lambda y: link(date_from=str(y), date_to=str(y)))
    ]
    undated = next((v for v in year_facet.values if v.value == UNDATED), None)
    if undated is not None:
        buckets.append(Bucket("Undated", undated.count, url=link(undated="1"),
                              selected=undated.selected))
    return chart(buckets, title=f"{noun[1].capitalize()} per year", noun=noun,
                 empty=f"No dated {noun[1]} in this view.")


def _months(filterset, year: int, state: QueryDict, noun, index=None) -> Timeline:
    if index is not None:
        counts = index.months(filterset.filter_positions(index), year)
    else:
        field = filterset.filters["date_from"].field_name
        rows = filterset.filter_queryset(filterset.queryset).order_by()
        counts = dict(rows.annotate(month=ExtractMonth(field)).values("month")
                      .annotate(n=Count("*")).values_list("month", "n"))
    start, end = filterset.values.get("date_from"), filterset.values.get("date_to")
    chosen = start.first.month if start and end and start.text == end.text \
        and start.precision == "month" else None
    buckets = []
    link = _links(state)
    for month in range(1, 13):
        first = date(year, month, 1)
        key = f"{year}-{month:02d}"
        buckets.append(Bucket(f"{first:%b}", counts.get(month, 0), name=f"{first:%B} {year}",
                              url=link(date_from=key, date_to=key),
                              selected=month == chosen))
    return chart(buckets, title=f"{noun[1].capitalize()} per month in {year}", noun=noun,
                 empty=f"No {noun[1]} in {year}.")


def histogram(filterset, facets: list[Facet], state: QueryDict, *, noun,
              index=None) -> Timeline | None:
    """The chart for this view, or None for a list without a year facet (the months of one
    year: one query, none with the facet index)."""
    year_facet = next((facet for facet in facets if facet.name == "year"), None)
    if year_facet is None:
        return None
    start, end = filterset.values.get("date_from"), filterset.values.get("date_to")
    if start and end and start.first.year == end.last.year:
        return _months(filterset, start.first.year, state, noun, index)
    return _years(year_facet, state, noun)
