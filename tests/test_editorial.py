"""Editors in the admin: the review queue, bulk actions, merges with 301s, query budgets."""

from __future__ import annotations

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from policies.models import (
    Agency,
    AgencyAlias,
    Brief,
    Company,
    CompanyAlias,
    NewsItem,
    Policy,
    PolicyAgency,
    Sector,
)

from .factories import make_policy


def post_action(client, model, action, objects, **extra):
    data = {"action": action, ACTION_CHECKBOX_NAME: [str(o.pk) for o in objects], **extra}
    return client.post(f"/admin/policies/{model}/", data)


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


@pytest.mark.django_db
class TestMerges:
    def test_merging_companies_moves_relations_aliases_and_redirects(self, seeded, client,
                                                                       admin_client):
        survivor = Company.objects.get(slug="volkswagen")
        loser = Company.objects.create(name="Volkswagen AG (dup)", slug="volkswagen-ag-dup")
        policy = make_policy(title="Plan mentioning VW")
        policy.companies.add(loser)
        news = NewsItem.objects.filter(companies=survivor).first()
        other_news = NewsItem.objects.exclude(companies=survivor).first()
        other_news.companies.add(loser)
        old_url = loser.get_absolute_url()

        response = post_action(admin_client, "company", "merge_companies", [survivor, loser],
                               apply="1", survivor=str(survivor.pk))
        assert response.status_code == 302
        assert not Company.objects.filter(pk=loser.pk).exists()
        assert survivor in policy.companies.all()
        assert survivor in other_news.companies.all() and survivor in news.companies.all()
        assert CompanyAlias.objects.get(name="Volkswagen AG (dup)").company == survivor
        response = client.get(old_url)
        assert response.status_code == 301
        assert response["Location"].endswith(survivor.get_absolute_url())

    def test_merging_agencies_keeps_one_row_per_policy_and_the_lead(self, admin_client, client):
        survivor = Agency.objects.get(abbreviation="NDA")
        loser = Agency.objects.create(abbreviation="NDX", name="National Data Office",
                                      slug="ndx", kind="administration")
        both = make_policy(title="Both", agencies=("NDX", "NDA"))
        only_loser = make_policy(title="Loser only", agencies=("MIIT", "NDX"))
        response = post_action(admin_client, "agency", "merge_agencies", [survivor, loser],
                               apply="1", survivor=str(survivor.pk))
        assert response.status_code == 302
        rows = list(PolicyAgency.objects.filter(policy=both).values_list("agency__abbreviation",
                                                                          "position"))
        assert rows == [("NDA", 0)]
        assert [pa.agency.abbreviation for pa in only_loser.policy_agencies.all()] == \
            ["MIIT", "NDA"]
        assert AgencyAlias.objects.get(name="NDX").agency == survivor
        assert Agency.objects.named("National Data Office").get() == survivor
        assert client.get("/agencies/ndx/").status_code == 301


@pytest.mark.django_db
def test_policy_changelist_runs_a_fixed_number_of_queries(admin_client,
                                                          django_assert_max_num_queries):
    for n in range(5):
        make_policy(title=f"Policy {n}", agencies=("MIIT", "NDRC"), sectors=("energy",))
    with django_assert_max_num_queries(25) as small:
        admin_client.get("/admin/policies/policy/")
    for n in range(40):
        make_policy(title=f"More {n}", agencies=("MIIT", "SAMR"), sectors=("energy", "ict"))
    with django_assert_max_num_queries(25) as large:
        response = admin_client.get("/admin/policies/policy/")
    assert response.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get("/admin/policies/policy/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_ingest_runs_list_their_warnings_read_only_with_links_to_records(seeded, admin_client):
    from policies.models import IngestRun, IngestWarning

    run = IngestRun.objects.get()
    warning = IngestWarning.objects.filter(policy__isnull=False).first() or \
        IngestWarning.objects.filter(brief__isnull=False).first()
    body = admin_client.get(f"/admin/policies/ingestrun/{run.pk}/change/").content.decode()
    from django.utils.html import escape

    assert escape(warning.reason[:40]) in body
    assert f"/admin/policies/brief/{warning.brief_id}/change/" in body
    response = admin_client.post(f"/admin/policies/ingestwarning/{warning.pk}/change/",
                                 {"reason": "edited"})
    warning.refresh_from_db()
    assert warning.reason != "edited" and response.status_code == 403
