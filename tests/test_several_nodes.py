"""Several nodes for real: a PostgreSQL primary with a streaming replica, a redis-server, and two
gunicorn processes of the app (nodes A and B) in front of them, spoken to over HTTP.

Proves that public reads (a streamed dump too) come from the replica and writes go to the
primary (each server's own pg_stat_activity says which one worked, and the access log agrees),
that a client reads its own write from the primary while the replica lags (WAL replay paused) and
the admin always does, that one node sees another's admin edit through the shared cache, that a
pooled node keeps its connections within DB_POOL_MAX_SIZE, and that a stopped replica or cache is
reported by /healthz while pages still answer.

It starts its own clusters and never uses the suite's database, so it runs once: in the PostgreSQL
half of the suite (the half that has the server binaries), skipped in the SQLite half. There,
missing binaries or redis-server skip it, and fail it under CI=true.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import lxml.html
import pytest
from django.conf import settings

from . import postgres_cluster
from .conftest import ROOT, SEEDS
from .postgres_cluster import PostgresCluster, free_port

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="runs in the PostgreSQL half of the suite: it starts clusters of its own",
)

BIN = Path(sys.executable).parent
PASSWORD = "a long editor passphrase"
LAG_SECONDS = 30  # the read-your-writes window of the nodes: longer than any step here
START_TIMEOUT = 60
SET_UP_ARCHIVE = """
from django.contrib.auth.models import User
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("ingest", "{}", verbosity=0)
User.objects.create_superuser("editor", "editor@example.org", "{}")
"""


def require(what: str, missing: str) -> None:
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{missing} (CI must run the several-nodes test)", pytrace=False)
        pytest.skip(f"{missing}: {what}")


# --------------------------------------------------------------------------- processes


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    text: str


@dataclass
class Client:
    """A client with its own cookies, sent to every node as a browser sends one host's cookies
    whatever the port (the Secure flag is ignored: the nodes speak plain HTTP here)."""

    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, node: Node, method: str, path: str, *, form=None,
                request_id: str | None = None) -> Answer:
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if request_id:
            headers["X-Request-ID"] = request_id
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", node.port, timeout=30)
        try:
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            text = response.read().decode()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return Answer(response.status, response.headers, text)

    def get(self, node: Node, path: str, **kwargs) -> Answer:
        return self.request(node, "GET", path, **kwargs)

    def log_in(self, node: Node) -> None:
        self.get(node, "/admin/login/")
        answer = self.request(node, "POST", "/admin/login/?next=/admin/", form={
            "username": "editor", "password": PASSWORD, "next": "/admin/",
            "csrfmiddlewaretoken": self.cookies["csrftoken"]})
        assert answer.status == 302, answer.text[:2000]

    def edit_agency(self, node: Node, pk: int, name: str) -> Answer:
        """The admin's change form, sent back as a browser would with the name changed."""
        page = self.get(node, f"/admin/policies/agency/{pk}/change/")
        assert page.status == 200
        form = lxml.html.fromstring(page.text).get_element_by_id("agency_form")
        values = [(key, name if key == "name" else value) for key, value in form.form_values()]
        return self.request(node, "POST", f"/admin/policies/agency/{pk}/change/", form=values)


class Node:
    """One gunicorn process of the app, its JSON log in a file."""

    def __init__(self, name: str, directory: Path, env: dict[str, str], *, threads: int = 1):
        self.name, self.port = name, free_port()
        self.log = directory / f"{name}.log"
        with self.log.open("w") as out:
            self.process = subprocess.Popen(
                [str(BIN / "gunicorn"), "briefs_site.wsgi", "--bind", f"127.0.0.1:{self.port}",
                 "--workers", "1", "--threads", str(threads), "--timeout", "60"],
                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)

    def wait_until_serving(self) -> Node:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                if Client().get(self, "/healthz").status in (200, 503):
                    return self
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"node {self.name} did not start:\n"
                                   f"{self.log.read_text()[-3000:]}")
            time.sleep(0.1)

    def records(self) -> list[dict]:
        lines = self.log.read_text().splitlines()
        return [json.loads(line) for line in lines if line.startswith("{")]

    def access(self, request_id: str) -> dict:
        """The access line of one request."""
        deadline = time.monotonic() + 5  # written just after the response was sent
        while time.monotonic() < deadline:
            lines = [r for r in self.records()
                     if r.get("logger") == "briefs_site.access" and r["request_id"] == request_id]
            if lines:
                assert len(lines) == 1
                return lines[0]
            time.sleep(0.05)
        raise AssertionError(f"no access line for {request_id} in {self.name}'s log")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Redis:
    def __init__(self, directory: Path):
        self.port = free_port()
        with (directory / "redis.log").open("w") as out:
            self.process = subprocess.Popen(
                ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                 "--appendonly", "no", "--dir", str(directory)],
                stdout=out, stderr=subprocess.STDOUT)
        import redis

        client = redis.Redis(port=self.port, socket_timeout=1)
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.05)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


