#!/usr/bin/env python
"""Benchmark what the ingest is asked to do: a folder of N distinct text briefs into an empty
archive, in briefs per second, split into the fixed cost of a run (building what it knows: the
registries and their matchers) and the cost of each brief.

Usage: .venv/bin/python scripts/bench_ingest_folder.py [--briefs 100] [--rounds 3]
                                                       [--corpus] [--baseline REV]
The folder is made from the seeds: copy k of a seed gets its own file name and " k" after every
policy title it names, so every file has its own text and discusses its own policies (nothing is
"unchanged", nothing is found again). The seeds are MERICS briefs, larger than most: 3.4
policies and 10 news items a brief. `--corpus` takes instead the extraction corpus's real texts
(fixtures/corpus/*.txt, every publisher's layout; `--briefs` the first N of them, all by
default), as an analyst's folder of other publishers' briefs would be. Each run is a fresh
process on a fresh, migrated database, as `manage.py ingest` would be: SQLite in a temporary
file, or PostgreSQL when DATABASE_URL points there (`scripts/with-postgres.sh` gives one; a test
database is created and dropped).
`--baseline REV` also runs the code of that git revision (exported with `git archive`), the two
alternating round by round so both see the same machine load; ratios are medians over rounds.
Prints numbers and the load average; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_folder(folder: Path, count: int) -> None:
    """`count` briefs made from the seeds, each with its own name, text and policies."""
    sys.path.insert(0, str(ROOT))
    from ingest.parsing import parse_brief

    seeds = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))
    texts = {seed: seed.read_text(encoding="utf-8") for seed in seeds}
    parsed = {seed: parse_brief(text, filename=seed.name) for seed, text in texts.items()}
    for n in range(count):
        seed, copy = seeds[n % len(seeds)], n // len(seeds)
        text = texts[seed]
        if copy:
            for item in parsed[seed].items:
                policy = item.policy
                for title, sep in ((policy and policy.title, r"\s+"),
                                   (policy and policy.chinese_title, r"\s*")):
                    if title:
                        pattern = sep.join(re.escape(part) for part in
                                           (title.split() if sep == r"\s+" else title))
                        text = re.sub(pattern, lambda m, c=copy: f"{m.group()} {c}", text,
                                      count=1)
            text += "\n" * copy  # the article names no policy: its text differs all the same
        (folder / f"{n:04d}_{seed.name}").write_text(text, encoding="utf-8")


def copy_corpus(folder: Path, count: int | None) -> None:
    """The extraction corpus's texts (the first `count`, or all) copied into `folder`."""
    for path in sorted((ROOT / "fixtures" / "corpus").glob("*.txt"))[:count]:
        (folder / path.name).write_bytes(path.read_bytes())


# --------------------------------------------------------------------------- one run (a child)


def child(root: Path, folder: Path, work: Path) -> dict:
    sys.path.insert(0, str(root))
    os.chdir(root)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "briefs_site.test_settings")
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        os.environ["DATABASE_URL"] = f"sqlite:///{work}/archive.sqlite3"
    import django
    from django.conf import settings

    django.setup()
    from django.db import connection

    settings.DATABASES["default"].setdefault("TEST", {})
    if connection.vendor == "sqlite":
        settings.DATABASES["default"]["TEST"]["NAME"] = str(work / "archive.sqlite3")
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)

    from ingest import known_records
    from ingest.run import ingest_files

    spent = {"fixed": 0.0}
    build = known_records.KnownRecords.__init__

    def timed_build(self, *args, **kwargs):
        start = time.perf_counter()
        build(self, *args, **kwargs)
        spent["fixed"] += time.perf_counter() - start

    known_records.KnownRecords.__init__ = timed_build
    queries = [0]

    def count(execute, sql, params, many, context):
        queries[0] += 1
        return execute(sql, params, many, context)

    files = sorted(folder.glob("*.txt"))
    load_before = os.getloadavg()[0]
    with connection.execute_wrapper(count):
        start = time.perf_counter()
        report = ingest_files(files)
        total = time.perf_counter() - start
    known_records.KnownRecords.__init__ = build
    start = time.perf_counter()
    known_records.KnownRecords()
    again = time.perf_counter() - start
    summary = report.summary()
    connection.creation.destroy_test_db(settings.DATABASES["default"]["NAME"], verbosity=0)
    return {
        "vendor": connection.vendor,
        "briefs": len(files),
        "total": total,
        "fixed": spent["fixed"],
        "again": again,
        "queries": queries[0],
        "failed": summary["files_failed"],
        "created": summary["briefs_created"],
        "policies": summary["policies_created"],
        "load": (load_before, os.getloadavg()[0]),
    }


