#!/usr/bin/env bash
# One ZEO server (127.0.0.1:${ZEO_PORT:-8100}) and two Zope clients (8081, 8082)
# sharing one database and one blob folder (var/zeo). Ctrl+C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
ZEO_ADDRESS="127.0.0.1:${ZEO_PORT:-8100}"
PORT1="${PORT1:-8081}"
PORT2="${PORT2:-8082}"
DATA=var/zeo

$BIN/python scripts/make_instance.py zeo-client1 --port "$PORT1" --zeo "$ZEO_ADDRESS" --var "$DATA" >/dev/null
$BIN/python scripts/make_instance.py zeo-client2 --port "$PORT2" --zeo "$ZEO_ADDRESS" --var "$DATA" >/dev/null

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

$BIN/runzeo -C var/zeo-client1/etc/zeo.conf >>"$DATA/log/zeo-stdout.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do
  (exec 3<>"/dev/tcp/${ZEO_ADDRESS%:*}/${ZEO_ADDRESS#*:}") 2>/dev/null && break
  sleep 0.2
done
echo "ZEO server on $ZEO_ADDRESS (data in $DATA)"

# Site and demo data, created through the first client if missing.
$BIN/zconsole run var/zeo-client1/etc/zope.conf scripts/create_site.py --demo

$BIN/runwsgi var/zeo-client1/etc/zope.ini &
pids+=($!)
$BIN/runwsgi var/zeo-client2/etc/zope.ini &
pids+=($!)
# One text worker (OCR / pdftotext) for the whole database, through client 1.
$BIN/python -m sirhp.content.documents.worker --url "http://localhost:$PORT1/sirhp" \
  >>"$DATA/log/text-worker.log" 2>&1 &
pids+=($!)
echo "Zope clients: http://localhost:$PORT1/sirhp and http://localhost:$PORT2/sirhp"
echo "Text worker: log in $DATA/log/text-worker.log"
wait -n "${pids[@]}"
