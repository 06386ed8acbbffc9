"""The list pages' in-place updates: an htmx request (HX-Request) gets the filters and results
alone, from the same view, selectors and queries as the whole page; a page restored from
history gets the whole page; the responses vary on the header. The pickers' names."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import make_sample_archive

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
LISTS = ["/policies/?agency=MIIT", "/agencies/miit/?sector=energy", "/sectors/energy/",
         "/companies/byd/", "/news/?agency=MIIT", "/briefs/?q=hydrogen"]


@pytest.fixture
def archive():
    return make_sample_archive()


def queries(client, url, **headers) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    return len(captured), response


@pytest.mark.parametrize("url", LISTS)
def test_an_htmx_request_gets_the_fragment_with_the_pages_queries(client, archive, url):
    whole_count, whole = queries(client, url)
    part_count, part = queries(client, url, **HTMX)
    assert part.status_code == whole.status_code == 200
    body = part.content.decode()
    assert body.lstrip().startswith("<title>") and "<html" not in body
    assert 'id="browse"' in body and 'id="results-heading"' in body
    assert 'class="filter-form"' in body
    assert body.count('<section class="listing"') == 1
    assert part_count <= whole_count
    for response in (whole, part):
        assert "HX-Request" in response["Vary"]


def test_the_fragment_is_the_same_markup_the_whole_page_holds(client, archive):
    url = "/policies/?agency=MIIT&sector=energy"
    whole = client.get(url).content.decode()
    part = client.get(url, **HTMX).content.decode()
    fragment = part[part.index('<div id="browse"'):].strip()
    assert fragment in whole


def test_a_refused_parameter_still_swaps_in_with_its_reason(client, archive):
    response = client.get("/policies/?date_from=soon", **HTMX)
    assert response.status_code == 400
    assert 'id="problems"' in response.content.decode()


def test_a_history_restore_gets_the_whole_page(client, archive):
    response = client.get("/policies/?agency=MIIT", HTTP_HX_HISTORY_RESTORE_REQUEST="true",
                          **HTMX)
    assert response.content.decode().startswith("<!doctype html>")


def test_the_page_title_follows_the_search(client, archive):
    body = client.get("/policies/?q=hydrogen", **HTMX).content.decode()
    assert body.startswith("<title>“hydrogen” · Policies · Policy Briefs Archive</title>")


def test_the_company_picker_suggests_names_from_the_registry(client, archive):
    response = client.get("/names/companies.json")
    assert response.status_code == 200
    assert "max-age=3600" in response["Cache-Control"] and "public" in response["Cache-Control"]
    names = response.json()["names"]
    assert {"value": "byd", "label": "BYD"} in names
    assert [n["label"] for n in names] == sorted(n["label"] for n in names)
    assert client.get("/names/users.json").status_code == 404


def test_a_company_picked_by_name_filters_the_list(client, archive):
    by_name = client.get("/policies/?company=BYD").context["results"]
    by_slug = client.get("/policies/?company=byd").context["results"]
    assert by_name.count == by_slug.count > 0
    assert by_name.state.urlencode() == "company=byd"
