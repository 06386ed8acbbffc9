"""/healthz: the database and the cache checked without a model, the session or a login; 503
naming the part that failed. Replicas and a stopped database are in test_several_nodes.py."""

from __future__ import annotations

import json

import pytest

from briefs_site.settings import cache_from_url

from .postgres_cluster import free_port

pytestmark = pytest.mark.django_db


def test_a_healthy_node_answers_ok_with_one_query_and_nothing_else(client,
                                                                   django_assert_num_queries):
    with django_assert_num_queries(1):  # SELECT 1
        response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "cache": "ok",
                                            "replicas": {}}
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies  # no session, no CSRF token


def test_head_answers_like_get_without_a_body(client):
    response = client.head("/healthz")
    assert response.status_code == 200 and response.content == b""


def test_a_post_is_refused(client):
    assert client.post("/healthz").status_code == 405


def test_a_cache_that_does_not_answer_makes_it_503_naming_the_cache(client, settings):
    settings.CACHES = {"default": cache_from_url(f"redis://127.0.0.1:{free_port()}/0")}
    response = client.get("/healthz")
    assert response.status_code == 503
    report = json.loads(response.content)
    assert report["status"] == "error" and report["database"] == "ok"
    assert report["cache"] == "error: ConnectionError"
