"""An ingest killed between two files or inside one (SIGKILL to `manage.py ingest`) leaves no
half-written brief, and the next run stores the rest: the archive ends as a run that was never
killed leaves it. Each brief is one transaction; PostgreSQL rolls back the one a dead client left
open, SQLite ignores the uncommitted end of its write-ahead log. Real subprocesses on a database
they share with the test (a SQLite file, or a PostgreSQL database)."""

from __future__ import annotations

import importlib.util
import signal
import sqlite3
import time
from pathlib import Path

import pytest
from django.core.management import call_command

from ingest.parsing import parse_brief
from policies.models import Brief, BriefItem, NewsItem, Policy

from .conftest import ROOT
from .processes import Running, manage

BRIEFS = 12


def distinct_briefs(folder: Path, count: int) -> list[Path]:
    """`count` briefs made from the seeds, each with its own name, text and policies: the
    folder scripts/bench_ingest_folder.py ingests."""
    spec = importlib.util.spec_from_file_location(
        "bench_ingest_folder", ROOT / "scripts" / "bench_ingest_folder.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    folder.mkdir()
    bench.make_folder(folder, count)
    return sorted(folder.glob("*.txt"))


def stored_briefs(database) -> dict[str, tuple[int, int, bool]]:
    """source file -> (items, news, has its search document) of every brief stored."""
    rows = database.rows(
        "SELECT b.source_file, "
        "(SELECT count(*) FROM policies_briefitem i WHERE i.brief_id = b.id), "
        "(SELECT count(*) FROM policies_newsitem n WHERE n.brief_id = b.id), "
        "(SELECT count(*) FROM policies_searchdocument d WHERE d.brief_id = b.id) "
        "FROM policies_brief b")
    return {name: (items, news, bool(document)) for name, items, news, document in rows}


def assert_no_half_written_brief(database, files: list[Path]) -> int:
    """Every stored brief has all its items and news and its search document; returns how
    many are stored."""
    expected = {}
    for path in files:
        parsed = parse_brief(path.read_text(encoding="utf-8"), filename=path.name)
        expected[path.name] = (len(parsed.items), len(parsed.news), True)
    stored = stored_briefs(database)
    assert stored == {name: expected[name] for name in stored}
    return len(stored)


def inside_a_transaction(database, running: Running) -> bool:
    """Whether the (stopped) ingest is in the middle of writing: PostgreSQL says so of its
    session; on SQLite it holds the write lock, so the test cannot take it."""
    if database.vendor == "postgresql":
        return bool(database.scalar(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND xact_start IS NOT NULL"))
    probe = sqlite3.connect(database.path, isolation_level=None, timeout=0)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as error:
        assert "locked" in str(error)
        return True
    finally:
        probe.close()


def kill_inside_a_brief(database, running: Running, *, timeout: float = 60) -> None:
    """Stop the ingest at moments until it is stopped inside a brief's transaction; kill it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        time.sleep(0.02)
        running.signal(signal.SIGSTOP)
        if inside_a_transaction(database, running):
            running.signal(signal.SIGKILL)
            running.wait()
            return
        running.signal(signal.SIGCONT)
        assert running.process.poll() is None, "the run ended before it could be killed"
    raise AssertionError("never caught the ingest inside a transaction")


@pytest.mark.django_db
def test_an_ingest_killed_between_or_inside_briefs_leaves_none_half_written(process_database,
                                                                           tmp_path):
    files = distinct_briefs(tmp_path / "briefs", BRIEFS)
    folder = str(tmp_path / "briefs")

    with Running(process_database.url, "ingest", folder, "-v", "2") as first:
        first.stdout.wait_for(": created")  # a brief committed: now between two files
        first.signal(signal.SIGKILL)
        assert first.wait() == -signal.SIGKILL
    after_first = assert_no_half_written_brief(process_database, files)
    assert 1 <= after_first < BRIEFS

    with Running(process_database.url, "ingest", folder, "-v", "2") as second:
        second.stdout.wait_for(": created")
        kill_inside_a_brief(process_database, second)
    after_second = assert_no_half_written_brief(process_database, files)
    assert after_first < after_second < BRIEFS

    last = manage(process_database.url, "ingest", folder)
    assert last.returncode == 0, last.stderr
    assert f"{BRIEFS - after_second} created" in last.stdout
    assert f"{after_second} unchanged" in last.stdout
    assert assert_no_half_written_brief(process_database, files) == BRIEFS
    runs = process_database.rows("SELECT finished_at IS NULL FROM policies_ingestrun ORDER BY id")
    assert [bool(unfinished) for (unfinished,) in runs] == [True, True, False]

    # the archive a run that was never killed makes (in this process's own test database)
    call_command("ingest", folder, verbosity=0)
    for table, model in (("policies_brief", Brief), ("policies_policy", Policy),
                         ("policies_briefitem", BriefItem), ("policies_newsitem", NewsItem)):
        assert process_database.scalar(f"SELECT count(*) FROM {table}") == \
            model.objects.count(), table
