"""Real processes for the fault tests: a migrated database of the suite's kind that other
processes can open, and manage.py commands and gunicorn running on it.

    def test_something(process_database, tmp_path):      # the fixture is in conftest.py
        process_database.url        # sqlite:////tmp/.../archive.sqlite3, postgres://.../faults_1
        process_database.scalar("SELECT count(*) FROM policies_brief")
        manage(process_database.url, "ingest", "fixtures/seeds")
        with Gunicorn(process_database.url, tmp_path, DB_STATEMENT_TIMEOUT_MS="400") as server:
            status, headers, body, seconds = server.get("/policies/")

The suite's own test database lives in this process (SQLite in memory, or a transaction other
connections cannot see), so these get a database of their own: SQLite, a file copied from one
migrated once per session; PostgreSQL, a database created on the suite's server from a template
migrated once per session. gunicorn runs `briefs_site.wsgi` with the test settings (the real
settings with plain static files, so no collectstatic is needed) and SECRET_KEY, ALLOWED_HOSTS
and DATABASE_URL in its environment.
"""

from __future__ import annotations

import http.client
import itertools
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from .postgres_cluster import free_port

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).parent / "gunicorn"
_names = itertools.count(1)


def base_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a manage.py command or gunicorn on `database_url`."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DEBUG"}}
    env.update(DJANGO_SETTINGS_MODULE="briefs_site.test_settings", DATABASE_URL=database_url,
               SECRET_KEY="fault-tests-secret-key-not-for-production",
               ALLOWED_HOSTS="127.0.0.1,localhost", PYTHONUNBUFFERED="1", **extra)
    return env


def manage(database_url: str, *args: str, timeout: float = 120,
           **env: str) -> subprocess.CompletedProcess:
    """`manage.py ARGS` on that database, to the end; its output as text."""
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT,
                          env=base_env(database_url, **env), capture_output=True, text=True,
                          timeout=timeout)


class Lines:
    """What a background process writes to one of its pipes, read line by line as it comes."""

    def __init__(self, stream):
        self.lines: list[str] = []
        self.changed = threading.Condition()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream) -> None:
        for line in stream:
            with self.changed:
                self.lines.append(line.rstrip("\n"))
                self.changed.notify_all()

    def wait_for(self, text: str, *, timeout: float = 60) -> str:
        """The first line holding `text`, once it is written."""
        with self.changed:
            found = self.changed.wait_for(
                lambda: next((line for line in self.lines if text in line), None), timeout)
        assert found, f"no line with {text!r} within {timeout} s; got:\n{self.text()}"
        return found

    def text(self) -> str:
        with self.changed:
            return "\n".join(self.lines)


class Running:
    """`manage.py ARGS` started in the background; its output read as it comes."""

    def __init__(self, database_url: str, *args: str, **env: str):
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=base_env(database_url, **env),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.stdout, self.stderr = Lines(self.process.stdout), Lines(self.process.stderr)

    def signal(self, number: int) -> None:
        os.kill(self.process.pid, number)

    def wait(self, timeout: float = 120) -> int:
        return self.process.wait(timeout=timeout)

    def __enter__(self) -> Running:
        return self

    def __exit__(self, *exc) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()


def with_database(url: str, name: str) -> str:
    return urlsplit(url)._replace(path=f"/{name}").geturl()


class ProcessDatabase:
    """A migrated database other processes can open: `url`, and SQL from this process."""

    def __init__(self, vendor: str, url: str):
        self.vendor, self.url = vendor, url

    # -- making one

    @classmethod
    def template(cls, vendor: str, suite_url: str, directory: Path) -> ProcessDatabase:
        if vendor == "sqlite":
            url = f"sqlite:///{directory / 'template.sqlite3'}"
        else:
            name = f"faults_template_{os.getpid()}"
            _admin(suite_url, f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
            url = with_database(suite_url, name)
        result = manage(url, "migrate", "--noinput", "-v", "0", timeout=300)
        assert result.returncode == 0, result.stderr
        return cls(vendor, url)

    def copy(self, directory: Path) -> ProcessDatabase:
        if self.vendor == "sqlite":
            directory.mkdir(parents=True, exist_ok=True)
            target = directory / "archive.sqlite3"
            shutil.copyfile(self.path, target)
            return ProcessDatabase("sqlite", f"sqlite:///{target}")
        name = f"faults_{os.getpid()}_{next(_names)}"
        _admin(self.url, f'CREATE DATABASE "{name}" TEMPLATE "{self.name}"')
        return ProcessDatabase(self.vendor, with_database(self.url, name))

    def drop(self) -> None:
        if self.vendor == "sqlite":
            for suffix in ("", "-wal", "-shm", ".ingest-lock"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        else:
            _admin(self.url, f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    # -- using one

    @property
    def name(self) -> str:
        return urlsplit(self.url).path.lstrip("/")

    @property
    def path(self) -> Path:
        return Path(urlsplit(self.url).path)

    def connect(self):
        """A plain DB-API connection (autocommit), for the test's own SQL."""
        if self.vendor == "sqlite":
            return sqlite3.connect(self.path, isolation_level=None, timeout=30)
        import psycopg

        return psycopg.connect(self.url, autocommit=True)

    def rows(self, sql: str) -> list[tuple]:
        connection = self.connect()
        try:
            return list(connection.execute(sql).fetchall())
        finally:
            connection.close()

    def scalar(self, sql: str):
        return self.rows(sql)[0][0]


def _admin(url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(with_database(url, "postgres"), autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (gunicorn's workers under its arbiter)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return sorted(found)


class Gunicorn:
    """`gunicorn briefs_site.wsgi` on 127.0.0.1, started and stopped by the test."""

    def __init__(self, database_url: str, directory: Path, *, workers: int = 1,
                 timeout: int = 30, **env: str):
        self.port = free_port()
        self.log = Path(directory) / f"gunicorn-{self.port}.log"
        self.command = [str(GUNICORN), "briefs_site.wsgi", "--bind", f"127.0.0.1:{self.port}",
                        "--workers", str(workers), "--timeout", str(timeout),
                        "--graceful-timeout", "2"]
        self.env = base_env(database_url, **env)
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Gunicorn:
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(self.command, cwd=ROOT, env=self.env, stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"gunicorn exited:\n{self.output()}"
            try:
                if self.get("/robots.txt")[0] == 200 and self.workers():
                    return self
            except OSError:
                time.sleep(0.1)
        raise AssertionError(f"gunicorn did not answer within 60 s:\n{self.output()}")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def workers(self) -> list[int]:
        return children(self.process.pid)

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]

    def connection(self, timeout: float = 30) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def get(self, path: str, *, timeout: float = 30) -> tuple[int, dict, bytes, float]:
        """(status, headers, body, seconds) of one HTTP/1.1 GET."""
        connection = self.connection(timeout)
        start = time.monotonic()
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            body = response.read()
            headers = {k.lower(): v for k, v in response.getheaders()}
            return response.status, headers, body, time.monotonic() - start
        finally:
            connection.close()
