"""Two ingests at once take turns: the second says it is waiting for the first, then finds every
brief already stored; nothing is stored twice or half. PostgreSQL: an advisory lock; SQLite: a
lock file beside the database (ingest/run_lock.py). Two real `manage.py ingest` processes on one
database."""

from __future__ import annotations

import signal

import pytest
from django.core.management import call_command

from ingest.run_lock import WAITING
from policies.models import Policy

from .processes import Running
from .test_ingest_interrupted import assert_no_half_written_brief, distinct_briefs

BRIEFS = 8


@pytest.mark.django_db
def test_a_second_ingest_waits_for_the_first_and_stores_nothing_twice(process_database,
                                                                     tmp_path):
    files = distinct_briefs(tmp_path / "briefs", BRIEFS)
    folder = str(tmp_path / "briefs")
    with Running(process_database.url, "ingest", folder, "-v", "2") as first:
        first.stdout.wait_for(": created")
        first.signal(signal.SIGSTOP)  # mid-run, holding the lock
        with Running(process_database.url, "ingest", folder, "-v", "2") as second:
            second.stderr.wait_for(WAITING)
            assert second.process.poll() is None  # waiting, not refused
            assert process_database.scalar("SELECT count(*) FROM policies_ingestrun") == 1
            first.signal(signal.SIGCONT)
            assert first.wait() == 0, first.stderr.text()
            assert second.wait() == 0, second.stderr.text()
    assert f"briefs {BRIEFS} created, 0 updated, 0 unchanged, 0 failed" in first.stdout.text()
    assert f"briefs 0 created, 0 updated, {BRIEFS} unchanged, 0 failed" in second.stdout.text()
    assert first.stderr.text() == "" and second.stderr.text().strip() == WAITING

    assert assert_no_half_written_brief(process_database, files) == BRIEFS
    call_command("ingest", folder, verbosity=0)  # one run alone, in this process's database
    assert process_database.scalar("SELECT count(*) FROM policies_policy") == \
        Policy.objects.count()
    assert process_database.scalar(
        "SELECT count(*) FROM policies_ingestrun WHERE finished_at IS NOT NULL") == 2
