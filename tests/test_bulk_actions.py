"""Bulk actions on policies: setting sectors by hand and re-running the classification, which keeps
what editors corrected."""

from __future__ import annotations

import pytest

from policies.models import Sector

from .admin_forms import post_action
from .factories import make_policy


@pytest.mark.django_db
class TestBulkSectors:
    def test_set_sectors_marks_them_corrected(self, admin_client):
        policy = make_policy(title="Plan for Shipbuilding", sectors=("energy",))
        response = post_action(admin_client, "policy", "set_sectors", [policy], apply="1",
                               sectors=[str(Sector.objects.get(slug="marine").pk)], replace="on")
        assert response.status_code == 302
        policy.refresh_from_db()
        assert list(policy.sectors.values_list("slug", flat=True)) == ["marine"]
        assert "sectors" in policy.corrected_fields
        assert not policy.policy_sectors.get().automatic

    def test_reclassify_respects_corrections(self, admin_client):
        auto = make_policy(title="Action Plan for New Energy Vehicles and Automobiles")
        fixed = make_policy(title="Action Plan for New Energy Vehicles and Cars",
                            sectors=("finance",))
        fixed.mark_corrected("sectors")
        fixed.save()
        post_action(admin_client, "policy", "reclassify_sectors", [auto, fixed])
        assert "automotive" in set(auto.sectors.values_list("slug", flat=True))
        assert list(fixed.sectors.values_list("slug", flat=True)) == ["finance"]

    def test_set_sectors_keeps_the_time_of_the_correction_for_the_public_page(self, client,
                                                                             admin_client):
        policy = make_policy(title="Plan for Shipbuilding", sectors=("energy",))
        post_action(admin_client, "policy", "set_sectors", [policy], apply="1",
                    sectors=[str(Sector.objects.get(slug="marine").pk)])
        policy.refresh_from_db()
        assert policy.corrected_on("sectors") is not None
        body = client.get(policy.get_absolute_url()).content.decode()
        assert "<dt>Sectors</dt><dd>confirmed by an editor, last corrected <time" in body
