"""PostgreSQL restarted or down under a running gunicorn: requests get a quick 503 with
Retry-After in the client's form, and the same gunicorn answers again as soon as the database is
back, without a restart (CONN_HEALTH_CHECKS replaces the connection a restart killed). A server
that accepts connections but never answers costs a request DB_CONNECT_TIMEOUT, not a worker.

The database is a throwaway cluster of the test's own (tests/postgres_cluster.py), so it can be
stopped and started; SQLite has no server to lose (test_slow_database.py covers its locks).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest

from .conftest import SEEDS
from .postgres_cluster import PostgresCluster, missing
from .processes import Gunicorn, manage
from .test_slow_database import WARM_UP

pytestmark = pytest.mark.postgres_only

# A refused connection is answered at once; this is the bound, on a machine other tests share.
QUICK_SECONDS = 2.0
CONNECT_TIMEOUT = 2  # seconds, DB_CONNECT_TIMEOUT for the server that never answers


@pytest.fixture
def cluster():
    """A cluster of the test's own. Not under tmp_path: as root the cluster belongs to the
    postgres user, who must pass through its parents, and every pytest run on the machine makes
    /tmp/pytest-of-root private again (0700). /tmp itself lets everyone through."""
    reason = missing()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} (CI must run the outage tests)", pytrace=False)
        pytest.skip(reason)
    directory = Path(tempfile.mkdtemp(prefix="briefs-outage-"))
    directory.chmod(0o755)
    try:
        with PostgresCluster(directory / "postgres") as cluster:
            yield cluster
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def assert_quick_503(answer, content_type: str):
    status, headers, body, seconds = answer
    assert status == 503, body[:300]
    assert seconds < QUICK_SECONDS, seconds
    assert headers["retry-after"] == "30"
    assert headers["content-type"] == content_type
    assert b"is not answering" in body
    return body


def wait_for_lock_wait(holder, timeout: float = 10) -> None:
    """Until some backend is waiting for the lock `holder` holds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        waiting = holder.execute("SELECT count(*) FROM pg_stat_activity "
                                 "WHERE wait_event_type = 'Lock'").fetchone()[0]
        if waiting:
            return
        time.sleep(0.05)
    raise AssertionError("no request started waiting for the lock")


def test_restarts_and_outages_cost_requests_a_quick_503_and_the_site_recovers_by_itself(
        cluster, tmp_path):
    url = cluster.create_database("briefs")
    migrated = manage(url, "migrate", "--noinput", "-v", "0", timeout=300)
    assert migrated.returncode == 0, migrated.stderr
    # rows the waiting request must read: the worker warms up on the plans only, since a list
    # needs no row once the facet index is built and its rows were read once (they are kept
    # for the data version), and a page asked for before comes from the response cache
    assert manage(url, "ingest", str(SEEDS)).returncode == 0
    with Gunicorn(url, tmp_path) as server:
        assert server.get(WARM_UP)[0] == 200  # the worker keeps its connection (60 s)
        workers = server.workers()

        # restarted between two requests: the kept connection is dead, the health check sees
        # it and the worker opens a new one; no request fails
        cluster.stop()
        cluster.start()
        assert server.get(WARM_UP)[0] == 200

        # stopped while a request is waiting inside the database
        import psycopg

        holder = psycopg.connect(url, autocommit=True)
        holder.execute("BEGIN")
        holder.execute("LOCK TABLE policies_policy IN ACCESS EXCLUSIVE MODE")
        answers = []
        waiting = threading.Thread(target=lambda: answers.append(
            (server.get("/policies/?type=notice"), time.monotonic())))
        waiting.start()
        wait_for_lock_wait(holder)
        stopped = time.monotonic()
        cluster.stop()
        waiting.join(timeout=30)
        holder.close()
        (status, headers, body, _), arrived = answers[0]
        assert status == 503 and headers["retry-after"] == "30", body[:300]
        assert arrived - stopped < QUICK_SECONDS

        # down: every form of answer, each within the bound
        assert b"<h1>" in assert_quick_503(server.get("/policies/"), "text/html; charset=utf-8")
        problem = json.loads(assert_quick_503(server.get("/api/policies/"), "application/json"))
        assert set(problem) == {"error", "errors"} and problem["errors"] == {}
        csv = assert_quick_503(server.get("/policies/export.csv"), "text/plain; charset=utf-8")
        assert csv.startswith(b"503 Service Unavailable") and b"id,url" not in csv
        assert server.get("/")[0] == 503

        # back: the same gunicorn, the same worker, answering again
        cluster.start()
        assert server.get("/policies/")[0] == 200
        assert server.get("/api/policies/")[0] == 200
        assert server.workers() == workers


def test_a_server_that_never_answers_costs_a_request_the_connect_timeout(tmp_path):
    with socket.socket() as silent:  # accepts TCP connections (the backlog), never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        port = silent.getsockname()[1]
        url = f"postgres://postgres@127.0.0.1:{port}/briefs"
        with Gunicorn(url, tmp_path, DB_CONNECT_TIMEOUT=str(CONNECT_TIMEOUT)) as server:
            status, headers, body, seconds = server.get("/policies/")
    assert status == 503, body[:300]
    assert headers["retry-after"] == "30"
    assert CONNECT_TIMEOUT * 0.9 <= seconds < CONNECT_TIMEOUT + QUICK_SECONDS, seconds
