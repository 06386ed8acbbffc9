"""What is private stays out of the open data: the public dump and every API answer carry no
password hash, no session key and no reader's e-mail address (alert subscriptions, problem
reports), even when asked by a signed-in editor."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.utils import timezone

from policies import dump
from policies.models import NewsItem, ProblemReport, Subscription

from .factories import make_sample_archive

pytestmark = pytest.mark.django_db

PASSWORD = "a long passphrase for the editor"


@pytest.fixture
def secrets(client) -> list[str]:
    """An archive with a staff user signed in, a confirmed alert subscription and a problem
    report with an address: every text that must never be published."""
    archive = make_sample_archive()
    staff = User.objects.create_user("editor-one", email="editor.one@example.org",
                                     password=PASSWORD, is_staff=True, is_superuser=True)
    response = client.post("/admin/login/?next=/admin/",
                           {"username": "editor-one", "password": PASSWORD})
    assert response.status_code == 302
    session = Session.objects.get()
    subscription = Subscription.objects.create(
        email="secret.reader@example.org", frequency="daily", query="agency=MIIT",
        confirmed_at=timezone.now())
    policy = archive["policies"]["hydrogen"]
    ProblemReport.objects.create(content_type=ContentType.objects.get_for_model(policy),
                                 object_id=policy.pk, message="The date is wrong.",
                                 email="reporter@example.org", client_hash="f" * 64)
    staff.refresh_from_db()
    return [staff.password, staff.password.split("$")[-1], session.session_key,
            session.session_data, staff.email, subscription.email, str(subscription.key),
            "reporter@example.org", "f" * 64]


def assert_private_absent(text: str, secrets: list[str], where: str) -> None:
    for secret in secrets:
        assert secret not in text, (where, secret)
    addresses = set(re.findall(r"[\w.+-]+@[\w-]+\.[\w.]+", text))
    assert not addresses & {"secret.reader@example.org", "reporter@example.org",
                            "editor.one@example.org"}, where


def test_the_dump_holds_no_password_session_or_readers_address(client, secrets):
    response = client.get("/dump/archive.jsonl")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    assert '"model": "policies.policy"' in text  # the archive is there
    assert_private_absent(text, secrets, "dump")
    for label in ("auth.user", "sessions.session", "policies.subscription",
                  "policies.problemreport", "policies.sentalert"):
        assert label not in dump.MODELS and f'"model": "{label}"' not in text


def test_no_api_answer_holds_a_password_session_or_readers_address(client, secrets):
    spec = client.get("/api/openapi.json")
    assert_private_absent(spec.content.decode(), secrets, "openapi.json")
    values = {"policies": {"pk": client.get("/api/policies/").json()["results"][0]["id"]},
              "news": {"pk": NewsItem.objects.first().pk},
              "agencies": {"slug": "miit"}, "sectors": {"slug": "energy"},
              "companies": {"slug": "byd"},
              "briefs": {"slug": client.get("/api/briefs/").json()["results"][0]["slug"]},
              "targets": {}, "network": {}}
    answered = 0
    for path in spec.json()["paths"]:
        collection = path.strip("/").split("/")[1]
        url = path.format(**values[collection])
        for query in ("", "?page_size=100", "?q=MIIT"):
            response = client.get(url + query)
            assert response.status_code in (200, 400), (url + query, response.status_code)
            assert_private_absent(response.content.decode(), secrets, url + query)
            answered += response.status_code == 200
    assert answered >= 2 * len(spec.json()["paths"])
    for url in ("/api/", "/api/docs/"):
        assert_private_absent(client.get(url).content.decode(), secrets, url)
