#!/usr/bin/env bash
# A throwaway PostgreSQL 15 for the test suite: initdb into a temp dir, a private port and
# socket, password auth over TCP (so wrong-password tests mean something), trust on the socket.
#   pg-fixture.sh start STATE_DIR   → writes STATE_DIR/url (superuser URL) and STATE_DIR/datadir
#   pg-fixture.sh restart STATE_DIR → same data dir, port and password (`pg_ctl restart -m fast`:
#                                      open connections are cut, as in a server restart)
#   pg-fixture.sh stop STATE_DIR
#   pg-fixture.sh pause|resume STATE_DIR   → stops / starts the same server (same data, port)
#   pg-fixture.sh standby STATE_DIR → a streaming hot standby of the running server
#                                      (pg_basebackup -R over the socket, trust for local
#                                      replication as initdb sets it) on a port of its own:
#                                      STATE_DIR/standby_url; `stop` stops it too
# Runs the server as the unprivileged 'postgres' user when invoked as root (initdb refuses root).
set -euo pipefail
cmd=${1:?start|restart|stop|pause|resume}
state=${2:?state dir}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "pg-fixture: PostgreSQL server binaries not found (apt-get install postgresql-15)" >&2
  exit 1
fi

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# a free port: try random ones until nothing answers
free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$(( 20000 + RANDOM % 30000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || break
  done
  echo "$p"
}

case "$cmd" in
start)
  mkdir -p "$state"
  if [ -f "$state/datadir" ] && [ -d "$(cat "$state/datadir")" ]; then
    "$0" stop "$state" || true
  fi
  tmp=$(mktemp -d /tmp/ragscope-pg.XXXXXX)
  chmod 755 "$tmp"
  if [ "$(id -u)" = 0 ]; then
    install -d -o postgres -g postgres -m 700 "$tmp/data"
  else
    install -d -m 700 "$tmp/data"
  fi
  password="rs-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
  printf '%s\n' "$password" > "$tmp/pwfile"
  chmod 644 "$tmp/pwfile"
  as_pg "$bindir/initdb" -D "$tmp/data" -U postgres --pwfile="$tmp/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync >"$tmp/initdb.log" 2>&1 \
    || { cat "$tmp/initdb.log" >&2; exit 1; }
  rm -f "$tmp/pwfile"
  port=$(free_port)
  # settings in the config file, so that `resume` starts the same server with a plain pg_ctl start
  printf '%s\n' "port = $port" "unix_socket_directories = '$tmp/data'" "listen_addresses = '127.0.0.1'" \
    "fsync = off" "synchronous_commit = off" "full_page_writes = off" "max_connections = 200" \
    | as_pg tee -a "$tmp/data/postgresql.conf" >/dev/null
  as_pg "$bindir/pg_ctl" -D "$tmp/data" -l "$tmp/data/server.log" -w -t 30 start >/dev/null \
    || { cat "$tmp/data/server.log" >&2; exit 1; }
  echo "$tmp" > "$state/datadir"
  echo "postgresql://postgres:${password}@127.0.0.1:${port}/postgres" > "$state/url"
  echo "pg-fixture: PostgreSQL running on 127.0.0.1:$port (data in $tmp)"
  ;;
restart)
  tmp=$(cat "$state/datadir")
  # pg_ctl restart reuses the options the server was started with (postmaster.opts): same port
  as_pg "$bindir/pg_ctl" -D "$tmp/data" -l "$tmp/data/server.log" -m fast -w -t 30 restart >/dev/null \
    || { tail -n 20 "$tmp/data/server.log" >&2; exit 1; }
  echo "pg-fixture: restarted"
  ;;
standby)
  tmp=$(cat "$state/datadir")
  port=$(sed -n 's/^port = //p' "$tmp/data/postgresql.conf" | tail -n 1)
  sb=$(mktemp -d /tmp/ragscope-pgsb.XXXXXX)
  chmod 755 "$sb"
  if [ "$(id -u)" = 0 ]; then
    install -d -o postgres -g postgres -m 700 "$sb/data"
  else
    install -d -m 700 "$sb/data"
  fi
  echo "$sb" > "$state/standby_datadir"
  as_pg "$bindir/pg_basebackup" -h "$tmp/data" -p "$port" -U postgres -D "$sb/data" -R -X stream \
    --checkpoint=fast --no-sync >"$sb/basebackup.log" 2>&1 || { cat "$sb/basebackup.log" >&2; exit 1; }
  sbport=$(free_port)
  # later lines win: its own port and socket; the copied config and -R's standby.signal do the rest
  printf '%s\n' "port = $sbport" "unix_socket_directories = '$sb/data'" "hot_standby = on" \
    | as_pg tee -a "$sb/data/postgresql.conf" >/dev/null
  as_pg "$bindir/pg_ctl" -D "$sb/data" -l "$sb/data/server.log" -w -t 30 start >/dev/null \
    || { cat "$sb/data/server.log" >&2; exit 1; }
  sed "s/:${port}\//:${sbport}\//" "$state/url" > "$state/standby_url"
  echo "pg-fixture: standby of port $port running on 127.0.0.1:$sbport (data in $sb)"
  ;;
stop)
  if [ -f "$state/standby_datadir" ]; then
    sb=$(cat "$state/standby_datadir")
    if [ -d "$sb/data" ]; then
      as_pg "$bindir/pg_ctl" -D "$sb/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$sb" "$state/standby_datadir" "$state/standby_url"
  fi
  [ -f "$state/datadir" ] || exit 0
  tmp=$(cat "$state/datadir")
  if [ -d "$tmp/data" ]; then
    as_pg "$bindir/pg_ctl" -D "$tmp/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp" "$state/datadir" "$state/url"
  echo "pg-fixture: stopped"
  ;;
pause)
  as_pg "$bindir/pg_ctl" -D "$(cat "$state/datadir")/data" -m fast -w stop >/dev/null
  ;;
resume)
  tmp=$(cat "$state/datadir")
  as_pg "$bindir/pg_ctl" -D "$tmp/data" -l "$tmp/data/server.log" -w -t 30 start >/dev/null \
    || { cat "$tmp/data/server.log" >&2; exit 1; }
  ;;
*)
  echo "usage: $0 start|restart|stop|pause|resume|standby STATE_DIR" >&2
  exit 2
  ;;
esac
