"""Two editors saving the same policy in the admin: the second save, from a form opened before the
first, is refused with the other's change (field, their value, who, when) and nothing is
overwritten; the refused form keeps the editor's values, and saving it again is a decision that
goes through. Two logged-in clients on the real admin."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.utils import timezone

from policies.models import Agency, Policy

from .admin_forms import add_inline_row, agencies_of, change_form_data
from .conftest import TITLE

THEIR_TITLE = "Guidelines for Equipment Renewal (title checked against the notice)"


@pytest.fixture
def other_client(db):
    alice = User.objects.create_user("alice", password="another long passphrase", is_staff=True)
    alice.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(alice)
    return client


def url_of(policy) -> str:
    return f"/admin/policies/policy/{policy.pk}/change/"


def refusal(response) -> str:
    assert response.status_code == 200, "the save went through"
    return " ".join(response.context["adminform"].form.non_field_errors())


def test_a_save_from_a_form_opened_before_another_editors_save_is_refused_with_their_change(
        seeded, editor_client, other_client):
    policy = Policy.objects.get(title__startswith=TITLE)
    issued_on = policy.issued_on
    theirs = change_form_data(other_client.get(url_of(policy)))
    mine = change_form_data(editor_client.get(url_of(policy)))

    theirs["title"] = THEIR_TITLE
    assert other_client.post(url_of(policy), theirs).status_code == 302
    saved_at = timezone.localtime(policy.history.latest().history_date)

    mine["issued_on"] = "2024-09-25"
    response = editor_client.post(url_of(policy), mine)
    message = refusal(response)
    assert "Someone else saved this policy after you opened this form" in message
    assert f"English title: “{THEIR_TITLE}” (by alice, {saved_at:%Y-%m-%d %H:%M:%S}" in message
    assert "nothing you changed was saved" in message
    policy.refresh_from_db()
    assert policy.title == THEIR_TITLE and policy.issued_on == issued_on
    assert "title" in policy.corrected_fields and "issued_on" not in policy.corrected_fields

    again = change_form_data(response)  # the refused form: my values, the version now stored
    assert again["issued_on"] == "2024-09-25" and again["version"] != mine["version"]
    again["title"] = THEIR_TITLE  # keep theirs, now that I have seen it
    assert editor_client.post(url_of(policy), again).status_code == 302
    policy.refresh_from_db()
    assert (policy.title, policy.issued_on) == (THEIR_TITLE, date(2024, 9, 25))
    assert {"title", "issued_on"} <= set(policy.corrected_fields)


def test_an_agency_added_by_another_editor_is_named_in_the_refusal(seeded, editor_client,
                                                                   other_client):
    policy = Policy.objects.get(title__startswith=TITLE)
    before = agencies_of(policy)
    theirs = change_form_data(other_client.get(url_of(policy)))
    mine = change_form_data(editor_client.get(url_of(policy)))
    add_inline_row(theirs, "policy_agencies", policy=policy.pk,
                   agency=Agency.objects.get(abbreviation="SAMR").pk, position=len(before))
    assert other_client.post(url_of(policy), theirs).status_code == 302

    mine["chinese_title"] = "关于设备更新的指导意见"
    message = refusal(editor_client.post(url_of(policy), mine))
    assert "policy agency added: “SAMR" in message and "(by alice" in message
    policy.refresh_from_db()
    assert agencies_of(policy) == [*before, "SAMR"]
    assert policy.chinese_title != "关于设备更新的指导意见"


def test_a_form_without_its_version_saves_nothing(seeded, editor_client):
    policy = Policy.objects.get(title__startswith=TITLE)
    data = change_form_data(editor_client.get(url_of(policy)))
    del data["version"]
    data["issued_on"] = "2024-09-26"
    assert "does not say which version" in refusal(editor_client.post(url_of(policy), data))
    policy.refresh_from_db()
    assert policy.issued_on != date(2024, 9, 26)


def test_an_editor_alone_saves_as_before(seeded, editor_client):
    policy = Policy.objects.get(title__startswith=TITLE)
    for day in ("2024-09-27", "2024-09-28"):  # each save from a form opened after the last
        data = change_form_data(editor_client.get(url_of(policy)))
        data["issued_on"] = day
        assert editor_client.post(url_of(policy), data).status_code == 302
    policy.refresh_from_db()
    assert policy.issued_on == date(2024, 9, 28)
