"""Throwaway PostgreSQL clusters for the tests that need a server of their own (to stop and
start it under a running app, or to replicate it): the steps of scripts/with-postgres.sh as a
class. initdb refuses to run as root, so as root the cluster belongs to the postgres user.

    with PostgresCluster(tmp_path / "primary") as primary:
        primary.create_database("briefs")
        url = primary.url("briefs")   # postgres://postgres@127.0.0.1:PORT/briefs
        primary.stop(); primary.start()

It listens on 127.0.0.1 on a free port (TCP, so a connect_timeout applies when it is down, and
a replica can stream from it) and on a Unix socket in its own directory. `replica_of(primary,
directory)` makes a streaming replica with pg_basebackup -R. Missing server binaries: `missing()`
says so; a test skips with that reason, or fails under CI=true.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
from pathlib import Path

SERVER_OPTIONS = ("-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c jit=off "
                  "-c wal_level=replica -c max_wal_senders=5 -c hot_standby=on")


def find_binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def missing() -> str:
    """Why no cluster can be started here ("" when one can)."""
    absent = [name for name in ("initdb", "pg_ctl", "pg_basebackup", "psql")
              if not find_binary(name)]
    return f"PostgreSQL server binaries not found: {', '.join(absent)}" if absent else ""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_owner() -> list[str]:
    if os.getuid() != 0:
        return []
    subprocess.run(["id", "postgres"], check=False, capture_output=True).returncode == 0 or \
        subprocess.run(["useradd", "--system", "--no-create-home", "postgres"], check=True)
    return ["runuser", "-u", "postgres", "--"]


class PostgresCluster:
    def __init__(self, directory: Path, *, port: int | None = None):
        self.directory = Path(directory)
        self.data = self.directory / "data"
        self.log = self.directory / "server.log"
        self.port = port or free_port()
        self.owner = _as_owner()

    # -- life cycle

    def _prepare(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        os.chmod(self.directory, 0o755)
        if self.owner:
            shutil.chown(self.directory, "postgres")

    def init(self) -> PostgresCluster:
        self._prepare()
        self._run(find_binary("initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
                  "-E", "UTF8", "--locale=C.UTF-8")
        with open(self.data / "pg_hba.conf", "a") as hba:  # the replica's stream, over TCP
            hba.write("host replication postgres 127.0.0.1/32 trust\n")
        return self

    def start(self) -> None:
        options = (f"-k {self.directory} -c listen_addresses=127.0.0.1 -p {self.port} "
                   f"{SERVER_OPTIONS}")
        self._run(find_binary("pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w",
                  "-t", "60", "-o", options, "start")

    def stop(self, mode: str = "fast") -> None:
        self._run(find_binary("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop",
                  check=False)

    def remove(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.directory, ignore_errors=True)

    def __enter__(self) -> PostgresCluster:
        if not self.data.exists():
            self.init()
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.remove()

    # -- use

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def psql(self, sql: str, database: str = "postgres") -> str:
        """Runs `sql`; its rows as psql prints them unaligned, without headers."""
        result = self._run(find_binary("psql"), "-h", str(self.directory), "-p", str(self.port),
                           "-U", "postgres", "-d", database, "-XAtq", "-v", "ON_ERROR_STOP=1",
                           "-c", sql)
        return result.stdout.strip()

    def create_database(self, name: str) -> str:
        self.psql(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def replica_of(self, primary: PostgresCluster) -> PostgresCluster:
        """This (not yet initialised) cluster as a streaming replica of `primary`."""
        self._prepare()
        self._run(find_binary("pg_basebackup"), "-h", "127.0.0.1", "-p", str(primary.port),
                  "-U", "postgres", "-D", str(self.data), "-R", "-X", "stream", "-c", "fast")
        return self

    def _run(self, *command, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run([*self.owner, *command], capture_output=True, text=True,
                                cwd=self.directory if self.directory.exists() else None)
        if check and result.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{command[0]} failed ({result.returncode}):\n{result.stdout}\n"
                               f"{result.stderr}\n{log}")
        return result
