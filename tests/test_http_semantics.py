"""HTTP as clients expect it: HEAD answers wherever GET does (crawlers and monitors use it),
with the same status and no body; every response says which browser features the archive
refuses (Permissions-Policy)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from policies import urls as policies_urls
from policies.alerts.tokens import confirm_token, unsubscribe_token
from policies.models import NewsItem, Subscription

from .factories import make_sample_archive

pytestmark = pytest.mark.django_db

# Every GET URL of policies/urls.py and briefs_site/urls.py (the admin aside); "{...}" is filled
# in from the sample archive.
GET_URLS = [
    "/", "/robots.txt", "/sitemap.xml",
    "/policies/", "/policies/?agency=MIIT", "/policies/?q=hydrogen", "{policy}",
    "/policies/{policy_pk}/cite.bib", "/policies/{policy_pk}/cite.ris",
    "/agencies/", "/agencies/miit/", "/sectors/", "/sectors/energy/", "/companies/",
    "/companies/byd/", "/briefs/", "{brief}", "/news/", "/names/companies.json", "/targets/",
    "/targets/export.csv", "/network/", "/network/export.csv", "/agencies/miit/network.csv",
    "/policies/export.csv", "/news/export.csv", "/briefs/export.csv", "/agencies/export.csv",
    "/sectors/export.csv", "/companies/export.csv",
    "/policies/feed/", "/agencies/miit/feed/", "/sectors/energy/feed/", "/companies/byd/feed/",
    "/dump/archive.jsonl",
    "/alerts/follow/?query=agency%3DMIIT&page=", "/alerts/confirm/{confirm}/",
    "/alerts/unsubscribe/{unsubscribe}/",
    "/api/", "/api/docs/", "/api/openapi.json", "/api/policies/", "/api/policies/?q=hydrogen",
    "/api/policies/{policy_pk}/", "/api/agencies/", "/api/agencies/miit/", "/api/sectors/",
    "/api/sectors/energy/", "/api/companies/", "/api/companies/byd/", "/api/briefs/",
    "/api/briefs/{brief_slug}/", "/api/news/", "/api/news/{news_pk}/", "/api/targets/",
    "/api/network/", "/api/agencies/miit/network/",
]

# GET URLs that only redirect (an alias of a permalink): HEAD answers the same redirect.
REDIRECT_URLS = ["/policies/by-number/{number}/"]


@pytest.fixture
def archive():
    archive = make_sample_archive()
    policy, brief = archive["policies"]["hydrogen"], archive["brief"]
    policy.document_number = "国发〔2024〕1号"
    policy.save()
    subscription = Subscription.objects.create(email="reader@example.org", frequency="daily",
                                               query="agency=MIIT")
    return {
        "policy": policy.get_absolute_url(), "policy_pk": policy.pk,
        "brief": brief.get_absolute_url(), "brief_slug": brief.slug,
        "news_pk": NewsItem.objects.first().pk, "number": policy.document_number,
        "confirm": confirm_token(subscription, "daily"),
        "unsubscribe": unsubscribe_token(subscription),
    }


@pytest.mark.parametrize("url", GET_URLS)
def test_head_answers_wherever_get_does(client, archive, url):
    url = url.format(**archive)
    get = client.get(url)
    head = client.head(url)
    assert head.status_code == get.status_code == 200, url
    body = b"".join(head.streaming_content) if head.streaming else head.content
    assert body == b"", url
    assert head["Content-Type"] == get["Content-Type"], url


@pytest.mark.parametrize("url", REDIRECT_URLS)
def test_head_redirects_wherever_get_does(client, archive, url):
    url = url.format(**archive)
    get, head = client.get(url), client.head(url)
    assert head.status_code == get.status_code == 302, url
    assert head["Location"] == get["Location"] and head.content == b"", url


def test_every_get_url_of_the_site_is_in_the_list():
    """A new page is added to GET_URLS (or REDIRECT_URLS), so its HEAD is tested too."""
    listed = {urlsplit(url).path.split("{")[0] for url in GET_URLS + REDIRECT_URLS}
    patterns = [str(pattern.pattern) for pattern in policies_urls.urlpatterns
                if not str(pattern.pattern).startswith(("report/", "api/"))]
    for pattern in patterns:
        prefix = "/" + pattern.split("<")[0]
        assert any(path.startswith(prefix) for path in listed), pattern


def test_a_post_where_only_get_makes_sense_is_405(client, archive):
    assert client.post("/robots.txt").status_code == 405


def test_every_response_refuses_the_browser_features_it_never_uses(client, archive):
    for url in ("/", "/policies/", "/api/policies/"):
        policy = client.get(url)["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
            assert feature in policy, (url, feature)
