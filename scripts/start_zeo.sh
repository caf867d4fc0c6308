#!/usr/bin/env bash
# One ZEO server (127.0.0.1:${ZEO_PORT:-8100}), two Zope clients (8081, 8082)
# sharing one database and one blob folder (var/zeo), and the text worker,
# under scripts/supervise.py: a process that dies is started again (with a
# growing delay, logged in var/zeo/log/supervise.log); Ctrl+C stops them all.
# Environment: ZEO_PORT, PORT1, PORT2 (empty: one client), SIRHP_VAR (parent
# folder of the instances, default var), SITE_ARGS (for create_site.py,
# default --demo).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="$(pwd)/.venv/bin"
PYTHON="${PYTHON:-$BIN/python}"
BIN="$(dirname "$PYTHON")"
# the console scripts are run by $PYTHON, whatever their shebang says
run() { local script="$1"; shift; "$PYTHON" "$BIN/$script" "$@"; }
BASE="${SIRHP_VAR:-var}"
ZEO_ADDRESS="127.0.0.1:${ZEO_PORT:-8100}"
PORT1="${PORT1:-8081}"
PORT2="${PORT2-8082}"
DATA="$BASE/zeo"
export SIRHP_HEALTH_WORKER="${SIRHP_HEALTH_WORKER:-1}"

clients=(1)
[ -n "$PORT2" ] && clients+=(2)
for n in "${clients[@]}"; do
  port_var="PORT$n"
  "$PYTHON" scripts/make_instance.py "zeo-client$n" --port "${!port_var}" \
    --zeo "$ZEO_ADDRESS" --var "$DATA" --base "$BASE" >/dev/null
done
mkdir -p "$DATA/log"

# Site and demo data, created through the first client if missing, with a
# ZEO server started for that time only.
"$PYTHON" "$BIN/runzeo" -C "$BASE/zeo-client1/etc/zeo.conf" >>"$DATA/log/zeo-server.log" 2>&1 &
zeo=$!
trap 'kill $zeo 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  (exec 3<>"/dev/tcp/${ZEO_ADDRESS%:*}/${ZEO_ADDRESS#*:}") 2>/dev/null && break
  sleep 0.2
done
# shellcheck disable=SC2086
run zconsole run "$BASE/zeo-client1/etc/zope.conf" scripts/create_site.py ${SITE_ARGS:---demo}
kill "$zeo"
wait "$zeo" 2>/dev/null || true
trap - EXIT

programs=(--program "zeo-server=$PYTHON $BIN/runzeo -C $BASE/zeo-client1/etc/zeo.conf")
for n in "${clients[@]}"; do
  programs+=(--program "client$n=$PYTHON $BIN/runwsgi $BASE/zeo-client$n/etc/zope.ini")
done
# One text worker (OCR / pdftotext) for the whole database, through client 1.
programs+=(--program "text-worker=$PYTHON -m sirhp.content.documents.worker --url http://127.0.0.1:$PORT1/sirhp")

echo "ZEO server on $ZEO_ADDRESS (data in $DATA)"
for n in "${clients[@]}"; do
  port_var="PORT$n"
  echo "Zope client $n: http://localhost:${!port_var}/sirhp (health: @@health)"
done
echo "Logs: $DATA/log/<program>.log, supervisor: $DATA/log/supervise.log"
exec "$PYTHON" scripts/supervise.py --log-dir "$DATA/log" "${programs[@]}"
