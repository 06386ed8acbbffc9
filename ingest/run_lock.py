"""One ingest at a time on a database: two runs at once would both find a brief missing and both
store it (or trip over each other's half-stored brief), so a second run waits for the first.

PostgreSQL: a session-level advisory lock, held by the run's own connection, so a run that is
killed, however hard, releases it with its connection. SQLite: an exclusive lock on a file beside
the database (`<database>.ingest-lock`, left in place: deleting it would let two runs lock two
different files), released by the kernel when the process ends however it ends. A database in
memory belongs to one process and needs no lock. A dry run writes nothing and takes none.
"""

from __future__ import annotations

import fcntl
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import DatabaseError, connection

ADVISORY_KEY = 7_140_512_303  # any bigint, the same for every ingest of this archive
WAITING = "Another ingest is running on this database: waiting for it to finish."


@contextmanager
def one_run_at_a_time(on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the database's ingest lock for the block; `on_wait(WAITING)` first if another run
    holds it, then wait for it."""
    if connection.vendor == "postgresql":
        with _advisory_lock(on_wait):
            yield
    elif connection.vendor == "sqlite" and not connection.is_in_memory_db():
        with _file_lock(Path(f"{connection.settings_dict['NAME']}.ingest-lock"), on_wait):
            yield
    else:
        yield


@contextmanager
def _advisory_lock(on_wait) -> Iterator[None]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [ADVISORY_KEY])
        if not cursor.fetchone()[0]:
            if on_wait:
                on_wait(WAITING)
            cursor.execute("SELECT pg_advisory_lock(%s)", [ADVISORY_KEY])
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_KEY])
        except DatabaseError:
            pass  # a broken transaction or connection: the lock ends with the session


@contextmanager
def _file_lock(path: Path, on_wait) -> Iterator[None]:
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait:
                on_wait(WAITING)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
