#!/usr/bin/env python
"""Requests per second under gunicorn -w 2, side by side with Datasette on the same data.

    .venv/bin/pip install -e ".[bench]"       # Datasette, for the comparison
    scripts/with-postgres.sh .venv/bin/python scripts/bench_serve.py        # ours on PostgreSQL
    .venv/bin/python scripts/bench_serve.py --policies 10000 --seconds 10    # ours on SQLite

Fills a database of ours on DATABASE_URL's server (SQLite: a file) and a SQLite file for
Datasette with `generate_corpus --policies N --seed S` (the same rows; on SQLite one file serves
both), starts `gunicorn briefs_site.wsgi -w 2` (production settings, DEBUG off) and `datasette
serve` (one process, as Datasette is deployed; suggest_facets off, its fastest setting) on
127.0.0.1, and runs wrk (Debian's package) against each, alternating A-B-A-B, `--rounds` times
per pair. Scenarios:

- pairs: our list and its JSON twin against Datasette's table page and JSON with the same filter
  and two facets (document type, year), our response cache off (every request rendered);
- ours with a different filter combination on every request (wrk's Lua script draws agencies,
  sectors, types, years, sorts and pages at random), response cache off: nothing cached;
- ours with repeated URLs, response cache on (what a busy archive mostly serves).

`--only repeated` runs the last scenario alone (no Datasette needed), `--only random` the
random filter combinations alone; `--baseline REV` runs it also with that git revision's code
(exported with `git archive`) on the same database, the two alternating A-B-A-B, and prints
the ratio. `--database FILE` (SQLite) or `--database postgres://...` reuses a filled database
instead of generating one; beside a PostgreSQL one, Datasette's SQLite file is made by
generate_corpus with the same --policies and --seed.

Prints requests/s, p50/p99 and errors per run, the median per scenario, the ratio ours /
Datasette per pair and the load average; the last line is a JSON summary. Rate limits are
lifted for the run. Asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_load import REPORT_LUA, database_url, ensure_wrk, export_revision, free_port  # noqa: E402

FACETS = "_facet=document_type&_facet=year"
PAIRS = [  # (name, ours, Datasette's)
    ("list, type=notice", "/policies/?type=notice",
     f"/bench/policies_policy?document_type=notice&{FACETS}"),
    ("JSON, type=notice", "/api/policies/?type=notice",
     f"/bench/policies_policy.json?document_type=notice&{FACETS}"),
    ("list, unfiltered", "/policies/", f"/bench/policies_policy?{FACETS}"),
    ("list, year 2024", "/policies/?date_from=2024&date_to=2024",
     f"/bench/policies_policy?year=2024&{FACETS}"),
]
REPEATED = ["/policies/", "/policies/?agency=MIIT", "/policies/?type=notice&sector=energy",
            "/api/policies/?type=notice", "/agencies/miit/", "/sectors/energy/"]

ONE_URL = """
function request() return wrk.format("GET", %(path)s) end
"""
MIX = """
local paths = {%(paths)s}
function request() return wrk.format("GET", paths[math.random(#paths)]) end
"""
RANDOM_FILTERS = """
local agencies = {"MIIT", "NDRC", "SAMR", "CAC", "MOF", "MOFCOM", "NEA", "MEE", "MOST", "PBOC"}
local sectors = {"energy", "automotive", "semiconductors", "manufacturing", "data", "robotics",
                 "ict", "finance", "pharma", "agriculture"}
local types = {"notice", "plan", "action_plan", "guidelines", "guiding_opinions", "opinions",
               "measures"}
local sorts = {"-date", "date", "title"}
local counter = 0
function pick(list) return list[math.random(#list)] end
function request()
  counter = counter + 1
  local parts = {}
  if math.random() < 0.6 then table.insert(parts, "agency=" .. pick(agencies)) end
  if math.random() < 0.3 then table.insert(parts, "agency=" .. pick(agencies)) end
  if math.random() < 0.5 then table.insert(parts, "sector=" .. pick(sectors)) end
  if math.random() < 0.5 then table.insert(parts, "type=" .. pick(types)) end
  if math.random() < 0.4 then
    local year = 2012 + math.random(0, 14)
    table.insert(parts, "date_from=" .. year .. "&date_to=" .. year)
  end
  if math.random() < 0.3 then table.insert(parts, "sort=" .. pick(sorts)) end
  if math.random() < 0.3 then table.insert(parts, "page=" .. math.random(1, 4)) end
  -- a counter no filter reads would defeat any cache; the response cache is off anyway
  return wrk.format("GET", "/policies/?" .. table.concat(parts, "&"))
end
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--policies", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--rounds", type=int, default=2, help="A-B rounds per pair")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    parser.add_argument("--only", choices=["repeated", "random"],
                        help="run this scenario alone")
    parser.add_argument("--baseline", metavar="REV",
                        help="the --only scenario also with this git revision's code, "
                             "alternating")
    parser.add_argument("--settle", type=int, default=0, metavar="SECONDS",
                        help="wait this long after filling, for the database's background work "
                             "(PostgreSQL's autovacuum and checkpoint after the bulk load)")
    parser.add_argument("--database", metavar="FILE_OR_URL",
                        help="a database already filled with generate_corpus (kept): a SQLite "
                             "file, or a postgres:// URL")
    return parser.parse_args()


def fill(policies: int, seed: int) -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("generate_corpus", policies=policies, seed=seed, verbosity=0,
                 stdout=io.StringIO())


def environment(url: str, **extra: str) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "serve-benchmark-" + "x" * 40,
           "ALLOWED_HOSTS": "127.0.0.1", "DJANGO_SETTINGS_MODULE": "briefs_site.settings",
           "SECURE_SSL_REDIRECT": "0", "PUBLIC_MAX_AGE": "0",
           **{f"RATELIMIT_{name}": "1000000/s" for name in ("EXPORTS", "DUMP", "FEEDS",
                                                             "SEARCH_API")}, **extra}
    env.pop("DEBUG", None)
    return env


def wait_for(port: int, path: str, process: subprocess.Popen, log: Path) -> None:
    for _ in range(600):
        if process.poll() is not None:
            raise SystemExit(f"the server exited:\n{log.read_text()[-2000:]}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"the server did not start:\n{log.read_text()[-2000:]}")


class Server:
    def __init__(self, command: list[str], env: dict, port: int, log: Path, ready: str,
                 cwd: Path = ROOT):
        self.port, self.log = port, log
        self.process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log.open("w"),
                                        stderr=subprocess.STDOUT)
        wait_for(port, ready, self.process, log)

    def warm(self, paths: list[str]) -> None:
        for path in paths:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=120)
            except urllib.error.HTTPError as answer:
                print(f"  {answer.code} {path}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def ours(url: str, workers: int, work: Path, code: Path = ROOT, **extra) -> Server:
    env = environment(url, **extra)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
                   cwd=code, env=env, check=True)
    port = free_port()
    return Server([str(ROOT / ".venv" / "bin" / "gunicorn"), "briefs_site.wsgi", "--bind",
                   f"127.0.0.1:{port}", "--workers", str(workers), "--timeout", "120"],
                  env, port, work / f"gunicorn-{port}.log", "/robots.txt", cwd=code)


def datasette(sqlite: Path, work: Path) -> Server:
    binary = ROOT / ".venv" / "bin" / "datasette"
    if not binary.exists():
        raise SystemExit('Datasette is missing: .venv/bin/pip install -e ".[bench]"')
    link = work / "bench.sqlite3"  # Datasette names the database after the file
    if not link.exists():
        link.symlink_to(sqlite)
    port = free_port()
    return Server([str(binary), "serve", "--immutable", str(link), "--port", str(port),
                   "--host", "127.0.0.1", "--setting", "suggest_facets", "off",
                   "--setting", "default_cache_ttl", "0"],
                  dict(os.environ), port, work / f"datasette-{port}.log", "/")


def run_wrk(wrk: str, port: int, script: str, args, work: Path) -> dict:
    lua = work / "run.lua"
    lua.write_text(script + REPORT_LUA)
    result = subprocess.run(
        [wrk, "-t", "2", "-c", str(args.clients), "-d", f"{args.seconds}s", "--timeout", "30s",
         "-s", str(lua), f"http://127.0.0.1:{port}"],
        capture_output=True, text=True, timeout=args.seconds + 120)
    out = result.stdout
    total, duration = re.search(r"TOTAL (\d+) ([\d.]+)", out).groups()
    found = {f"p{p}_ms": float(ms) for p, ms in re.findall(r"PCT (\d+) ([\d.]+)", out)}
    statuses = {k: int(v) for k, v in re.findall(r"(\dxx)=(\d+)", out)}
    return {"requests_per_s": round(int(total) / float(duration), 1), **found,
            "non_2xx": sum(v for k, v in statuses.items() if k != "2xx"),
            "socket_errors": sum(int(n) for name, n in re.findall(r"(\w+)=(\d+)",
                                 out.split("ERRORS", 1)[1].splitlines()[0]) if name != "status")}


def show(label: str, run: dict) -> None:
    print(f"  {label:<44} {run['requests_per_s']:>8.1f} req/s  p50 {run['p50_ms']:>7.1f} ms  "
          f"p99 {run['p99_ms']:>7.1f} ms  non-2xx {run['non_2xx']}  socket errors "
          f"{run['socket_errors']}", flush=True)


def median_of(runs: list[dict]) -> float:
    return statistics.median(run["requests_per_s"] for run in runs)


def compare_with_datasette(args, wrk: str, url: str, sqlite: Path, work: Path,
                           servers: list, summary: dict) -> None:
    rendered = ours(url, args.workers, work, RESPONSE_CACHE="0")
    theirs = datasette(sqlite, work)
    servers += [rendered, theirs]
    rendered.warm([pair[1] for pair in PAIRS])
    theirs.warm([pair[2] for pair in PAIRS])

    load = os.getloadavg()[0]
    print(f"== wrk {args.clients} connections, {args.seconds} s a run; load average "
          f"{load:.2f} on {os.cpu_count()} CPUs", flush=True)
    pairs = {}
    for name, mine, other in PAIRS:
        runs = {"ours": [], "datasette": []}
        for _ in range(args.rounds):  # A-B-A-B
            for who, server, path in (("ours", rendered, mine),
                                      ("datasette", theirs, other)):
                run = run_wrk(wrk, server.port, ONE_URL % {"path": json.dumps(path)},
                              args, work)
                runs[who].append(run)
                show(f"{name}: {who}", run)
        ratio = median_of(runs["ours"]) / max(0.1, median_of(runs["datasette"]))
        pairs[name] = {"ours": runs["ours"], "datasette": runs["datasette"],
                       "ratio": round(ratio, 2)}
        print(f"  -> {name}: ours {median_of(runs['ours']):.1f} req/s, Datasette "
              f"{median_of(runs['datasette']):.1f} req/s: ratio {ratio:.2f}", flush=True)
    summary["pairs"] = pairs
    theirs.stop()
    servers.remove(theirs)

    runs = [run_wrk(wrk, rendered.port, RANDOM_FILTERS, args, work)
            for _ in range(args.rounds)]
    for run in runs:
        show("ours, a new filter combination each request", run)
    summary["random_filters"] = {"runs": runs, "median_requests_per_s": median_of(runs)}
    rendered.stop()
    servers.remove(rendered)


def _codes(args, work: Path) -> dict[str, Path]:
    codes = {"current": ROOT}
    if args.baseline:
        codes[args.baseline] = export_revision(args.baseline, work / "baseline")
    return codes


def _alternate(args, wrk: str, servers: dict, scripts: dict, title: str) -> dict:
    """Each script against each server, A-B-A-B `--rounds` times: {label: {kind: [runs]}}."""
    print(f"== {title}; wrk {args.clients} connections, {args.seconds} s a run; load average "
          f"{os.getloadavg()[0]:.2f}", flush=True)
    results: dict = {label: {kind: [] for kind in scripts} for label in servers}
    for _ in range(args.rounds):
        for label, server in servers.items():
            for kind, (script, shown) in scripts.items():
                run = run_wrk(wrk, server.port, script, args, server.log.parent)
                run["load"] = round(os.getloadavg()[0], 2)
                results[label][kind].append(run)
                show(f"{label}: {shown}, load {run['load']:.2f}", run)
    for label in servers:
        print(f"  -> {label}: " + ", ".join(f"{kind} {median_of(results[label][kind]):.1f} "
                                             f"req/s" for kind in scripts), flush=True)
    if args.baseline:
        for kind in scripts:
            ratio = (median_of(results["current"][kind])
                     / max(0.1, median_of(results[args.baseline][kind])))
            print(f"  -> current / {args.baseline}, {kind}: {ratio:.2f}")
    return {label: {kind: {"runs": runs, "median_requests_per_s": median_of(runs)}
                    for kind, runs in kinds.items()} for label, kinds in results.items()}


def repeated_urls(args, wrk: str, url: str, work: Path, servers: list, summary: dict) -> None:
    """The repeated URLs with the response cache on; with --baseline, that revision's code
    too, A-B-A-B on the same database."""
    cached = {}
    for label, code in _codes(args, work).items():
        cached[label] = ours(url, args.workers, work, code=code)
        servers.append(cached[label])
        cached[label].warm(REPEATED)
    mix = MIX % {"paths": ", ".join(json.dumps(p) for p in REPEATED)}
    one = ONE_URL % {"path": json.dumps(REPEATED[0])}
    summary["repeated_urls"] = _alternate(
        args, wrk, cached, {"mix": (mix, "a mix of repeated URLs"),
                            "one": (one, "one of repeated URLs")},
        "repeated URLs, response cache on")


def random_filters(args, wrk: str, url: str, work: Path, servers: list, summary: dict) -> None:
    """A new filter combination on every request, response cache off; with --baseline, that
    revision's code too, A-B-A-B on the same database."""
    rendered = {}
    for label, code in _codes(args, work).items():
        rendered[label] = ours(url, args.workers, work, code=code, RESPONSE_CACHE="0")
        servers.append(rendered[label])
        rendered[label].warm(["/policies/", "/policies/?agency=MIIT"])
    summary["random_filters"] = _alternate(
        args, wrk, rendered, {"random": (RANDOM_FILTERS, "a new filter combination each "
                                                         "request")},
        "random filter combinations, response cache off")


def main() -> None:
    args = parse_args()
    wrk = ensure_wrk()
    os.environ["DJANGO_SETTINGS_MODULE"] = "briefs_site.test_settings"
    reused_server = bool(args.database and args.database.startswith("postgres"))
    if reused_server:
        os.environ["DATABASE_URL"] = args.database
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.gettempdir()}/bench-serve-unused.sqlite3"
    import django

    django.setup()
    from bench_pages import Databases
    from django.db import connection

    work = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    databases = Databases(keep=args.keep)
    summary: dict = {"policies": args.policies, "clients": args.clients,
                     "seconds": args.seconds, "workers": args.workers, "rounds": args.rounds}
    servers: list[Server] = []
    try:
        started = time.perf_counter()
        if reused_server:
            pass
        elif args.database:
            connection.settings_dict["NAME"] = args.database
        else:
            databases.fresh(args.policies)
            fill(args.policies, args.seed)
            databases.analyse()
        summary["database"] = databases.describe()
        url = database_url(connection)
        sqlite = None  # the --only scenarios run ours alone
        if args.only:
            pass
        elif connection.vendor == "sqlite":
            sqlite = Path(connection.settings_dict["NAME"])
        else:  # the same rows in a SQLite file for Datasette (a kept PostgreSQL database too:
            # generate_corpus with the same --policies and --seed made it)
            sqlite = work / "datasette.sqlite3"
            connection.close()
            env = {**os.environ, "DATABASE_URL": f"sqlite:///{sqlite}",
                   "DJANGO_SETTINGS_MODULE": "briefs_site.test_settings"}
            for command in (["migrate", "-v", "0"],
                            ["generate_corpus", "--policies", str(args.policies), "--seed",
                             str(args.seed), "-v", "0"]):
                subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env,
                               check=True, stdout=subprocess.DEVNULL)
        connection.close()
        print(f"== {summary['database']} (ours) and SQLite (Datasette), {args.policies:,} "
              f"policies, set up in {time.perf_counter() - started:.0f} s", flush=True)
        time.sleep(args.settle)
        load = os.getloadavg()[0]
        if not args.only:
            compare_with_datasette(args, wrk, url, sqlite, work, servers, summary)
        if args.only == "random":
            random_filters(args, wrk, url, work, servers, summary)
        else:
            repeated_urls(args, wrk, url, work, servers, summary)
        summary["load_average"] = [round(load, 2), round(os.getloadavg()[0], 2)]
        print(f"load average {load:.2f} before, {os.getloadavg()[0]:.2f} after; "
              f"uptime: {os.popen('uptime').read().strip()}")
    finally:
        for server in servers:
            server.stop()
        databases.cleanup()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(summary, ensure_ascii=False, separators=(",", ":")))


if __name__ == "__main__":
    main()
