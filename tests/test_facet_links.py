"""The facet links written in Python ({% facet_values %}, policies/templatetags/browse.py) are
the markup the per-value include made: same ids, links, labels, counts and selection, and the
data escaped."""

from __future__ import annotations

import pytest
from django.http import QueryDict
from django.template import Context, Template
from django.test import RequestFactory
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from policies.listing.facets import FacetSpec, YearFacet
from policies.listing.pages import search_policies_page
from policies.models import Agency

from .factories import make_policy, make_sample_archive

pytestmark = pytest.mark.django_db

# includes/_facet_value.html as it was, the reference
INCLUDE = (
    '{% for value in values %}<li><a id="facet-{{ facet.name }}-{{ value.value|slugify|'
    'default:forloop.counter }}" href="{{ request.path }}{% querystring value.query %}"'
    '{% if value.selected %} class="selected" aria-current="true"{% endif %}'
    '{% if value.hint and value.hint != value.label %} title="{{ value.hint }}"{% endif %}>'
    '<span class="facet-label">{% if value.hint and value.hint != value.label %}'
    '{{ value.hint }} <abbr>{{ value.label }}</abbr>{% else %}{{ value.label }}{% endif %}'
    '</span> <span class="facet-count">({{ value.count }})</span></a>{% if value.selected %}'
    '<span class="visually-hidden"> (selected; follow the link to remove)</span>{% endif %}'
    '</li>{% endfor %}')
TAG = "{% load browse %}{% facet_values facet values %}"


@pytest.mark.parametrize("query", ["", "agency=MIIT&type=plan", "q=hydrogen&sector=energy",
                                   "date_from=2024&date_to=2024", "undated=1"])
def test_the_python_links_are_the_includes_markup(query):
    make_sample_archive()
    make_policy(title='Notice on <script>alert("x")</script> & Quotes', agencies=("MIIT",),
                document_type="notice")
    request = RequestFactory().get(f"/policies/?{query}")
    results = search_policies_page(QueryDict(query))
    assert results.facets
    for facet in results.facets:
        for values in (facet.first, facet.more):
            context = {"request": request, "facet": facet, "values": values}
            expected = Template(INCLUDE).render(Context(context))
            assert Template(TAG).render(Context(context)) == expected, facet.name


# includes/_facet.html as it was (one include per facet), the reference of {% facets %}
FACET_INCLUDE = (
    '{% load browse %}<nav class="facet" aria-labelledby="facet-{{ facet.name }}"'
    '{% if facet.name in results.messages %} aria-describedby="problems"{% endif %}>\n'
    '  <h3 id="facet-{{ facet.name }}">{{ facet.title }}</h3>\n'
    '  {% if facet.values %}\n'
    '  {% if facet.more %}<p class="facet-search" hidden><label class="visually-hidden" '
    'for="facet-{{ facet.name }}-find">Find a {{ facet.title|lower }} by name</label>'
    '<input id="facet-{{ facet.name }}-find" type="search" placeholder="Find by name" '
    'autocomplete="off" data-facet-find></p>{% endif %}\n'
    '  <ul>{% facet_values facet facet.first %}</ul>\n'
    '  {% if facet.more %}\n'
    '  <details class="facet-more">\n'
    '    <summary>{{ facet.more|length }} more</summary>\n'
    '    <ul>{% facet_values facet facet.more %}</ul>\n'
    '  </details>\n'
    '  {% endif %}\n'
    '  {% else %}\n'
    '  <p class="meta">No values.</p>\n'
    '  {% endif %}\n'
    '</nav>\n'
)
NAVS = "{% load browse %}{% facets results %}"


@pytest.mark.parametrize("query", ["", "agency=MIIT&type=plan", "q=hydrogen&sector=energy",
                                   "date_from=2024&date_to=2024", "agency=NOPE&sector=<b>",
                                   "type=nothing-has-this"])
def test_the_python_facets_are_the_includes_markup(query):
    """Every facet's <nav>, with and without "more", with no values and with a message about
    its parameter, written as the include per facet wrote it."""
    make_sample_archive()
    # more agencies than are shown first: the search box and "more"
    for n, agency in enumerate(Agency.objects.order_by("pk")[:14]):
        make_policy(title=f"Notice {n} <&>", agencies=(agency.abbreviation,))
    request = RequestFactory().get(f"/policies/?{query}")
    results = search_policies_page(QueryDict(query))
    assert query or any(facet.more for facet in results.facets)
    context = {"request": request, "results": results}
    expected = "".join(Template(FACET_INCLUDE).render(Context({**context, "facet": facet}))
                       for facet in results.facets)
    assert Template(NAVS).render(Context(context)) == expected


# parameters as a list's state holds them: names the facets toggle, others, odd characters
_NAMES = st.sampled_from(["agency", "sector", "type", "q", "sort", "page", "date_from",
                          "date_to", "undated", "page_size", "lead"])
_VALUES = st.text(alphabet=st.sampled_from("aZ09 &=+%?#/é汽车-_."), min_size=0, max_size=6)


@hypothesis_settings(max_examples=300, deadline=None)
@given(pairs=st.lists(st.tuples(_NAMES, _VALUES), max_size=8),
       param=st.sampled_from(["agency", "sector", "type", "lead"]),
       selected=st.lists(_VALUES, max_size=3, unique=True),
       value=_VALUES, year=st.sampled_from([True, False]))
def test_a_facet_values_query_string_is_its_toggled_query_encoded(pairs, param, selected,
                                                                 value, year):
    """The links joined from strings encoded once per facet (`links`) are what copying the
    QueryDict and toggling the value gives, for values in and out of the selection."""
    state = QueryDict(mutable=True)
    for name, given_value in pairs:
        state.appendlist(name, given_value)
    spec = YearFacet() if year else FacetSpec("Agency", "agency")
    link = spec.links(state, param, selected)
    for toggled in (value, *selected):
        expected = spec.toggled(state, param, toggled, selected).urlencode()
        assert link(toggled) == expected
