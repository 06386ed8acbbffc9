"""The facet links written in Python ({% facet_values %}, policies/templatetags/browse.py) are
the markup the per-value include made: same ids, links, labels, counts and selection, and the
data escaped."""

from __future__ import annotations

import pytest
from django.http import QueryDict
from django.template import Context, Template
from django.test import RequestFactory

from policies.listing.pages import search_policies_page

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
