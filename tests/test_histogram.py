"""Every list with dates draws its view over time: bars per year (the undated last) whose counts
equal direct queries and whose links reproduce them; once a range lies within one year, its
months. Drawn on the server, readable without JavaScript, each bar a labelled link."""

from __future__ import annotations

import html
import re

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from policies.listing.histogram import _link, _links
from policies.listing.pages import search_news_page, search_policies_page
from policies.models import NewsItem, Policy

from .factories import make_sample_archive

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    return make_sample_archive()


def bars(results) -> dict[str, object]:
    return {bar.name: bar for bar in results.histogram.bars}


def test_year_bars_count_the_view_and_their_links_reproduce_the_counts(client, archive):
    results = search_policies_page(QueryDict("agency=MIIT"))
    miit = Policy.objects.filter(policy_agencies__agency__abbreviation="MIIT")
    shown = bars(results)
    years = sorted(set(miit.exclude(year=None).values_list("year", flat=True)))
    assert [name for name in shown if name != "Undated"] == [
        str(y) for y in range(years[0], years[-1] + 1)]
    for name, bar in shown.items():
        expected = (miit.filter(issued_on__isnull=True) if name == "Undated"
                    else miit.filter(year=int(name)))
        assert bar.count == expected.count(), name
        narrowed = client.get(f"/policies/{bar.url}")
        assert narrowed.status_code == 200, bar.url
        assert narrowed.context["results"].count == bar.count, bar.url


def test_a_chosen_year_shows_its_months_with_links_to_each(client, archive):
    results = search_policies_page(QueryDict("date_from=2024&date_to=2024"))
    shown = bars(results)
    assert list(shown) == [f"{m} 2024" for m in (
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December")]
    for month, bar in enumerate(shown.values(), start=1):
        assert bar.count == Policy.objects.filter(issued_on__year=2024,
                                                  issued_on__month=month).count()
        assert f"date_from=2024-{month:02d}" in bar.url
    may = client.get(f"/policies/{shown['May 2024'].url}")
    assert may.context["results"].count == shown["May 2024"].count
    assert bars(may.context["results"])["May 2024"].selected  # the month stays in view


def test_the_news_list_has_its_histogram_too(archive):
    results = search_news_page(QueryDict())
    total = sum(bar.count for bar in results.histogram.bars)
    assert total == NewsItem.objects.count()


def test_the_page_draws_the_bars_as_links_and_lists_them_as_text(client, archive):
    body = client.get("/policies/?sector=energy").content.decode()
    svg = body[body.index('<figure class="timeline">'):body.index("</figure>")]
    assert "<title>Policies per year</title>" in svg
    assert re.search(r'<a href="\?sector=energy&amp;date_from=2024&amp;date_to=2024"', svg)
    energy_2024 = Policy.objects.filter(policy_sectors__sector__slug="energy", year=2024).count()
    assert f'aria-label="2024: {energy_2024} policies"' in html.unescape(svg)
    assert 'role="group"' in svg  # a chart of links; the home page's, without links, is an image
    home = client.get("/").content.decode()
    assert 'role="img"' in home[home.index("<svg"):home.index("</svg>")]


def test_a_histogram_costs_no_query_and_a_month_view_one(archive, settings):
    settings.FACET_INDEX = False  # the SQL path; the index's months cost none (below)
    with CaptureQueriesContext(connection) as years:
        search_policies_page(QueryDict("agency=MIIT"))
    with CaptureQueriesContext(connection) as months:
        search_policies_page(QueryDict("agency=MIIT&date_from=2024&date_to=2024"))
    assert len(months) == len(years) + 1


def test_with_the_facet_index_a_month_view_costs_no_query_and_counts_the_same(archive,
                                                                              settings):
    query = "agency=MIIT&date_from=2024&date_to=2024"
    settings.FACET_INDEX = False
    by_sql = bars(search_policies_page(QueryDict(query)))
    settings.FACET_INDEX = True
    search_policies_page(QueryDict(query))  # builds the index of this data version
    with CaptureQueriesContext(connection) as years:
        search_policies_page(QueryDict("agency=MIIT"))
    with CaptureQueriesContext(connection) as months:
        by_index = bars(search_policies_page(QueryDict(query)))
    assert len(months) == len(years)
    assert {label: bar.count for label, bar in by_index.items()} == \
        {label: bar.count for label, bar in by_sql.items()}
    assert any(bar.count for bar in by_index.values())


# parameters as a list's state holds them, odd characters included
_NAMES = st.sampled_from(["agency", "sector", "q", "sort", "page", "date_from", "date_to",
                          "undated", "page_size"])
_VALUES = st.text(alphabet=st.sampled_from("aZ09 &=+%?#/é汽车-_."), min_size=0, max_size=6)


@hypothesis_settings(max_examples=300, deadline=None)
@given(pairs=st.lists(st.tuples(_NAMES, _VALUES), max_size=8),
       changes=st.sampled_from([{"date_from": "2024", "date_to": "2024"}, {"undated": "1"},
                                {"date_from": "2024-05", "date_to": "2024-05"},
                                {"sort": "title"}]))
def test_a_bars_link_joined_from_encoded_pairs_is_the_copied_querydicts(pairs, changes):
    """The bars' links (`_links`, joined from the state's pairs encoded once per chart) are
    what copying the state, dropping the dates and the page and setting the bar's gives."""
    state = QueryDict(mutable=True)
    for name, value in pairs:
        state.appendlist(name, value)
    assert _links(state)(**changes) == _link(state, **changes)
