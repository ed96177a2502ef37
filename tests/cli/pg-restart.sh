#!/usr/bin/env bash
# Restarts the throwaway PostgreSQL that tests/support/pg-fixture.sh started (fast mode: every
# client connection is cut), for fault drills. Same options as before (pg_ctl reuses them).
#   pg-restart.sh STATE_DIR
set -euo pipefail
state=${1:?state dir}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
data="$(cat "$state/datadir")/data"
if [ "$(id -u)" = 0 ]; then
  runuser -u postgres -- "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -m fast -w -t 30 restart >/dev/null
else
  "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -m fast -w -t 30 restart >/dev/null
fi
