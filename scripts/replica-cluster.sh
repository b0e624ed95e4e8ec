#!/usr/bin/env bash
# Two API servers on one PostgreSQL primary and its streaming replica, all on loopback ports, for
# the replica test (api/replica/replica.cluster.test.ts) and for trying the set-up by hand.
#   scripts/replica-cluster.sh start DIR [BASE_PORT]   primary BASE, replica BASE+1, API servers BASE+2 and BASE+3
#   scripts/replica-cluster.sh stop DIR
# start prints the settings as KEY=value lines and writes them to DIR/env: PRIMARY_URL, REPLICA_URL,
# API_A, API_B, CLUSTER_USER, CLUSTER_PASSWORD (a township chief of 界牌镇 it adds). Logs: DIR/*.log.
# The replica is made with pg_basebackup -R (standby.signal, primary_conninfo) from the primary's
# empty cluster, so the servers' migrations and seeding reach it by replication like any write.
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?data folder}; base=${3:-55610}
bin=/usr/lib/postgresql/15/bin
root=$(cd "$(dirname "$0")/.." && pwd)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

stop_api() {
  local pidfile=$dir/$1.pid
  if [ -f "$pidfile" ]; then
    local pid; pid=$(cat "$pidfile")
    # Its own process group (setsid below): npx, tsx and node go down together.
    kill -TERM -- "-$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
    rm -f "$pidfile"
  fi
}

wait_health() {
  local url=$1 log=$2
  for _ in $(seq 600); do
    if node -e "fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" "$url/api/health"; then return 0; fi
    sleep 0.5
  done
  echo "no health at $url; last log lines:" >&2; tail -n 30 "$log" >&2; return 1
}

start_api() {
  local name=$1 port=$2
  # exec all the way down: the pid written is setsid's, the leader of the server's own process
  # group (npx, tsx and node), which stop_api ends. DATA_DIR is unused with PostgreSQL; no web
  # build: the API is what is tested.
  ( cd "$root" && exec env PORT="$port" HOST=127.0.0.1 DATABASE_URL="$primary_url" DATABASE_READ_URL="$replica_url" \
      DATA_DIR="$dir/data-$name" WEB_DIST= LOG_REQUESTS=false ANSWER_CACHE_MS="${CLUSTER_ANSWER_CACHE_MS:-60000}" \
      setsid npx tsx api/main.ts >"$dir/$name.log" 2>&1 ) &
  echo $! >"$dir/$name.pid"
}

case "$cmd" in
  start)
    mkdir -p "$dir"; chmod 755 "$dir"
    primary_url=$("$root/scripts/pg-cluster.sh" start "$dir/primary" "$base" | tail -n 1)
    replica_url="postgres://postgres@127.0.0.1:$((base + 1))/hengyang"
    # pg-cluster.sh turns synchronous_commit off for speed, which holds WAL back from the replica
    # for up to 200 ms (wal_writer_delay); a primary commits durably before it answers.
    as_pg "$bin/psql" -h 127.0.0.1 -p "$base" -U postgres -qc "ALTER DATABASE hengyang SET synchronous_commit = on" hengyang
    if [ ! -f "$dir/replica/PG_VERSION" ]; then
      mkdir -p "$dir/replica"; [ "$(id -u)" = 0 ] && chown postgres "$dir/replica"; chmod 700 "$dir/replica"
      as_pg "$bin/pg_basebackup" -h 127.0.0.1 -p "$base" -U postgres -D "$dir/replica" -R -X stream -c fast
    fi
    as_pg "$bin/pg_ctl" -D "$dir/replica" -l "$dir/replica/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -c port=$((base + 1)) -c unix_socket_directories=$dir/replica -c hot_standby=on" start >/dev/null
    # The first server migrates and seeds the primary; the second starts on what it finds.
    start_api api-a $((base + 2))
    wait_health "http://127.0.0.1:$((base + 2))" "$dir/api-a.log"
    start_api api-b $((base + 3))
    wait_health "http://127.0.0.1:$((base + 3))" "$dir/api-b.log"
    # A township account (界牌镇: chiefs report hazards) of this start's own; a second start adds another.
    stamp=$(date +%s); user=cluster-chief-$stamp; password=cluster-pw-$stamp-$RANDOM
    ( cd "$root" && DATABASE_URL=$primary_url npx tsx scripts/user-add.ts --username "$user" --role township --township 430421110 --password "$password" >"$dir/user-add.log" 2>&1 ) \
      || { cat "$dir/user-add.log" >&2; exit 1; }
    cat >"$dir/env" <<EOF
PRIMARY_URL=$primary_url
REPLICA_URL=$replica_url
API_A=http://127.0.0.1:$((base + 2))
API_B=http://127.0.0.1:$((base + 3))
CLUSTER_USER=$user
CLUSTER_PASSWORD=$password
EOF
    cat "$dir/env"
    ;;
  stop)
    stop_api api-a; stop_api api-b
    [ -f "$dir/replica/postmaster.pid" ] && as_pg "$bin/pg_ctl" -D "$dir/replica" -m fast -w stop >/dev/null || true
    "$root/scripts/pg-cluster.sh" stop "$dir/primary"
    ;;
  *) echo "usage: $0 start|stop DIR [BASE_PORT]" >&2; exit 2 ;;
esac
