"""The review queue: exactly what the ingest flagged, oldest first, counted on the admin index;
"Mark reviewed" clears a flag for good."""

from __future__ import annotations

import pytest

from policies.models import Brief, Policy

from .admin_forms import post_action


@pytest.mark.django_db
class TestReviewQueue:
    def test_queue_lists_exactly_what_the_ingest_flagged_in_the_seeds(self, seeded,
                                                                        admin_client):
        flagged_policies = set(Policy.objects.filter(needs_review=True).values_list("pk",
                                                                                   flat=True))
        flagged_briefs = set(Brief.objects.filter(needs_review=True).values_list("pk",
                                                                                flat=True))
        # the garbled titles of seed 001, the brief without a Chinese title, the partial CSP
        # policy, and the undated brief 000
        assert len(flagged_policies) == 7
        assert Brief.objects.get(pk__in=flagged_briefs).source_file.startswith("000_")
        response = admin_client.get("/admin/review-queue/")
        assert response.status_code == 200
        entries = response.context["entries"]
        assert {e.obj.pk for e in entries if e.kind == "policy"} == flagged_policies
        assert {e.obj.pk for e in entries if e.kind == "brief"} == flagged_briefs
        assert all(e.reasons for e in entries)
        flagged = [e.flagged_at for e in entries]
        assert flagged == sorted(flagged)
        body = response.content.decode()
        assert "chinese title dropped as OCR garbage" in body

    def test_admin_index_shows_how_many_are_waiting(self, seeded, admin_client):
        waiting = (Policy.objects.filter(needs_review=True).count()
                   + Brief.objects.filter(needs_review=True).count())
        response = admin_client.get("/admin/")
        assert f"<strong>{waiting}</strong> records waiting for review" in response.content.decode()

    def test_mark_reviewed_clears_the_flag_and_survives_reingest(self, seeded, admin_client):
        from django.core.management import call_command

        policy = Policy.objects.filter(needs_review=True).first()
        response = post_action(admin_client, "policy", "mark_reviewed_action", [policy])
        assert response.status_code == 302
        policy.refresh_from_db()
        assert not policy.needs_review and policy.review_reasons == []
        call_command("ingest", "fixtures/seeds", force=True, verbosity=0)
        policy.refresh_from_db()
        assert not policy.needs_review

    def test_mark_reviewed_keeps_the_time_of_the_editors_decision(self, seeded, admin_client):
        policy = Policy.objects.filter(needs_review=True).first()
        post_action(admin_client, "policy", "mark_reviewed_action", [policy])
        policy.refresh_from_db()
        assert {"needs_review", "review_reasons"} <= set(policy.corrected_fields)
        assert policy.corrected_on("needs_review") is not None
        assert policy.corrected_on("review_reasons") is not None
