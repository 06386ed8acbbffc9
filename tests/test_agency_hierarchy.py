"""A body's page and the agency filter can include the bodies under it (NDRC -> NEA), at any
depth, counted as direct queries count; the agency page lists those bodies and links both
views."""

from __future__ import annotations

import html

import pytest
from django.http import QueryDict

from policies.listing.pages import search_policies_page
from policies.models import Agency, Policy

from .factories import make_policy, make_sample_archive

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    data = make_sample_archive()
    data["nea_alone"] = make_policy(title="NEA Notice on Wind Power", agencies=("NEA",),
                                    document_type="notice")
    return data


def below(abbreviation: str) -> set[int]:
    """The agency and every body under it, by walking the registry directly."""
    found = {Agency.objects.get(abbreviation=abbreviation).pk}
    frontier = set(found)
    while frontier:
        frontier = set(Agency.objects.filter(parent__in=frontier)
                       .values_list("pk", flat=True)) - found
        found |= frontier
    return found


def issued_by_any(pks) -> set[int]:
    return set(Policy.objects.filter(policy_agencies__agency__in=pks)
               .values_list("pk", flat=True))


def test_nea_sits_under_ndrc_in_the_registry():
    assert Agency.objects.get(abbreviation="NEA").parent.abbreviation == "NDRC"


def test_include_subordinate_adds_the_policies_of_the_bodies_under_an_agency(archive):
    own = search_policies_page(QueryDict("agency=NDRC"))
    widened = search_policies_page(QueryDict("agency=NDRC&include_subordinate=1"))
    ndrc = Agency.objects.get(abbreviation="NDRC").pk
    assert {p.pk for p in own.queryset} == issued_by_any([ndrc])
    assert {p.pk for p in widened.queryset} == issued_by_any(below("NDRC"))
    assert archive["nea_alone"].pk in {p.pk for p in widened.queryset}
    assert widened.count > own.count
    assert widened.sentence == f"{widened.count} policies issued by NDRC or a body under it"
    assert [c.label for c in widened.chips] == ["Agency: NDRC", "With the bodies under them"]
    assert widened.state.urlencode() == "agency=NDRC&include_subordinate=1"


def test_its_facets_and_suggestions_count_the_widened_view(archive):
    widened = search_policies_page(QueryDict("agency=NDRC&include_subordinate=1"))
    rows = Policy.objects.filter(pk__in=issued_by_any(below("NDRC")))
    types = {v.value: v.count for v in widened.facet_map["type"].values}
    assert types == {t: rows.filter(document_type=t).count()
                     for t in set(rows.values_list("document_type", flat=True))}
    empty = search_policies_page(QueryDict("agency=NDRC&include_subordinate=1&type=measures"))
    found = {s.name: s.count for s in empty.suggestions}
    assert found["include_subordinate"] == 0  # NDRC itself issued no measures either
    assert found["type"] == rows.count()


def test_the_agency_page_lists_the_bodies_under_it_and_can_include_them(client, archive):
    page = client.get("/agencies/ndrc/")
    body = html.unescape(page.content.decode())
    assert "Bodies under NDRC:" in body and ">NEA</a>" in body
    assert "?include_subordinate=1" in body
    own = page.context["results"].count
    widened = client.get("/agencies/ndrc/?include_subordinate=1")
    assert widened.status_code == 200
    results = widened.context["results"]
    assert results.count == len(issued_by_any(below("NDRC"))) > own
    assert results.sentence.endswith("issued by NDRC or a body under it")
    assert "Only NDRC's own policies" in html.unescape(widened.content.decode())
    data = client.get("/api/agencies/ndrc/?include_subordinate=1").json()
    assert data["count"] == results.count
    assert "NEA" in {body["abbreviation"] for body in data["subordinates"]}


def test_the_agency_page_still_refuses_another_agency_and_joint_issuance(client, archive):
    assert client.get("/agencies/ndrc/?agency=MIIT").status_code == 400
    assert client.get("/agencies/ndrc/?agency_match=all").status_code == 400
    form = client.get("/agencies/ndrc/").content.decode()
    assert 'name="agency"' not in form.split('class="filter-form"')[1].split("</form>")[0]
