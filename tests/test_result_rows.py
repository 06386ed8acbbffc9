"""The HTML lists' rows read as tuples (`listing.rows.PolicyRow`, written by `{% policy_rows %}`)
are the rows the models and the per-row include made: the same policies in the same order, the
same markup, ingested text escaped, in three queries."""

from __future__ import annotations

from datetime import date

import pytest
from django.http import QueryDict
from django.template import Context, Template

from policies.listing.pages import search_policies_page
from policies.models import DatePrecision, Policy
from policies.search.index import reindex_all

from .factories import make_policy, make_sample_archive

pytestmark = pytest.mark.django_db

# includes/_policy_row.html as it was, with the model rows and their prefetches: the reference
# (includes/_segments.html inlined: its file's last newline put a space inside the title link)
INCLUDE = (
    '<li class="policy-row">\n  '
    '<a class="policy-title" href="{{ policy.get_absolute_url }}">'
    '{% if policy.title_segments %}{% for text, is_match in policy.title_segments %}'
    '{% if is_match %}<mark>{{ text }}</mark>{% else %}{{ text }}{% endif %}{% endfor %}'
    '{% else %}{{ policy.title }}{% endif %}</a>\n  {% if policy.chinese_title %}'
    '<span class="zh" lang="zh">{% if policy.chinese_title_segments %}'
    '{% for text, is_match in policy.chinese_title_segments %}'
    '{% if is_match %}<mark>{{ text }}</mark>{% else %}{{ text }}{% endif %}{% endfor %}'
    '{% else %}{{ policy.chinese_title }}{% endif %}</span>{% endif %}\n  '
    '{% if policy.match_segments %}<p class="snippet">'
    '{% for text, is_match in policy.match_segments %}'
    '{% if is_match %}<mark>{{ text }}</mark>{% else %}{{ text }}{% endif %}'
    '{% endfor %}</p>{% endif %}\n  <span class="meta">\n    '
    '{% if policy.issued_on %}<time datetime="{{ policy.issued.iso }}">'
    '{{ policy.issued.short }}</time>'
    '{% else %}<span class="undated">undated</span>{% endif %}'
    '\n    · {{ policy.get_document_type_display }}\n    '
    '{% for pa in policy.policy_agencies.all %}{% if forloop.first %} · {% endif %}'
    '<a href="{{ pa.agency.get_absolute_url }}" class="agency'
    '{% if pa.position == 0 %} lead{% endif %}"'
    '{% if pa.position == 0 %} title="lead agency: {{ pa.agency.name }}"'
    '{% else %} title="{{ pa.agency.name }}"{% endif %}>{{ pa.agency.abbreviation }}</a>'
    '{% if not forloop.last %}, {% endif %}{% endfor %}\n    '
    '{% for ps in policy.policy_sectors.all %}{% if forloop.first %} · {% endif %}'
    '<a href="{{ ps.sector.get_absolute_url }}" class="sector">{{ ps.sector.name }}</a>'
    '{% if not forloop.last %}, {% endif %}{% endfor %}\n    {% if policy.needs_review %}'
    '<span class="badge">needs review</span>{% endif %}\n  </span>\n</li>\n'
)
TAG = "{% load browse %}{% policy_rows rows %}"
HOSTILE = 'Notice on <script>alert("x")</script> & "Quotes" for Hydrogen'


def _archive():
    make_sample_archive()
    hostile = make_policy(title=HOSTILE, chinese_title="关于<b>氢能</b>的通知",
                          agencies=("MIIT", "NDRC"), sectors=("energy",),
                          issued_on=date(2024, 7, 1), document_type="notice")
    Policy.objects.filter(pk=hostile.pk).update(needs_review=True)
    make_policy(title="Plan for Hydrogen Storage, March", agencies=("NEA",),
                issued_on=date(2021, 3, 1), document_type="plan")
    Policy.objects.filter(title__endswith="March").update(issued_precision=DatePrecision.MONTH)
    make_policy(title="Measures without Agencies or Sectors", document_type="other")
    reindex_all()


@pytest.mark.parametrize("facet_index", [True, False], ids=["index", "sql"])
@pytest.mark.parametrize("query", ["", "q=hydrogen", "q=氢能", "agency=MIIT&sort=title",
                                   "sector=energy&sort=date", "undated=1", "page_size=2&page=2"])
def test_the_python_rows_are_the_model_rows_markup(settings, facet_index, query):
    settings.FACET_INDEX = facet_index
    _archive()
    models = search_policies_page(QueryDict(query)).rows
    lean = search_policies_page(QueryDict(query), lean=True).rows
    assert models, query
    assert [row.pk for row in lean] == [row.pk for row in models]
    expected = "".join(Template(INCLUDE).render(Context({"policy": row})) for row in models)
    assert Template(TAG).render(Context({"rows": lean})) == expected


