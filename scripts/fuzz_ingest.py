#!/usr/bin/env python
"""The long fuzz run of the readers and the parser, and their time per MB as inputs grow.

    .venv/bin/python scripts/fuzz_ingest.py                  # 100,000 mutated inputs, 2 processes
    .venv/bin/python scripts/fuzz_ingest.py --inputs 5000 --seed 7 --sizes ''

Mutants of the real briefs (the corpus and the seeds, as text, web page, e-mail and PDF; the
same mutations as the suite's tests/test_fuzzing.py) go through `read_sources` and the parser.
Prints, per format: inputs, read and parsed, refused with a reason, crashes (each saved under
--crashes with its traceback, to replay). Then the scaling check: briefs joined into texts of
64 KB to 2 MB, and pathological ones (one huge line, one marker repeated), parsed; the time per
MB should stay flat as the size grows (the ratio of the largest to the smallest is printed).
Exit status 1 when anything crashed.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import multiprocessing
import os
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "briefs_site.test_settings")

# the share of each format in the run: text is the fastest, PDFs go through pdftotext
WEIGHTS = {".txt": 80, ".eml": 10, ".html": 7, ".pdf": 3}


def _worker(job):
    """Runs `count` mutants drawn from random seed `seed`; returns (Counter, crashes, bytes)."""
    from tests import fuzzing

    count, seed, crash_dir = job
    rng = random.Random(seed)
    seeds = _seeds()
    by_suffix = {suffix: [s for s in seeds if s.suffix == suffix] for suffix in WEIGHTS}
    suffixes = [s for s in WEIGHTS if by_suffix[s]]
    weights = [WEIGHTS[s] for s in suffixes]
    outcomes, crashes, size = Counter(), [], 0
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(count):
            suffix = rng.choices(suffixes, weights)[0]
            base = rng.choice(by_suffix[suffix])
            data = fuzzing.mutate(base.data, fuzzing.random_steps(rng))
            size += len(data)
            try:
                outcome = fuzzing.run_one(base, data, Path(folder))
            except Exception:  # a crash: keep the input and the traceback
                outcome = "crash"
                digest = hashlib.sha256(data).hexdigest()[:16]
                (Path(crash_dir) / f"{digest}{suffix}").write_bytes(data)
                (Path(crash_dir) / f"{digest}{suffix}.txt").write_text(traceback.format_exc())
                crashes.append(f"{digest}{suffix} ({base.name})")
            outcomes[(suffix, outcome)] += 1
    return outcomes, crashes, size


_SEEDS = None


def _seeds():
    global _SEEDS
    if _SEEDS is None:
        import django

        django.setup()
        from tests import fuzzing

        folder = Path(tempfile.mkdtemp())
        try:
            formats = fuzzing.format_seeds(folder)
        except BaseException as missing:  # pytest's skip when the PDF tools are absent
            print(f"  (no PDFs: {missing})", file=sys.stderr)
            formats = fuzzing.format_seeds(folder, pdf=False)
        _SEEDS = fuzzing.text_seeds() + formats
    return _SEEDS


def fuzz(inputs: int, workers: int, seed: int, crash_dir: Path) -> int:
    crash_dir.mkdir(parents=True, exist_ok=True)
    chunk = 500
    jobs = [(min(chunk, inputs - start), seed * 1_000_003 + n, str(crash_dir))
            for n, start in enumerate(range(0, inputs, chunk))]
    totals, crashes, size = Counter(), [], 0
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for done, (outcomes, found, nbytes) in enumerate(pool.imap_unordered(_worker, jobs), 1):
            totals.update(outcomes)
            crashes += found
            size += nbytes
            if done % 20 == 0 or done == len(jobs):
                print(f"  {sum(totals.values()):,} inputs, {len(crashes)} crashes, "
                      f"{time.perf_counter() - started:.0f} s", flush=True)
    seconds = time.perf_counter() - started
    print(f"\nfuzz: {sum(totals.values()):,} inputs ({size / 1e6:.1f} MB) in {seconds:.0f} s "
          f"with {workers} processes, seed {seed}")
    print(f"{'format':8} {'inputs':>9} {'parsed':>9} {'refused':>9} {'crashes':>8}")
    for suffix in WEIGHTS:
        row = [totals[(suffix, o)] for o in ("ok", "refused", "crash")]
        print(f"{suffix:8} {sum(row):>9,} {row[0]:>9,} {row[1]:>9,} {row[2]:>8,}")
    for crash in crashes[:20]:
        print(f"  crash: {crash_dir / crash}")
    return len(crashes)


def scaling(sizes_kb: list[int]) -> None:
    from ingest.parsing import ParseError, _parse
    from tests import fuzzing

    texts = [seed.data.decode() for seed in fuzzing.text_seeds()]
    joined = "\n\n".join(texts)
    shapes = {
        "briefs joined": lambda n: (joined * (n // len(joined) + 1))[:n],
        "one huge line": lambda n: ("Issuing body: MIIT (Link) Date: 2024-05-03 " * n)[:n],
        "marker repeated": lambda n: ("At a glance:\n" * n)[:n],
    }
    print("\nscaling: parse time per MB as the input grows")
    print(f"{'input':16} " + " ".join(f"{kb:>7} KB" for kb in sizes_kb) + "   largest/smallest")
    for name, make in shapes.items():
        per_mb = []
        for kb in sizes_kb:
            text = make(kb * 1024)
            started = time.perf_counter()
            with contextlib.suppress(ParseError):
                _parse(text, "scale.txt")
            per_mb.append((time.perf_counter() - started) / (len(text.encode()) / 1e6))
        print(f"{name:16} " + " ".join(f"{s:>8.2f}s" for s in per_mb)
              + f"   {per_mb[-1] / per_mb[0]:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--crashes", type=Path,
                        default=Path(tempfile.gettempdir()) / "fuzz-crashes")
    parser.add_argument("--sizes", default="64,256,1024,2048",
                        help="KB sizes for the scaling check ('' to skip)")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} "
          f"{os.getloadavg()[2]:.2f} on {os.cpu_count()} cores")
    _seeds()  # made once, before the workers fork
    crashed = fuzz(args.inputs, args.workers, args.seed, args.crashes) if args.inputs else 0
    if args.sizes:
        scaling([int(kb) for kb in args.sizes.split(",")])
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
