"""What each page says about itself in its head: one canonical link, a description, OpenGraph
and Twitter card tags, and schema.org JSON-LD of the right type that no record text can break
out of."""

from __future__ import annotations

import html
import json
import re
from datetime import date

import pytest

from policies.models import Brief, Policy
from policies.search.index import reindex_all

from .factories import make_archive_brief, make_brief_item, make_policy

pytestmark = pytest.mark.django_db

LD_BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', flags=re.S)


def reindex():
    reindex_all()


def head_of(response) -> str:
    body = response.content.decode()
    return body[: body.index("</head>")]


def meta_content(head: str, attribute: str, name: str) -> list[str]:
    return [html.unescape(v) for v in
            re.findall(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', head)]


def canonical_of(head: str) -> list[str]:
    return [html.unescape(v) for v in re.findall(r'<link rel="canonical" href="([^"]*)">', head)]


def json_ld(response) -> dict:
    blocks = LD_BLOCK.findall(response.content.decode())
    assert len(blocks) == 1
    return json.loads(blocks[0])


def main_pages() -> list[tuple[str, str]]:
    policy = Policy.objects.exclude(chinese_title="").order_by("pk").first()
    brief = Brief.objects.order_by("pk").first()
    return [
        ("/", "WebSite"),
        ("/policies/", "CollectionPage"),
        ("/policies/?agency=MIIT&sector=manufacturing", "CollectionPage"),
        (policy.get_absolute_url(), "Legislation"),
        ("/agencies/", "CollectionPage"),
        ("/agencies/miit/", "GovernmentOrganization"),
        ("/sectors/", "CollectionPage"),
        ("/sectors/manufacturing/", "CollectionPage"),
        ("/companies/", "CollectionPage"),
        ("/companies/byd/", "CollectionPage"),
        ("/briefs/", "CollectionPage"),
        (brief.get_absolute_url(), "Article"),
        ("/news/", "CollectionPage"),
        ("/api/", "Dataset"),
    ]


def test_every_main_page_has_one_canonical_description_social_tags_and_json_ld(seeded,
                                                                               client):
    for url, ld_type in main_pages():
        response = client.get(url)
        assert response.status_code == 200, url
        head = head_of(response)
        canonical = canonical_of(head)
        assert len(canonical) == 1, url
        assert canonical[0].startswith("http://testserver/"), url
        for attribute, name in [("name", "description"), ("property", "og:title"),
                                ("property", "og:url"), ("property", "og:description"),
                                ("property", "og:type"), ("name", "twitter:card")]:
            values = meta_content(head, attribute, name)
            assert len(values) == 1 and values[0].strip(), (url, name)
        assert meta_content(head, "property", "og:url") == canonical, url
        assert len(meta_content(head, "name", "description")[0]) <= 160, url
        data = json_ld(response)
        assert data["@context"] == "https://schema.org" and data["@type"] == ld_type, url
        assert LD_BLOCK.search(head), f"{url}: the JSON-LD belongs in the head"


CANONICALS = [
    ("/policies/?sector=manufacturing&agency=MIIT&page=1&sort=-date&page_size=10",
     "/policies/?agency=MIIT&sector=manufacturing"),
    ("/policies/?agency=NOPE&agency=MIIT", "/policies/?agency=MIIT"),
    ("/policies/?sort=date&type=plan&type=notice", "/policies/?sort=date&type=notice&type=plan"),
    ("/policies/?q=data&sort=relevance", "/policies/?q=data"),
    ("/policies/?q=data&sort=-date", "/policies/?q=data&sort=-date"),
    ("/agencies/miit/?type=notice&utm_source=x", "/agencies/miit/?type=notice"),
    ("/news/?kind=corporate&page=1", "/news/?kind=corporate"),
    ("/briefs/?date_from=2024", "/briefs/?date_from=2024"),
]


def test_list_canonicals_keep_only_meaningful_parameters_sorted(seeded, client):
    reindex()
    for url, canonical in CANONICALS:
        head = head_of(client.get(url))
        assert canonical_of(head) == [f"http://testserver{canonical}"], url


def test_list_canonicals_keep_the_page_after_the_first(db, client):
    for day in range(1, 31):
        make_policy(title=f"Notice {day}", issued_on=date(2024, 1, day))
    head = head_of(client.get("/policies/?page=2&page_size=5&type=notice"))
    assert canonical_of(head) == ["http://testserver/policies/?page=2&type=notice"]


def test_policy_json_ld_is_legislation(db, client):
    policy = make_policy(title="Hydrogen Industry Development Plan",
                         chinese_title="氢能产业发展规划", agencies=("MIIT", "NDRC"),
                         sectors=("energy",),
                         issued_on=date(2024, 3, 15), document_type="plan")
    response = client.get(policy.get_absolute_url())
    data = json_ld(response)
    url = f"http://testserver{policy.get_absolute_url()}"
    assert data["name"] == "Hydrogen Industry Development Plan"
    assert data["alternateName"] == "氢能产业发展规划"
    assert data["legislationDate"] == "2024-03-15"
    assert data["legislationType"] == "Plan"
    assert data["url"] == url
    passed_by = data["legislationPassedBy"]
    assert [a["@type"] for a in passed_by] == ["GovernmentOrganization"] * 2
    assert [a["name"] for a in passed_by] == ["Ministry of Industry and Information Technology",
                                              "National Development and Reform Commission"]
    assert passed_by[0]["url"] == "http://testserver/agencies/miit/"
    head = head_of(response)
    assert meta_content(head, "property", "og:type") == ["article"]
    description = meta_content(head, "name", "description")[0]
    assert description == ("Hydrogen Industry Development Plan. Plan issued by MIIT, NDRC on "
                           "15 March 2024.")


def test_policy_description_is_the_first_160_characters_of_its_summary(db, client):
    policy = make_policy(title="Hydrogen Plan", agencies=("MIIT",))
    summary = "The plan sets goals for hydrogen vehicles. " * 10
    make_brief_item(make_archive_brief(title="Brief"), policy=policy, summary=summary)
    head = head_of(client.get(policy.get_absolute_url()))
    description = meta_content(head, "name", "description")[0]
    assert len(description) == 160 and description.endswith("…")
    assert summary.startswith(description[:-1])
    assert meta_content(head, "property", "og:description") == [description]


def test_brief_json_ld_is_an_article(db, client):
    brief = make_archive_brief(title="China Industries Brief March 2024", publisher="MERICS",
                               published_on=date(2024, 4, 2))
    Brief.objects.filter(pk=brief.pk).update(authors=["Jane Doe"])
    data = json_ld(client.get(brief.get_absolute_url()))
    assert data["headline"] == "China Industries Brief March 2024"
    assert data["datePublished"] == "2024-04-02"
    assert data["author"] == [{"@type": "Person", "name": "Jane Doe"}]
    assert data["publisher"] == {"@type": "Organization", "name": "MERICS"}


def test_agency_json_ld_is_a_government_organization(seeded, client):
    data = json_ld(client.get("/agencies/miit/"))
    assert data["name"] == "Ministry of Industry and Information Technology"
    assert "MIIT" in data["alternateName"]
    assert data["url"] == "http://testserver/agencies/miit/"


def test_home_json_ld_is_the_website_with_its_search(db, client):
    data = json_ld(client.get("/"))
    action = data["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == (
        "http://testserver/policies/?q={search_term_string}")
    assert action["query-input"] == "required name=search_term_string"


def test_a_hostile_title_cannot_break_out_of_the_json_ld(db, client):
    evil = "</script><script>alert(1)</script> & <!-- ]]> \u2028"
    policy = make_policy(title=evil, chinese_title=evil, agencies=("MIIT",),
                         issued_on=date(2024, 1, 2))
    brief = make_archive_brief(title=evil, published_on=date(2024, 2, 2))
    make_brief_item(brief, policy=policy, summary=evil)
    reindex()
    for url in (policy.get_absolute_url(), brief.get_absolute_url()):
        response = client.get(url)
        body = response.content.decode()
        blocks = LD_BLOCK.findall(body)
        assert len(blocks) == 1, url
        assert "</script><script>alert" not in blocks[0] and "<" not in blocks[0]
        assert "<script>alert" not in body
        data = json.loads(blocks[0])
        if data["@type"] == "Legislation":
            assert data["name"] == evil and data["alternateName"] == evil
        else:
            assert data["headline"] == evil
        assert meta_content(head_of(response), "property", "og:title") == [evil]
