"""Request bodies are capped (DATA_UPLOAD_MAX_MEMORY_SIZE, no files at all): 10 MB sent to a
public form is answered 413 with a page that says why, never a 500, and nothing is kept."""

from __future__ import annotations

import time
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from policies.alerts.signup import FollowForm
from policies.editorial.problem_reports import ReportForm
from policies.models import Policy, ProblemReport, Subscription

from .factories import make_policy

pytestmark = pytest.mark.django_db

TEN_MB = 10 * 1024 * 1024


def token(form) -> str:
    return form.signer().sign(str(int(time.time()) - 10))


@pytest.fixture
def forms(db) -> dict[str, dict]:
    policy = make_policy(title="Hydrogen Industry Development Plan", agencies=("MIIT",))
    return {
        f"/report/policy/{policy.pk}/": {"message": "x" * TEN_MB, "token": token(ReportForm),
                                         "website": ""},
        "/alerts/follow/": {"query": "agency=MIIT", "page": "", "frequency": "daily",
                            "email": "reader@example.org", "website": "",
                            "token": token(FollowForm), "note": "x" * TEN_MB},
    }


def nothing_kept() -> bool:
    return not ProblemReport.objects.exists() and not Subscription.objects.exists()


@pytest.mark.parametrize("encoding", ["multipart", "urlencoded"])
def test_ten_megabytes_to_a_public_form_is_413_with_a_clear_page(forms, encoding):
    client = Client(enforce_csrf_checks=True)  # as a browser: the CSRF check reads the body
    assert client.get("/alerts/follow/?query=agency%3DMIIT&page=").status_code == 200
    csrf = client.cookies["csrftoken"].value
    for url, data in forms.items():
        data = {**data, "csrfmiddlewaretoken": csrf}
        if encoding == "urlencoded":
            response = client.post(url, urlencode(data),
                                   content_type="application/x-www-form-urlencoded")
        else:
            response = client.post(url, data)
        assert response.status_code == 413, (url, response.status_code)
        page = response.content.decode()
        assert "<h1>Request too large</h1>" in page
        assert "larger than this site accepts (at most 2.0 MB), so nothing was kept" in page
        assert response["Content-Security-Policy"]  # an error page like any other
    assert nothing_kept() and Policy.objects.count() == 1


def test_a_file_sent_to_a_form_is_refused_without_being_stored(forms, client):
    url, data = next(iter(forms.items()))
    upload = SimpleUploadedFile("brief.pdf", b"%PDF-1.4 " + b"0" * TEN_MB, "application/pdf")
    response = client.post(url, {**data, "message": "The date is wrong here.",
                                 "attachment": upload})
    assert response.status_code == 400
    assert "This site takes no files, so nothing was kept." in response.content.decode()
    assert nothing_kept()


def test_a_form_of_ordinary_size_still_goes_through(forms, client):
    url, data = next(iter(forms.items()))
    response = client.post(url, {**data, "message": "The date should be 21 September."})
    assert response.status_code == 302 and ProblemReport.objects.count() == 1
