"""A run of several files reads and parses them in a second process while this one stores the
briefs (ingest/run.py `parse_ahead`): the same briefs, in the same order, with the same
failures, and a parsing process that dies costs no brief."""

from __future__ import annotations

import logging
import os
import signal
import time
from pathlib import Path

import pytest

from ingest import run
from ingest.parsing import ParseWarning
from ingest.parsing import parse_brief as real_parse_brief
from policies.models import Brief

from .conftest import SEEDS
from .processes import Running, manage
from .test_ingest_interrupted import distinct_briefs

SEED_FILES = sorted(SEEDS.glob("*.txt"))
PID_NOTE = "parsed in process "


def parse_noting_the_process(text, *, filename=None):
    parsed = real_parse_brief(text, filename=filename)
    parsed.warnings.append(ParseWarning(None, f"{PID_NOTE}{os.getpid()}"))
    return parsed


def parsing_processes(report) -> set[int]:
    return {int(reason.removeprefix(PID_NOTE)) for f in report.files
            for _line, reason in f.warnings if reason.startswith(PID_NOTE)}


@pytest.fixture
def seeds_are_many(monkeypatch):
    """The five seeds count as a run long enough to parse ahead."""
    monkeypatch.setattr(run, "PARSE_AHEAD_FILES", len(SEED_FILES))


def test_several_files_are_parsed_in_a_second_process_into_the_same_briefs_in_order(
        monkeypatch, seeds_are_many):
    monkeypatch.setattr(run, "parse_brief", parse_noting_the_process)
    ahead = run.ingest_files(SEED_FILES, dry_run=True)
    monkeypatch.setattr(run, "PARSE_AHEAD_FILES", len(SEED_FILES) + 1)
    here = run.ingest_files(SEED_FILES, dry_run=True)

    assert parsing_processes(here) == {os.getpid()}
    (other,) = parsing_processes(ahead)
    assert other != os.getpid()
    assert [f.file for f in ahead.files] == [p.name for p in SEED_FILES]
    assert [f.file for f in ahead.files] == [f.file for f in here.files]
    for a, h in zip(ahead.files, here.files, strict=True):
        a.parsed.warnings = [w for w in a.parsed.warnings if not w.reason.startswith(PID_NOTE)]
        h.parsed.warnings = [w for w in h.parsed.warnings if not w.reason.startswith(PID_NOTE)]
        assert a.parsed == h.parsed
    assert ahead.summary() == here.summary()


def test_a_few_files_are_parsed_in_this_process(monkeypatch):
    monkeypatch.setattr(run, "parse_brief", parse_noting_the_process)
    report = run.ingest_files(SEED_FILES, dry_run=True)
    assert len(SEED_FILES) < run.PARSE_AHEAD_FILES
    assert parsing_processes(report) == {os.getpid()}


@pytest.mark.django_db
def test_bad_files_parsed_ahead_fail_alone_with_their_reasons(tmp_path, seeds_are_many):
    files = []
    for n, seed in enumerate(SEED_FILES):
        files.append(tmp_path / f"{n}a_{seed.name}")
        files[-1].write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
        files.append(tmp_path / f"{n}b_broken.txt")
        files[-1].write_bytes(b"\x00\xff" * 50 if n % 2 else b"")
    report = run.ingest_files(files)

    statuses = [(f.file, f.status) for f in report.files]
    assert statuses == [(p.name, "failed" if p.name.endswith("broken.txt") else "created")
                        for p in files]
    assert all(f.error for f in report.failed)
    assert Brief.objects.count() == len(SEED_FILES)


@pytest.mark.django_db
def test_a_parsing_process_that_dies_costs_no_brief(monkeypatch, caplog, seeds_are_many):
    parent = os.getpid()
    doomed = SEED_FILES[1].name

    def parse_or_die(text, *, filename=None):
        if filename == doomed and os.getpid() != parent:
            os._exit(1)  # the second process dies, as if killed, half-way through the files
        return real_parse_brief(text, filename=filename)

    monkeypatch.setattr(run, "parse_brief", parse_or_die)
    with caplog.at_level(logging.WARNING, logger="ingest.run"):
        report = run.ingest_files(SEED_FILES)

    assert [(f.file, f.status) for f in report.files] == [(p.name, "created")
                                                          for p in SEED_FILES]
    assert Brief.objects.count() == len(SEED_FILES)
    assert "the parsing process stopped" in caplog.text


def children_of(pid: int) -> set[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return {int(child) for child in path.read_text().split()} if path.exists() else set()


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads children from /proc")
@pytest.mark.django_db
def test_a_killed_run_takes_its_parsing_process_with_it(process_database, tmp_path):
    files = distinct_briefs(tmp_path / "briefs", run.PARSE_AHEAD_FILES + 4)
    with Running(process_database.url, "ingest", str(files[0].parent), "-v", "2") as running:
        running.stdout.wait_for(": created")
        children = children_of(running.process.pid)
        assert children, "the run parses in a second process"
        running.signal(signal.SIGKILL)
        running.wait()
    deadline = time.monotonic() + 10
    while any(map(alive, children)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(alive, children))
    # and the next run is not kept waiting by a session the killed one left behind
    again = manage(process_database.url, "ingest", str(files[0].parent))
    assert again.returncode == 0, again.stderr
