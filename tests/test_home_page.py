"""The home page says what the archive holds."""

from __future__ import annotations

import pytest

from .factories import make_policy


@pytest.mark.django_db
def test_home_page_renders_the_archive_counts(client):
    make_policy(title="A policy on the home page", agencies=("MIIT",))
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Policy Briefs Archive" in body
    assert "<strong>1</strong> policy" in body