# --------------------------------------------------------------------------- the comparison


def run_child(root: Path, folder: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-folder-run-") as work:
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(root), str(folder), work],
            check=True, capture_output=True, text=True,
        ).stdout
    return json.loads(out.strip().splitlines()[-1])


def describe(label: str, runs: list[dict]) -> dict:
    med = {key: statistics.median(r[key] for r in runs)
           for key in ("total", "fixed", "again", "queries")}
    n = runs[0]["briefs"]
    med["rate"] = n / med["total"]
    med["per_brief"] = (med["total"] - med["fixed"]) / n
    loads = ", ".join(f"{a:.2f}-{b:.2f}" for a, b in (r["load"] for r in runs))
    print(f"{label:<10} {med['rate']:>8.1f} {med['total'] * 1000:>9.0f} "
          f"{med['fixed'] * 1000:>9.0f} {med['again'] * 1000:>9.1f} "
          f"{med['per_brief'] * 1000:>9.1f} {med['queries'] / n:>9.1f}   "
          f"{runs[0]['created']} briefs, {runs[0]['policies']} policies, "
          f"{runs[0]['failed']} failed; load {loads}")
    return med


def main() -> None:
    from bench_load import export_revision  # one copy of the git export
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--briefs", type=int, default=None,
                        help="how many briefs (100 seed copies; with --corpus, all its texts)")
    parser.add_argument("--corpus", action="store_true",
                        help="the extraction corpus's real texts instead of the seed copies")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline", metavar="REV",
                        help="also run this git revision's code, alternating with the current")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        root, folder, work = map(Path, args.child)
        print(json.dumps(child(root, folder, work)))
        return

    with tempfile.TemporaryDirectory(prefix="bench-folder-") as tmp:
        folder = Path(tmp) / "briefs"
        folder.mkdir()
        if args.corpus:
            copy_corpus(folder, args.briefs)
        else:
            make_folder(folder, args.briefs or 100)
        count = len(list(folder.glob("*.txt")))
        what = "texts of the extraction corpus" if args.corpus else "briefs made from the seeds"
        codes = {"current": ROOT}
        if args.baseline:
            codes = {args.baseline: export_revision(args.baseline, Path(tmp)), "current": ROOT}
        runs: dict[str, list[dict]] = {label: [] for label in codes}
        for _ in range(args.rounds):
            for label, root in codes.items():
                runs[label].append(run_child(root, folder))
        vendor = runs["current"][0]["vendor"]
        print(f"{count} {what} into an empty archive on {vendor}, median of {args.rounds} "
              f"fresh processes; load average (1 min) before-after each run")
        print(f"{'code':<10} {'briefs/s':>8} {'total ms':>9} {'fixed ms':>9} {'again ms':>9} "
              f"{'ms/brief':>9} {'SQL/brief':>9}")
        medians = {label: describe(label[:10], r) for label, r in runs.items()}
        if args.baseline:
            old, new = medians[args.baseline], medians["current"]
            print(f"current vs {args.baseline}: {new['rate'] / old['rate']:.1f}x briefs/s, "
                  f"fixed cost {old['fixed'] / new['fixed']:.1f}x less, per-brief cost "
                  f"{old['per_brief'] / new['per_brief']:.1f}x less")
        print("fixed: building KnownRecords in the run; again: building it a second time in "
              "the same process; ms/brief: (total - fixed) / briefs")
        uptime = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
        print(f"uptime: {uptime}")


if __name__ == "__main__":
    main()
