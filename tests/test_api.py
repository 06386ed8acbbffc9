"""The JSON twin: list and detail shapes, the same parameters as the HTML, absolute links,
page sizes, Chinese left as is, and query budgets."""

from __future__ import annotations

from datetime import date

import pytest

from policies.search.index import reindex_all

from .factories import make_policy, make_sample_archive

pytestmark = pytest.mark.django_db

POLICY_KEYS = {"id", "url", "title", "chinese_title", "date", "date_precision", "document_type",
               "agencies",
               "sectors", "companies", "needs_review"}
FACET_VALUE_KEYS = {"value", "label", "count", "selected"}


@pytest.fixture
def archive():
    data = make_sample_archive()
    reindex_all()
    return data


def test_policy_list_shape(client, archive):
    response = client.get("/api/policies/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == {"count", "next", "previous", "results", "facets"}
    assert data["count"] == 10 and data["next"] is None and data["previous"] is None
    assert set(data["facets"]) == {"agency", "sector", "lead", "type", "year"}
    for values in data["facets"].values():
        assert values and all(set(v) == FACET_VALUE_KEYS for v in values)
    first = data["results"][0]
    assert set(first) == POLICY_KEYS
    assert first["title"] == "Robot Industry Plan" and first["date"] == "2025-02-10"
    assert first["agencies"][0] == {"abbreviation": "MIIT",
                                    "name": "Ministry of Industry and Information Technology",
                                    "slug": "miit"}
    assert {"slug": "robotics", "name": "Robotics and automation"} in first["sectors"]
    assert first["url"].startswith("http://testserver/policies/")
    undated = [r for r in data["results"] if r["title"].startswith("Outline")][0]
    assert undated["date"] is None


def test_policy_json_keeps_chinese_and_companies(client, archive):
    response = client.get("/api/policies/?company=byd&sort=date")
    assert "氢能产业发展规划" in response.content.decode()  # not \u escaped
    data = response.json()
    assert [r["title"] for r in data["results"]] == [
        "Notice on New Energy Vehicle Purchase Tax", "Hydrogen Industry Development Plan"]
    assert data["results"][0]["companies"] == [{"slug": "byd", "name": "BYD"},
                                               {"slug": "tesla", "name": "Tesla"}]


def test_same_parameters_and_facets_as_the_html(client, archive):
    url = "?agency=MIIT&sector=manufacturing&date_from=2024"
    data = client.get("/api/policies/" + url).json()
    html_results = client.get("/policies/" + url).context["results"]
    assert data["count"] == html_results.count == 4
    assert [r["id"] for r in data["results"]] == [p.pk for p in html_results.rows]
    agency = {v["value"]: v for v in data["facets"]["agency"]}
    assert agency["MIIT"] == {"value": "MIIT", "label": "MIIT", "count": 4, "selected": True}
    assert agency["NDRC"]["selected"] is False
    year = {v["value"]: v["count"] for v in data["facets"]["year"]}
    assert year == {"2025": 1, "2024": 3}


def test_pagination_links_are_absolute_and_keep_the_filters(client, archive):
    for i in range(12):
        make_policy(title=f"Filler {i}", agencies=("MIIT",), issued_on=date(2020, 1, 1 + i))
    data = client.get("/api/policies/?agency=MIIT&page_size=5").json()
    assert data["count"] == 18 and len(data["results"]) == 5
    assert data["previous"] is None
    assert data["next"] == "http://testserver/api/policies/?agency=MIIT&page_size=5&page=2"
    second = client.get(data["next"]).json()
    assert second["previous"] == "http://testserver/api/policies/?agency=MIIT&page_size=5"
    last = client.get("/api/policies/?agency=MIIT&page_size=5&page=4").json()
    assert len(last["results"]) == 3 and last["next"] is None
    assert len(client.get("/api/policies/?page_size=100").json()["results"]) == 22


def test_policy_detail_adds_briefs_and_source_urls(client, archive):
    policy = archive["policies"]["hydrogen"]
    policy.source_links = [{"url": "https://www.miit.gov.cn/a.html", "kind": "official"},
                           {"url": "javascript:alert(1)", "kind": "news"}]
    policy.save()
    data = client.get(f"/api/policies/{policy.pk}/").json()
    assert set(data) == POLICY_KEYS | {"briefs", "source_urls", "targets", "document_number",
                                       "effective_on", "relations"}
    assert [t["metric"] for t in data["targets"]] == ["hydrogen fuel cell vehicles"]
    assert data["source_urls"] == ["https://www.miit.gov.cn/a.html"]
    assert data["briefs"] == [{
        "title": "China Industries Brief March 2024", "date": "2024-04-02",
        "url": f"http://testserver{archive['brief'].get_absolute_url()}#item-1",
        "headline": "MIIT plans a hydrogen industry", "summary": "A plan for hydrogen.",
        "key_points": ["Goal: 50,000 vehicles"], "comment": "Ambitious.",
    }]
    assert data["companies"] == [{"slug": "byd", "name": "BYD"}]
    missing = client.get("/api/policies/999999/")
    assert missing.status_code == 404 and set(missing.json()) == {"error", "errors"}


def test_agencies_sectors_companies(client, archive):
    agencies = client.get("/api/agencies/?page_size=100").json()
    assert agencies["count"] >= 40 and agencies["facets"] == {}
    miit = [a for a in agencies["results"] if a["abbreviation"] == "MIIT"][0]
    assert miit["policies"] == 6 and miit["policies_led"] == 3 and miit["slug"] == "miit"
    assert miit["chinese_name"] == "工业和信息化部"
    sectors = client.get("/api/sectors/?page_size=100").json()["results"]
    assert {"slug": "energy", "name": "Energy", "policies": 4,
            "url": "http://testserver/sectors/energy/"} in sectors
    companies = client.get("/api/companies/?page_size=100").json()["results"]
    byd = [c for c in companies if c["slug"] == "byd"][0]
    assert byd["policies"] == 2 and byd["news_items"] == 1


def test_agency_detail_has_policies_facets_and_co_issuers(client, archive):
    data = client.get("/api/agencies/miit/?sector=data").json()
    assert data["agency"]["abbreviation"] == "MIIT"
    assert data["count"] == 2 and set(data["facets"]) == {"sector", "lead", "type", "year"}
    assert {"abbreviation": "NDRC", "name": "National Development and Reform Commission",
            "slug": "ndrc", "count": 3} in data["co_issuers"]
    assert client.get("/api/agencies/nope/").status_code == 404


def test_briefs_and_news(client, archive):
    briefs = client.get("/api/briefs/").json()
    assert briefs["count"] == 1 and briefs["results"][0]["items"] == 2
    assert briefs["results"][0]["date"] == "2024-04-02"
    news = client.get("/api/news/?kind=policy&agency=MIIT").json()
    assert news["count"] == 2
    assert set(news["facets"]) == {"kind", "agency", "company", "year"}
    item = [r for r in news["results"] if "BYD" in r["text"]][0]
    assert item["agencies"][0]["abbreviation"] == "MIIT"
    assert item["companies"] == [{"slug": "byd", "name": "BYD"}]
    assert item["url"].startswith("http://testserver/briefs/") and "#news-" in item["url"]
    searched = client.get("/api/news/?q=hydrogen").json()
    assert [r["text"] for r in searched["results"]] == ["MIIT met BYD about hydrogen buses."]


def test_api_index_lists_endpoints_and_parameters(client, db):
    response = client.get("/api/")
    assert response.status_code == 200
    body = response.content.decode()
    for path in ("/api/policies/", "/api/agencies/", "/api/sectors/", "/api/companies/",
                 "/api/briefs/", "/api/news/"):
        assert path in body
    for parameter in ("date_from", "page_size", "sort", "lead"):
        assert parameter in body


@pytest.mark.parametrize("url", [
    "/api/policies/", "/api/policies/?agency=MIIT&sector=energy&type=plan&date_from=2020",
    "/api/policies/?q=hydrogen&agency=MIIT&sector=energy&lead=MIIT&company=byd",
    "/api/news/?q=hydrogen&agency=MIIT", "/api/agencies/miit/?q=hydrogen",
])
def test_api_stays_within_twelve_queries(client, archive, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
