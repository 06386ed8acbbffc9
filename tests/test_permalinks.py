"""Permalinks are stable: a policy answers under its id whatever its slug, and every record links
to itself."""

from __future__ import annotations

from datetime import date

import pytest

from policies.models import (
    Agency,
    Sector,
)

from .factories import make_policy


@pytest.mark.django_db
class TestPermalinks:
    def test_policy_lives_at_id_and_slug(self, client):
        policy = make_policy(title="Action Plan for New Energy Storage", agencies=("MIIT",),
                             issued_on=date(2024, 11, 6))
        expected = f"/policies/{policy.pk}/action-plan-for-new-energy-storage/"
        assert policy.get_absolute_url() == expected
        response = client.get(policy.get_absolute_url())
        assert response.status_code == 200
        assert "Action Plan for New Energy Storage" in response.content.decode()

    def test_retitled_policy_answers_301_from_its_old_slug(self, client):
        policy = make_policy(title="Old Garbled Title")
        old_url = policy.get_absolute_url()
        policy.title = "Corrected Title"
        policy.slug = ""
        policy.save()
        assert policy.slug == "corrected-title"
        response = client.get(old_url)
        assert response.status_code == 301
        assert response["Location"] == f"/policies/{policy.pk}/corrected-title/"
        assert client.get(f"/policies/{policy.pk}/").status_code == 301

    def test_unknown_policy_id_is_404(self, client):
        assert client.get("/policies/999999/anything/").status_code == 404

    def test_every_model_has_a_readable_str(self):
        policy = make_policy(title="Readable", agencies=("MIIT",))
        assert str(policy) == "Readable"
        assert "MIIT" in str(Agency.objects.get(abbreviation="MIIT"))
        assert str(Sector.objects.get(slug="energy"))
        assert "MIIT" in str(policy.policy_agencies.get())
