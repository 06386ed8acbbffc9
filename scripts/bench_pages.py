#!/usr/bin/env python
"""Benchmark the main pages: server time (median, p95), template rendering time and SQL
queries per page at corpus sizes, with the facet index on and off (policies/listing/index.py;
off: the SQL GROUP BY path).

Usage:
    .venv/bin/python scripts/bench_pages.py [--sizes 10000 100000] [--repeat 20]
    scripts/with-postgres.sh .venv/bin/python scripts/bench_pages.py --sizes 10000 100000 1000000
    ... --modes index        (only the index; default: sql and index, side by side)

The database server comes from DATABASE_URL (default: SQLite files in a temp directory). For
each size a fresh database is made (SQLite: a new file; PostgreSQL: `bench_<size>` dropped and
created on the DATABASE_URL's server), migrated, filled with `generate_corpus --policies N` and
analysed (SQLite ANALYZE; PostgreSQL VACUUM ANALYZE). Each URL is requested in-process with
Django's test Client (server time: the request/response cycle, no network): `--warmup` times,
then `--repeat` timed requests, then once more under CaptureQueriesContext for the query count
and the slowest query. Pages whose median is over `--explain-over` ms get their slowest query
printed at the largest size, with EXPLAIN ANALYZE on PostgreSQL (EXPLAIN QUERY PLAN on SQLite).
The machine's load average is printed with each table: other processes inflate the times (the
`min ms` column is the least disturbed figure).

Settings: briefs_site.test_settings (DEBUG off; query capture forces the debug cursor only for
the counting request, so timed requests do not pay for it). p95 is the nearest-rank percentile.
The response cache is off (RESPONSE_CACHE=False): every request renders. In "index" mode the
index is built before the pages are timed (its build time is printed with the setup); a
search's hit set is kept per data version, so the median is the warm figure and `first ms`
(the first warm-up request) the cold one. A last table puts both modes side by side with the
ratio sql/index. The last line of output is a one-line JSON summary. The databases are
dropped at the end unless `--keep`; `--reuse` (PostgreSQL) takes a kept one of the same size as
it is. Prints numbers; asserts nothing (a non-200 status is shown
in the table).
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import statistics
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

URLS = [
    "/",
    "/policies/",
    "/policies/?agency=MIIT",
    "/policies/?sector=energy",
    "/policies/?type=notice",
    "/policies/?date_from=2024&date_to=2024",
    "/policies/?agency=NDRC&agency=NEA&sector=energy&date_from=2024",
    "/policies/?agency=MIIT&agency=NDRC&agency_match=all",
    "/policies/?lead=MIIT&type=notice",
    "/policies/?sort=title",
    "/policies/?q=storage",
    "/policies/?q=汽车",
    "/policies/?q=数字化转型&agency=MIIT",
    "/policies/?q=energy&sort=date",
    "/policies/?page=50",
    "{permalink}",
    "/agencies/miit/",
    "/sectors/energy/",
    "/sectors/energy/?type=plan",
    "/news/",
    "/api/policies/?type=notice",
    "/api/policies/?agency=MIIT&sector=energy",
    "/api/policies/?q=energy",
]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--explain-over", type=float, default=200.0, metavar="MS",
                        help="at the largest size, show the slowest query (and its plan) of "
                             "pages slower than this median; 0 for all pages, negative for none "
                             "(default 200)")
    parser.add_argument("--modes", nargs="+", choices=["sql", "index"],
                        default=["sql", "index"])
    parser.add_argument("--keep", action="store_true",
                        help="keep the benchmark databases (their names are printed)")
    parser.add_argument("--reuse", action="store_true",
                        help="PostgreSQL: a kept bench_<size> database holding that many "
                             "policies is used as it is (migrated, not filled again)")
    return parser.parse_args()


def nearest_rank(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


# --------------------------------------------------------------------------- databases


class Databases:
    """Fresh databases on the server of DATABASE_URL, one per corpus size."""

    def __init__(self, keep: bool):
        from django.db import connection

        self.connection = connection
        self.vendor = connection.vendor
        self.keep = keep
        self.made: list[str] = []
        self.tmp = tempfile.mkdtemp(prefix="bench-pages-") if self.vendor == "sqlite" else None

    def _switch(self, name: str) -> None:
        from django.conf import settings

        self.connection.close()
        self.connection.settings_dict["NAME"] = name
        settings.DATABASES["default"]["NAME"] = name

    def reused(self, size: int) -> str | None:
        """A kept PostgreSQL database of this size (`--keep` of an earlier run), switched to;
        None if there is none or it holds another number of policies."""
        if self.vendor != "postgresql":
            return None
        name = f"bench_{size}"
        with self.connection._nodb_cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                return None
        self._switch(name)
        try:
            with self.connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM policies_policy")
                if cursor.fetchone()[0] == size:
                    return name
        except Exception:  # not migrated: made afresh
            pass
        self.connection.close()
        return None

    def fresh(self, size: int) -> str:
        self.connection.close()
        if self.vendor == "sqlite":
            name = os.path.join(self.tmp, f"bench_{size}.sqlite3")
            for suffix in ("", "-wal", "-shm"):
                Path(name + suffix).unlink(missing_ok=True)
        elif self.vendor == "postgresql":
            name = f"bench_{size}"
            quoted = self.connection.ops.quote_name(name)
            # The server's maintenance database, as Django's test runner does.
            with self.connection._nodb_cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {quoted}")
                cursor.execute(f"CREATE DATABASE {quoted}")
        else:
            raise SystemExit(f"unsupported database: {self.vendor}")
        self.made.append(name)
        self._switch(name)
        return name

    def analyse(self) -> None:
        with self.connection.cursor() as cursor:
            if self.vendor == "postgresql":
                cursor.execute("VACUUM ANALYZE")  # autocommit: outside a transaction
            else:
                cursor.execute("ANALYZE")

    def describe(self) -> str:
        with self.connection.cursor() as cursor:
            if self.vendor == "postgresql":
                cursor.execute("SHOW server_version")
                return f"PostgreSQL {cursor.fetchone()[0]}"
            cursor.execute("SELECT sqlite_version()")
            return f"SQLite {cursor.fetchone()[0]}"

    def cleanup(self) -> None:
        self.connection.close()
        if self.keep:
            print(f"kept: {', '.join(self.made)}")
            return
        if self.vendor == "postgresql":
            with self.connection._nodb_cursor() as cursor:
                for name in self.made:
                    cursor.execute(
                        f"DROP DATABASE IF EXISTS {self.connection.ops.quote_name(name)}")
        elif self.tmp:
            import shutil

            shutil.rmtree(self.tmp, ignore_errors=True)


# --------------------------------------------------------------------------- measuring


def explain(connection, sql: str) -> str:
    """The plan of a captured query (its SQL has the parameters inlined by Django)."""
    prefix = "EXPLAIN (ANALYZE, BUFFERS)" if connection.vendor == "postgresql" \
        else "EXPLAIN QUERY PLAN"
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"{prefix} {sql}")
            rows = cursor.fetchall()
    except Exception as error:  # a captured SQL that does not round-trip: say so, go on
        return f"(no plan: {error})"
    if connection.vendor == "postgresql":
        return "\n".join(row[0] for row in rows)
    return "\n".join(" ".join(str(v) for v in row) for row in rows)


class RenderTimer:
    """Time spent rendering templates (the outermost render of each response): Django's
    template backend's Template.render, wrapped for the run."""

    def __init__(self):
        from django.template.backends.django import Template

        self.samples: list[float] = []
        self._depth = 0
        original = Template.render
        timer = self

        def render(template, context=None, request=None):
            timer._depth += 1
            start = time.perf_counter()
            try:
                return original(template, context, request)
            finally:
                timer._depth -= 1
                if timer._depth == 0:
                    timer.current += (time.perf_counter() - start) * 1000

        Template.render = render
        self.current = 0.0

    def start(self) -> None:
        self.current = 0.0


