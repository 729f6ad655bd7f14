#!/usr/bin/env bash
# CI: install (apt-get, when missing) and start a throwaway PostgreSQL server
# on loopback for the storage tests, then print the URL to use, e.g.
#
#   export DOCGEN_TEST_POSTGRES_URL="$(bash scripts/postgres-ci.sh)"
#   trap 'bash scripts/postgres-ci.sh stop' EXIT
#
# Trust authentication, no fsync, data in $PGDATA_DIR (default
# /tmp/docgen-ci-postgres), port $PGPORT (default 5433). PostgreSQL refuses to
# run as root, so as root the server runs as the postgres user. Everything
# but the URL goes to stderr.
set -euo pipefail
dir="${PGDATA_DIR:-/tmp/docgen-ci-postgres}"
port="${PGPORT:-5433}"
database="${PGDATABASE_NAME:-docgen_test}"

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

bin="$(bin_dir)"
if [ "${1:-}" = "stop" ]; then
  [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ] && \
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast stop >&2
  exit 0
fi

if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "postgres-ci: apt-get install postgresql" >&2
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql >&2
  bin="$(bin_dir)"
fi

if [ -f "$dir/data/postmaster.pid" ]; then
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >&2 || true
fi
rm -rf "$dir"
mkdir -p "$dir"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >&2
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-h 127.0.0.1 -p $port -k $dir -F" start >&2
as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$database" >&2
echo "postgresql://postgres@127.0.0.1:$port/$database"
