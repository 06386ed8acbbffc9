#!/usr/bin/env python
"""Load: many concurrent clients against gunicorn, on loopback, for a bounded time.

    scripts/with-postgres.sh .venv/bin/python scripts/bench_load.py   # 100k, 50 clients, 60 s
    .venv/bin/python scripts/bench_load.py --policies 10000 --clients 16 --seconds 20   # SQLite

Makes a fresh database on DATABASE_URL's server (as scripts/bench_pages.py does; SQLite: a file),
fills it with `generate_corpus --policies N`, starts `gunicorn briefs_site.wsgi -w 2` on
127.0.0.1 (production settings: DEBUG off), and runs wrk (Debian's package; installed here with
apt-get when missing and root) with a Lua script that requests a mix of URLs at random: lists
with varied filters, searches in English and Chinese, permalinks, the API, filtered CSV exports
and feeds, each as often as the others. Prints requests/s, latency p50/p90/p99 and max, socket
errors and the responses by status class (the Lua script counts them), and the load average
before and after; the last line is a JSON summary. Rate limits are lifted for the run (one
client address would otherwise meet them). Asserts nothing: a 5xx or a socket error is printed.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

URLS = [
    "/policies/",
    "/policies/?agency=MIIT",
    "/policies/?agency=NDRC&agency=NEA&sector=energy&date_from=2024",
    "/policies/?lead=MIIT&type=notice",
    "/policies/?agency=MIIT&agency=NDRC&agency_match=all",
    "/policies/?sort=title&page=7",
    "/policies/?q=storage",
    "/policies/?q=汽车",
    "/policies/?q=数字化转型&agency=MIIT",
    "/agencies/miit/",
    "/sectors/energy/",
    "/news/",
    "/briefs/",
    "/api/policies/?agency=MIIT&sector=energy",
    "/api/policies/?q=energy",
    "/policies/export.csv?agency=SAMR&date_from=2025",
    "/policies/feed/?agency=MIIT",
    "/",
]
PERMALINKS = 6  # random policies' permalinks added to the mix

PATHS_LUA = """
local paths = {%(paths)s}
function request() return wrk.format("GET", paths[math.random(#paths)]) end
"""
# What every load script's wrk run reports (scripts/bench_serve.py uses it too): responses by
# status class, latency percentiles and maximum, requests and seconds, socket errors.
REPORT_LUA = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) s2, s3, s4, s5 = 0, 0, 0, 0 end
function response(status, headers, body)
  if status >= 500 then s5 = s5 + 1 elseif status >= 400 then s4 = s4 + 1
  elseif status >= 300 then s3 = s3 + 1 else s2 = s2 + 1 end
end
function done(summary, latency, requests)
  local t = {0, 0, 0, 0}
  for _, thread in ipairs(threads) do
    t[1] = t[1] + thread:get("s2"); t[2] = t[2] + thread:get("s3")
    t[3] = t[3] + thread:get("s4"); t[4] = t[4] + thread:get("s5")
  end
  io.write(string.format("STATUS 2xx=%d 3xx=%d 4xx=%d 5xx=%d\\n", t[1], t[2], t[3], t[4]))
  for _, p in ipairs({50, 90, 99}) do
    io.write(string.format("PCT %d %.1f\\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("MAX %.1f\\n", latency.max / 1000))
  io.write(string.format("TOTAL %d %.2f\\n", summary.requests, summary.duration / 1e6))
  local e = summary.errors
  io.write(string.format("ERRORS connect=%d read=%d write=%d status=%d timeout=%d\\n",
                         e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--policies", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the database")
    return parser.parse_args()


def export_revision(rev: str, into: Path) -> Path:
    """The code of a git revision in a folder of its own (made if missing), for a benchmark
    that runs it side by side with the working tree."""
    into.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.getuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
                       stdout=subprocess.DEVNULL)
        return shutil.which("wrk")
    raise SystemExit("wrk is needed: apt-get install wrk")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(connection) -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    host = db["HOST"] or db.get("OPTIONS", {}).get("host", "")
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    if host.startswith("/"):
        return f"postgres://{auth}@/{db['NAME']}?host={host}"
    return f"postgres://{auth}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


def start_gunicorn(url: str, port: int, workers: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "load-benchmark-" + "x" * 40,
           "ALLOWED_HOSTS": "127.0.0.1", "DJANGO_SETTINGS_MODULE": "briefs_site.settings",
           "SECURE_SSL_REDIRECT": "0",
           # one client address for every request: the per-client limits lifted for the run
           **{f"RATELIMIT_{name}": "1000000/s" for name in ("EXPORTS", "DUMP", "FEEDS",
                                                             "SEARCH_API")}}
    env.pop("DEBUG", None)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
                   cwd=ROOT, env=env, check=True)
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "briefs_site.wsgi", "--bind",
         f"127.0.0.1:{port}", "--workers", str(workers), "--timeout", "120"],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=2)
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit(f"gunicorn did not start:\n{log.read_text()[-2000:]}")


def main() -> None:
    args = parse_args()
    wrk = ensure_wrk()
    os.environ["DJANGO_SETTINGS_MODULE"] = "briefs_site.test_settings"
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.gettempdir()}/bench-load-unused.sqlite3"
    import django

    django.setup()
    from bench_pages import Databases
    from django.core.management import call_command
    from django.db import connection

    from policies.models import Policy

    databases = Databases(keep=args.keep)
    summary: dict = {"policies": args.policies, "clients": args.clients,
                     "seconds": args.seconds, "workers": args.workers}
    server = None
    try:
        databases.fresh(args.policies)
        started = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        call_command("generate_corpus", policies=args.policies, seed=args.seed, verbosity=0,
                     stdout=io.StringIO())
        databases.analyse()
        rng = random.Random(args.seed)
        pks = list(Policy.objects.values_list("pk", flat=True))
        permalinks = [Policy.objects.get(pk=pk).get_absolute_url()
                      for pk in rng.sample(pks, PERMALINKS)]
        summary["database"] = databases.describe()
        print(f"== {summary['database']}, {args.policies:,} policies, set up in "
              f"{time.perf_counter() - started:.0f} s", flush=True)
        url = database_url(connection)
        connection.close()

        port = free_port()
        work = Path(tempfile.mkdtemp(prefix="bench-load-"))
        server = start_gunicorn(url, port, args.workers, work / "gunicorn.log")
        paths = URLS + permalinks
        for path in paths:  # warm the workers and check that every URL answers
            address = f"http://127.0.0.1:{port}" + urllib.parse.quote(path, safe="/?=&")
            try:
                status = urllib.request.urlopen(address, timeout=60).status
            except urllib.error.HTTPError as answer:
                status = answer.code
            print(f"  {status} {path}")
        lua = work / "mix.lua"
        quoted = ", ".join(json.dumps(urllib.parse.quote(p, safe="/?=&")) for p in paths)
        lua.write_text(PATHS_LUA % {"paths": quoted} + REPORT_LUA)
        load_before = os.getloadavg()
        print(f"== wrk: {args.clients} connections, {args.threads} threads, {args.seconds} s, "
              f"gunicorn -w {args.workers}; load average {load_before[0]:.2f} on "
              f"{os.cpu_count()} CPUs", flush=True)
        result = subprocess.run(
            [wrk, "-t", str(args.threads), "-c", str(args.clients), "-d", f"{args.seconds}s",
             "--timeout", "30s", "-s", str(lua), f"http://127.0.0.1:{port}"],
            capture_output=True, text=True, timeout=args.seconds + 120)
        out = result.stdout
        load_after = os.getloadavg()
        statuses = dict(re.findall(r"(\dxx)=(\d+)", out))
        percentiles = {f"p{p}_ms": float(ms) for p, ms in re.findall(r"PCT (\d+) ([\d.]+)", out)}
        total, duration = re.search(r"TOTAL (\d+) ([\d.]+)", out).groups()
        errors = dict(re.findall(r"(\w+)=(\d+)", out.split("ERRORS", 1)[1].splitlines()[0]))
        summary.update({
            "requests": int(total), "requests_per_s": round(int(total) / float(duration), 1),
            **percentiles, "max_ms": float(re.search(r"MAX ([\d.]+)", out).group(1)),
            "status": {k: int(v) for k, v in statuses.items()},
            "socket_errors": {k: int(v) for k, v in errors.items() if k != "status"},
            "load_average": [round(load_before[0], 2), round(load_after[0], 2)],
        })
        print(f"requests     {summary['requests']:,} in {float(duration):.0f} s: "
              f"{summary['requests_per_s']} requests/s")
        print("latency      " + ", ".join(f"{k[:-3]} {v:.0f} ms" for k, v in percentiles.items())
              + f", max {summary['max_ms']:.0f} ms")
        print("responses    " + ", ".join(f"{k} {v:,}" for k, v in summary["status"].items()))
        print("socket errors " + ", ".join(f"{k} {v}" for k, v in summary["socket_errors"].items()))
        print(f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after")
    finally:
        if server:
            server.terminate()
            server.wait(timeout=30)
            errors = [line for line in (work / "gunicorn.log").read_text().splitlines()
                      if "Error" in line or "Traceback" in line]
            if errors:
                print(f"gunicorn log ({work / 'gunicorn.log'}): {len(errors)} error lines, "
                      f"first: {errors[0][:200]}")
        databases.cleanup()
    print(json.dumps(summary, ensure_ascii=False, separators=(",", ":")))


if __name__ == "__main__":
    main()
