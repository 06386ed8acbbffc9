"""The data version (policies.models.DataVersion): the triggers that bump it, and reading it.

Triggers, not signals: a trigger fires in the writing transaction for every way of writing
(bulk_create, QuerySet.update and delete, raw SQL, a restore), costs no query of the ORM's, and
is rolled back with the write. PostgreSQL: one statement-level trigger per table (one UPDATE
of the counter per writing statement); SQLite has only row-level triggers (one UPDATE of the
counter per row written, microseconds in the same transaction).

The archive tables watched are every table of the `policies` app but those of private or
operational records (`UNWATCHED`: subscriptions, problem reports, ingest runs, the history
tables, the counter itself). A migration that adds an archive model ends with
`RunPython(sync_triggers_in_migration)`; a test checks that every archive table has its trigger.

`current()` reads the counter once per request (the middleware in policies/response_cache.py
starts each request afresh; outside a request it is read each time). `remembered(key, compute)`
keeps what a request derives from the data alone (a filter's registry records) in the process
for that version; a `KeptPerKey` store does so key by key (the list pages' result rows).
"""

from __future__ import annotations

import contextvars
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import DatabaseError, connections, router
from django.utils.dateparse import parse_datetime

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
TABLE = "policies_dataversion"
FUNCTION = "policies_bump_data_version"
# Models whose writes change nothing a reader of the archive sees (or that are the counter).
UNWATCHED = {"dataversion", "subscription", "sentalert", "problemreport", "ingestrun",
             "ingestwarning", "searchdocumentfts"}


@dataclass(frozen=True)
class Version:
    number: int
    changed_at: datetime

    @property
    def token(self) -> str:
        """What caches are keyed on: the number and the time of the write that made it (a
        database restored from a backup, or a test's rolled-back transaction, can bring a
        number back; not with the same time unless it is the same state)."""
        return f"{self.number}.{int(self.changed_at.timestamp() * 1000)}"

    @classmethod
    def of_row(cls, number, changed_at) -> Version:
        """From a (version, changed_at) row, as any cursor returns it."""
        if isinstance(changed_at, str):
            changed_at = parse_datetime(changed_at)
        if changed_at is None:
            changed_at = EPOCH
        if changed_at.tzinfo is None:
            changed_at = changed_at.replace(tzinfo=UTC)
        return cls(int(number), changed_at)


_seen: contextvars.ContextVar[Version | None] = contextvars.ContextVar("data_version",
                                                                        default=None)


def watched_tables(apps) -> list[str]:
    """The tables of the archive's models (m2m link tables included) in `apps` (the project's
    registry or a migration's)."""
    tables = set()
    for model in apps.get_app_config("policies").get_models(include_auto_created=True):
        name = model._meta.model_name
        if name in UNWATCHED or name.startswith("historical") or not model._meta.managed:
            continue
        tables.add(model._meta.db_table)
    return sorted(tables)


def _trigger_sql(vendor: str, table: str) -> list[str]:
    if vendor == "postgresql":
        name = f"{table}_data_version"
        return [f'DROP TRIGGER IF EXISTS "{name}" ON "{table}"',
                f'CREATE TRIGGER "{name}" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON '
                f'"{table}" FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()']
    bump = (f"UPDATE {TABLE} SET version = version + 1, "
            "changed_at = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE id = 1;")
    statements = []
    for event in ("INSERT", "UPDATE", "DELETE"):
        name = f"{table}_data_version_{event.lower()}"
        statements += [f'DROP TRIGGER IF EXISTS "{name}"',
                       f'CREATE TRIGGER "{name}" AFTER {event} ON "{table}" BEGIN {bump} END']
    return statements


def install_triggers(connection, tables: list[str]) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger AS $$ BEGIN "
                f"UPDATE {TABLE} SET version = version + 1, changed_at = clock_timestamp() "
                "WHERE id = 1; RETURN NULL; END $$ LANGUAGE plpgsql")
        cursor.execute(f"INSERT INTO {TABLE} (id, version, changed_at) SELECT 1, 0, %s "
                       f"WHERE NOT EXISTS (SELECT 1 FROM {TABLE} WHERE id = 1)",
                       [datetime.now(UTC) if connection.vendor == "postgresql"
                        else datetime.now(UTC).replace(tzinfo=None).isoformat(" ")])
        for table in tables:
            for statement in _trigger_sql(connection.vendor, table):
                cursor.execute(statement)


def sync_triggers_in_migration(apps, schema_editor) -> None:
    """RunPython: the counter's row and a trigger on every archive table (idempotent)."""
    install_triggers(schema_editor.connection, watched_tables(apps))


