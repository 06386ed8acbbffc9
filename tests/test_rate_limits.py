"""Each client may use the costly parts of the site only so often (settings.RATELIMITS): CSV
exports, the dump, Atom feeds and API searches. One request over answers 429 with Retry-After
(the seconds until the window ends) and a message in the surface's own form; another client is
not affected. (The public forms' limits are tested with the forms: test_problem_reports.py and
test_alerts.py.)"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from types import SimpleNamespace

import pytest
from django_ratelimit import core as ratelimit_core

from .conftest import ROOT
from .factories import make_sample_archive

pytestmark = pytest.mark.django_db

LIMIT = 3
SURFACES = [  # url, the limit it counts towards
    ("/policies/export.csv?agency=MIIT", "exports"),
    ("/companies/export.csv", "exports"),
    ("/dump/archive.jsonl", "dump"),
    ("/policies/feed/", "feeds"),
    ("/agencies/miit/feed/", "feeds"),
    ("/api/policies/?q=hydrogen", "search_api"),
    ("/api/agencies/miit/?q=plan", "search_api"),
    ("/api/news/?q=MIIT", "search_api"),
]


@pytest.fixture
def archive():
    return make_sample_archive()


@pytest.fixture
def low_limits(settings, monkeypatch):
    """LIMIT uses a minute, on a clock that stands still: django-ratelimit counts in fixed
    windows, each client's ending at a second of its own, so a test that ran across the end of
    one saw its counts start again (a request the test expected refused was served)."""
    settings.RATELIMITS = {name: f"{LIMIT}/m" for name in settings.RATELIMITS}
    now = time.time()
    monkeypatch.setattr(ratelimit_core, "time", SimpleNamespace(time=lambda: now))


def use_up(client, url: str, **extra) -> None:
    for _ in range(LIMIT):
        assert client.get(url, **extra).status_code == 200, url


@pytest.mark.parametrize(("url", "name"), SURFACES)
def test_one_request_over_the_limit_is_429_with_retry_after_and_others_are_served(
        client, archive, low_limits, url, name):
    use_up(client, url)
    refused = client.get(url)
    assert refused.status_code == 429, url
    seconds = refused["Retry-After"]
    assert 1 <= int(seconds) <= 60, seconds
    if name != "search_api":  # CSV, dump and feeds say why in plain text (the API: below)
        assert refused["Content-Type"] == "text/plain; charset=utf-8"
        text = refused.content.decode()
        assert text.startswith("Too many ") and "at most 3 a minute" in text, text
        assert f"try again in {seconds} second" in text
    assert client.get(url, REMOTE_ADDR="192.0.2.10").status_code == 200  # another client
    assert client.get(url).status_code == 429  # still refused, within the same minute


def test_the_api_refusal_is_the_apis_problem_shape(client, archive, low_limits):
    url = "/api/policies/?q=hydrogen"
    use_up(client, url)
    refused = client.get(url, HTTP_ORIGIN="https://notebook.example.org")
    assert refused["Content-Type"] == "application/json"
    problem = refused.json()
    assert set(problem) == {"error", "errors"} and problem["errors"] == {}
    assert problem["error"].startswith("Too many API searches from your address: at most 3 a "
                                       "minute.")
    assert refused["Access-Control-Allow-Origin"] == "*"  # a browser client can read why


def test_api_lists_without_a_search_are_not_counted(client, archive, low_limits):
    for _ in range(LIMIT + 2):
        assert client.get("/api/policies/?agency=MIIT").status_code == 200
        assert client.get("/api/policies/?q=").status_code == 200
    use_up(client, "/api/policies/?q=hydrogen")


def test_all_exports_share_one_count(client, archive, low_limits):
    for url in ("/policies/export.csv", "/news/export.csv", "/sectors/export.csv"):
        assert client.get(url).status_code == 200
    assert client.get("/briefs/export.csv").status_code == 429
    assert client.get("/policies/feed/").status_code == 200  # another limit


def test_x_forwarded_for_counts_only_behind_a_trusted_proxy(client, archive, low_limits,
                                                             settings):
    url = "/policies/feed/"
    use_up(client, url, HTTP_X_FORWARDED_FOR="198.51.100.1")
    # Not behind a proxy: the header is the client's own word, and changes nothing.
    assert client.get(url, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 429

    settings.BEHIND_TRUSTED_PROXY = True
    # Every request now comes from the proxy (REMOTE_ADDR); the first hop is the client.
    use_up(client, url, HTTP_X_FORWARDED_FOR="198.51.100.3, 10.0.0.1")
    assert client.get(url, HTTP_X_FORWARDED_FOR="198.51.100.3").status_code == 429
    assert client.get(url, HTTP_X_FORWARDED_FOR="198.51.100.4, 10.0.0.1").status_code == 200
    # A first hop that is no address counts as the proxy's own request, never a 500.
    assert client.get(url, HTTP_X_FORWARDED_FOR="not-an-address").status_code == 429


def _settings_with(**env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items()
                   if k not in {"DJANGO_SETTINGS_MODULE", "DEBUG"}}
    environment.update(DJANGO_SETTINGS_MODULE="briefs_site.settings",
                       SECRET_KEY="a-test-secret-key-for-a-subprocess-0123456789", **env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings; "
                               "print(settings.RATELIMITS['exports'], "
                               "settings.RATELIMITS['feeds'])"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120)


def test_limits_come_from_the_environment_and_a_bad_one_is_refused_by_name():
    result = _settings_with(RATELIMIT_EXPORTS="200/h")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["200/h", "60/m"]
    bad = _settings_with(RATELIMIT_FEEDS="lots")
    assert bad.returncode != 0
    assert "RATELIMIT_FEEDS='lots': expected a count and a period, such as 30/m" in bad.stderr
