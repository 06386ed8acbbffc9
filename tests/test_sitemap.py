"""sitemap.xml lists exactly the public permalinks; robots.txt points to it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache

from policies.models import Agency, Brief, Company, Policy, Sector

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.mark.django_db
def test_sitemap_lists_exactly_the_public_permalinks(seeded, client):
    cache.clear()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    urls = [u.find("s:loc", NS).text for u in root.findall("s:url", NS)]
    parts = [urlsplit(u) for u in urls]
    assert {p.netloc for p in parts} == {"testserver"}  # absolute, on the request's host
    paths = [p.path for p in parts]
    expected = {o.get_absolute_url() for model in (Policy, Brief, Agency, Sector, Company)
                for o in model.objects.all()}
    assert len(paths) == len(set(paths))
    assert set(paths) == expected
    lastmods = {u.find("s:loc", NS).text: u.find("s:lastmod", NS) for u in root.findall("s:url",
                                                                                         NS)}
    policy_urls = [u for u in lastmods if "/policies/" in u]
    assert policy_urls and all(lastmods[u] is not None for u in policy_urls)


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_admin_and_api(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body and "Disallow: /api/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body