def tables_with_triggers(connection) -> set[str]:
    """The tables whose writes bump the counter (for the test that none is missing)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT DISTINCT event_object_table FROM information_schema.triggers"
                           " WHERE trigger_name LIKE %s", ["%_data_version"])
            return {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'")
        found: dict[str, int] = {}
        for table, name in cursor.fetchall():
            if "_data_version_" in name:
                found[table] = found.get(table, 0) + 1
        return {table for table, n in found.items() if n == 3}


_READ = f"SELECT version, changed_at FROM {TABLE} WHERE id = 1"


def read(using: str | None = None) -> Version:
    """The counter as the database has it now: one query, in plain SQL (a cached page's time
    is mostly this read; building it through the ORM cost more than running it).

    On a kept connection not yet checked in this request (CONN_HEALTH_CHECKS), the read is the
    check: Django would send a `SELECT 1` first, a second round trip on every cached page.
    If the connection no longer works (the database restarted since), it is closed and the read
    made once more on a new one, as the check would have done."""
    from .models import DataVersion

    connection = connections[using or router.db_for_read(DataVersion)]
    if (connection.connection is not None and connection.health_check_enabled
            and not connection.health_check_done and not connection.in_atomic_block):
        connection.health_check_done = True
        try:
            return _select(connection)
        except DatabaseError:
            connection.close()
    return _select(connection)


def _select(connection) -> Version:
    with connection.cursor() as cursor:
        cursor.execute(_READ)
        found = cursor.fetchone()
    if found is None:  # a database restored without the row: as if never written
        return Version(0, EPOCH)
    return Version.of_row(*found)


def current() -> Version:
    """The version this request sees: read at its first use in the request, then kept (a
    request sees one state of the archive throughout); outside a request, read each time."""
    seen = _seen.get()
    if seen is None:
        seen = read()
        if _in_request.get():
            _seen.set(seen)
    return seen


_in_request: contextvars.ContextVar[bool] = contextvars.ContextVar("in_request", default=False)


def start_request():
    """Called as a request begins: forget the last request's version. Returns the tokens for
    `end_request`."""
    return _in_request.set(True), _seen.set(None)


def end_request(tokens) -> None:
    in_request, seen = tokens
    _seen.reset(seen)
    _in_request.reset(in_request)



MEMO_KEPT = 4096  # entries, all versions together; the oldest used go first
_memo: OrderedDict = OrderedDict()
_memo_lock = threading.Lock()


def remembered(key, compute: Callable[[], object]):
    """compute(), kept in this process under `key` for the data version this request sees:
    a later request of the same version gets it without a query, one after any write computes
    it again. Outside a request, computed each time (reading the version would cost the query
    saved). The value is shared: treat it as read-only."""
    if not _in_request.get():
        return compute()
    full = (current().token, key)
    with _memo_lock:
        if full in _memo:
            _memo.move_to_end(full)
            return _memo[full]
    value = compute()
    with _memo_lock:
        _memo[full] = value
        while len(_memo) > MEMO_KEPT:
            _memo.popitem(last=False)
    return value


class KeptPerKey:
    """Values derived from the data alone, one per key (a policy's result row), kept in this
    process for the data version the request sees, at most `limit` of them (the least recently
    used go first): `get_many(keys, compute)` computes only the keys not kept, in one call, so a
    page whose rows were all read before makes no query for them. Any write starts it afresh.
    Outside a request, computed each time, as `remembered`. Values are shared: read-only."""

    def __init__(self, limit: int):
        self.limit = limit
        self.version: str | None = None
        self.values: OrderedDict = OrderedDict()
        self.lock = threading.Lock()
        _stores.append(self)

    def get_many(self, keys, compute: Callable[[list], dict]) -> dict:
        """{key: value} for `keys` (a key that compute() leaves out is missing)."""
        if not _in_request.get():
            return compute(list(keys))
        token = current().token
        found = {}
        with self.lock:
            if self.version != token:
                self.values.clear()
                self.version = token
            values = self.values
            for key in keys:
                if key in values:
                    values.move_to_end(key)
                    found[key] = values[key]
        missing = [key for key in keys if key not in found]
        if missing:
            computed = compute(missing)
            found.update(computed)
            with self.lock:
                if self.version == token:
                    self.values.update(computed)
                    while len(self.values) > self.limit:
                        self.values.popitem(last=False)
        return found

    def clear(self) -> None:
        with self.lock:
            self.values.clear()
            self.version = None


_stores: list[KeptPerKey] = []


def forget_remembered() -> None:
    """Drop everything `remembered` and the `KeptPerKey` stores keep (a test starting on another
    archive whose version number and time happen to be the same: after a flush both are the
    missing row's)."""
    with _memo_lock:
        _memo.clear()
    for store in _stores:
        store.clear()