def app_env(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "DATABASE_REPLICA_URLS",
                        "CACHE_URL", "DB_POOL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(DJANGO_SETTINGS_MODULE="tests.node_settings", PYTHONUNBUFFERED="1",
               SECRET_KEY="one-secret-key-shared-by-every-node-0123456789-abcdef",
               ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="0", LOG_FORMAT="json",
               REPLICA_LAG_SECONDS=str(LAG_SECONDS), **values)
    return env


# --------------------------------------------------------------------------- the servers


@dataclass
class Site:
    directory: Path
    primary: PostgresCluster
    replica: PostgresCluster
    redis: Redis
    a: Node
    b: Node
    agency_pk: int


@pytest.fixture(scope="module")
def site():
    require("the several-nodes test needs PostgreSQL's server binaries", postgres_cluster.missing())
    require("the several-nodes test needs redis-server (apt-get install redis-server)",
            "" if shutil.which("redis-server") else "redis-server not found")
    directory = Path(tempfile.mkdtemp(prefix="briefs-nodes-"))
    os.chmod(directory, 0o755)  # the clusters' owner (postgres, under root) must get in
    started = []
    try:
        primary = PostgresCluster(directory / "primary").__enter__()
        started.append(primary.remove)
        primary.create_database("briefs")
        subprocess.run(  # one process: Django starts once
            [sys.executable, "manage.py", "shell", "-c", SET_UP_ARCHIVE.format(SEEDS, PASSWORD)],
            cwd=ROOT, env=app_env(DATABASE_URL=primary.url("briefs")), check=True,
            capture_output=True, timeout=300)
        replica = PostgresCluster(directory / "replica").replica_of(primary)
        replica.start()
        started.append(replica.remove)
        redis = Redis(directory)
        started.append(redis.stop)
        env = app_env(DATABASE_URL=primary.url("briefs"),
                      DATABASE_REPLICA_URLS=replica.url("briefs"), CACHE_URL=redis.url)
        a, b = Node("a", directory, env), Node("b", directory, env)
        started += [a.stop, b.stop]
        a.wait_until_serving()
        b.wait_until_serving()
        agency_pk = int(primary.psql("SELECT id FROM policies_agency WHERE slug = 'miit'",
                                     "briefs"))
        yield Site(directory, primary, replica, redis, a, b, agency_pk)
    finally:
        for stop in reversed(started):
            stop()
        shutil.rmtree(directory, ignore_errors=True)


def clock(cluster: PostgresCluster) -> str:
    return cluster.psql("SELECT clock_timestamp()")


def worked_since(cluster: PostgresCluster, since: str) -> int:
    """How many of the app's connections to this server ran something (or connected) since."""
    return int(cluster.psql(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = 'briefs' "
        f"AND backend_type = 'client backend' AND greatest(backend_start, state_change) > "
        f"'{since}'"))


def agency_name(cluster: PostgresCluster, pk: int) -> str:
    return cluster.psql(f"SELECT name FROM policies_agency WHERE id = {pk}", "briefs")


class replay_paused:
    """The replica receives the primary's WAL but applies none of it: it lags, visibly."""

    def __init__(self, replica: PostgresCluster):
        self.replica = replica

    def __enter__(self):
        self.replica.psql("SELECT pg_wal_replay_pause()")

    def __exit__(self, *exc):
        self.replica.psql("SELECT pg_wal_replay_resume()")


def wait_for_replica(site: Site, name: str) -> None:
    deadline = time.monotonic() + 20
    while agency_name(site.replica, site.agency_pk) != name:
        assert time.monotonic() < deadline, "the replica never caught up"
        time.sleep(0.05)


# --------------------------------------------------------------------------- the tests


def test_public_reads_are_served_by_the_replica_alone(site):
    before = clock(site.primary), clock(site.replica)
    answer = Client().get(site.a, "/policies/?q=storage", request_id="read-1")
    assert answer.status == 200, site.a.log.read_text()[-4000:]
    assert worked_since(site.replica, before[1]) >= 1
    assert worked_since(site.primary, before[0]) == 0
    assert site.a.access("read-1")["database"] == "replica0"


def test_the_streamed_dump_is_read_from_the_replica_too(site):
    before = clock(site.primary), clock(site.replica)
    answer = Client().get(site.b, "/dump/archive.jsonl")  # read while it is sent
    assert answer.status == 200
    assert json.loads(answer.text.splitlines()[0])["counts"]["policies.policy"] > 0
    assert worked_since(site.replica, before[1]) >= 1
    assert worked_since(site.primary, before[0]) == 0


