"""Editors correct records through real admin POSTs: every field they change is kept from later
ingests, and the history knows who changed what and can revert."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command

from policies.models import Policy

from .admin_forms import agencies_of, change_form_data, edit_policy
from .conftest import SEEDS, TITLE


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
