#!/usr/bin/env python
"""Seconds and memory of the JSONL dump (policies/dump.py export_lines) of a filled archive.

    .venv/bin/python scripts/bench_dump.py --policies 100000 [--baseline REV] [--rounds 3]
    .venv/bin/python scripts/bench_dump.py --database FILE.sqlite3       # a filled SQLite file
    .venv/bin/python scripts/bench_dump.py --database postgres://...     # a filled database
    scripts/with-postgres.sh .venv/bin/python scripts/bench_dump.py --policies 100000

Fills a database with `generate_corpus --policies N` (SQLite in a temporary file, or a fresh
database on DATABASE_URL's PostgreSQL server) unless --database names one, then runs the dump
in fresh processes, `export_lines()` written to /dev/null as `manage.py export` writes it:
seconds, rows, MB written, and the peak RSS over the process's RSS before the dump (flat memory:
it does not grow with the rows). `--baseline REV` also runs that git revision's code (exported
with `git archive`), the two alternating round by round under the same load. Prints numbers and
the load average; the last line is a JSON summary. Asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024


def child(code: Path) -> dict:
    """In a fresh process, with `code` first on the path: one dump to /dev/null."""
    sys.path.insert(0, str(code))
    os.environ["DJANGO_SETTINGS_MODULE"] = "briefs_site.test_settings"
    import django

    django.setup()
    from django.db import connection

    from policies.dump import export_lines

    connection.ensure_connection()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    load = os.getloadavg()[0]
    written = lines = 0
    started = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        for chunk in export_lines():
            sink.write(chunk)
            written += len(chunk.encode())
            lines += chunk.count("\n")
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {"seconds": round(seconds, 2), "lines": lines, "mb": round(written / MB, 1),
            "peak_growth_mb": round((peak - before) / MB, 1), "load": [load, os.getloadavg()[0]]}


def run_child(code: Path, url: str) -> dict:
    result = subprocess.run([sys.executable, __file__, "--child", str(code)], cwd=code,
                            env={**os.environ, "DATABASE_URL": url}, capture_output=True,
                            text=True, check=False)
    if result.returncode:
        raise SystemExit(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def filled(policies: int, keep: bool):
    """(database URL, cleanup) of a database filled with generate_corpus."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "briefs_site.test_settings"
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.gettempdir()}/bench-dump-unused.sqlite3"
    sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]
    import django

    django.setup()
    from bench_load import database_url
    from bench_pages import Databases
    from django.core.management import call_command
    from django.db import connection

    databases = Databases(keep=keep)
    databases.fresh(policies)
    call_command("migrate", verbosity=0, interactive=False)
    call_command("generate_corpus", policies=policies, verbosity=0, stdout=io.StringIO())
    databases.analyse()
    url = database_url(connection)
    connection.close()
    return url, databases.cleanup


def main() -> None:
    from bench_load import export_revision  # one copy of the git export
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--policies", type=int, default=100_000)
    parser.add_argument("--database", metavar="FILE|URL",
                        help="a filled SQLite file, or a filled database's URL")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline", metavar="REV",
                        help="also run this git revision's code, alternating with the current")
    parser.add_argument("--keep", action="store_true", help="keep the filled database")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(Path(args.child))))
        return

    work = Path(tempfile.mkdtemp(prefix="bench-dump-"))
    cleanup = None
    try:
        if args.database and "://" in args.database:
            url = args.database
        elif args.database:
            url = f"sqlite:///{Path(args.database).resolve()}"
        else:
            url, cleanup = filled(args.policies, args.keep)
        codes = {"current": ROOT}
        if args.baseline:
            codes[args.baseline] = export_revision(args.baseline, work / "baseline")
        runs: dict[str, list[dict]] = {label: [] for label in codes}
        for _ in range(args.rounds):
            for label, code in codes.items():
                run = run_child(code, url)
                runs[label].append(run)
                print(f"  {label:<12} {run['seconds']:>7.2f} s  {run['lines']:>9,} lines  "
                      f"{run['mb']:>7.1f} MB  peak RSS +{run['peak_growth_mb']:.1f} MB  "
                      f"load {run['load'][0]:.2f}-{run['load'][1]:.2f}", flush=True)
        medians = {label: statistics.median(r["seconds"] for r in found)
                   for label, found in runs.items()}
        for label, seconds in medians.items():
            print(f"-> {label}: median {seconds:.2f} s over {args.rounds} runs")
        if args.baseline:
            print(f"-> current is {medians[args.baseline] / medians['current']:.2f}x "
                  f"as fast as {args.baseline}")
        uptime = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
        print(f"uptime: {uptime}")
        print(json.dumps({"runs": runs, "median_seconds": medians}, separators=(",", ":")))
    finally:
        if cleanup is not None:
            cleanup()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
