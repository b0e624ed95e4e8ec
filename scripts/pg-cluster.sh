#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL 15 + PostGIS cluster on a loopback port, for tests and benchmarks.
#   scripts/pg-cluster.sh start DIR [PORT]   prints the connection URL on its last line
#   scripts/pg-cluster.sh stop DIR
# Runs as the current user; as root it runs the server as the `postgres` system user.
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?data folder}; port=${3:-55432}
bin=/usr/lib/postgresql/15/bin
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
  start)
    if [ ! -x "$bin/postgres" ] || [ ! -f /usr/share/postgresql/15/extension/postgis.control ]; then
      echo "PostgreSQL 15 with PostGIS is missing: apt-get install -y postgresql-15-postgis-3" >&2; exit 1
    fi
    mkdir -p "$dir"; [ "$(id -u)" = 0 ] && chown postgres "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
      as_pg "$bin/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    fi
    as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
    as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qtAc "SELECT 1 FROM pg_database WHERE datname='hengyang'" | grep -q 1 \
      || as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres hengyang
    echo "postgres://postgres@127.0.0.1:$port/hengyang"
    ;;
  stop)
    [ -f "$dir/postmaster.pid" ] && as_pg "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null || true
    ;;
  *) echo "usage: $0 start|stop DIR [PORT]" >&2; exit 2 ;;
esac