RENDER: RenderTimer | None = None


def measure(client, connection, url: str, *, warmup: int, repeat: int) -> dict:
    from django.test.utils import CaptureQueriesContext

    def get():
        response = client.get(url)
        response.close()
        return response

    try:
        first_ms = None
        for _ in range(max(1, warmup)):
            start = time.perf_counter()
            get()
            first_ms = first_ms if first_ms is not None else (time.perf_counter() - start) * 1000
        samples, rendering = [], []
        for _ in range(repeat):
            RENDER.start()
            start = time.perf_counter()
            response = get()
            samples.append((time.perf_counter() - start) * 1000)
            rendering.append(RENDER.current)
        durations: list[float] = []

        def timer(execute, sql, params, many, context):
            # The debug cursor logs milliseconds to three decimals of a second: time it finer.
            start = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                durations.append((time.perf_counter() - start) * 1000)

        with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(timer):
            response = get()
    except Exception as error:  # noqa: BLE001 - report the page, measure the others
        first_line = (str(error).splitlines() or [""])[0][:200]
        return {"url": url, "error": f"{type(error).__name__}: {first_line}"}
    queries = captured.captured_queries
    if len(durations) != len(queries):  # should not happen; fall back on the logged times
        durations = [float(q["time"]) * 1000 for q in queries]
    slowest = max(range(len(queries)), key=durations.__getitem__) if queries else None
    return {
        "url": url,
        "status": response.status_code,
        "bytes": len(response.content),
        "first_ms": round(first_ms, 2),
        "min_ms": round(min(samples), 2),
        "median_ms": round(statistics.median(samples), 2),
        "p95_ms": round(nearest_rank(samples, 95), 2),
        "render_ms": round(statistics.median(rendering), 2),
        "queries": len(queries),
        "sql_ms": round(sum(durations), 2),
        "slowest_sql": queries[slowest]["sql"] if queries else "",
        "slowest_sql_ms": round(durations[slowest], 2) if queries else 0.0,
    }


