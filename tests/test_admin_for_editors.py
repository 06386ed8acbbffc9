"""The admin fitted to the editors' work: wide title fields, source links as rows, readable
review reasons, the review queue narrowed and cleared in bulk, a merge's preview, readable
history, and a problem-report filter that lists only what readers report on."""

from __future__ import annotations

import json
import re

import pytest

from policies.models import Agency, Brief, Company, Policy, ProblemReport

from .admin_forms import change_form_data, edit_policy, post_action
from .factories import make_policy

pytestmark = pytest.mark.django_db


def change_url(policy) -> str:
    return f"/admin/policies/policy/{policy.pk}/change/"


def test_the_change_form_has_a_wide_title_source_link_rows_and_readable_reasons(admin_client):
    policy = make_policy(title="A" * 120)
    policy.source_links = [{"url": "https://www.miit.gov.cn/a.html", "kind": "official"}]
    policy.review_reasons = ["no issuing agency found", "date from the e-mail"]
    policy.needs_review = True
    policy.save()
    body = admin_client.get(change_url(policy)).content.decode()
    assert re.search(r'<input type="text" name="title"[^>]*class="vTextField wide-text"', body)
    assert 'name="source_links-0-url" value="https://www.miit.gov.cn/a.html"' in body
    assert re.search(r'name="source_links-0-kind">.*?<option value="official" selected>', body,
                     re.S)
    assert 'name="source_links-2-url" value=""' in body  # two empty rows to add links
    assert '<textarea name="source_links"' not in body
    assert ('<ul class="reasons"><li>no issuing agency found</li><li>date from the e-mail</li>'
            '</ul>') in body
    assert '["no issuing agency found"' not in body


def test_source_link_rows_are_saved_as_the_links(admin_client):
    policy = make_policy(title="Notice With Links")
    policy.source_links = [{"url": "https://old.example.org/", "kind": "news"}]
    policy.save()
    data = change_form_data(admin_client.get(change_url(policy)))
    data.pop("source_links", None)
    data.update({"source_links-0-url": "", "source_links-0-kind": "news",  # cleared: removed
                 "source_links-1-url": "https://www.gov.cn/b.html",
                 "source_links-1-kind": "official",
                 "source_links-2-url": "https://archive.org/c", "source_links-2-kind": ""})
    response = admin_client.post(change_url(policy), data)
    assert response.status_code == 302
    policy.refresh_from_db()
    assert policy.source_links == [{"url": "https://www.gov.cn/b.html", "kind": "official"},
                                   {"url": "https://archive.org/c"}]
    assert "source_links" in policy.corrected_fields


def test_the_changelist_offers_the_leading_agencies_not_all_of_them(admin_client):
    for n in range(3):
        make_policy(title=f"MIIT plan {n}", agencies=("MIIT",))
    make_policy(title="NDRC plan", agencies=("NDRC", "MIIT"))
    body = admin_client.get("/admin/policies/policy/").content.decode()
    assert "?lead=MIIT" in body and "MIIT (3)" in body and "NDRC (1)" in body
    assert "?lead=CAC" not in body  # leads nothing here
    assert body.count("?lead=") <= 16
    narrowed = admin_client.get("/admin/policies/policy/?lead=NDRC")
    assert [p.title for p in narrowed.context["cl"].result_list] == ["NDRC plan"]
    searched = admin_client.get("/admin/policies/policy/?q=NDRC")
    assert "NDRC plan" in [p.title for p in searched.context["cl"].result_list]


def test_the_review_queue_narrows_by_kind_and_reason_and_marks_in_bulk(seeded, admin_client):
    whole = admin_client.get("/admin/review-queue/")
    entries = whole.context["entries"]
    reasons = dict(whole.context["reasons"])
    reason = next(iter(reasons))
    by_reason = admin_client.get("/admin/review-queue/", {"reason": reason}).context["entries"]
    assert len(by_reason) == reasons[reason] and all(reason in e.reasons for e in by_reason)
    briefs = admin_client.get("/admin/review-queue/", {"kind": "brief"}).context["entries"]
    assert briefs and {e.kind for e in briefs} == {"brief"}
    body = whole.content.decode()
    first = entries[0]
    assert f'href="{first.admin_url}"' in body
    assert f'name="entry" value="{first.key}"' in body

    policies = [e for e in entries if e.kind == "policy"][:2]
    response = admin_client.post("/admin/review-queue/?kind=policy",
                                 {"entry": [e.key for e in policies]})
    assert response.status_code == 302 and response["Location"].endswith("?kind=policy")
    for entry in policies:
        entry.obj.refresh_from_db()
        assert not entry.obj.needs_review
        assert "needs_review" in entry.obj.corrected_fields
    after = admin_client.get("/admin/review-queue/").context["entries"]
    assert len(after) == len(entries) - 2


