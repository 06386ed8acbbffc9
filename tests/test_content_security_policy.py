"""Every answer carries a Content-Security-Policy that allows no inline script or style and
nothing from another origin: the pages, the JSON API, its docs, the admin. The browser's side
(no page reports a violation; an injected inline script is refused) is in tests/test_browser.py.
"""

from __future__ import annotations

import pytest

from .factories import make_sample_archive

pytestmark = pytest.mark.django_db

URLS = ["/", "/policies/", "/policies/?q=hydrogen", "/agencies/miit/", "/briefs/", "/news/",
        "/api/", "/api/policies/", "/api/policies/?q=hydrogen", "/api/openapi.json",
        "/api/docs/", "/policies/feed/", "/policies/export.csv", "/sitemap.xml", "/robots.txt",
        "/no-such-page/", "/admin/login/"]


def policy_of(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in header.split(";"))}


@pytest.fixture
def archive():
    return make_sample_archive()


def test_every_answer_allows_scripts_and_styles_from_the_site_only(client, archive):
    for url in URLS:
        policy = policy_of(client.get(url))
        for directive in ("default-src", "script-src", "style-src", "connect-src", "font-src"):
            assert policy[directive] == ["'self'"], (url, directive, policy)
        assert policy["object-src"] == policy["frame-ancestors"] == ["'none'"], url
        assert policy["base-uri"] == ["'none'"] and policy["form-action"] == ["'self'"], url


def test_the_admin_pages_have_the_same_policy(admin_client, archive):
    for url in ("/admin/", "/admin/policies/policy/", "/admin/review-queue/"):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert policy_of(response) == policy_of(admin_client.get("/")), url


def test_only_the_api_docs_page_may_show_data_images(client, archive):
    """Swagger UI's stylesheet draws its icons as data: URIs; no other page needs them."""
    assert policy_of(client.get("/api/docs/"))["img-src"] == ["'self'", "data:"]
    for url in ("/", "/policies/", "/api/", "/admin/login/"):
        assert policy_of(client.get(url))["img-src"] == ["'self'"], url
    assert "unsafe" not in client.get("/api/docs/")["Content-Security-Policy"]
