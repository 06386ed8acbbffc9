#!/usr/bin/env bash
# Run a command against PostgreSQL.
#   DATABASE_URL set to a postgres URL: use it as it is.
#   Otherwise: start a throwaway cluster (initdb/pg_ctl, Unix socket in a temp dir, UTF-8 locale so
#   pg_trgm sees Chinese), export DATABASE_URL, run the command, stop and remove the cluster.
#   No PostgreSQL on the machine: say so and skip (exit 0), except under CI=true (exit 1).
set -euo pipefail

if [[ "${DATABASE_URL:-}" == postgres* ]]; then
  echo "== PostgreSQL: using DATABASE_URL from the environment"
  exec "$@"
fi

find_bin() {
  local name=$1 dir
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  for dir in /usr/lib/postgresql/*/bin; do
    [[ -x "$dir/$name" ]] && { echo "$dir/$name"; return 0; }
  done
  return 1
}

if ! INITDB=$(find_bin initdb) || ! PG_CTL=$(find_bin pg_ctl); then
  if [[ "${CI:-}" == "true" ]]; then
    echo "ERROR: PostgreSQL server binaries (initdb, pg_ctl) not found; CI must test on PostgreSQL." >&2
    exit 1
  fi
  echo "== PostgreSQL is not installed here (no initdb/pg_ctl): skipping the PostgreSQL half."
  echo "   Install it (Debian: apt-get install postgresql) to run the suite on PostgreSQL too."
  exit 0
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/briefs-pg.XXXXXX")
chmod 755 "$WORK"
AS=()
if [[ $(id -u) == 0 ]]; then
  # initdb refuses to run as root: the cluster belongs to the postgres user.
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$WORK"
  AS=(runuser -u postgres --)
fi

cleanup() {
  "${AS[@]}" "$PG_CTL" -D "$WORK/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

"${AS[@]}" "$INITDB" -D "$WORK/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 \
  || { cat "$WORK/initdb.log" >&2; exit 1; }
# No autovacuum: the suite empties and refills the same tables test after test, and a vacuum
# between two tests records them as empty; the planner then believed a test's own rows were none
# and nested its facet queries (8 s each on 300 policies, 2 ms planned from no statistics).
# Benchmarks ANALYZE what they fill themselves.
"${AS[@]}" "$PG_CTL" -D "$WORK/data" -l "$WORK/server.log" -w -t 60 \
  -o "-k $WORK -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c jit=off -c autovacuum=off" \
  start >/dev/null || { cat "$WORK/server.log" >&2; exit 1; }

export DATABASE_URL="postgres://postgres@/briefs?host=$WORK"
echo "== PostgreSQL: throwaway cluster $("$INITDB" --version | awk '{print $3}') on socket $WORK"
set +e
"$@"
status=$?
set -e
exit $status
