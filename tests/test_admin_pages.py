"""The admin pages themselves: a fixed query budget on the changelist, sign-in required, ingest
runs listed read-only."""

from __future__ import annotations

import pytest

from .factories import make_policy


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
