"""Strict query strings: a parameter a list does not take answers 400 on every endpoint (HTML,
JSON, CSV, feed) with a message naming it and the parameter probably meant, instead of quietly
returning the whole archive; tracking parameters from newsletters are no mistake; names typed
into URLs are matched in any case and redirect to the canonical URL."""

from __future__ import annotations

import html

import pytest

from policies.models import Agency, Policy
from policies.search.index import reindex_all

from .factories import make_sample_archive

pytestmark = pytest.mark.django_db

# endpoint -> how its refusal carries the messages
ENDPOINTS = ["/policies/", "/api/policies/", "/policies/export.csv", "/policies/feed/",
             "/agencies/miit/", "/api/agencies/miit/", "/agencies/miit/feed/",
             "/news/", "/api/news/", "/news/export.csv", "/briefs/", "/api/briefs/"]


@pytest.fixture
def archive():
    data = make_sample_archive()
    reindex_all()
    return data


def messages_of(response) -> str:
    if response["Content-Type"].startswith("application/json"):
        data = response.json()
        return " ".join(m for found in data["errors"].values() for m in found)
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("url", ENDPOINTS)
def test_an_unknown_parameter_is_refused_with_the_one_probably_meant(client, archive, url):
    response = client.get(url, {"sorted": "date"})
    assert response.status_code == 400, url
    text = messages_of(response)
    assert "“sorted” is not a parameter of this list: did you mean “sort”?" in text, url


@pytest.mark.parametrize("query, meant", [("sectors=energy", "sector"),
                                          ("agencies=MIIT", "agency"),
                                          ("Type=plan", "type"),
                                          ("pagesize=5", "page_size")])
def test_plurals_and_case_slips_point_to_the_real_name(client, archive, query, meant):
    response = client.get(f"/api/policies/?{query}")
    assert response.status_code == 400
    name = query.split("=")[0]
    assert response.json()["errors"][name] == [
        f"“{name}” is not a parameter of this list: did you mean “{meant}”?"]


def test_year_is_explained_with_the_date_range_to_use(client, archive):
    for url in ("/policies/?year=2024", "/api/policies/?year=2024",
                "/policies/export.csv?year=2024"):
        response = client.get(url)
        assert response.status_code == 400, url
        assert "use date_from=2024&date_to=2024" in messages_of(response), url
    # and that range is the year: the rows the year facet counts
    response = client.get("/api/policies/?date_from=2024&date_to=2024")
    year = {v["value"]: v["count"] for v in response.json()["facets"]["year"]}["2024"]
    assert response.json()["count"] == year == Policy.objects.filter(year=2024).count()


def test_a_csv_export_with_a_typo_exports_nothing_rather_than_everything(client, archive):
    response = client.get("/policies/export.csv?yaer=2024")
    assert response.status_code == 400 and not response.streaming
    body = response.content.decode()
    assert "nothing was exported" in body and "id,url" not in body


def test_nothing_like_a_parameter_gets_a_list_of_the_valid_ones(client, archive):
    response = client.get("/api/policies/?zzzz=1")
    message = response.json()["errors"]["zzzz"][0]
    assert message.startswith("“zzzz” is not a parameter of this list: use one of q, agency")
    assert "page_size" in message


def test_an_agency_page_refuses_to_filter_by_another_agency(client, archive):
    response = client.get("/api/agencies/miit/?agency=NDRC")
    assert response.status_code == 400
    assert "this page's own record" in response.json()["errors"]["agency"][0]


def test_tracking_parameters_and_pages_are_no_mistake(client, archive):
    for url in ("/policies/?utm_source=newsletter&utm_medium=email&fbclid=x&mc_cid=1",
                "/policies/export.csv?page=2&page_size=10&utm_campaign=weekly",
                "/policies/feed/?page=3"):
        assert client.get(url).status_code == 200, url


def test_the_html_page_says_what_was_refused_and_shows_the_rest(client, archive):
    response = client.get("/policies/?sectors=energy&agency=MIIT")
    assert response.status_code == 400
    text = html.unescape(response.content.decode())
    assert "did you mean “sector”?" in text
    assert response.context["results"].count == Policy.objects.issued_by(
        Agency.objects.filter(abbreviation="MIIT")).count()


@pytest.mark.parametrize("typed, canonical", [
    ("/agencies/MIIT/", "/agencies/miit/"),
    ("/agencies/Miit/?type=plan", "/agencies/miit/?type=plan"),
    ("/agencies/NDB/", "/agencies/nda/"),  # an alias
    ("/sectors/Energy/", "/sectors/energy/"),
    ("/companies/BYD/", "/companies/byd/"),
    ("/api/agencies/MIIT/", "/api/agencies/miit/"),
])
def test_names_typed_in_any_case_redirect_to_the_canonical_url(client, archive, typed,
                                                               canonical):
    response = client.get(typed)
    assert response.status_code == 301 and response["Location"] == canonical
    assert client.get(canonical).status_code == 200


def test_a_name_that_names_nothing_is_still_a_404(client, archive):
    assert client.get("/agencies/nonexistent/").status_code == 404
    assert client.get("/api/agencies/nonexistent/").status_code == 404
    assert client.get("/sectors/nothing-at-all/").status_code == 404


def test_a_modifier_of_the_pages_own_filter_is_refused_too(client, archive):
    response = client.get("/agencies/miit/?agency_match=all")
    assert response.status_code == 400
    assert "this page's own record" in html.unescape(response.content.decode())
