"""Roles hold: editors change archive records but not users, groups or deletions; failed sign-ins
are throttled."""

from __future__ import annotations

import pytest
from django.test import Client

from policies.models import Policy


@pytest.mark.django_db
class TestRoles:
    def test_editor_cannot_reach_users_or_groups(self, editor_client):
        assert editor_client.get("/admin/auth/user/").status_code == 403
        assert editor_client.get("/admin/auth/group/").status_code == 403

    def test_editor_can_change_but_not_delete_policies(self, seeded, editor_client,
                                                       admin_client):
        policy = Policy.objects.first()
        assert editor_client.get(f"/admin/policies/policy/{policy.pk}/change/").status_code == 200
        assert editor_client.get(f"/admin/policies/policy/{policy.pk}/delete/").status_code == 403
        assert editor_client.post(f"/admin/policies/policy/{policy.pk}/delete/",
                                  {"post": "yes"}).status_code == 403
        assert Policy.objects.filter(pk=policy.pk).exists()
        assert admin_client.post(f"/admin/policies/policy/{policy.pk}/delete/",
                                 {"post": "yes"}).status_code == 302
        assert not Policy.objects.filter(pk=policy.pk).exists()

    def test_anonymous_visitors_never_reach_the_admin(self, client, seeded):
        policy = Policy.objects.first()
        for url in ("/admin/", f"/admin/policies/policy/{policy.pk}/change/",
                    "/admin/review-queue/"):
            response = client.get(url)
            assert response.status_code == 302 and "/admin/login/" in response["Location"]

    def test_failed_logins_are_throttled(self, editor):
        client = Client(REMOTE_ADDR="10.9.8.7")
        statuses = [client.post("/admin/login/?next=/admin/",
                                {"username": "eddie", "password": "wrong"}).status_code
                    for _ in range(5)]
        assert statuses == [200, 200, 200, 200, 429]  # the fifth failure locks out
        response = client.post("/admin/login/?next=/admin/",
                               {"username": "eddie", "password": "correct horse battery"})
        assert response.status_code == 429
        assert "Too many failed sign-in attempts" in response.content.decode()
