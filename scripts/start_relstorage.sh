#!/usr/bin/env bash
# PostgreSQL (127.0.0.1:${PG_PORT:-5433}, data in var/postgres) and two Zope
# clients (8081, 8082) on RelStorage, and the text worker, under
# scripts/supervise.py like scripts/start_zeo.sh: a process that dies is
# started again, Ctrl+C stops them all (PostgreSQL last, with pg_ctl stop).
# History-free, blobs in the database (instance/storage-relstorage.conf.in);
# the audit journal and login counters in the same database
# (SIRHP_AUDIT_DSN in each zope.conf: one journal for every host).
# Environment: PG_PORT, PORT1, PORT2 (empty: one client), SIRHP_VAR (parent
# folder of the instances, default var), SITE_ARGS (for create_site.py,
# default --demo).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="$(pwd)/.venv/bin"
PYTHON="${PYTHON:-$BIN/python}"
BIN="$(dirname "$PYTHON")"
run() { local script="$1"; shift; "$PYTHON" "$BIN/$script" "$@"; }
BASE="${SIRHP_VAR:-var}"
PG_PORT="${PG_PORT:-5433}"
PGDATA="$(realpath -m "$BASE/postgres")"
PORT1="${PORT1:-8081}"
PORT2="${PORT2-8082}"
LOGS="$BASE/relstorage/log"
export SIRHP_HEALTH_WORKER="${SIRHP_HEALTH_WORKER:-1}"
mkdir -p "$LOGS"

# The database (created the first time), up for the site creation, then
# handed over to the supervisor.
DSN="$("$PYTHON" scripts/postgres.py start --dir "$PGDATA" --port "$PG_PORT")"
trap '"$PYTHON" scripts/postgres.py stop --dir "$PGDATA"' EXIT

clients=(1)
[ -n "$PORT2" ] && clients+=(2)
for n in "${clients[@]}"; do
  port_var="PORT$n"
  "$PYTHON" scripts/make_instance.py "relstorage-client$n" --port "${!port_var}" \
    --relstorage "$DSN" --base "$BASE" >/dev/null
done
# shellcheck disable=SC2086
run zconsole run "$BASE/relstorage-client1/etc/zope.conf" scripts/create_site.py ${SITE_ARGS:---demo}
"$PYTHON" scripts/postgres.py stop --dir "$PGDATA"
trap - EXIT

programs=(--program "postgres=$PYTHON scripts/postgres.py run --dir $PGDATA --port $PG_PORT")
for n in "${clients[@]}"; do
  programs+=(--program "client$n=$PYTHON $BIN/runwsgi $BASE/relstorage-client$n/etc/zope.ini")
done
programs+=(--program "text-worker=$PYTHON -m sirhp.content.documents.worker --url http://127.0.0.1:$PORT1/sirhp")

echo "PostgreSQL on 127.0.0.1:$PG_PORT (data in $PGDATA, DSN: python scripts/postgres.py dsn)"
for n in "${clients[@]}"; do
  port_var="PORT$n"
  echo "Zope client $n: http://localhost:${!port_var}/sirhp (health: @@health)"
done
echo "Logs: $LOGS/<program>.log, supervisor: $LOGS/supervise.log"
exec "$PYTHON" scripts/supervise.py --log-dir "$LOGS" "${programs[@]}"
