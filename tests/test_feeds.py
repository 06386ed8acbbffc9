"""Atom feeds of the policy lists: parsed with a real feed parser; entries are the latest 50 by
date under the page's filters, ids are the permalinks; bad parameters 400; pages link them."""

from __future__ import annotations

import calendar
import html
import re
from datetime import date

import feedparser
import pytest

from policies.listing import pages
from policies.models import Agency, Company, Policy, Sector
from policies.search.index import reindex_all

from .factories import add_companies, make_policy

pytestmark = pytest.mark.django_db

ATOM = "application/atom+xml; charset=utf-8"


def parse(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == ATOM
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def latest(**scope) -> list[Policy]:
    params = scope.pop("params", {})
    _, rows = pages.filter_policies(params, **scope)
    return sorted(rows, key=lambda p: (p.issued_on is not None, p.issued_on or date.min, p.pk),
                  reverse=True)[:50]


def permalink(policy: Policy) -> str:
    return f"http://testserver{policy.get_absolute_url()}"


FEED_QUERIES = [{}, {"agency": "MIIT"}, {"agency": "MIIT", "sector": "manufacturing"},
                {"type": "notice", "date_from": "2024"}, {"q": "物联网"}, {"sort": "date"}]


def test_the_policy_feed_has_the_filtered_policies_newest_first(seeded, client):
    reindex_all()
    for params in FEED_QUERIES:
        feed = parse(client.get("/policies/feed/", params))
        expected = latest(params=params)
        assert expected, params
        assert [e.id for e in feed.entries] == [permalink(p) for p in expected], params
        assert [e.title for e in feed.entries] == [p.title for p in expected], params
        assert [e.link for e in feed.entries] == [permalink(p) for p in expected], params


def test_entries_say_when_the_record_changed_and_when_it_was_issued(seeded, client):
    feed = parse(client.get("/policies/feed/?agency=MIIT"))
    entry = feed.entries[0]
    policy = Policy.objects.get(pk=int(entry.id.split("/")[4]))
    assert calendar.timegm(entry.updated_parsed) == int(policy.updated_at.timestamp())
    assert entry.published.startswith(policy.issued_on.isoformat())
    assert feed.feed.title == "Policies issued by MIIT · Policy Briefs Archive"
    assert feed.feed.link == "http://testserver/policies/?agency=MIIT"
    assert {link.href for link in feed.feed.links if link.rel == "self"} == {
        "http://testserver/policies/feed/?agency=MIIT"}


def test_a_feed_holds_the_latest_fifty(db, client):
    policies = [make_policy(title=f"Notice {i}", agencies=("MIIT",),
                            issued_on=date(2020, 1, 1).replace(year=2000 + i // 12,
                                                               month=i % 12 + 1))
                for i in range(55)]
    feed = parse(client.get("/policies/feed/"))
    assert len(feed.entries) == 50
    newest = sorted(policies, key=lambda p: p.issued_on, reverse=True)[:50]
    assert [e.id for e in feed.entries] == [permalink(p) for p in newest]


SCOPED = [
    ("/agencies/miit/feed/", "agency", Agency, "miit"),
    ("/sectors/manufacturing/feed/", "sector", Sector, "manufacturing"),
    ("/companies/byd/feed/", "company", Company, "byd"),
]


def test_agency_sector_and_company_feeds_hold_their_pages_policies(seeded, client):
    for url, name, model, slug in SCOPED:
        expected = latest(**{name: model.objects.get(slug=slug)})
        assert expected, url
        feed = parse(client.get(url))
        assert [e.id for e in feed.entries] == [permalink(p) for p in expected], url
        filtered = parse(client.get(f"{url}?type=notice"))
        assert {e.id for e in filtered.entries} == {
            permalink(p) for p in expected if p.document_type == "notice"}, url


BAD = ["/policies/feed/?agency=NOPE", "/policies/feed/?date_from=x",
       "/agencies/miit/feed/?sort=drop", "/sectors/energy/feed/?type=decree"]


def test_bad_parameters_answer_400_in_plain_text(db, client):
    for url in BAD:
        response = client.get(url)
        assert response.status_code == 400, url
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert b"<feed" not in response.content


def test_an_unknown_record_has_no_feed(db, client):
    assert client.get("/agencies/no-such-agency/feed/").status_code == 404
    assert client.get("/companies/no-such-company/feed/").status_code == 404


def test_hostile_titles_stay_text_in_the_feed(db, client):
    evil = "</script><script>alert(1)</script> & <b>粗</b>"
    make_policy(title=evil, chinese_title=evil, agencies=("MIIT",), issued_on=date(2024, 1, 2))
    response = client.get("/policies/feed/")
    assert b"<script" not in response.content and b"<b>" not in response.content
    entry = parse(response).entries[0]
    assert entry.title == evil


ALTERNATE = re.compile(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" '
                       r'href="([^"]+)">')


LINKED = [
    ("/policies/?agency=MIIT&sector=manufacturing&sort=date",
     "/policies/feed/?agency=MIIT&sector=manufacturing"),
    ("/policies/", "/policies/feed/"),
    ("/agencies/miit/?type=notice", "/agencies/miit/feed/?type=notice"),
    ("/sectors/energy/", "/sectors/energy/feed/"),
    ("/companies/byd/", "/companies/byd/feed/"),
    ("/", "/policies/feed/"),
]


def test_pages_link_their_feed_in_the_head(seeded, client):
    for page, feed_url in LINKED:
        body = client.get(page).content.decode()
        head = body[: body.index("</head>")]
        assert [html.unescape(h) for h in ALTERNATE.findall(head)] == [feed_url], page
        assert parse(client.get(feed_url)).entries, feed_url


def test_a_new_policy_tops_its_companys_feed(seeded, client):
    policy = make_policy(title="A newer policy naming BYD", agencies=("NDRC",),
                         issued_on=date(2030, 1, 1))
    add_companies(policy, "byd")
    feed = parse(client.get("/companies/byd/feed/"))
    assert feed.entries[0].id == permalink(policy)