def test_ingested_text_in_a_row_is_escaped():
    _archive()
    rows = search_policies_page(QueryDict("q=hydrogen"), lean=True).rows
    html = Template(TAG).render(Context({"rows": rows}))
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;" in html
    assert '<span class="badge">needs review</span>' in html


@pytest.mark.parametrize("facet_index", [True, False], ids=["index", "sql"])
def test_a_page_of_lean_rows_is_three_queries(settings, facet_index,
                                              django_assert_num_queries):
    """The policies, their agencies and their sectors, whatever the page holds, once a request
    of this data version read the registries' links (one query more, kept for the version)."""
    from policies import data_version
    from policies.listing.rows import ROWS, policy_rows

    settings.FACET_INDEX = facet_index
    _archive()
    ids = list(Policy.objects.values_list("pk", flat=True))
    tokens = data_version.start_request()
    try:
        search_policies_page(QueryDict(""), lean=True)  # the index, the registry and links read
        ROWS.clear()
        with django_assert_num_queries(3):
            rows = policy_rows(ids)
    finally:
        data_version.end_request(tokens)
    assert [row.pk for row in rows] == ids
    with django_assert_num_queries(0):
        assert policy_rows([]) == []


def test_a_row_read_once_is_kept_until_the_next_write(client, django_assert_max_num_queries):
    """A page whose rows an earlier request read makes no query for them; a write (here a
    title corrected) makes the next request read them afresh, and show the correction."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _archive()
    client.get("/policies/")  # the index built, the registry and the rows read

    def row_queries(response_of):
        with CaptureQueriesContext(connection) as queries:
            response = response_of()
        return response, [q["sql"] for q in queries.captured_queries
                          if "policies_policyagency" in q["sql"]
                          or "policies_policysector" in q["sql"]]

    kept, read = row_queries(lambda: client.get("/policies/"))
    assert kept.status_code == 200 and "Notice on &lt;script&gt;" in kept.text
    assert read == []  # nothing read again

    policy = Policy.objects.get(title=HOSTILE)
    policy.title = "Notice on Corrected Hydrogen Titles"
    policy.save()
    fresh, read = row_queries(lambda: client.get("/policies/"))
    assert len(read) == 2  # agencies and sectors of the page's rows, read afresh
    assert "Notice on Corrected Hydrogen Titles" in fresh.text
    assert "&lt;script&gt;" not in fresh.text


def test_a_kept_row_gets_its_search_marks_without_keeping_them(client):
    """The rows are shared between requests: one search's highlights never reach the next
    page that shows the same row."""
    _archive()
    searched = client.get("/policies/?q=hydrogen")
    assert "<mark>" in searched.text
    plain = client.get("/policies/")
    assert "Hydrogen" in plain.text and "<mark>" not in plain.text


def test_a_registry_correction_reaches_the_rows_at_the_next_request(client):
    """The rows' agency and sector links come from the registries read once per data version:
    an agency renamed or a sector renamed in the admin shows on the next page."""
    from policies.models import Agency, Sector

    _archive()
    before = client.get("/policies/?q=hydrogen")
    assert before.status_code == 200 and 'title="lead agency: ' in before.text
    agency = Agency.objects.get(abbreviation="MIIT")
    agency.name = "Ministry of <Renamed> Industry"
    agency.save()
    sector = Sector.objects.get(slug="energy")
    sector.name = "Energy & Renamed"
    sector.save()
    after = client.get("/policies/?q=hydrogen")
    assert "Ministry of &lt;Renamed&gt; Industry" in after.text
    assert ">Energy &amp; Renamed</a>" in after.text


def test_an_agency_added_after_the_request_read_its_version_is_still_linked():
    """A write that commits while a request runs: the request keeps the version it read (and
    the registries' links kept for it), yet the rows it reads afterwards may name the new
    agency. They get its link, read afresh, rather than an error."""
    from policies import data_version
    from policies.listing.rows import ROWS, policy_rows
    from policies.models import Agency, PolicyAgency

    _archive()
    policy = Policy.objects.get(title=HOSTILE)
    tokens = data_version.start_request()
    try:
        policy_rows([policy.pk])  # the version read, the registries' links kept for it
        ROWS.clear()
        newcomer = Agency.objects.create(abbreviation="NWA", name="New Widget Administration",
                                         slug="nwa")
        PolicyAgency.objects.create(policy=policy, agency=newcomer, position=5)
        (row,) = policy_rows([policy.pk])
    finally:
        data_version.end_request(tokens)
    assert [a.abbreviation for a in row.agencies][-1] == "NWA"
    assert row.agencies[-1].url.endswith("/agencies/nwa/")
