"""Reuse: a JSON twin of every page (sector, company, brief and news item details included),
a CSV of every list (briefs and the agency, sector and company directories too), CORS on the
JSON twin for a notebook in a browser, and the same strict parameters on the directories."""

from __future__ import annotations

import csv
import io

import pytest

from policies.models import Agency, Brief, Company, NewsItem, Policy, Sector

from .factories import make_sample_archive

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    return make_sample_archive()


def csv_of(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_a_sector_and_a_company_have_json_twins_with_their_policies(client, archive):
    data = client.get("/api/sectors/energy/").json()
    energy = Policy.objects.in_sectors(Sector.objects.filter(slug="energy"))
    assert data["sector"]["slug"] == "energy" and data["count"] == energy.count()
    assert {row["id"] for row in data["results"]} == set(energy.values_list("pk", flat=True))
    assert "sector" not in data["facets"] and "agency" in data["facets"]
    data = client.get("/api/companies/byd/").json()
    byd = Policy.objects.mentioning(Company.objects.filter(slug="byd"))
    assert data["company"]["name"] == "BYD" and data["count"] == byd.count()
    assert all("BYD" in item["text"] for item in data["latest_news"])
    assert client.get("/api/sectors/ENERGY/")["Location"] == "/api/sectors/energy/"
    assert client.get("/api/companies/nothing/").status_code == 404


def test_a_brief_and_a_news_item_have_json_twins(client, archive):
    brief = archive["brief"]
    data = client.get(f"/api/briefs/{brief.slug}/").json()
    assert data["title"] == brief.title
    assert [item["headline"] for item in data["items"]] == list(
        brief.items.order_by("position").values_list("headline", flat=True))
    linked = [item["policy"]["id"] for item in data["items"] if item["policy"]]
    assert linked and all(Policy.objects.filter(pk=pk).exists() for pk in linked)
    assert len(data["news"]) == brief.news_items.count()
    item = NewsItem.objects.first()
    data = client.get(f"/api/news/{item.pk}/").json()
    assert data["id"] == item.pk and data["text"] == item.text
    assert data["brief"]["title"] == item.brief.title
    assert client.get("/api/news/999999/").status_code == 404
    assert client.get("/api/briefs/no-such-brief/").status_code == 404


def test_every_list_has_a_csv(client, archive):
    agencies = csv_of(client.get("/agencies/export.csv"))
    assert {row["abbreviation"] for row in agencies} == set(
        Agency.objects.values_list("abbreviation", flat=True))
    miit = next(row for row in agencies if row["abbreviation"] == "MIIT")
    assert int(miit["policies"]) == Policy.objects.issued_by(
        Agency.objects.filter(abbreviation="MIIT")).count()
    sectors = csv_of(client.get("/sectors/export.csv"))
    assert len(sectors) == Sector.objects.count()
    companies = csv_of(client.get("/companies/export.csv"))
    assert len(companies) == Company.objects.count()
    briefs = csv_of(client.get("/briefs/export.csv"))
    assert [row["slug"] for row in briefs] == list(Brief.objects.values_list("slug", flat=True))
    assert briefs[0]["items"] == str(archive["brief"].items.count())


def test_directory_csvs_and_json_refuse_parameters_they_do_not_take(client, archive):
    for url in ("/agencies/export.csv?kind=ministry", "/api/agencies/?kind=ministry",
                "/api/sectors/?q=x", "/companies/export.csv?sort=name"):
        response = client.get(url)
        assert response.status_code == 400, url
    assert client.get("/api/agencies/?page_size=5&utm_source=x").status_code == 200
    assert "use one of page, page_size" in client.get("/api/agencies/?kind=x").json()[
        "errors"]["kind"][0]


def test_the_json_twin_answers_any_origin_for_reading_only(client, archive):
    response = client.get("/api/policies/", HTTP_ORIGIN="https://notebook.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options("/api/policies/", HTTP_ORIGIN="https://notebook.example",
                               HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert preflight.status_code == 200
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Credentials" not in preflight
    page = client.get("/policies/", HTTP_ORIGIN="https://notebook.example")
    assert "Access-Control-Allow-Origin" not in page  # only the JSON twin
