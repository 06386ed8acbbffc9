"""The backup and restore drill on PostgreSQL, as the README's Production section gives it:
pg_dump the archive (custom format), pg_restore it into an empty database, and find the same
records, the same permalinks and the same change history there. (The portable dump,
`manage.py export` / `import_dump`, is tests/test_dump.py, on both databases.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.db import connection

from policies.models import Policy

from .conftest import ROOT
from .postgres_cluster import find_binary

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


SNAPSHOT = """
import json
from policies.models import Agency, Brief, BriefItem, NewsItem, Policy
print(json.dumps({
    "policies": sorted((p.pk, p.get_absolute_url(), p.title, str(p.issued_on), p.corrected_fields)
                       for p in Policy.objects.all()),
    "agencies": sorted(Agency.objects.values_list("pk", "slug", "name")),
    "briefs": sorted((b.pk, b.get_absolute_url(), b.sha256) for b in Brief.objects.all()),
    "items": BriefItem.objects.count(),
    "news": NewsItem.objects.count(),
    "history": sorted((h.history_id, h.id, h.history_date.isoformat(), h.history_type, h.title,
                       h.history_user.username if h.history_user else None)
                      for h in Policy.history.select_related("history_user")),
}))
"""


def snapshot(database: str) -> dict:
    """The archive as an app process on `database` reads it (manage.py, its own connection)."""
    db = connection.settings_dict
    host = db["HOST"] or db.get("OPTIONS", {}).get("host")
    env = {**os.environ, "DATABASE_URL": f"postgres://{db['USER']}@/{database}?host={host}",
           "SECRET_KEY": "backup-drill", "DJANGO_SETTINGS_MODULE": "briefs_site.settings"}
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", SNAPSHOT], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def client_args(database: str) -> list[str]:
    db = connection.settings_dict
    host = db["HOST"] or db.get("OPTIONS", {}).get("host") or "localhost"  # ?host=/socket/dir
    args = ["-h", host, "-U", db["USER"] or "postgres", "-d", database]
    return args + (["-p", str(db["PORT"])] if db["PORT"] else [])


def run(tool: str, *args: str, env=None) -> None:
    binary = find_binary(tool)
    assert binary, f"{tool} not found"
    result = subprocess.run([binary, *args], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr


@pytest.fixture
def restored_database():
    """An empty database beside the test database; dropped after."""
    name = f"{connection.settings_dict['NAME']}_restored"
    run("psql", *client_args("postgres"), "-c", f'DROP DATABASE IF EXISTS "{name}"',
        "-c", f'CREATE DATABASE "{name}"')
    yield name
    run("psql", *client_args("postgres"), "-c", f'DROP DATABASE IF EXISTS "{name}"')


def test_pg_dump_then_pg_restore_gives_the_same_records_urls_and_history(
        seeded, restored_database, tmp_path):
    from django.contrib.auth.models import User

    editor = User.objects.create_user("eddie", password="correct horse battery", is_staff=True)
    policy = Policy.objects.order_by("pk").first()
    policy.title = "Corrected before the backup"
    policy._history_user = editor
    policy.mark_corrected("title")
    policy.save()
    before = snapshot(connection.settings_dict["NAME"])
    assert before["policies"] and any(h[5] == "eddie" for h in before["history"])

    backup = tmp_path / "archive.pgdump"
    run("pg_dump", *client_args(connection.settings_dict["NAME"]), "--format=custom",
        "--no-owner", f"--file={backup}")
    run("pg_restore", *client_args(restored_database), "--no-owner", "--exit-on-error",
        str(backup))

    after = snapshot(restored_database)
    assert after == before
    assert [p for p in after["policies"] if p[0] == policy.pk][0][4] == ["title"]  # a correction
