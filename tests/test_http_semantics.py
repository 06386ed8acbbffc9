"""HTTP as clients expect it: HEAD answers wherever GET does (crawlers and monitors use it),
with the same status and no body; every response says which browser features the archive
refuses (Permissions-Policy)."""

from __future__ import annotations

import pytest

from .factories import make_sample_archive

pytestmark = pytest.mark.django_db

GET_URLS = ["/", "/robots.txt", "/sitemap.xml", "/policies/", "/policies/?agency=MIIT",
            "/agencies/", "/agencies/miit/", "/sectors/energy/", "/briefs/", "/news/",
            "/api/", "/api/policies/", "/policies/feed/", "/policies/export.csv",
            "/agencies/export.csv"]


@pytest.fixture
def archive():
    return make_sample_archive()


@pytest.mark.parametrize("url", GET_URLS)
def test_head_answers_wherever_get_does(client, archive, url):
    get = client.get(url)
    head = client.head(url)
    assert head.status_code == get.status_code == 200, url
    body = b"".join(head.streaming_content) if head.streaming else head.content
    assert body == b"", url
    assert head["Content-Type"] == get["Content-Type"], url


def test_a_post_where_only_get_makes_sense_is_405(client, archive):
    assert client.post("/robots.txt").status_code == 405


def test_every_response_refuses_the_browser_features_it_never_uses(client, archive):
    for url in ("/", "/policies/", "/api/policies/"):
        policy = client.get(url)["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
            assert feature in policy, (url, feature)
