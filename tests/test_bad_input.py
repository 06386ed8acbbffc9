"""Bad query strings: the HTML pages answer 400 (404 for a page past the last) and still render
with what could be used, the reason shown near the form; the JSON twin answers the same status
with {"error", "errors": {parameter: [messages]}}; never a 500, nothing echoed unescaped."""

from __future__ import annotations

import html
import re
from urllib.parse import quote, urlencode

import pytest

from policies.search.index import reindex_all

from .factories import make_sample_archive

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    data = make_sample_archive()
    reindex_all()
    return data


def text_of(response) -> str:
    body = response.content.decode()
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def problems_of(response) -> str:
    """The text of the message box next to the form."""
    body = response.content.decode()
    match = re.search(r'<div class="problems"[^>]*>(.*?)</div>', body, flags=re.S)
    assert match, "no message box"
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", match.group(1))).split())


# (query string, parameter blamed, words of the message)
INVALID = [
    ("date_from=2024-13-45", "date_from", "is not a real date"),
    ("date_to=last-year", "date_to", "is not a date"),
    ("date_from=2022&date_to=2021", "date_to", "is before the start date"),
    ("page=abc", "page", "is not a page number"),
    ("page=0", "page", "is not a page number"),
    ("page=-3", "page", "is not a page number"),
    ("sort=drop", "sort", "Unknown sort"),
    ("agency=XYZ", "agency", "Unknown agency “XYZ”"),
    ("lead=NOPE", "lead", "Unknown agency “NOPE”"),
    ("sector=underwater-basket-weaving", "sector", "Unknown sector"),
    ("company=acme-widgets", "company", "Unknown company"),
    ("type=decree", "type", "Unknown document type “decree”"),
]


@pytest.mark.parametrize(("query", "name", "words"), INVALID, ids=[c[0] for c in INVALID])
def test_html_explains_the_problem_and_renders_with_the_rest(client, archive, query, name,
                                                             words):
    response = client.get(f"/policies/?{query}&sector=energy")
    assert response.status_code == 400
    assert words in problems_of(response)
    results = response.context["results"]
    assert name in results.messages
    assert results.count >= 1 and "in Energy" in results.sentence  # the rest still applies
    assert 'aria-describedby="problems"' in response.content.decode() or name in ("page",
                                                                                   "sort")


@pytest.mark.parametrize(("query", "name", "words"), INVALID, ids=[c[0] for c in INVALID])
def test_json_answers_400_with_the_errors(client, archive, query, name, words):
    response = client.get(f"/api/policies/?{query}")
    assert response.status_code == 400
    data = response.json()
    assert set(data) == {"error", "errors"}
    assert name in data["error"]
    assert any(words in message for message in data["errors"][name])


def test_unknown_agency_is_dropped_and_the_known_one_kept(client, archive):
    response = client.get("/policies/?agency=XYZ&agency=CAC")
    assert response.status_code == 400
    assert response.context["results"].sentence == "1 policy issued by CAC"


def test_agency_abbreviations_are_case_insensitive(client, archive):
    response = client.get("/policies/?agency=miit")
    assert response.status_code == 200
    assert response.context["results"].state.getlist("agency") == ["MIIT"]


def test_a_page_past_the_last_shows_the_last_with_a_404(client, archive):
    response = client.get("/policies/?page=99999")
    assert response.status_code == 404
    assert "There is no page 99999: the last page is 1" in problems_of(response)
    assert response.content.decode().count('class="policy-row"') == 10
    response = client.get("/api/policies/?page=99999")
    assert response.status_code == 404
    assert response.json()["errors"]["page"] == [
        "There is no page 99999: the last page is 1, shown here."]
    huge = client.get("/policies/?page=" + "9" * 5000)
    assert huge.status_code == 404


@pytest.mark.parametrize("size", ["0", "101", "abc", "-1", "1e3"])
def test_json_page_size_is_checked(client, archive, size):
    response = client.get(f"/api/policies/?page_size={size}")
    assert response.status_code == 400
    assert "page_size" in response.json()["errors"]


def test_five_hundred_repeated_values_are_capped_with_a_message(client, archive,
                                                                 django_assert_max_num_queries):
    query = urlencode([("agency", f"A{i}") for i in range(480)] + [("agency", "MIIT")] * 20)
    with django_assert_max_num_queries(12):
        response = client.get(f"/policies/?{query}")
    assert response.status_code == 400
    assert "Only the first 20 of the 500 values given for “agency” were used." in problems_of(
        response)
    response = client.get(f"/api/policies/?{query}")
    assert response.status_code == 400
    assert any("first 20" in m for m in response.json()["errors"]["agency"])
    same = client.get("/policies/?" + urlencode([("sector", "energy")] * 500))
    assert same.status_code == 400 and same.context["results"].count == 4


