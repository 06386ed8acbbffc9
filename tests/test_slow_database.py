"""A database slower than the web's limit (DB_STATEMENT_TIMEOUT_MS) costs a request a quick 503,
not a worker: the statement is cancelled (PostgreSQL's statement_timeout, lock waits included;
SQLite's progress handler and busy timeout), the page says so in the client's form, and the same
worker answers the next request. manage.py commands run without the limit."""

from __future__ import annotations

import copy
import json
import time

import pytest
from django.db import DEFAULT_DB_ALIAS, OperationalError, connection, connections

from briefs_site.outages import limit_settings, unavailable

from .conftest import SEEDS
from .processes import Gunicorn, manage

LIMIT_MS = 400
# The bound a blocked page must answer within: the limit, plus a request's own work on a machine
# that other test runs share.
BOUND_SECONDS = LIMIT_MS / 1000 + 1.6
# A list of seed policies none of which is a notice: it warms a worker without reading a notice.
WARM_UP = "/policies/?type=plan"


def hold_policies_lock(database):
    """A connection holding a lock every list of policies waits for, as a migration altering
    the table would: PostgreSQL's ACCESS EXCLUSIVE on the policies table, SQLite's exclusive
    lock on the whole file. Closing the connection releases it."""
    holder = database.connect()
    if database.vendor == "postgresql":
        holder.execute("BEGIN")
        holder.execute("LOCK TABLE policies_policy IN ACCESS EXCLUSIVE MODE")
    else:
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
    return holder


def test_a_page_waiting_past_the_limit_answers_503_and_the_worker_serves_the_next(
        process_database, tmp_path):
    # Rows to read: a list needs no row of the locked table once the facet index is built and
    # its rows were read once (they are kept for the data version), and a page asked for before
    # is answered from the response cache; so the worker warms up on the plans and the blocked
    # requests ask for the notices, rows not read yet.
    assert manage(process_database.url, "ingest", str(SEEDS)).returncode == 0
    # SQLite: a worker's kept connection holds the file open (WAL), and then nothing can take
    # the exclusive lock pages would wait on; they can wait only behind one taken between two
    # connections, so here each request opens its own.
    fresh = {"CONN_MAX_AGE": "0"} if process_database.vendor == "sqlite" else {}
    with Gunicorn(process_database.url, tmp_path,
                  DB_STATEMENT_TIMEOUT_MS=str(LIMIT_MS), **fresh) as server:
        assert server.get(WARM_UP)[0] == 200
        workers = server.workers()
        holder = hold_policies_lock(process_database)
        try:
            page, api, csv = (server.get(path) for path in
                              ("/policies/?type=notice", "/api/policies/?type=notice",
                               "/policies/export.csv"))
        finally:
            holder.close()
        for status, headers, body, seconds in (page, api, csv):
            assert status == 503, body[:300]
            assert headers["retry-after"] == "30"
            assert "no-store" in headers["cache-control"]
            assert LIMIT_MS / 1000 * 0.9 <= seconds < BOUND_SECONDS, seconds
        assert page[1]["content-type"] == "text/html; charset=utf-8"
        assert b"took too long to answer" in page[2] and b"<h1>" in page[2]
        assert api[1]["content-type"] == "application/json"
        problem = json.loads(api[2])
        assert set(problem) == {"error", "errors"} and problem["errors"] == {}
        assert "took too long" in problem["error"]
        assert csv[1]["content-type"] == "text/plain; charset=utf-8"
        assert csv[2].startswith(b"503 Service Unavailable") and b"id,url" not in csv[2]

        status, _, body, seconds = server.get("/policies/")
        assert status == 200 and b"Policies" in body
        assert server.workers() == workers  # the same worker, never killed or replaced
        assert "WORKER TIMEOUT" not in server.output()


@pytest.mark.django_db
def test_a_statement_past_the_limit_is_cancelled_and_the_connection_serves_the_next():
    """The limit itself, on a connection opened with the web's settings, and a query whose work
    grows as agencies^4 (87^4 rows to count)."""
    limited = connections.create_connection(DEFAULT_DB_ALIAS)
    limited.settings_dict = limit_settings(copy.deepcopy(connection.settings_dict), 50)
    try:
        start = time.monotonic()
        with pytest.raises(OperationalError) as cancelled, limited.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM policies_agency a, policies_agency b, "
                           "policies_agency c, policies_agency d")
        assert time.monotonic() - start < 1.5
        assert unavailable(cancelled.value)
        with limited.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM policies_agency WHERE abbreviation = 'MIIT'")
            assert cursor.fetchone() == (1,)
    finally:
        limited.close()


def test_commands_run_without_the_web_limit(process_database, seeds_dir):
    result = manage(process_database.url, "ingest", str(seeds_dir), DB_STATEMENT_TIMEOUT_MS="1")
    assert result.returncode == 0, result.stderr
    assert process_database.scalar("SELECT count(*) FROM policies_brief") == 5
