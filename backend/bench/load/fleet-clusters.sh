#!/usr/bin/env bash
# The servers of pnpm bench:load --servers S: S small local PostgreSQL clusters, so that the benchmark's instances
# are spread over several servers as a real fleet's are. On one server, every instance's cluster-wide reads
# (pg_stat_database, pg_stat_activity, pg_stat_statements) return every other instance's databases and sessions too,
# which makes collection grow with the square of the fleet.
#
#   fleet-clusters.sh create S FIRST_PORT   drops any earlier fleet clusters, creates and starts S new ones on
#                                           FIRST_PORT … FIRST_PORT+S-1; prints one port per line
#   fleet-clusters.sh drop                  stops and drops every fleet cluster
#
# Loopback only, trust authentication, pg_stat_statements preloaded. Needs Debian's postgresql-common and root.
set -euo pipefail

PREFIX=inspector_bench_fleet_
VERSION=$(ls /usr/lib/postgresql | sort -V | tail -n 1)

if ! command -v pg_createcluster >/dev/null 2>&1; then
  echo "pg_createcluster not found (install postgresql-common): cannot create the benchmark's servers" >&2
  exit 3
fi
if [[ "$(id -u)" != 0 ]]; then
  echo "creating PostgreSQL clusters needs root: run as root, or use --servers 1" >&2
  exit 1
fi

drop_all() {
  for conf in /etc/postgresql/"$VERSION"/"$PREFIX"*; do
    [[ -d "$conf" ]] || continue
    pg_dropcluster --stop "$VERSION" "$(basename "$conf")" >/dev/null 2>&1 || true
    rm -rf "$conf"
  done
  # A create interrupted during initdb leaves a data directory without its configuration, which pg_dropcluster cannot
  # see and the next pg_createcluster of that name refuses.
  for data in /var/lib/postgresql/"$VERSION"/"$PREFIX"*; do
    [[ -d "$data" ]] && rm -rf "$data"
  done
  return 0
}

create_one() { # $1: cluster name, $2: port
  local name="$1" port="$2" conf="/etc/postgresql/$VERSION/$1"
  pg_createcluster "$VERSION" "$name" -p "$port" --start-conf=manual >/dev/null
  mkdir -p "$conf/conf.d"
  printf '%s\n' '# Written by backend/bench/load/fleet-clusters.sh' "listen_addresses = '127.0.0.1'" 'max_connections = 60' \
    'shared_buffers = 16MB' "shared_preload_libraries = 'pg_stat_statements'" >"$conf/conf.d/inspector-bench.conf"
  printf '%s\n' '# Written by backend/bench/load/fleet-clusters.sh: loopback only.' 'local all postgres peer' \
    'host  all all 127.0.0.1/32 trust' >"$conf/pg_hba.conf"
  chown -R postgres:postgres "$conf"
}

case "${1:-}" in
  drop)
    drop_all
    ;;
  create)
    count="${2:?how many servers}"
    first_port="${3:?first port}"
    drop_all
    # initdb takes seconds per cluster: create them side by side, then start them one by one (pg_ctlcluster reads
    # every cluster's configuration, and a half-made one fails it).
    for index in $(seq 1 "$count"); do
      create_one "$PREFIX$index" $((first_port + index - 1)) &
    done
    wait
    for index in $(seq 1 "$count"); do
      pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$PREFIX$index" start
    done
    for index in $(seq 1 "$count"); do
      port=$((first_port + index - 1))
      for _ in $(seq 1 30); do
        pg_isready -q -h 127.0.0.1 -p "$port" && break
        sleep 1
      done
      pg_isready -q -h 127.0.0.1 -p "$port" || { echo "the server on port $port did not start" >&2; exit 1; }
      echo "$port"
    done
    ;;
  *)
    echo "usage: $0 create S FIRST_PORT | drop" >&2
    exit 2
    ;;
esac