def permalink() -> str:
    from policies.models import Policy

    ids = Policy.objects.order_by("pk").values_list("pk", flat=True)
    policy = Policy.objects.get(pk=ids[ids.count() // 2])
    return policy.get_absolute_url()


def padded(text: str, width: int) -> str:
    """Left-aligned in `width` terminal columns (CJK characters take two)."""
    columns = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - columns)


def print_table(label: str, rows: list[dict]) -> None:
    width = max(len(padded(r["url"], 0)) for r in rows)
    print(f"\n{label}")
    print(f"{'url':<{width}}  {'status':>6} {'first ms':>8} {'min ms':>8} {'median ms':>10} "
          f"{'p95 ms':>9} {'render ms':>9} {'queries':>7} {'sql ms':>8} {'slowest sql ms':>14}")
    for r in rows:
        if "error" in r:
            print(f"{padded(r['url'], width)}  ERROR {r['error']}")
            continue
        print(f"{padded(r['url'], width)}  {r['status']:>6} {r['first_ms']:>8.1f} "
              f"{r['min_ms']:>8.1f} "
              f"{r['median_ms']:>10.1f} {r['p95_ms']:>9.1f} {r['render_ms']:>9.1f} "
              f"{r['queries']:>7} "
              f"{r['sql_ms']:>8.1f} {r['slowest_sql_ms']:>14.1f}")


# --------------------------------------------------------------------------- main


def print_side_by_side(size: int, by_mode: dict[str, list[dict]]) -> None:
    if set(by_mode) != {"sql", "index"}:
        return
    rows = dict(zip((r["url"] for r in by_mode["sql"]), by_mode["sql"], strict=True))
    width = max(len(padded(r["url"], 0)) for r in by_mode["index"])
    print(f"\n{size:,} policies, side by side (median / p95 ms; ratio = sql / index medians)")
    print(f"{'url':<{width}}  {'sql median':>10} {'sql p95':>8} {'index median':>12} "
          f"{'index p95':>9} {'ratio':>6} {'queries sql/index':>17}")
    for r in by_mode["index"]:
        s = rows.get(r["url"], {})
        if "error" in r or "error" in s:
            print(f"{padded(r['url'], width)}  ERROR")
            continue
        ratio = s["median_ms"] / r["median_ms"] if r["median_ms"] else 0
        print(f"{padded(r['url'], width)}  {s['median_ms']:>10.1f} {s['p95_ms']:>8.1f} "
              f"{r['median_ms']:>12.1f} {r['p95_ms']:>9.1f} {ratio:>6.1f} "
              f"{s['queries']:>8}/{r['queries']:<8}")


def main() -> None:
    args = parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = "briefs_site.test_settings"
    if not os.environ.get("DATABASE_URL"):
        # A placeholder: each size gets its own file in a temp directory (see Databases).
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.gettempdir()}/bench-pages-unused.sqlite3"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    settings.RESPONSE_CACHE = False  # server time: every request renders
    if "testserver" not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]

    global RENDER
    RENDER = RenderTimer()
    databases = Databases(keep=args.keep)
    summary = {"vendor": connection.vendor, "repeat": args.repeat, "warmup": args.warmup,
               "debug": settings.DEBUG, "sizes": {}}
    try:
        for size in args.sizes:
            name = databases.reused(size) if args.reuse else None
            reused = name is not None
            if not reused:
                name = databases.fresh(size)
            timings = {}
            start = time.perf_counter()
            call_command("migrate", verbosity=0, interactive=False)
            timings["migrate_s"] = round(time.perf_counter() - start, 1)
            start = time.perf_counter()
            out = io.StringIO()
            if not reused:
                call_command("generate_corpus", policies=size, seed=args.seed, verbosity=2,
                             stdout=out)
                timings["generate_s"] = round(time.perf_counter() - start, 1)
            for line in out.getvalue().replace("\r", "\n").splitlines():
                if line.startswith("timing "):  # generate_corpus's phases at verbosity 2
                    key, seconds = line.split()[1:3]
                    timings[f"generate_{key}_s"] = float(seconds)
            start = time.perf_counter()
            databases.analyse()
            timings["analyze_s"] = round(time.perf_counter() - start, 1)
            load = os.getloadavg()[0]
            label = f"== {databases.describe()}, {size:,} policies (database {name}); setup: " \
                    + ", ".join(f"{k[:-2]} {v} s" for k, v in timings.items()) \
                    + f"; load average {load:.2f} on {os.cpu_count()} CPUs"
            print(label, flush=True)

            client = Client()
            urls = [u.format(permalink=permalink()) if "{" in u else u for u in URLS]
            by_mode = {}
            for mode in args.modes:
                settings.FACET_INDEX = mode == "index"
                if mode == "index":
                    from policies.listing.index import policies_index

                    policies_index.clear()
                    start = time.perf_counter()
                    index = policies_index.wait()
                    timings["index_build_s"] = round(time.perf_counter() - start, 1)
                    print(f"facet index: {index.size:,} policies, "
                          f"{sum(len(t) for t in index.bitmaps.values())} bitmaps, built in "
                          f"{timings['index_build_s']} s", flush=True)
                rows = []
                for url in urls:
                    rows.append(measure(client, connection, url,
                                        warmup=args.warmup, repeat=args.repeat))
                    print(".", end="", flush=True)
                by_mode[mode] = rows
                load_after = os.getloadavg()[0]
                print_table(f"{connection.vendor}, {size:,} policies, {mode}: server time over "
                            f"{args.repeat} requests (after {args.warmup} warm-up); load "
                            f"average {load_after:.2f} at the end", rows)
                if args.explain_over >= 0 and size == max(args.sizes):
                    for r in rows:
                        if "error" in r or r["median_ms"] <= args.explain_over \
                                or not r["slowest_sql"]:
                            continue
                        print(f"\n-- {r['url']}: median {r['median_ms']} ms; slowest of "
                              f"{r['queries']} queries {r['slowest_sql_ms']} ms:\n"
                              f"{r['slowest_sql']}\n{explain(connection, r['slowest_sql'])}")
                summary["sizes"].setdefault(str(size), {"setup": timings})[mode] = {
                    "load_average": [round(load, 2), round(load_after, 2)],
                    "pages": {r["url"]: {k: v for k, v in r.items()
                                         if k not in ("url", "slowest_sql")} for r in rows},
                }
            print_side_by_side(size, by_mode)
            print(flush=True)
    finally:
        databases.cleanup()
    print(json.dumps(summary, ensure_ascii=False, separators=(",", ":")))


if __name__ == "__main__":
    main()
