"""Editors correct records through real admin POSTs; corrections survive re-ingests; history
knows who changed what and can revert; roles hold; readers can report problems."""

from __future__ import annotations

import time
from datetime import date

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from policies.editorial.problem_reports import _signer
from policies.models import Agency, Policy, ProblemReport, Sector

from .admin_forms import add_inline_row, change_form_data
from .conftest import SEEDS

TITLE = "Guidelines for Equipment Renewal"


@pytest.fixture
def editor(db):
    user = User.objects.create_user("eddie", password="correct horse battery", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


def agencies_of(policy):
    return list(policy.policy_agencies.order_by("position")
                .values_list("agency__abbreviation", flat=True))


def edit_policy(client, policy, *, issued_on=None, add_agency=None, sectors=None, **fields):
    url = f"/admin/policies/policy/{policy.pk}/change/"
    data = change_form_data(client.get(url))
    if issued_on:
        data["issued_on"] = issued_on
    data.update(fields)
    if add_agency:
        add_inline_row(data, "policy_agencies", policy=policy.pk,
                       agency=Agency.objects.get(abbreviation=add_agency).pk,
                       position=len(agencies_of(policy)))
    if sectors is not None:
        prefix = "policy_sectors"
        for i in range(int(data[f"{prefix}-INITIAL_FORMS"])):
            data[f"{prefix}-{i}-DELETE"] = "on"
        for slug in sectors:
            add_inline_row(data, prefix, policy=policy.pk,
                           sector=Sector.objects.get(slug=slug).pk)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    policy.refresh_from_db()
    return policy


@pytest.mark.django_db
class TestCorrectionsSurviveReingest:
    def test_editor_corrections_kept_and_other_fields_updated(self, seeded, editor,
                                                               editor_client, tmp_path):
        policy = Policy.objects.get(title__startswith=TITLE)
        edit_policy(editor_client, policy, issued_on="2024-09-21", add_agency="NDRC",
                    sectors=["automotive"])
        assert policy.issued_on == date(2024, 9, 21)
        assert agencies_of(policy) == ["MIIT", "NDRC"]
        assert {"issued_on", "agencies", "sectors"} <= set(policy.corrected_fields)

        # the same text again, then a changed text under the same name
        call_command("ingest", str(SEEDS), force=True, verbosity=0)
        source = next(SEEDS.glob("002_*.txt"))
        changed = tmp_path / source.name
        text = source.read_text(encoding="utf-8")
        changed.write_text(text.replace("in 27 industrial sectors", "in 28 industrial sectors")
                           .replace("Key Industrial Sectors (", "Key Industrial Sectors (")
                           .replace("September 20, 2024", "September 25, 2024"),
                           encoding="utf-8")
        call_command("ingest", str(changed), verbosity=0)
        policy.refresh_from_db()
        assert policy.issued_on == date(2024, 9, 21)  # kept
        assert agencies_of(policy) == ["MIIT", "NDRC"]  # kept
        assert list(policy.sectors.values_list("slug", flat=True)) == ["automotive"]  # kept
        item = policy.brief_items.get()
        assert "28 industrial sectors" in item.summary  # not corrected: updated

    def test_history_records_the_editor_and_the_ingest_run(self, seeded, editor,
                                                           editor_client):
        policy = Policy.objects.get(title__startswith=TITLE)
        edit_policy(editor_client, policy, issued_on="2024-09-22")
        latest = policy.history.first()
        assert latest.history_user == editor
        assert latest.issued_on == date(2024, 9, 22)
        diff = latest.diff_against(latest.prev_record)
        assert [(c.field, str(c.old), str(c.new)) for c in diff.changes
                if c.field == "issued_on"] == [("issued_on", "2024-09-20", "2024-09-22")]
        created = policy.history.last()
        assert created.history_user is None
        assert created.history_change_reason.startswith("ingest run ")

    def test_history_is_viewable_and_revert_restores_the_old_value(self, seeded,
                                                                   admin_client):
        policy = Policy.objects.get(title__startswith=TITLE)
        edit_policy(admin_client, policy, issued_on="2024-09-30")
        before = policy.history.all()[1]
        page = admin_client.get(f"/admin/policies/policy/{policy.pk}/history/")
        assert page.status_code == 200 and "2024" in page.content.decode()
        url = f"/admin/policies/policy/{policy.pk}/history/{before.history_id}/"
        form = admin_client.get(url)
        assert form.status_code == 200
        data = change_form_data(form)
        response = admin_client.post(url, data)
        assert response.status_code == 302
        policy.refresh_from_db()
        assert policy.issued_on == date(2024, 9, 20)

    def test_released_correction_lets_the_ingest_set_the_field_again(self, seeded,
                                                                     admin_client):
        policy = Policy.objects.get(title__startswith=TITLE)
        edit_policy(admin_client, policy, issued_on="2024-09-23")
        assert "issued_on" in policy.corrected_fields
        edit_policy(admin_client, policy, release_corrections=["issued_on"])
        assert "issued_on" not in policy.corrected_fields
        call_command("ingest", str(SEEDS), force=True, verbosity=0)
        policy.refresh_from_db()
        assert policy.issued_on == date(2024, 9, 20)

    def test_public_page_says_which_fields_an_editor_confirmed(self, seeded, admin_client,
                                                               client):
        policy = Policy.objects.get(title__startswith=TITLE)
        edit_policy(admin_client, policy, issued_on="2024-09-24")
        body = client.get(policy.get_absolute_url()).content.decode()
        assert "<dt>Date</dt><dd>confirmed by an editor, last corrected" in body
        assert "<dt>English title</dt><dd>extracted automatically" in body


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


def report_token(seconds_ago=10):
    return _signer.sign(str(int(time.time()) - seconds_ago))


@pytest.mark.django_db
class TestReportAProblem:
    @pytest.fixture(autouse=True)
    def clear_throttle(self):
        cache.clear()

    def test_a_report_lands_in_the_review_queue_tied_to_the_record(self, seeded, client,
                                                                   admin_client):
        policy = Policy.objects.get(title__startswith=TITLE)
        page = client.get(policy.get_absolute_url()).content.decode()
        assert "Report a problem with this page" in page
        response = client.post(f"/report/policy/{policy.pk}/",
                               {"message": "The date should be 21 September.",
                                "token": report_token(), "website": ""})
        assert response.status_code == 302 and response["Location"] == policy.get_absolute_url()
        report = ProblemReport.objects.get()
        assert report.record == policy
        queue = admin_client.get("/admin/review-queue/").context["entries"]
        assert any(e.kind == "report" and e.obj == report for e in queue)
        assert "Thank you" in client.get(policy.get_absolute_url()).content.decode()

    @pytest.mark.parametrize(("data", "status"), [
        ({"message": "A bot filled the hidden field", "website": "http://spam"}, 400),
        ({"message": "Sent far too fast by a script", "token_age": 0}, 400),
        ({"message": "Forged token here", "token": "abc:def"}, 400),
        ({"message": "short"}, 400),
    ])
    def test_spam_and_bad_reports_are_refused(self, seeded, client, data, status):
        policy = Policy.objects.first()
        payload = {"token": report_token(data.pop("token_age", 10)), "website": "", **data}
        response = client.post(f"/report/policy/{policy.pk}/", payload)
        assert response.status_code == status
        assert not ProblemReport.objects.exists()

    def test_reports_are_throttled_per_client(self, seeded, client):
        agency = Agency.objects.get(abbreviation="MIIT")
        for _ in range(5):
            client.post(f"/report/agency/{agency.pk}/",
                        {"message": "Chinese name is wrong here", "token": report_token()})
        response = client.post(f"/report/agency/{agency.pk}/",
                               {"message": "Chinese name is wrong here", "token": report_token()})
        assert response.status_code == 429
        assert ProblemReport.objects.count() == 5

    def test_csrf_is_enforced(self, seeded):
        client = Client(enforce_csrf_checks=True)
        policy = Policy.objects.first()
        response = client.post(f"/report/policy/{policy.pk}/",
                               {"message": "No token at all here", "token": report_token()})
        assert response.status_code == 403
        assert not ProblemReport.objects.exists()

    def test_unknown_kind_or_record_is_404(self, client, db):
        assert client.post("/report/user/1/", {}).status_code == 404
        assert client.post("/report/policy/999999/", {}).status_code == 404
