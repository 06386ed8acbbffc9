"""Links that leave the page (sitemap, feeds, robots.txt, alert e-mails) are absolute on the
public host: SITE_DOMAIN when it is set, else the host and port the request came to, never an
ALLOWED_HOSTS pattern such as "*"; changing SITE_DOMAIN takes no migration (the sites table's
domain is never read). E-mails sent without a request need SITE_DOMAIN."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import feedparser
import pytest
from django.contrib.sites.models import Site
from django.core import mail
from django.core.management import CommandError, call_command

from policies.alerts.signup import FollowForm

from .conftest import ROOT
from .factories import make_sample_archive

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def archive(settings):
    settings.ALLOWED_HOSTS = ["*"]  # any Host may ask: it must never show up as "*"
    settings.SITE_DOMAIN = ""
    return make_sample_archive()


def sitemap_hosts(client, **headers) -> set[str]:
    root = ET.fromstring(client.get("/sitemap.xml", **headers).content)
    urls = [loc.text for loc in root.iterfind("s:url/s:loc", SITEMAP_NS)]
    assert len(urls) > 10
    return {urlsplit(url).netloc for url in urls}


def feed_hosts(client, url="/policies/feed/?agency=MIIT", **headers) -> set[str]:
    feed = feedparser.parse(client.get(url, **headers).content)
    assert feed.entries and not feed.bozo
    urls = [feed.feed.id, feed.feed.link] + [link.href for link in feed.feed.links]
    urls += [entry.id for entry in feed.entries] + [entry.link for entry in feed.entries]
    return {urlsplit(url).scheme + "://" + urlsplit(url).netloc for url in urls}


def test_without_site_domain_the_sitemap_and_feeds_are_on_the_requests_host_and_port(
        client, archive):
    assert sitemap_hosts(client, HTTP_HOST="example.org:8080") == {"example.org:8080"}
    assert feed_hosts(client, HTTP_HOST="example.org:8080") == {"http://example.org:8080"}
    assert feed_hosts(client, "/sectors/energy/feed/", HTTP_HOST="127.0.0.1:8000") == {
        "http://127.0.0.1:8000"}  # what make run serves
    robots = client.get("/robots.txt", HTTP_HOST="example.org:8080").content.decode()
    assert "Sitemap: http://example.org:8080/sitemap.xml" in robots


def test_a_tls_request_gets_https_links(client, archive):
    assert feed_hosts(client, HTTP_HOST="example.org", HTTP_X_FORWARDED_PROTO="https") == {
        "https://example.org"}


def test_allowed_hosts_star_never_reaches_a_url(client, archive):
    for url in ("/sitemap.xml", "/policies/feed/", "/robots.txt"):
        assert b"://*" not in client.get(url).content, url
    assert sitemap_hosts(client) == {"testserver"}
    assert feed_hosts(client) == {"http://testserver"}


def test_site_domain_names_the_host_at_once_without_a_migration(client, archive, settings):
    settings.SITE_DOMAIN = "briefs.example.net"
    assert Site.objects.get(pk=settings.SITE_ID).domain != "briefs.example.net"  # untouched
    assert sitemap_hosts(client, HTTP_HOST="example.org:8080") == {"briefs.example.net"}
    assert feed_hosts(client, HTTP_HOST="example.org:8080") == {"http://briefs.example.net"}
    settings.SITE_DOMAIN = "archive.example.com:8443"
    assert feed_hosts(client, "/companies/byd/feed/") == {"http://archive.example.com:8443"}


def test_without_site_domain_the_sign_up_e_mail_links_to_the_host_it_was_sent_from(
        client, archive):
    token = FollowForm.signer().sign(str(int(time.time()) - 10))
    response = client.post("/alerts/follow/", {
        "query": "agency=MIIT", "page": "", "email": "reader@example.org",
        "frequency": "daily", "token": token, "website": ""}, HTTP_HOST="example.org:8080")
    assert response.status_code == 302, response.content.decode()[:500]
    [message] = mail.outbox
    assert "http://example.org:8080/alerts/confirm/" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<http://example.org:8080/alerts/unsubscribe/")


def test_send_alerts_without_site_domain_stops_with_a_clear_error(archive):
    with pytest.raises(CommandError, match="SITE_DOMAIN is not set: e-mails sent outside a web "
                                           "request"):
        call_command("send_alerts")
    assert not mail.outbox


def test_the_settings_take_no_host_from_allowed_hosts():
    env = {k: v for k, v in os.environ.items()
           if k not in {"DJANGO_SETTINGS_MODULE", "DEBUG", "SITE_DOMAIN"}}
    env.update(DJANGO_SETTINGS_MODULE="briefs_site.settings", ALLOWED_HOSTS="*",
               SECRET_KEY="a-test-secret-key-for-a-subprocess-0123456789")
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings; "
                               "print(repr(settings.SITE_DOMAIN), settings.DEFAULT_FROM_EMAIL)"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "'' Policy Briefs Archive <alerts@localhost>"
