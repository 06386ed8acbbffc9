"""Readers report problems on public records: the report lands in the review queue, and bots and
floods are refused."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache
from django.test import Client

from policies.editorial.problem_reports import _signer
from policies.models import Agency, Policy, ProblemReport

from .conftest import TITLE


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
        assert 0 < int(response["Retry-After"]) <= 3600  # seconds left in the hour's window
        assert "several reports in the last hour" in response.content.decode()
        assert ProblemReport.objects.count() == 5
        other = client.post(f"/report/agency/{agency.pk}/",
                            {"message": "Chinese name is wrong here", "token": report_token()},
                            REMOTE_ADDR="192.0.2.44")
        assert other.status_code == 302 and ProblemReport.objects.count() == 6

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


@pytest.mark.django_db
def test_record_pages_link_to_the_form_which_has_a_page_of_its_own(seeded):
    """A record page carries a link, not the form: no CSRF cookie, no signed token, the same
    page for every reader (so it can be cached); the form and its token are on the link's
    page, and a report sent from there lands as before."""
    policy = Policy.objects.order_by("pk").first()
    agency = Agency.objects.get(abbreviation="MIIT")
    reader = Client(enforce_csrf_checks=True)
    for record, kind in ((policy, "policy"), (agency, "agency")):
        page = reader.get(record.get_absolute_url())
        body = page.content.decode()
        assert f'href="/report/{kind}/{record.pk}/"' in body
        assert "csrfmiddlewaretoken" not in body and "csrftoken" not in page.cookies
        assert 'name="token"' not in body
    form = reader.get(f"/report/policy/{policy.pk}/")
    assert form.status_code == 200
    body = form.content.decode()
    assert 'name="csrfmiddlewaretoken"' in body and 'name="message"' in body
    assert "<details" in body and " open>" in body
    sent = reader.post(f"/report/policy/{policy.pk}/", {
        "message": "The date of this notice is wrong.", "token": report_token(),
        "csrfmiddlewaretoken": reader.cookies["csrftoken"].value})
    assert sent.status_code == 302
    assert ProblemReport.objects.filter(object_id=policy.pk).count() == 1