def test_marking_a_readers_report_reviewed_resolves_it(seeded, admin_client):
    policy = Policy.objects.first()
    report = ProblemReport.objects.create(record=policy, message="The date is wrong here.")
    queue = admin_client.get("/admin/review-queue/", {"kind": "report"}).context["entries"]
    assert [e.obj for e in queue] == [report]
    assert queue[0].public_url == policy.get_absolute_url()
    admin_client.post("/admin/review-queue/", {"entry": [f"report:{report.pk}"]})
    report.refresh_from_db()
    assert report.resolved and report.resolved_at is not None


def test_a_merge_shows_what_will_move_before_it_is_confirmed(seeded, admin_client):
    survivor = Company.objects.get(slug="volkswagen")
    loser = Company.objects.create(name="Volkswagen AG (dup)", slug="volkswagen-ag-dup")
    for n in range(2):
        make_policy(title=f"Plan {n} mentioning VW").companies.add(loser)
    response = post_action(admin_client, "company", "merge_companies", [survivor, loser])
    assert response.status_code == 200
    body = response.content.decode()
    assert "2 policies and 1 alias move to Volkswagen" in body
    assert Company.objects.filter(pk=loser.pk).exists()  # nothing merged before confirming


def test_an_agency_merge_preview_counts_policies_and_names(admin_client):
    Agency.objects.create(abbreviation="NDX", name="National Data Office", slug="ndx",
                          kind="administration")
    make_policy(title="Loser only", agencies=("MIIT", "NDX"))
    agencies = Agency.objects.filter(abbreviation__in=["NDA", "NDX"])
    body = post_action(admin_client, "agency", "merge_agencies", agencies).content.decode()
    assert "1 policy and 2 aliases move to NDA (National Data Administration)" in body


def test_history_shows_field_labels_and_values_not_bookkeeping(admin_client):
    policy = make_policy(title="Notice on Robots")
    edit_policy(admin_client, policy, title="Notice on Industrial Robots")
    body = admin_client.get(f"/admin/policies/policy/{policy.pk}/history/").content.decode()
    assert "Notice on Industrial Robots" in body
    assert "Correction times" not in body and "Corrected fields" not in body
    assert "correction_times" not in body


def test_release_corrections_are_offered_by_label(admin_client):
    policy = make_policy(title="Notice on Robots")
    edit_policy(admin_client, policy, chinese_title="机器人通知")
    body = admin_client.get(change_url(policy)).content.decode()
    assert re.search(r'value="chinese_title"[^>]*>\s*Chinese title', body), \
        re.findall(r'release_corrections.{0,200}', body)[:2]


def test_the_reports_filter_lists_only_reported_kinds_of_record(seeded, admin_client):
    ProblemReport.objects.create(record=Policy.objects.first(), message="Wrong date here.")
    ProblemReport.objects.create(record=Brief.objects.first(), message="Wrong publisher.")
    body = admin_client.get("/admin/policies/problemreport/").content.decode()
    filters = body[body.index('id="changelist-filter"'):]
    kinds = set(re.findall(r"content_type__id__exact=\d+\">([^<]+)<", filters))
    assert {k.strip() for k in kinds} == {"Policies | policy", "Policies | brief"} or \
        len(kinds) == 2, kinds
    assert "session" not in filters.lower() and "permission" not in filters.lower()


def test_posting_source_links_as_json_still_works(admin_client):
    policy = make_policy(title="Notice With JSON")
    data = change_form_data(admin_client.get(change_url(policy)))
    data["source_links"] = json.dumps([{"url": "https://x.example.org/", "kind": "news"}])
    assert admin_client.post(change_url(policy), data).status_code == 302
    policy.refresh_from_db()
    assert policy.source_links == [{"url": "https://x.example.org/", "kind": "news"}]
