#!/usr/bin/env python
"""Benchmark the parser and the ingest: time per seed brief, and for 1 MB inputs.

Usage: .venv/bin/python scripts/bench_ingest.py [--repeat N]
Runs against a throwaway SQLite database (or DATABASE_URL if set). Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def timed(fn, repeat: int) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000, max(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="bench-ingest-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "briefs_site.test_settings")
    import django

    django.setup()
    from django.core.management import call_command

    from ingest.parsing import parse_brief
    from ingest.run import ingest_files
    from policies.models import Brief, Company, Policy

    call_command("migrate", verbosity=0)
    seeds = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))

    print(f"database: {django.db.connection.vendor}; repeat {args.repeat} (median / max, ms)")
    print(f"{'input':<34} {'bytes':>9} {'parse ms':>18} {'ingest ms':>18}")
    for seed in seeds:
        text = seed.read_text(encoding="utf-8")
        parse = timed(lambda text=text, name=seed.name: parse_brief(text, filename=name),
                      args.repeat)

        def ingest(seed=seed):
            Brief.objects.filter(source_file=seed.name).delete()
            report = ingest_files([seed])
            assert not report.failed, report.failed[0].error

        store = timed(ingest, args.repeat)
        print(f"{seed.name:<34} {len(text.encode()):>9} {parse[0]:>8.1f} / {parse[1]:>7.1f} "
              f"{store[0]:>8.1f} / {store[1]:>7.1f}")

    one_mb = 1024 * 1024
    seed_text = "\n".join(s.read_text(encoding="utf-8") for s in seeds)
    synthetic = {
        "1 MB of seed briefs repeated": (seed_text * (one_mb // len(seed_text) + 1))[:one_mb],
        "1 MB one line of '(' and '《'": ("(《" * one_mb)[:one_mb],
        "1 MB of 'At a glance:' lines": ("At a glance: x\n" * (one_mb // 15))[:one_mb],
        "1 MB of bullets and dates":
            ("- October 29: (MIIT notice (CN)\n" * (one_mb // 32))[:one_mb],
    }
    from ingest.parsing import ParseError

    for label, text in synthetic.items():
        def run(text=text):
            with contextlib.suppress(ParseError):
                parse_brief(text, filename="synthetic.txt")

        parse = timed(run, max(1, args.repeat // 2))
        print(f"{label:<34} {len(text.encode()):>9} {parse[0]:>8.1f} / {parse[1]:>7.1f} "
              f"{'-':>18}")

    Brief.objects.all().delete()
    Policy.objects.all().delete()
    Company.objects.filter(curated=False).delete()
    start = time.perf_counter()
    report = ingest_files(seeds)
    total = (time.perf_counter() - start) * 1000
    print(f"all {len(seeds)} seeds in one run: {total:.0f} ms, summary {report.summary()}")


if __name__ == "__main__":
    main()
