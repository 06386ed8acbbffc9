"""CSV exports of the policy and news lists, and the bulk dump download: every matching row
(not one page), streamed, UTF-8 with a BOM, formula-safe cells, 400 as plain text for bad
parameters, and linked from the pages with their filters."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from policies.exports import NEWS_COLUMNS, POLICY_COLUMNS
from policies.listing import pages
from policies.models import NewsItem, Policy
from policies.search.index import reindex_all

from .factories import add_companies, make_archive_brief, make_news_item, make_policy

pytestmark = pytest.mark.django_db

BOM = "\ufeff".encode()


def reindex():
    reindex_all()


def csv_of(response) -> list[list[str]]:
    """The rows of a streamed CSV response, header first."""
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    content = b"".join(response.streaming_content)
    assert content.startswith(BOM)
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def link_href(response, text: str) -> str:
    body = response.content.decode()
    match = re.search(rf'<a href="([^"]*)"[^>]*>{re.escape(text)}</a>', body)
    assert match, f"no link “{text}”"
    return html.unescape(match.group(1))


# --------------------------------------------------------------------------- policies


POLICY_QUERIES = [
    "",
    "agency=MIIT",
    "agency=MIIT&sector=manufacturing",
    "sector=climate&sector=energy",
    "type=notice&type=plan&sort=date",
    "date_from=2024-09&date_to=2024-10",
    "lead=MIIT&date_from=2024",
    "company=byd",
    "q=物联网",
    "q=data security&sort=relevance",
    "agency=CAC&sector=automotive",  # nothing
]


@pytest.fixture
def indexed(seeded):
    """The seeded archive with its search index up to date (the ingest indexes on commit)."""
    reindex()


def test_policy_csv_has_every_row_of_the_page_in_its_order(indexed, client):
    for query in POLICY_QUERIES:
        rows = csv_of(client.get(f"/policies/export.csv?{query}"))
        assert rows[0] == POLICY_COLUMNS
        api = client.get(f"/api/policies/?{query}&page_size=100").json()
        assert len(rows) - 1 == api["count"], query
        assert api["count"] or "CAC" in query, f"{query}: the test wants rows"
        assert [int(row[0]) for row in rows[1:]] == [r["id"] for r in api["results"]], query
        assert [row[1] for row in rows[1:]] == [r["url"] for r in api["results"]], query


def test_policy_csv_holds_every_row_not_only_the_first_page(db, client):
    for day in range(1, 31):
        make_policy(title=f"Notice number {day}", agencies=("MIIT",),
                    issued_on=date(2024, 1, day))
    listed = client.get("/policies/?agency=MIIT").context["results"]
    assert listed.count == 30
    assert len(listed.rows) == 25
    rows = csv_of(client.get("/policies/export.csv?agency=MIIT&page=2&page_size=5"))
    _, expected = pages.filter_policies({"agency": "MIIT"})
    assert len(rows) - 1 == expected.count() == 30


def test_policy_csv_columns_say_each_field(db, client):
    policy = make_policy(title="Hydrogen Industry Development Plan",
                         chinese_title="氢能产业发展规划", agencies=("MIIT", "NDRC"),
                         sectors=("energy", "manufacturing"),
                         issued_on=date(2024, 3, 15), document_type="plan")
    add_companies(policy, "byd", "tesla")
    Policy.objects.filter(pk=policy.pk).update(is_draft=True, needs_review=True)
    rows = csv_of(client.get("/policies/export.csv"))
    assert dict(zip(rows[0], rows[1], strict=True)) == {
        "id": str(policy.pk),
        "url": f"http://testserver{policy.get_absolute_url()}",
        "title": "Hydrogen Industry Development Plan",
        "chinese_title": "氢能产业发展规划",
        "date": "2024-03-15",
        "document_type": "plan",
        "draft": "true",
        "agencies": "MIIT; NDRC",
        "lead_agency": "MIIT",
        "sectors": "Energy; Manufacturing",
        "companies": "BYD; Tesla",
        "needs_review": "true",
    }


def test_chinese_text_round_trips_through_the_csv(seeded, client):
    rows = csv_of(client.get("/policies/export.csv"))
    titles = {p.pk: (p.title, p.chinese_title) for p in Policy.objects.all()}
    assert len(rows) - 1 == len(titles) == 17
    for row in rows[1:]:
        assert (row[2], row[3]) == titles[int(row[0])]
    assert sum(1 for row in rows[1:] if re.search(r"[\u4e00-\u9fff]", row[3])) >= 8


HOSTILE = ["=HYPERLINK(\"http://evil.example\",\"click\")", "+1+cmd|' /C calc'!A0", "-2+3",
           "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("text", HOSTILE)
def test_cells_that_look_like_formulas_are_neutralised(db, client, text):
    policy = make_policy(title=text, chinese_title=text, agencies=("MIIT",))
    brief = make_archive_brief(title=text, published_on=date(2024, 1, 1))
    make_news_item(brief, text=text, sources=(text,), on=date(2024, 1, 2))
    row = csv_of(client.get("/policies/export.csv"))[1]
    assert row[0] == str(policy.pk)
    assert row[2] == row[3] == "'" + text
    news = dict(zip(NEWS_COLUMNS, csv_of(client.get("/news/export.csv"))[1], strict=True))
    assert news["text"] == news["sources"] == news["brief"] == "'" + text
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)


BAD = [
    ("agency=NOPE", "Unknown agency “NOPE”"),
    ("date_from=2024-13-45", "is not a real date"),
    ("type=decree", "Unknown document type"),
    ("sort=drop", "Unknown sort"),
    ("date_from=2024&date_to=2020", "is before the start date"),
]


def test_bad_parameters_answer_400_in_plain_text_not_a_partial_csv(seeded, client):
    urls = [(f"/policies/export.csv?{query}", words) for query, words in BAD]
    urls += [(f"/news/export.csv?{query}", words) for query, words in BAD
             if "type=" not in query]  # the news list has no `type`: it is ignored there
    for url, words in urls:
        response = client.get(url)
        assert response.status_code == 400, url
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert not response.streaming
        body = response.content.decode()
        assert words in body and "nothing was exported" in body
        assert "id,url" not in body and "id,date" not in body


def test_csv_queries_do_not_grow_with_the_rows(db, client):
    def queries(n: int) -> int:
        Policy.objects.all().delete()
        for i in range(n):
            add_companies(make_policy(title=f"Plan {i}", agencies=("MIIT", "NDRC"),
                                      sectors=("energy",), issued_on=date(2024, 1, 1)), "byd")
        with CaptureQueriesContext(connection) as captured:
            assert len(csv_of(client.get("/policies/export.csv?agency=MIIT"))) == n + 1
        return len(captured)

    assert queries(3) == queries(40)


# --------------------------------------------------------------------------- news


NEWS_QUERIES = ["", "kind=corporate", "agency=MIIT", "agency=MIIT&kind=policy",
                "company=astrazeneca", "date_from=2024-11", "q=semiconductor", "sort=date"]


def test_news_csv_has_every_row_of_the_page(indexed, client):
    for query in NEWS_QUERIES:
        rows = csv_of(client.get(f"/news/export.csv?{query}"))
        assert rows[0] == NEWS_COLUMNS
        api = client.get(f"/api/news/?{query}&page_size=100").json()
        assert len(rows) - 1 == api["count"] > 0, query
        assert [int(row[0]) for row in rows[1:]] == [r["id"] for r in api["results"]], query


def test_news_csv_columns(db, client):
    brief = make_archive_brief(title="China Industries Brief", published_on=date(2024, 4, 2))
    item = make_news_item(brief, text="MIIT met BYD about 氢能 buses.", on=date(2024, 3, 20),
                          agencies=("NDRC", "MIIT"), companies=("byd", "tesla"),
                          sources=("Xinhua", "MIIT notice"))
    rows = csv_of(client.get("/news/export.csv"))
    assert dict(zip(rows[0], rows[1], strict=True)) == {
        "id": str(item.pk), "date": "2024-03-20", "kind": "policy",
        "text": "MIIT met BYD about 氢能 buses.", "sources": "Xinhua; MIIT notice",
        "agencies": "MIIT; NDRC", "companies": "BYD; Tesla", "brief": "China Industries Brief",
        "brief_url": f"http://testserver{brief.get_absolute_url()}#news-1",
    }


# --------------------------------------------------------------------------- links


def test_list_pages_link_their_csv_with_their_filters(seeded, client):
    page = client.get("/policies/?agency=MIIT&type=notice&page=2&page_size=3")
    href = link_href(page, "Download CSV")
    assert href == "/policies/export.csv?agency=MIIT&type=notice"
    assert len(csv_of(client.get(href))) - 1 == page.context["results"].count

    page = client.get("/news/?kind=corporate")
    href = link_href(page, "Download CSV")
    assert href == "/news/export.csv?kind=corporate"
    assert len(csv_of(client.get(href))) - 1 == page.context["results"].count


REGISTRY_PAGES = [
    ("/agencies/miit/?sector=manufacturing", "agency=MIIT"),
    ("/sectors/manufacturing/?type=notice", "sector=manufacturing"),
    ("/companies/byd/", "company=byd"),
]


def test_registry_pages_link_their_csv_with_their_record_preset(seeded, client):
    for url, preset in REGISTRY_PAGES:
        page = client.get(url)
        href = link_href(page, "Download CSV")
        assert preset in href, url
        count = page.context["results"].count
        assert count > 0, url
        assert len(csv_of(client.get(href))) - 1 == count, url


# --------------------------------------------------------------------------- dump


def test_the_dump_download_streams_with_its_header_first(seeded, client):
    response = client.get("/dump/archive.jsonl")
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "application/x-ndjson; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="policy-briefs')
    lines = b"".join(response.streaming_content).decode("utf-8").splitlines()
    header = json.loads(lines[0])
    assert header["format"] == "policy-briefs-archive" and header["version"] == 3
    assert header["counts"]["policies.policy"] == 17
    assert header["counts"]["policies.newsitem"] == NewsItem.objects.count()
    records = [json.loads(line) for line in lines[1:-1]]
    assert sum(r["model"] == "policies.policy" for r in records) == 17
    assert json.loads(lines[-1]) == {"end": True, "records": len(records)}


def test_the_dump_is_linked_and_documented_on_the_api_page_and_in_the_footer(db, client):
    page = client.get("/api/")
    body = html.unescape(page.content.decode())
    assert body.count('href="/dump/archive.jsonl"') >= 2  # the API page and the footer
    assert '"format": "policy-briefs-archive"' in body  # the schema, from policies/dump.py
    assert "policies.policyagency" in body
    home = client.get("/").content.decode()
    assert 'href="/dump/archive.jsonl"' in home