def test_a_ten_kilobyte_query_is_cut_to_500_characters(client, archive):
    q = "hydrogen " + "x" * 10_000
    response = client.get("/policies/?" + urlencode({"q": q}))
    assert response.status_code == 400
    assert "only the first 500 were used" in problems_of(response)
    assert len(response.context["results"].values["q"]) <= 500
    value = re.search(r'id="f-q" type="search" name="q" value="([^"]*)"',
                      response.content.decode()).group(1)
    assert len(html.unescape(value)) <= 500
    response = client.get("/api/policies/?" + urlencode({"q": q}))
    assert response.status_code == 400 and "q" in response.json()["errors"]


HOSTILE_QUERIES = [
    '"hydrogen industry',
    '"',
    "'; DROP TABLE policies_policy; --",
    "1 OR 1=1",
    "<script>alert('q')</script>",
    '"><img src=x onerror=alert(1)>',
    "%00",
    "hy\x00drogen",
    "\\",
    "*",
    "-hydrogen",
    "AND OR NOT",
    "汽车\u200b",
]


@pytest.mark.parametrize("q", HOSTILE_QUERIES)
def test_hostile_search_text_is_data(client, archive, q):
    response = client.get("/policies/?" + urlencode({"q": q}))
    assert response.status_code in (200, 400)
    body = response.content.decode()
    assert "<script>alert('q')" not in body and "<img src=x" not in body
    if response.status_code == 400:  # nothing searchable: said so
        assert "q" in response.context["results"].messages
        problems_of(response)
    api = client.get("/api/policies/?" + urlencode({"q": q}))
    assert api.status_code in (200, 400)
    assert api["Content-Type"] == "application/json"


def test_sql_in_q_leaves_the_table_alone(client, archive):
    client.get("/policies/?" + urlencode({"q": "'; DROP TABLE policies_policy; --"}))
    assert client.get("/policies/").context["results"].count == 10


def test_hostile_values_in_messages_are_escaped(client, archive):
    response = client.get("/policies/?" + urlencode({"agency": "<script>alert(1)</script>",
                                                      "date_from": "<b>2024</b>"}))
    assert response.status_code == 400
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body and "<b>2024</b>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    data = client.get("/api/policies/?" + urlencode({"agency": "<script>"})).json()
    assert data["errors"]["agency"] == ["Unknown agency “<script>”."]


def test_nul_and_control_characters_never_reach_the_database(client, archive):
    for query in ("agency=MI%00IT", "sector=%00", "date_from=2024%00", "page=1%00",
                  "company=byd%0A", "q=%00%01%02", "type=plan%00", "q=%FF%FE"):
        for prefix in ("/policies/", "/api/policies/", "/news/", "/api/news/", "/briefs/"):
            response = client.get(f"{prefix}?{query}")
            assert response.status_code in (200, 400), (prefix, query)


BAD_QUERIES = [
    "date_from=2024-13-45", "date_to=0000", "page=abc", "page=99999", "sort=drop",
    "agency=NOPE", "kind=gossip", "company=nope", "sector=nope", "type=nope",
    "q=" + quote("<script>x</script>"), "q=" + "y" * 10_000, "page_size=5000",
    "&".join(f"agency=A{i}" for i in range(500)), "date_from=9999-12-31&date_to=9999",
    "date_from=0001-01-01", "lead=" + "L" * 500, "q=%22", "sort=relevance",
]
LIST_URLS = ["/policies/", "/agencies/miit/", "/sectors/energy/", "/companies/byd/", "/news/",
             "/briefs/", "/api/policies/", "/api/agencies/miit/", "/api/news/",
             "/api/briefs/", "/api/agencies/", "/api/sectors/", "/api/companies/"]


@pytest.mark.parametrize("url", LIST_URLS)
def test_no_bad_query_string_gives_a_server_error(client, archive, url):
    for query in BAD_QUERIES:
        response = client.get(f"{url}?{query}")
        assert response.status_code in (200, 400, 404), (url, query[:40])
        if url.startswith("/api/") and response.status_code != 200:
            assert set(response.json()) == {"error", "errors"}, (url, query[:40])


def test_relevance_without_a_search_falls_back_to_date(client, archive):
    response = client.get("/policies/?sort=relevance")
    assert response.status_code == 200
    assert response.context["results"].sort == "-date"


def test_too_many_fields_is_a_400_not_a_500(client, archive):
    client.raise_request_exception = False  # as in production: Django's own 400 handler
    many = "&".join(f"x{i}=1" for i in range(1500))
    assert client.get(f"/policies/?{many}").status_code == 400
    assert client.get(f"/api/policies/?{many}").status_code == 400
    assert client.get(f"/no-such-page/?{many}").status_code == 404  # its page reads no GET
