"""A streamed download cut short never looks complete. gunicorn sends the CSV exports and the dump
with HTTP/1.1 chunked framing, so a worker that dies mid-stream (killed, or by gunicorn's own
timeout) never sends the terminating chunk and the client sees an incomplete response, never a
short 200; and the dump's last line ({"end": true, "records": N}) is missing from what arrived,
so `manage.py import_dump` refuses it. Real gunicorn, a raw HTTP/1.1 client, SIGKILL to the
worker (not the arbiter) after the first chunk arrived."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import time

import pytest

from .processes import Gunicorn, manage

POLICIES = 5000  # a CSV of about 1 MB and a dump of about 3 MB: far more than the buffers
LIMIT_MS = 300  # DB_STATEMENT_TIMEOUT_MS for the slow reader
ADD_POLICIES = f"""
from datetime import date
from policies.models import Policy
policies = [Policy(title=f"Notice {{n}} on Streaming Exports to Readers",
                   chinese_title=f"关于流式导出的通知{{n}}", issued_on=date(2024, 1 + n % 12, 1),
                   document_type="notice") for n in range({POLICIES})]
for policy in policies:
    policy.set_derived_fields()
Policy.objects.bulk_create(policies, batch_size=1000)
"""


@pytest.fixture
def big_archive(process_database):
    added = manage(process_database.url, "shell", "-c", ADD_POLICIES)
    assert added.returncode == 0, added.stderr
    return process_database


def start_download(server: Gunicorn, path: str) -> http.client.HTTPResponse:
    """GET `path` over HTTP/1.1 on a socket with a small receive window, so the worker cannot
    hand the whole body to the kernel before the test is ready."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.settimeout(30)
    sock.connect(("127.0.0.1", server.port))
    connection = server.connection()
    connection.sock = sock
    connection.request("GET", path)
    return connection.getresponse()


def cut_short(server: Gunicorn, path: str) -> tuple[http.client.HTTPResponse, bytes]:
    """(the response, what arrived) of a download whose worker was killed after its first
    chunk; asserts that the client can tell."""
    response = start_download(server, path)
    assert response.status == 200 and response.version == 11
    assert response.getheader("Transfer-Encoding") == "chunked"
    assert response.getheader("Content-Length") is None
    first = response.read1(65536)
    assert first
    (worker,) = server.workers()
    os.kill(worker, signal.SIGKILL)
    with pytest.raises(http.client.IncompleteRead) as cut:
        response.read()
    return response, first + cut.value.partial


def test_a_csv_export_whose_worker_dies_mid_stream_arrives_incomplete(big_archive, tmp_path):
    with Gunicorn(big_archive.url, tmp_path) as server:
        status, headers, whole, _ = server.get("/policies/export.csv")  # to the last chunk
        assert status == 200 and headers["transfer-encoding"] == "chunked"
        assert whole.decode("utf-8-sig").count("\n") == POLICIES + 1

        _, arrived = cut_short(server, "/policies/export.csv")
        assert 0 < arrived.count(b"\n") < POLICIES + 1
        assert server.get("/robots.txt")[0] == 200  # the arbiter started a new worker


def test_a_dump_cut_short_has_no_end_line_and_is_refused_by_import_dump(big_archive, tmp_path,
                                                                        migrated_template):
    with Gunicorn(big_archive.url, tmp_path) as server:
        _, arrived = cut_short(server, "/dump/archive.jsonl")
    lines = arrived.decode("utf-8", errors="replace").splitlines()
    assert json.loads(lines[0])["counts"]["policies.policy"] == POLICIES
    assert not any(line.startswith('{"end":') for line in lines)

    partial = tmp_path / "partial.jsonl"
    partial.write_bytes(arrived)
    empty = migrated_template.copy(tmp_path / "empty")
    try:
        refused = manage(empty.url, "import_dump", str(partial))
        assert refused.returncode != 0
        assert "no end line: the dump was cut short" in refused.stderr
        assert "nothing was imported" in refused.stderr
        assert empty.scalar("SELECT count(*) FROM policies_policy") == 0
        assert empty.scalar("SELECT count(*) FROM policies_agency") > 0  # the registry kept
    finally:
        empty.drop()


def test_a_slow_reader_of_a_long_export_is_not_cut_by_the_statement_limit(big_archive, tmp_path):
    """The web's limit counts the database's work, not the time spent sending rows."""
    with Gunicorn(big_archive.url, tmp_path, DB_STATEMENT_TIMEOUT_MS=str(LIMIT_MS)) as server:
        response = start_download(server, "/policies/export.csv")
        start, body = time.monotonic(), b""
        while chunk := response.read(32768):
            body += chunk
            time.sleep(0.05)
        seconds = time.monotonic() - start
    assert seconds > 3 * LIMIT_MS / 1000
    assert body.decode("utf-8-sig").count("\n") == POLICIES + 1
