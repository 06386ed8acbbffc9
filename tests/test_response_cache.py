"""Cached responses and conditional GET (policies/response_cache.py): an anonymous reader's
page is kept per data version and served again for one query; ETag and Last-Modified answer
304; any write makes every page fresh; sessions, forms and the admin are never cached; the same
works with the responses kept in a real redis-server."""

from __future__ import annotations

import os
import shutil

import pytest
from django.test import Client

from policies.models import Policy

from .test_several_nodes import Redis

pytestmark = pytest.mark.django_db


def test_a_page_carries_validators_and_public_caching(client, seeded):
    response = client.get("/policies/")
    assert response.status_code == 200
    assert response["ETag"].startswith('W/"')
    assert response["Last-Modified"].endswith("GMT")
    assert response["Cache-Control"] == "public, max-age=60"
    assert "HX-Request" in response["Vary"]


def test_the_same_page_again_is_served_from_the_cache_for_one_query(
        client, seeded, django_assert_num_queries):
    first = client.get("/policies/?agency=MIIT")
    with django_assert_num_queries(1):  # the data version
        again = client.get("/policies/?agency=MIIT")
    assert again["X-Cache"] == "hit"
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]


def test_a_matching_etag_or_date_answers_304_without_the_page(
        client, seeded, django_assert_num_queries):
    first = client.get("/policies/?type=notice")
    with django_assert_num_queries(1):
        unchanged = client.get("/policies/?type=notice", HTTP_IF_NONE_MATCH=first["ETag"])
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert unchanged["ETag"] == first["ETag"]
    since = client.get("/policies/?type=notice", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    other = client.get("/policies/?type=notice", HTTP_IF_NONE_MATCH='W/"0.0-other"')
    assert other.status_code == 200


def test_a_write_makes_every_page_fresh(client, seeded):
    first = client.get("/policies/")
    policy = Policy.objects.order_by("-issued_on").first()
    policy.title = "Notice on a Title Just Corrected"
    policy.save()
    again = client.get("/policies/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert "X-Cache" not in again
    assert again["ETag"] != first["ETag"]
    assert "Notice on a Title Just Corrected" in again.content.decode()


def test_the_query_string_order_does_not_make_another_page(client, seeded):
    one = client.get("/policies/?type=notice&agency=MIIT")
    other = client.get("/policies/?agency=MIIT&type=notice")
    assert one["ETag"] == other["ETag"] and other["X-Cache"] == "hit"
    assert client.get("/policies/?agency=MIIT&type=plan")["ETag"] != one["ETag"]


def test_an_htmx_fragment_is_another_response(client, seeded):
    page = client.get("/policies/")
    fragment = client.get("/policies/", HTTP_HX_REQUEST="true")
    assert fragment["ETag"] != page["ETag"]
    assert "X-Cache" not in fragment and len(fragment.content) < len(page.content)
    restored = client.get("/policies/", HTTP_HX_REQUEST="true",
                          HTTP_HX_HISTORY_RESTORE_REQUEST="true")  # a whole page again
    assert restored["ETag"] not in (page["ETag"], fragment["ETag"])
    assert restored.content.count(b"<html") == 1
    assert client.get("/policies/", HTTP_HX_REQUEST="true").content == fragment.content


def test_a_head_is_answered_from_the_same_cache(client, seeded):
    client.get("/policies/")
    head = client.head("/policies/")
    assert head.status_code == 200 and head["X-Cache"] == "hit" and head.content == b""


def test_signed_in_editors_and_forms_are_never_cached(admin_client, seeded):
    admin_client.get("/policies/")
    again = admin_client.get("/policies/")
    assert "X-Cache" not in again and "public" not in again.get("Cache-Control", "")
    reader = Client()
    form = reader.get("/alerts/follow/?query=agency%3DMIIT&page=")
    assert form.status_code == 200 and "csrfmiddlewaretoken" in form.content.decode()
    assert "public" not in form.get("Cache-Control", "")
    assert "X-Cache" not in reader.get("/alerts/follow/?query=agency%3DMIIT&page=")


def test_without_the_response_cache_pages_are_rendered_but_still_validated(
        client, seeded, settings):
    settings.RESPONSE_CACHE = False
    first = client.get("/policies/")
    again = client.get("/policies/")
    assert "X-Cache" not in again
    assert client.get("/policies/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_the_responses_can_live_in_a_real_redis(client, seeded, settings, tmp_path):
    if not shutil.which("redis-server"):
        if os.environ.get("CI"):
            pytest.fail("redis-server is missing (make test installs it)")
        pytest.skip("needs redis-server (apt-get install redis-server)")
    redis = Redis(tmp_path)
    try:
        settings.CACHES = {**settings.CACHES, "responses": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis.url,
            "KEY_PREFIX": "briefs-responses"}}
        first = client.get("/sectors/")
        again = client.get("/sectors/")
        assert again["X-Cache"] == "hit" and again.content == first.content
        import redis as redis_client

        keys = redis_client.Redis.from_url(redis.url).keys("briefs-responses:*")
        assert keys
    finally:
        redis.stop()


def test_permalinks_and_entity_pages_are_kept_for_the_next_reader(client, seeded):
    policy = Policy.objects.order_by("pk").first()
    for url in (policy.get_absolute_url(), "/agencies/miit/", "/sectors/energy/"):
        first = client.get(url)
        assert first.status_code == 200 and "csrftoken" not in first.cookies, url
        assert client.get(url)["X-Cache"] == "hit", url


def test_a_hit_is_answered_before_the_session_csrf_and_auth_middleware_run(client, seeded):
    from unittest import mock

    from django.contrib.sessions.middleware import SessionMiddleware
    from django.middleware.csrf import CsrfViewMiddleware

    first = client.get("/policies/?agency=NDRC")
    refused = AssertionError("a cached page went past the response cache")
    with mock.patch.object(SessionMiddleware, "process_request", side_effect=refused), \
            mock.patch.object(CsrfViewMiddleware, "process_view", side_effect=refused):
        again = client.get("/policies/?agency=NDRC")
        unchanged = client.get("/policies/?agency=NDRC", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again["X-Cache"] == "hit" and again.content == first.content
    assert unchanged.status_code == 304


def test_a_hit_carries_the_same_security_headers_and_a_request_id_of_its_own(client, seeded):
    first = client.get("/sectors/energy/")
    again = client.get("/sectors/energy/", HTTP_X_REQUEST_ID="reader-42")
    assert again["X-Cache"] == "hit"
    for name in ("Content-Security-Policy", "Permissions-Policy", "X-Content-Type-Options",
                 "Referrer-Policy", "Cross-Origin-Opener-Policy", "X-Frame-Options",
                 "Content-Type", "Vary", "ETag", "Cache-Control"):
        assert again[name] == first[name], name
    assert again["X-Request-ID"] == "reader-42" != first["X-Request-ID"]


def test_a_cached_page_asked_for_under_an_unknown_host_is_a_400(client, seeded):
    first = client.get("/policies/")
    assert client.get("/policies/")["X-Cache"] == "hit"
    assert client.get("/policies/", HTTP_HOST="evil.example").status_code == 400
    assert client.get("/policies/", HTTP_HOST="evil.example",
                      HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 400


def test_the_json_twin_from_the_cache_still_answers_cors(client, seeded):
    client.get("/api/policies/?type=notice")
    again = client.get("/api/policies/?type=notice", HTTP_ORIGIN="https://elsewhere.example")
    assert again["X-Cache"] == "hit"
    assert again["Access-Control-Allow-Origin"] == "*"
