#!/usr/bin/env python
"""Benchmark a full search reindex (`reindex_all`, what `rebuild_search_index`, `import_dump` and
`generate_corpus` wait for) on PostgreSQL: every document written afresh (the documents deleted
first), then a second reindex that finds every document unchanged.

Usage: DATABASE_URL=postgres://.../corpus .venv/bin/python scripts/bench_reindex.py
           [--rounds 3] [--baseline REV]
DATABASE_URL names a database that holds a corpus (`manage.py generate_corpus --policies N`); it
is only read: each run works on a copy of it (CREATE DATABASE ... TEMPLATE), migrated to the
code's own last migration (for `--baseline REV`, backwards with this checkout's migrations), in
a fresh process. The current code and REV's (exported with `git archive`) alternate round by
round so both see the same machine load; ratios are of medians. Prints numbers, the load
average, and a JSON summary line; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _admin(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(_with_database(url, "postgres"), autocommit=True) as conn:
        conn.execute(sql)


def _last_migration(root: Path) -> str:
    return max(p.stem for p in (root / "policies" / "migrations").glob("0*.py"))


def child(root: Path) -> dict:
    sys.path.insert(0, str(root))
    os.chdir(root)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "briefs_site.settings")
    os.environ.setdefault("SECRET_KEY", "bench-reindex")
    import django

    django.setup()
    from django.db import connection

    from policies.models import Policy
    from policies.search.index import reindex_all
    from policies.search.models import SearchDocument

    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {SearchDocument._meta.db_table}")
        cursor.execute("CHECKPOINT")
    load = [os.getloadavg()[0]]
    start = time.perf_counter()
    fresh = reindex_all()
    fresh_s = time.perf_counter() - start
    start = time.perf_counter()
    again = reindex_all()
    again_s = time.perf_counter() - start
    load.append(os.getloadavg()[0])
    return {"policies": Policy.objects.count(), "documents": fresh.total,
            "created": fresh.created, "unchanged": again.unchanged,
            "fresh": fresh_s, "again": again_s, "load": load}


def run(root: Path, url: str, copy: str, migrate_with: Path) -> dict:
    source = urlsplit(url).path.lstrip("/")
    _admin(url, f'DROP DATABASE IF EXISTS "{copy}"')
    _admin(url, f'CREATE DATABASE "{copy}" TEMPLATE "{source}"')
    env = {**os.environ, "DATABASE_URL": _with_database(url, copy)}
    try:
        subprocess.run([sys.executable, "manage.py", "migrate", "policies",
                        _last_migration(root), "-v0"], cwd=migrate_with, env=env, check=True)
        out = subprocess.run([sys.executable, __file__, "--child", str(root)], env=env,
                             check=True, capture_output=True, text=True).stdout
    finally:
        _admin(url, f'DROP DATABASE IF EXISTS "{copy}"')
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_load import export_revision  # one copy of the git export

    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline", metavar="REV",
                        help="also run this git revision's code, alternating with the current")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(Path(args.child))))
        return
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("DATABASE_URL must name a PostgreSQL database holding a corpus")
    with tempfile.TemporaryDirectory(prefix="bench-reindex-") as tmp:
        codes = {"current": ROOT}
        if args.baseline:
            codes = {args.baseline: export_revision(args.baseline, Path(tmp) / "baseline"),
                     "current": ROOT}
        runs: dict[str, list[dict]] = {label: [] for label in codes}
        for _ in range(args.rounds):
            for label, root in codes.items():
                runs[label].append(run(root, url, "bench_reindex_copy", ROOT))
        first = runs["current"][0]
        print(f"full search reindex on PostgreSQL: {first['policies']:,} policies, "
              f"{first['documents']:,} documents; median of {args.rounds} fresh processes")
        print(f"{'code':<10} {'fresh s':>8} {'docs/s':>8} {'again s':>8}   load (1 min) "
              f"before-after each run")
        summary = {}
        for label, rs in runs.items():
            fresh = statistics.median(r["fresh"] for r in rs)
            again = statistics.median(r["again"] for r in rs)
            loads = ", ".join(f"{a:.2f}-{b:.2f}" for a, b in (r["load"] for r in rs))
            print(f"{label[:10]:<10} {fresh:>8.1f} {first['documents'] / fresh:>8.0f} "
                  f"{again:>8.1f}   {loads}")
            summary[label] = {"fresh_s": round(fresh, 2), "again_s": round(again, 2)}
        if args.baseline:
            old, new = summary[args.baseline], summary["current"]
            print(f"current vs {args.baseline}: fresh {old['fresh_s'] / new['fresh_s']:.2f}x "
                  f"faster, unchanged {old['again_s'] / new['again_s']:.2f}x faster")
        uptime = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
        print(f"uptime: {uptime}")
        print(json.dumps({"bench": "reindex", "policies": first["policies"],
                          "documents": first["documents"], **summary}))


if __name__ == "__main__":
    main()