def test_a_write_goes_to_the_primary_and_its_client_then_reads_the_primary(site):
    editor, reader = Client(), Client()
    editor.log_in(site.a)
    old = agency_name(site.primary, site.agency_pk)
    new = "Ministry of Industry and Information Technology (read-your-writes)"
    with replay_paused(site.replica):
        before = clock(site.primary)
        answer = editor.edit_agency(site.a, site.agency_pk, new)
        assert answer.status == 302
        pin = [c for c in answer.headers.get_all("Set-Cookie") if c.startswith("read_primary=")]
        assert pin and f"Max-Age={LAG_SECONDS}" in pin[0]  # for that long, then replicas again
        assert worked_since(site.primary, before) >= 1
        assert agency_name(site.primary, site.agency_pk) == new
        assert agency_name(site.replica, site.agency_pk) == old  # not applied there yet

        mine = editor.get(site.b, "/agencies/miit/", request_id="own-write")
        theirs = reader.get(site.b, "/agencies/miit/", request_id="other-client")
        assert new in mine.text and site.b.access("own-write")["database"] == "default"
        assert old in theirs.text and new not in theirs.text
        assert site.b.access("other-client")["database"] == "replica0"

        del editor.cookies["read_primary"]  # past REPLICA_LAG_SECONDS: the admin still reads
        form = editor.get(site.b, f"/admin/policies/agency/{site.agency_pk}/change/",
                          request_id="admin-read")  # ... from the primary, always
        assert new in form.text and site.b.access("admin-read")["database"] == "default"
    wait_for_replica(site, new)
    assert new in reader.get(site.b, "/agencies/miit/").text


def test_one_node_sees_another_nodes_admin_edit_through_the_shared_cache(site):
    editor, reader = Client(), Client()
    old = agency_name(site.primary, site.agency_pk)
    assert old in reader.get(site.b, "/agencies/").text  # computed once, kept in the cache
    editor.log_in(site.a)
    new = "Ministry of Industry and Information Technology (shared cache)"
    with replay_paused(site.replica):
        assert editor.edit_agency(site.a, site.agency_pk, new).status == 302
        answer = reader.get(site.b, "/agencies/", request_id="directory-after-edit")
        assert new in answer.text and old not in answer.text
        # B computed it again, on the primary (the replica does not have the edit yet) ...
        assert site.b.access("directory-after-edit")["database"] == "default"
        # ... and A answers with what B computed, from the cache: no query at all
        again = reader.get(site.a, "/agencies/", request_id="directory-from-cache")
        assert new in again.text
        assert site.a.access("directory-from-cache")["database"] == "-"
    wait_for_replica(site, new)


def test_a_pooled_node_keeps_its_connections_within_the_pool(site):
    env = app_env(DATABASE_URL=site.primary.url("briefs") + "?application_name=pooled-node",
                  CACHE_URL=site.redis.url, DB_POOL="1", DB_POOL_MIN_SIZE="1",
                  DB_POOL_MAX_SIZE="2")
    node = Node("pooled", site.directory, env, threads=4)
    counts, done = [], threading.Event()

    def watch():
        while not done.is_set():
            counts.append(int(site.primary.psql(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pooled-node'")))
            time.sleep(0.02)

    watcher = threading.Thread(target=watch)
    try:
        node.wait_until_serving()
        watcher.start()
        with ThreadPoolExecutor(max_workers=6) as pool:
            statuses = list(pool.map(lambda path: Client().get(node, path).status,
                                     ["/policies/", "/agencies/miit/", "/briefs/"] * 6))
    finally:
        done.set()
        if watcher.is_alive():
            watcher.join()
        node.stop()
    assert statuses == [200] * 18
    assert counts and 1 <= max(counts) <= 2, counts


def test_a_stopped_replica_is_skipped_and_reported(site):
    site.replica.stop()
    for node in (site.a, site.b):
        for n in range(3):
            answer = Client().get(node, "/policies/", request_id=f"no-replica-{node.name}-{n}")
            assert answer.status == 200
            assert node.access(f"no-replica-{node.name}-{n}")["database"] == "default"
        # tried once, then left out: one warning for three requests
        warnings = [r for r in node.records() if r["logger"] == "briefs_site.replicas"]
        assert len(warnings) == 1 and "replica0 is down" in warnings[0]["message"]
    health = Client().get(site.a, "/healthz")
    assert health.status == 200
    assert json.loads(health.text) == {"status": "ok", "database": "ok", "cache": "ok",
                                       "replicas": {"replica0": "down"}}


def test_a_node_whose_cache_is_down_fails_its_health_check_and_still_serves_pages(site):
    site.redis.stop()
    health = Client().get(site.b, "/healthz")
    assert health.status == 503
    report = json.loads(health.text)
    assert report["status"] == "error" and report["database"] == "ok"
    assert report["cache"].startswith("error: ")
    assert Client().get(site.b, "/agencies/").status == 200  # the directory, computed afresh
