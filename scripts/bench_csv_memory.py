#!/usr/bin/env python
"""Benchmark the streamed CSV export's memory: it should stay flat as the rows grow.

Usage: .venv/bin/python scripts/bench_csv_memory.py [--sizes 10000 100000]
For each size: a throwaway SQLite database filled by `manage.py generate_corpus --policies N`,
then, in a fresh process, /policies/export.csv consumed chunk by chunk through the Django test
Client (`streaming_content`). Prints rows, seconds, peak RSS and its growth over the process
after setup (from getrusage), and the peak of Python allocations during the export (tracemalloc,
a second run: tracing slows it down). Prints numbers; asserts nothing. Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024


def setup_django(database: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "briefs_site.test_settings")  # DEBUG off
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def rss_now() -> int:
    """The process's resident set size now, in bytes (Linux)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


def measure(database: Path, traced: bool) -> dict:
    """Consume the whole export once in this (fresh) process."""
    setup_django(database)
    import tracemalloc

    from django.test import Client

    from policies.models import Policy

    client = Client()
    client.get("/policies/export.csv?agency=NOPE")  # imports, URL resolver, first queries
    expected = Policy.objects.count()
    before_rss = rss_now()
    if traced:
        tracemalloc.start()
    started = time.perf_counter()
    response = client.get("/policies/export.csv")
    assert response.streaming and response.status_code == 200
    lines = size = chunks = 0
    for chunk in response.streaming_content:
        lines += chunk.count(b"\n")
        size += len(chunk)
        chunks += 1
    response.close()
    seconds = time.perf_counter() - started
    result = {"rows": lines - 1, "expected": expected, "seconds": round(seconds, 2),
              "megabytes": round(size / MB, 1), "chunks": chunks}
    if traced:
        result["traced_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / MB, 1)
        tracemalloc.stop()
    else:
        result["rss_before_mb"] = round(before_rss / MB, 1)
        result["rss_peak_mb"] = round(peak_rss() / MB, 1)
        result["rss_growth_mb"] = round((peak_rss() - before_rss) / MB, 1)
    return result


def run(*args: str) -> str:
    return subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True,
                          text=True, cwd=ROOT).stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # internal: database path
    parser.add_argument("--traced", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--fill", help=argparse.SUPPRESS)  # internal: database path
    parser.add_argument("--policies", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.fill:
        setup_django(Path(args.fill))
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("generate_corpus", policies=args.policies, verbosity=0)
        return
    if args.measure:
        print(json.dumps(measure(Path(args.measure), args.traced)))
        return

    tmp = Path(tempfile.mkdtemp(prefix="bench-csv-"))
    print(f"{'policies':>9} {'rows':>8} {'MB out':>7} {'seconds':>8} {'rss before':>11} "
          f"{'rss peak':>9} {'rss growth':>11} {'traced peak':>12}")
    for size in args.sizes:
        database = tmp / f"corpus-{size}.sqlite3"
        started = time.perf_counter()
        run("--fill", str(database), "--policies", str(size))
        filled = time.perf_counter() - started
        plain = json.loads(run("--measure", str(database)))
        traced = json.loads(run("--measure", str(database), "--traced"))
        assert plain["rows"] == plain["expected"] == size, plain
        print(f"{size:>9,} {plain['rows']:>8,} {plain['megabytes']:>7} {plain['seconds']:>8} "
              f"{plain['rss_before_mb']:>9} MB {plain['rss_peak_mb']:>6} MB "
              f"{plain['rss_growth_mb']:>8} MB {traced['traced_peak_mb']:>9} MB"
              f"   (corpus filled in {filled:.0f} s; {plain['chunks']} chunks)")
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
